/**
 * The signed-in user and the inbox counts, shared by the pages under the signed-in layout
 * (both are queries: ['me'] and ['tasks', 'counts']).
 */
import { createContext, useContext } from 'react';
import type { Me } from '../../api.js';

export interface Session {
  me: Me;
  counts: { open: number; overdue: number } | undefined;
  refreshCounts: () => void;
}
export const SessionContext = createContext<Session | undefined>(undefined);
/** The signed-in user (pages under SignedIn only). */
export const useSession = () => useContext(SessionContext)!;
