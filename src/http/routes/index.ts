/** Every route of /api/v1, by resource: the one list app.ts mounts and openapi.ts documents. */
import type { Route } from '../route.js';
import { auditLogRoutes } from './auditLog.js';
import { deviationRoutes } from './deviations.js';
import { formRoutes } from './forms.js';
import { governanceRoutes } from './governance.js';
import { instanceRoutes } from './instances.js';
import { organisationRoutes } from './organisation.js';
import { processRoutes } from './processes.js';
import { processMapRoutes } from './processMap.js';
import { publicRoutes } from './public.js';
import { routineRoutes } from './routines.js';
import { sessionRoutes } from './session.js';
import { systemRoutes } from './system.js';
import { taskRoutes } from './tasks.js';

export const apiRoutes: Route[] = [
  ...systemRoutes,
  ...sessionRoutes,
  ...publicRoutes,
  ...organisationRoutes,
  ...routineRoutes,
  ...processRoutes,
  ...governanceRoutes,
  ...processMapRoutes,
  ...instanceRoutes,
  ...taskRoutes,
  ...deviationRoutes,
  ...formRoutes,
  ...auditLogRoutes,
];
