/** Server state of a case's instance: the instance with its diagram, and retrying an incident. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api.js';

const instanceKey = (key: string) => ['instances', 'detail', key] as const;

/**
 * The instance and the diagram of the version it runs on (issue 14: a case keeps the version it
 * started on): the process version published as its definition, else the latest model.
 */
export const useInstance = (key: string) =>
  useQuery({
    queryKey: instanceKey(key),
    queryFn: async () => {
      const inst = await api.instance(key);
      const own = (await api.processVersions(inst.processId).catch(() => [])).find((v) => v.publication?.definitionKey === inst.processDefinitionKey);
      const { xml } = own ? await api.processVersion(inst.processId, own.number) : await api.processXml(inst.processId);
      return { inst, xml };
    },
  });

/** Retries an incident; the instance is read again (the step runs again). */
export function useRetryIncident(instance: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (incident: string) => api.retryIncident(incident),
    onSuccess: () => qc.invalidateQueries({ queryKey: instanceKey(instance) }),
  });
}
