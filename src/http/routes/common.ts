/** What several resources' routes share: path parameters, the command answers, the unit lists. */
import { z } from 'zod';
import type { User } from '../../domain/org/index.js';
import type { Services } from '../../services.js';
import { CommandPending } from '../contract.js';
import * as s from '../schemas.js';

/** `{key}`: an engine key. */
export const keyParams = z.object({ key: s.keyParam });
/** `{processId}`: a BPMN process id. */
export const processParams = z.object({ processId: s.bpmnId });

/** The 202 of a command route (the engine has not applied it yet). */
export const pending = {
  202: { description: 'Accepted, not yet applied by the engine: follow `location` (GET /commands/{id})', schema: CommandPending },
} as const;

/** The idempotency scope of a user's commands. */
export const mine = (user: User) => `user:${user.id}`;

/** The units, as a form's list offers them. */
export async function unitOptions(sv: Services): Promise<{ label: string; value: string }[]> {
  return (await sv.org.nodes()).filter((n) => n.type === 'unit' && n.active !== false).map((n) => ({ label: n.name, value: n.id }));
}

/** The values of a form's dynamic lists (`valuesKey`), for checking a submission. */
export async function dynamicValues(sv: Services): Promise<Record<string, unknown[]>> {
  return { units: (await unitOptions(sv)).map((u) => u.value) };
}
