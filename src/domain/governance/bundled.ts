/**
 * The bundled models (bpmn/) and process versions. At installation every bundled process gets
 * version 1, published and adopted by "införande" on the day it was deployed, so the map's
 * "Fastställd" is a real adoption record from the first start. A later product release with a
 * changed bundled model adds a version the same way — until the organisation has adopted a
 * version of its own: from then on the process is theirs, and the bundled file is no longer
 * deployed over it (a restart must not undo an adoption).
 */
import { engineTables as engine } from '../../engine/readModel.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { DeployResource, DeploymentResult } from '../../engine/port.js';
import { stockholmDate } from '../calendar/localDate.js';
import { INSTALLATION, processIdOf, withdrawStaleReviews } from './versions.js';

/** The bundled resources to deploy: every form, and the models of processes the organisation has not adopted a version of. */
export async function bundledToDeploy(db: Db, resources: DeployResource[]): Promise<DeployResource[]> {
  const own = new Set<string>(
    await db('process_version').whereNot({ adopted_by: INSTALLATION }).whereIn('state', ['adopted', 'published', 'superseded']).distinct().pluck('process_id'),
  );
  return resources.filter((r) => !r.name.endsWith('.bpmn') || !own.has(processIdOf(r.content) ?? ''));
}

/** Records a published "införande" version for each deployed bundled process that has none for its definition (idempotent). */
export async function ensureBundledVersions(db: Db, clock: Clock, deployed: DeploymentResult, resources: DeployResource[]): Promise<void> {
  const xmlOf = new Map(resources.map((r) => [r.name, r.content]));
  // one read at every start for which definitions already have their version (usually all of them)
  const recorded = new Set(
    (
      await db('process_version')
        .whereIn(
          'definition_key',
          deployed.processes.map((p) => p.key),
        )
        .select('process_id', 'definition_key')
    ).map((r) => `${r.process_id}\n${r.definition_key}`),
  );
  for (const p of deployed.processes) {
    const xml = xmlOf.get(p.resourceName);
    if (!xml || recorded.has(`${p.processId}\n${p.key}`)) continue;
    const at = await engine
      .from(db, 'definition', 'd')
      .where('d.key', p.key)
      .first<{ deployed_at: Date } | undefined>('d.deployed_at')
      .catch(() => undefined);
    const deployedAt = at?.deployed_at ? new Date(at.deployed_at) : clock.now();
    await db.transaction(async (tx) => {
      const latest = await tx('process_version').where({ process_id: p.processId }).max('number as n').first<{ n: number | null } | undefined>();
      const number = Number(latest?.n ?? 0) + 1;
      await tx('process_version').where({ process_id: p.processId, state: 'published' }).update({ state: 'superseded', updated_at: deployedAt });
      await tx('process_version').insert({
        process_id: p.processId,
        number,
        state: 'published',
        xml,
        based_on: number > 1 ? number - 1 : null,
        author: INSTALLATION,
        change_note: number === 1 ? 'Processen som den levererades med produkten' : 'Ny version från en produktuppdatering',
        created_at: deployedAt,
        updated_at: deployedAt,
        adopted_by: INSTALLATION,
        adopted_role: INSTALLATION,
        decision_level: 'installation',
        decided_by: null,
        decision_date: stockholmDate(deployedAt),
        decision_reference: null,
        adopted_at: deployedAt,
        definition_key: p.key,
        deployed_version: p.version,
        published_at: deployedAt,
      });
      const published = await tx('process_version').where({ process_id: p.processId, number }).first<{ id: number }>('id');
      await withdrawStaleReviews(tx, deployedAt, p.processId, Number(published.id), 'Återkallad: en ny version av processen kom med en produktuppdatering.');
    });
  }
}
