/** Server state of the forms under version control (issue 14.1): the list, one form, and the editor's commands. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api.js';

const formKeys = { all: ['forms'] as const, one: (formId: string) => ['forms', formId] as const };

export const useForms = () => useQuery({ queryKey: formKeys.all, queryFn: () => api.forms() });

/** One form; read once per visit (the editor must not be replaced while the user works in it). */
export const useFormDetail = (formId: string) => useQuery({ queryKey: formKeys.one(formId), queryFn: () => api.form(formId), staleTime: Infinity });

/** Creating a form, saving its draft, publishing it: each answers with the form, which replaces the cached one. */
export function useFormCommands(formId: string) {
  const qc = useQueryClient();
  const done = async (form: Awaited<ReturnType<typeof api.form>>) => {
    qc.setQueryData(formKeys.one(form.formId), form);
    await qc.invalidateQueries({ queryKey: formKeys.all, exact: true });
  };
  return {
    create: useMutation({
      mutationFn: (v: { formId: string; title: string; schema: Record<string, unknown> }) => api.createForm(v.formId, v.title, v.schema),
      onSuccess: done,
    }),
    save: useMutation({
      mutationFn: (v: { schema: Record<string, unknown>; title?: string }) => api.saveFormDraft(formId, v.schema, v.title),
      onSuccess: done,
    }),
    publish: useMutation({ mutationFn: () => api.publishForm(formId), onSuccess: done }),
  };
}
