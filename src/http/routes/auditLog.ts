/** The log review (loggkontroll, issue 15 point 5): the audit log filtered and paged, the bursts view, the CSV export. */
import * as c from '../contract.js';
import * as s from '../schemas.js';
import { route } from '../route.js';

const tag = 'Loggkontroll';

export const auditLogRoutes = [
  route({
    operationId: 'listAuditLog',
    method: 'get',
    path: '/audit-log',
    tag,
    access: 'session',
    policy: 'audit.review',
    summary:
      'The audit log of your part of the organisation, newest first: by person, case number, unit (with the units below) and period; view outside-unit (reads of a case outside the reader’s units that day) or own-case (reads of a case she reported); audited',
    query: s.auditLogQuery,
    responses: { 200: { description: 'A page of the log', schema: c.AuditPage } },
    handle: async ({ sv, user, query: { page, pageSize, ...filter } }) => ({ status: 200, body: await sv.auditLog.list(user, filter, page, pageSize) }),
  }),
  route({
    operationId: 'listAuditBursts',
    method: 'get',
    path: '/audit-log/bursts',
    tag,
    access: 'session',
    policy: 'audit.review',
    summary: 'Bursts: one person reading at least minCases distinct cases within windowMinutes (the period defaults to the last 30 days); audited',
    query: s.auditBurstQuery,
    responses: { 200: { description: 'The bursts, by person and time', schema: c.AuditBursts } },
    handle: async ({ sv, user, query: { windowMinutes, minCases, ...filter } }) => ({
      status: 200,
      body: { items: await sv.auditLog.bursts(user, filter, windowMinutes, minCases) },
    }),
  }),
  route({
    operationId: 'exportAuditLog',
    method: 'get',
    path: '/audit-log/export',
    tag,
    access: 'session',
    policy: 'audit.review',
    summary: 'The filtered log as CSV, at most 10 000 rows (a last line says when more matched); the export is audited',
    query: s.auditExportQuery,
    responses: { 200: { description: 'The CSV file', schema: c.CsvText, contentType: 'text/csv' } },
    handle: async ({ sv, user, query }) => {
      const file = await sv.auditLog.export(user, query);
      return {
        status: 200,
        body: file.csv,
        headers: { 'Content-Disposition': 'attachment; filename="loggkontroll.csv"', 'X-Row-Count': String(file.rows), 'X-Truncated': String(file.truncated) },
      };
    },
  }),
];
