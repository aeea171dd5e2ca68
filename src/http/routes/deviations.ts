/** Deviations back to the process (issue 14 point 5): the counts per activity on the process page's diagram. */
import { z } from 'zod';
import * as c from '../contract.js';
import * as s from '../schemas.js';
import { route } from '../route.js';
import { processParams } from './common.js';

export const deviationRoutes = [
  route({
    operationId: 'processDeviationCounts',
    method: 'get',
    path: '/processes/{processId}/deviation-counts',
    tag: 'Processer',
    access: 'session',
    policy: 'deviation.counts',
    summary:
      'Avvikelser and synpunkter per activity of a process, opened from `from` to `to` (dates, both included), counted at the units you may see; no case data',
    params: processParams,
    query: s.deviationCountsQuery,
    responses: { 200: { description: 'The counts, by activity', schema: z.array(c.DeviationCount) } },
    handle: async ({ sv, user, params, query }) => ({ status: 200, body: await sv.deviations.counts(user, params.processId, query) }),
  }),
];
