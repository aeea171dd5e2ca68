/** Deployment: lint, parse, version BPMN processes and forms; timer start events scheduled. */
import type { Db } from '../../db/index.js';
import { EngineInvalid, EngineNotFound, type DeployResource, type DeploymentResult } from '../port.js';
import { checkResources, sha } from '../resources.js';
import { parseBpmn, type ProcessModel } from '../model.js';
import { evalFeel, FeelError } from './feel.js';
import { timerSchedule, TimerValueError, type TimerKind, type TimerSchedule } from './timers.js';

/** Parsed models by definition key (definitions never change once deployed). */
export class ModelCache {
  private readonly cache = new Map<string, Promise<ProcessModel>>();
  constructor(private readonly db: Db) {}

  /** The parsed model of a process definition. */
  get(definitionKey: string, conn: Db = this.db): Promise<ProcessModel> {
    let p = this.cache.get(definitionKey);
    if (!p) {
      p = this.load(definitionKey, conn);
      this.cache.set(definitionKey, p);
      p.catch(() => this.cache.delete(definitionKey));
    }
    return p;
  }

  private async load(key: string, conn: Db): Promise<ProcessModel> {
    const d = await conn('engine_definition').where({ key }).first();
    if (!d) throw new EngineNotFound(`process definition ${key} not found`);
    const models = await parseBpmn(d.xml);
    const m = models.find((x) => x.processId === d.process_id);
    if (!m) throw new EngineNotFound(`process ${d.process_id} not in its resource`);
    return m;
  }
}

/** Deploys resources in one transaction; a model that fails lint refuses the whole deployment. */
export async function deployResources(db: Db, models: ModelCache, resources: DeployResource[], now: Date): Promise<DeploymentResult> {
  const same = await alreadyDeployed(db, resources);
  if (same) return same;
  const { models: parsed, forms } = await checkResources(resources);
  return db.transaction(async (tx) => {
    await tx.raw('lock table engine_definition in share row exclusive mode');
    const key = async () => String((await tx.raw("select nextval('engine_key_seq') as k")).rows[0].k);
    const result: DeploymentResult = { key: await key(), processes: [], forms: [] };
    for (const { res, models: ms } of parsed) {
      for (const m of ms) {
        const latest = await tx('engine_definition').where({ process_id: m.processId }).orderBy('version', 'desc').first();
        if (latest && latest.checksum === sha(res.content)) {
          result.processes.push({ processId: m.processId, name: m.name, version: latest.version, key: String(latest.key), resourceName: res.name });
          continue;
        }
        const k = await key();
        const version = (latest?.version ?? 0) + 1;
        await tx('engine_definition').insert({
          key: k,
          process_id: m.processId,
          version,
          name: m.name ?? null,
          resource_name: res.name,
          checksum: sha(res.content),
          xml: res.content,
          deployed_at: now,
        });
        await scheduleTimerStarts(tx, m, k, latest ? String(latest.key) : undefined, now, key);
        result.processes.push({ processId: m.processId, name: m.name, version, key: k, resourceName: res.name });
      }
    }
    for (const f of forms) {
      const latest = await tx('engine_form').where({ form_id: f.id }).orderBy('version', 'desc').first();
      if (latest && latest.checksum === sha(f.res.content)) {
        result.forms.push({ formId: f.id, version: latest.version, key: String(latest.key) });
        continue;
      }
      const k = await key();
      const version = (latest?.version ?? 0) + 1;
      await tx('engine_form').insert({ key: k, form_id: f.id, version, checksum: sha(f.res.content), schema: JSON.stringify(f.schema) });
      result.forms.push({ formId: f.id, version, key: k });
    }
    void models;
    return result;
  });
}

/**
 * The result of deploying `resources` when each of them is already the latest version of what
 * it defines (same name, same checksum), read from the definitions without linting or parsing
 * anything: a server start deploys the bundled models again, and linting some 30 unchanged
 * models took most of a production start (scripts/start-time.ts). Anything new or changed,
 * and any resource that is not a latest version, goes the whole way (undefined).
 */
async function alreadyDeployed(db: Db, resources: DeployResource[]): Promise<DeploymentResult | undefined> {
  if (!resources.length) return undefined;
  const sums = resources.map((r) => sha(r.content));
  // Every version with one of these checksums, and whether it is its process's (form's) latest.
  const rows = (table: string, id: string) =>
    db(`${table} as d`)
      .whereIn('d.checksum', sums)
      .select('d.*', db.raw(`d.version = (select max(x.version) from ${table} x where x.${id} = d.${id}) as latest`));
  const [defs, forms] = await Promise.all([rows('engine_definition', 'process_id'), rows('engine_form', 'form_id')]);
  const result: DeploymentResult = { key: '', processes: [], forms: [] };
  for (const [i, res] of resources.entries()) {
    const form = res.name.endsWith('.form');
    // The processes (or the form) this content defined when it was first deployed: all of them must still be latest.
    const mine = (form ? forms : defs).filter((x) => x.checksum === sums[i] && (form || x.resource_name === res.name));
    const ids = new Set(mine.map((x) => String(form ? x.form_id : x.process_id)));
    const latest = mine.filter((x) => x.latest === true);
    if (!ids.size || latest.length !== ids.size) return undefined;
    for (const d of latest) {
      if (form) result.forms.push({ formId: d.form_id, version: d.version, key: String(d.key) });
      else result.processes.push({ processId: d.process_id, name: d.name ?? undefined, version: d.version, key: String(d.key), resourceName: res.name });
    }
  }
  result.key = String((await db.raw("select nextval('engine_key_seq') as k")).rows[0].k);
  return result;
}

/** A new version replaces the old version's timer start events. */
async function scheduleTimerStarts(
  tx: Db,
  m: ProcessModel,
  defKey: string,
  previous: string | undefined,
  now: Date,
  key: () => Promise<string>,
): Promise<void> {
  if (previous) await tx('engine_timer').where({ definition_key: previous, state: 'ACTIVE' }).whereNull('root_key').update({ state: 'CANCELED' });
  for (const s of m.startEvents.filter((e) => e.timer)) {
    const t = timerStart(s.id, s.timer!.kind, s.timer!.expression, now);
    await tx('engine_timer').insert({
      key: await key(),
      root_key: null,
      element_key: null,
      definition_key: defKey,
      element_id: s.id,
      due_at: t.due,
      repetitions: t.repetitions,
      interval: t.interval,
      state: 'ACTIVE',
    });
  }
}

/** A timer start event's schedule; its expression is evaluated at deployment, without variables (Zeebe rejects the deployment otherwise). */
function timerStart(id: string, kind: TimerKind, expression: string, now: Date): TimerSchedule {
  try {
    return timerSchedule(kind, expression, evalFeel(expression, {}, now), now);
  } catch (e) {
    if (!(e instanceof FeelError || e instanceof TimerValueError)) throw e;
    throw new EngineInvalid(`Expected a valid timer expression for start event '${id}', but encountered the following error: ${e.message}`);
  }
}
