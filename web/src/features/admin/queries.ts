/** The administration's server state (TanStack Query over adminApi). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi, type Schemas } from '../../api.js';

export type AdminNode = Schemas['AdminNode'];
export type Person = Schemas['Person'];
export type NodeType = AdminNode['type'];

const KEYS = { nodes: ['admin', 'nodes'], people: ['admin', 'people'], roles: ['admin', 'roles'] } as const;

export const useNodes = () => useQuery({ queryKey: KEYS.nodes, queryFn: adminApi.nodes });
export const usePeople = () => useQuery({ queryKey: KEYS.people, queryFn: adminApi.people });
export const useRoles = () => useQuery({ queryKey: KEYS.roles, queryFn: adminApi.roles });

/** A change that refreshes the administration's lists when it succeeds. */
export function useAdminChange<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['admin'] }) });
}

/** The nodes in tree order, each with its depth. */
export function treeOrder(nodes: AdminNode[]): { node: AdminNode; depth: number }[] {
  const out: { node: AdminNode; depth: number }[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const n of nodes.filter((x) => x.parentId === parentId).sort((a, b) => a.name.localeCompare(b.name, 'sv'))) {
      out.push({ node: n, depth });
      if (depth < 20) visit(n.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
