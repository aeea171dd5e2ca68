/** Server state of reporting: a process's start form with the units to choose from, and starting a case. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api.js';

/** The start form and the units its unit field offers (read once per visit, like a task's form). */
export const useStartForm = (processId: string) =>
  useQuery({
    queryKey: ['start-form', processId],
    queryFn: async () => {
      const [schema, units] = await Promise.all([api.startForm(processId), api.units()]);
      return { schema, data: { units: units.filter((u) => u.type === 'unit').map((u) => ({ label: u.name, value: u.id })) } };
    },
    staleTime: Infinity,
    gcTime: 0,
  });

/** Whether the user may start this process by hand (the definitions say so per user). */
export const useStartable = (processId: string) =>
  useQuery({
    queryKey: ['definitions'],
    queryFn: api.definitions,
    select: (defs) => defs.some((d) => d.processId === processId && d.startable),
  });

/** Waits a few seconds for the case number the registration step gives (undefined if it has not come). */
async function waitForCaseNumber(key: string): Promise<string | undefined> {
  for (let i = 0; i < 20; i++) {
    const inst = await api.instance(key).catch(() => undefined);
    const n = inst?.variables.caseNumber;
    if (typeof n === 'string' && n) return n;
    await new Promise((r) => setTimeout(r, 300));
  }
  return undefined;
}

export const useStart = (processId: string) =>
  useMutation({
    mutationFn: (variables: Record<string, unknown>) => api.start(processId, variables),
  });

export { waitForCaseNumber };
