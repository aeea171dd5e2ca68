/**
 * The bundled forms (bpmn/forms) in the database: at every start each one becomes a published
 * version by "införande" unless the database has it as it is, the way the bundled processes
 * become process versions (governance/bundled.ts). A form the organisation has published a
 * version of itself is theirs: the bundled file neither adds a version nor is deployed over it.
 */
import type { Db } from '../../db/index.js';
import type { DeployResource } from '../../engine/port.js';
import { sha } from '../../engine/resources.js';
import { titleOf } from './schema.js';
import type { FormState } from './store.js';

/** The author of the bundled forms' versions (as for the bundled processes). */
const INSTALLATION = 'införande';

/**
 * Records each bundled form that the database does not have as it is (idempotent; one read at
 * every start): a form new to the database gets version 1, published by "införande"; a bundled
 * form changed by a product update gets a new published version — unless the organisation has
 * published a version of its own, which a restart must not undo. Unreadable files are left to
 * the engine's deployment check, which refuses them.
 */
export async function ensureBundledForms(db: Db, now: Date, resources: DeployResource[]): Promise<void> {
  const bundled = resources
    .filter((r) => r.name.endsWith('.form'))
    .flatMap((r) => {
      try {
        const schema = JSON.parse(r.content) as { id?: unknown };
        return typeof schema.id === 'string' ? [{ formId: schema.id, content: r.content, schema }] : [];
      } catch {
        return [];
      }
    });
  if (!bundled.length) return;
  const rows = await db('form_version')
    .whereIn(
      'form_id',
      bundled.map((b) => b.formId),
    )
    .select<{ form_id: string; author: string; state: FormState; checksum: string; published_by: string | null }[]>(
      'form_id',
      'author',
      'state',
      'checksum',
      'published_by',
    );
  const byForm = new Map<string, typeof rows>();
  for (const r of rows) byForm.set(r.form_id, [...(byForm.get(r.form_id) ?? []), r]);
  for (const b of bundled) {
    const versions = byForm.get(b.formId) ?? [];
    const checksum = sha(b.content);
    const own = versions.some((v) => v.state !== 'draft' && v.published_by !== INSTALLATION);
    if (own || versions.some((v) => v.author === INSTALLATION && v.checksum === checksum)) continue;
    await db.transaction(async (tx) => {
      if (!versions.length) await tx('form').insert({ form_id: b.formId, title: titleOf(b.formId, b.schema), created_by: INSTALLATION, created_at: now });
      const latest = await tx('form_version').where({ form_id: b.formId }).max('number as n').first<{ n: number | null } | undefined>();
      await tx('form_version').where({ form_id: b.formId, state: 'published' }).update({ state: 'superseded', updated_at: now });
      await tx('form_version').insert({
        form_id: b.formId,
        number: Number(latest?.n ?? 0) + 1,
        state: 'published',
        schema: b.content,
        checksum,
        author: INSTALLATION,
        created_at: now,
        updated_at: now,
        published_by: INSTALLATION,
        published_at: now,
      });
    });
  }
}

/** The bundled resources without the forms the organisation has published its own version of (one query). */
export async function ownFormsLeftOut(db: Db, resources: DeployResource[]): Promise<DeployResource[]> {
  const own = new Set<string>(
    await db('form_version').whereNot({ published_by: INSTALLATION }).whereIn('state', ['published', 'superseded']).distinct().pluck('form_id'),
  );
  if (!own.size) return resources;
  return resources.filter((r) => !r.name.endsWith('.form') || !own.has(r.name.slice(0, -'.form'.length)));
}
