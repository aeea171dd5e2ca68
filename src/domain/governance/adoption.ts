/**
 * The adoption (fastställelse) as the workers of bpmn/faststallelse.bpmn see it: who decided is
 * the user who completed the adoption task in the inbox (its audit row), checked against the
 * process's decision level; the record is written and the version published.
 */
import { completerOf } from '../tasks/completer.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import { OrgService } from '../org/index.js';
import { audit } from '../audit/index.js';
import { may } from '../policy.js';
import { decisionLevel, type DecisionLevel } from './policy.js';
import { isDescriptive, lintFieldErrors, publishVersion, returnToDraft, versionById, type Deploy } from './versions.js';

/** The element of the adoption task in faststallelse.bpmn. */
const ADOPTION_TASK = 'Task_Adopt';

/** The org nodes at the decision level (where its role must be held to adopt). */
export async function levelNodes(db: Db, level: DecisionLevel): Promise<string[]> {
  return (await db('org_node').whereIn('type', level.at).orderBy('id').select('id')).map((r: { id: string }) => r.id);
}

/** Where the adoption task is put in the inbox: the first node of the level where someone holds its role (else the first node of the level). */
export async function adoptionUnit(db: Db, level: DecisionLevel): Promise<string | null> {
  const nodes = await levelNodes(db, level);
  const held = await db('active_role_assignment').whereIn('node_id', nodes).where('role', level.role).orderBy('node_id').first('node_id');
  return held?.node_id ?? nodes[0] ?? null;
}

/** Who completed the adoption task of the instance (tasks/completer.ts). */
async function adopter(db: Db, instanceKey: string): Promise<string | undefined> {
  const task = await db('user_task').where({ process_instance_key: instanceKey, element_id: ADOPTION_TASK }).orderBy('created_at', 'desc').first('key');
  if (!task) return undefined;
  return completerOf(db, String(task.key));
}

export interface AdoptionInput {
  versionId: number;
  instanceKey: string;
  decisionDate: string;
  decisionReference: string;
}

/**
 * Records the adoption and publishes the version; answers whether it was published. A version
 * whose adopter lacks the decision level, or whose model no longer passes lint, goes back to
 * its author as a draft with a note saying why. Run again after a crash, it finishes what is left.
 */
export async function adoptAndPublish(db: Db, clock: Clock, deploy: Deploy, a: AdoptionInput): Promise<boolean> {
  let v = await versionById(db, a.versionId);
  if (v.state === 'published' || v.state === 'superseded') return true;
  const now = clock.now();
  if (v.state === 'review') {
    const level = decisionLevel(v.processId);
    const username = await adopter(db, a.instanceKey);
    const row = username ? await db('app_user').where({ username }).first('id') : undefined;
    const user = row ? await new OrgService(db, clock, 1).user(row.id) : undefined;
    if (!user || !may(user, 'processVersion.adopt', { processId: v.processId, levelNodes: await levelNodes(db, level) })) {
      await returnToDraft(db, now, v.id, `Inte fastställd: den som fattade beslutet har inte beslutsnivån (${level.decidedBy}).`);
      return false;
    }
    const { errors } = await lintFieldErrors(v.xml, await isDescriptive(db, v.processId), db);
    if (errors.length) {
      await returnToDraft(db, now, v.id, `Inte fastställd: modellen har fel. ${errors.map((e) => e.message).join(' ')}`.slice(0, 2000));
      return false;
    }
    await db.transaction(async (tx) => {
      await tx('process_version').where({ id: v.id, state: 'review' }).update({
        state: 'adopted',
        adopted_by: user.username,
        adopted_role: level.role,
        decision_level: level.level,
        decided_by: level.decidedBy,
        decision_date: a.decisionDate,
        decision_reference: a.decisionReference,
        adopted_at: now,
        updated_at: now,
      });
      await audit(tx, now, user.username, 'adopt', 'process-version', String(v.id));
    });
    v = await versionById(db, a.versionId);
  }
  // a descriptive process is adopted (fastställd) as a map; it is published once it is made executable
  if (v.state !== 'adopted' || (await isDescriptive(db, v.processId))) return false;
  await publishVersion(db, deploy, now, 'faststallelse', v);
  return true;
}
