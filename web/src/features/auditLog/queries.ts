/** Loggkontroll's server state (TanStack Query over auditApi): a page of the log, the bursts. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { auditApi, type AuditQuery, type Schemas } from '../../api.js';

export type AuditEntry = Schemas['AuditEntry'];

export const useAuditLog = (q: AuditQuery, page: number, enabled: boolean) =>
  useQuery({ queryKey: ['audit-log', q, page], queryFn: () => auditApi.list(q, page), enabled, placeholderData: keepPreviousData });

export const useAuditBursts = (q: AuditQuery, windowMinutes: number, minCases: number, enabled: boolean) =>
  useQuery({ queryKey: ['audit-log', 'bursts', q, windowMinutes, minCases], queryFn: () => auditApi.bursts(q, windowMinutes, minCases), enabled });
