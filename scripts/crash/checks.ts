/**
 * The crash suite's verdict: every acknowledged command compared with the final state in the
 * database (the suite's own database, so every row in it came from this run). One line per
 * check; each failing item is named precisely (command kind, process/element, the states found).
 */
import type { Knex } from 'knex';
import type { Command } from './client.js';
import { TIMER_PROCESS } from './timers.js';
import type { CaseTypeColumn } from '../../src/db/tables.js';

export interface CheckLine {
  name: string;
  checked: number;
  lost: string[];
  duplicated: string[];
}

/**
 * How many distinct things failed: one stuck task or instance can fail two checks (a completion
 * answered but not applied is also a task stuck in 'completing'), so items naming the same
 * task or instance count once.
 */
export function distinct(items: string[]): number {
  return new Set(items.map((i) => /\b(task|instance) \d+/.exec(i)?.[0] ?? i)).size;
}

/** The kinds of failure in a line: its items without their keys and command numbers, counted. */
export function failureKinds(items: string[]): [string, number][] {
  const kinds = new Map<string, number>();
  for (const i of items) {
    const k = i.replace(/ \(command \d+[^)]*\)/, '').replace(/\b\d{10,}\b/g, '…');
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  return [...kinds].sort((a, b) => b[1] - a[1]);
}

/** The kind of case (a row in the case core, `case`) each process registers (its first service task). */
const CASE_TYPE: Record<string, CaseTypeColumn> = {
  'lex-sarah': 'lex-sarah',
  synpunkt: 'feedback',
  avvikelse: 'deviation',
  riskanalys: 'risk-analysis',
  internkontroll: 'control-plan',
  huvudprocess: 'care-case',
};

/** Runs every check; returns the lines in order. */
export async function runChecks(db: Knex, ledger: Command[]): Promise<CheckLine[]> {
  const acked = (c: Command) => c.outcome === 'ack' || c.outcome === 'ack-409';
  const starts = ledger.filter((c) => c.kind !== 'complete');
  const completions = ledger.filter((c) => c.kind === 'complete' && acked(c));
  const byMarker = await instancesByMarker(db, starts);
  return [
    await startsHaveOneInstance(starts.filter(acked), byMarker),
    await startsHaveRefAndAudit(db, starts.filter(acked), byMarker),
    await casesHaveCaseRow(db, starts.filter(acked), byMarker),
    await unacknowledgedStarts(
      db,
      starts.filter((c) => !acked(c)),
      byMarker,
    ),
    await completionsApplied(db, completions),
    await nothingCompleting(db),
    await inboxMatchesEngine(db),
    await activeInstancesWait(db),
    await noStepTwice(db),
    await noIncidents(db),
  ];
}

type MarkerMap = Map<string, string[]>;
const markerKey = (c: Command) => `${c.kind}|${c.processId}|${c.markerField}|${c.marker}`;

/** Root instances carrying each start's marker (starts by hand: no start message; e-service: its message). */
async function instancesByMarker(db: Knex, starts: Command[]): Promise<MarkerMap> {
  const rows = await db('engine_variable_all as v')
    .join('engine_instance_all as i', 'i.key', 'v.scope_key')
    .whereNull('i.parent_instance_key')
    .whereIn('v.name', [...new Set(starts.map((c) => c.markerField!))])
    .select('i.key', 'i.process_id', 'i.start_message_name', 'v.name', db.raw("v.value #>> '{}' as value"));
  const map: MarkerMap = new Map();
  for (const r of rows) {
    const kind = r.start_message_name === null ? 'start' : r.start_message_name === 'synpunkt-e-service' ? 'e-service' : undefined;
    if (!kind) continue; // a linked case copies its source's description: not a start of ours
    const k = `${kind}|${r.process_id}|${r.name}|${r.value}`;
    map.set(k, [...(map.get(k) ?? []), String(r.key)]);
  }
  return map;
}

const what = (c: Command) =>
  `${c.kind} ${c.processId}${c.elementId ? `/${c.elementId}` : ''} (command ${c.id}, ${c.attempts} attempt${c.attempts > 1 ? 's' : ''}${c.unanswered ? `, ${c.unanswered} unanswered` : ''})`;

async function startsHaveOneInstance(acked: Command[], byMarker: MarkerMap): Promise<CheckLine> {
  const line: CheckLine = { name: 'acknowledged starts have exactly one instance', checked: acked.length, lost: [], duplicated: [] };
  for (const c of acked) {
    const keys = byMarker.get(markerKey(c)) ?? [];
    if (keys.length === 0) line.lost.push(`${what(c)}: no instance`);
    if (keys.length > 1) line.duplicated.push(`${what(c)}: ${keys.length} instances`);
  }
  return line;
}

async function startsHaveRefAndAudit(db: Knex, acked: Command[], byMarker: MarkerMap): Promise<CheckLine> {
  const line: CheckLine = { name: 'acknowledged starts have one reference row and one audit row', checked: acked.length, lost: [], duplicated: [] };
  for (const c of acked) {
    const keys = byMarker.get(markerKey(c)) ?? [];
    if (c.kind === 'start') {
      for (const key of keys) {
        const refs = await count(db('process_instance_ref').where({ key }));
        const audits = await count(db('audit_log').where({ action: 'start', subject_type: 'process-instance', subject_key: key }));
        if (refs === 0 || audits === 0) line.lost.push(`${what(c)}: instance ${key} has ${refs} reference rows, ${audits} audit rows`);
        if (refs > 1 || audits > 1) line.duplicated.push(`${what(c)}: instance ${key} has ${refs} reference rows, ${audits} audit rows`);
      }
    } else {
      // each instance the submission started carries its receipt as the start message's correlation key
      for (const key of keys) {
        const receipt = (await db('engine_instance_all').where({ key }).first('start_correlation_key'))?.start_correlation_key as string;
        const audits = await count(db('audit_log').where({ action: 'submit', subject_type: 'synpunkt', subject_key: receipt }));
        if (audits === 0) line.lost.push(`${what(c)}: instance ${key} has no audit row for its receipt`);
        if (audits > 1) line.duplicated.push(`${what(c)}: instance ${key} has ${audits} audit rows for its receipt`);
      }
    }
  }
  return line;
}

async function casesHaveCaseRow(db: Knex, acked: Command[], byMarker: MarkerMap): Promise<CheckLine> {
  const line: CheckLine = { name: 'started instances have their case row (case number)', checked: 0, lost: [], duplicated: [] };
  for (const c of acked) {
    for (const key of byMarker.get(markerKey(c)) ?? []) {
      line.checked++;
      const n = await count(db('case').where({ type: CASE_TYPE[c.processId]!, process_instance_key: key }));
      if (n === 0) line.lost.push(`${what(c)}: instance ${key} has no ${CASE_TYPE[c.processId]} case`);
    }
  }
  return line;
}

/** Starts that never got an answer: they may have started something, but not half of it. */
async function unacknowledgedStarts(db: Knex, unacked: Command[], byMarker: MarkerMap): Promise<CheckLine> {
  const line: CheckLine = {
    name: 'unacknowledged starts left no half-done instance (instance without reference/audit row)',
    checked: unacked.length,
    lost: [],
    duplicated: [],
  };
  for (const c of unacked) {
    for (const key of c.kind === 'start' ? (byMarker.get(markerKey(c)) ?? []) : []) {
      const refs = await count(db('process_instance_ref').where({ key }));
      if (refs === 0) line.lost.push(`${what(c)} (${c.outcome}${c.status ? ` ${c.status}` : ''}): instance ${key} without reference row`);
    }
  }
  return line;
}

async function completionsApplied(db: Knex, acked: Command[]): Promise<CheckLine> {
  const line: CheckLine = { name: 'acknowledged completions completed the task once (engine, inbox, audit)', checked: acked.length, lost: [], duplicated: [] };
  for (const c of acked) {
    const engine = await db('engine_user_task_all as t')
      .leftJoin('engine_element_all as e', 'e.key', 't.element_key')
      .where('t.key', c.taskKey!)
      .first('t.state', 'e.state as element_state');
    const inbox = await db('user_task').where({ key: c.taskKey! }).first('state');
    const audits = await count(db('audit_log').where({ action: 'complete', subject_type: 'task', subject_key: c.taskKey! }));
    const states = `task ${c.taskKey}: engine task ${engine?.state ?? 'missing'}, element ${engine?.element_state ?? 'missing'}, inbox ${inbox?.state ?? 'missing'}, ${audits} audit rows`;
    const how = c.outcome === 'ack-409' ? ' (answered 409 on a retry)' : '';
    if (engine?.state !== 'COMPLETED' || engine?.element_state !== 'COMPLETED' || inbox?.state !== 'completed' || audits === 0)
      line.lost.push(`${what(c)}${how}: ${states}`);
    if (audits > 1) line.duplicated.push(`${what(c)}: ${states}`);
  }
  return line;
}

async function nothingCompleting(db: Knex): Promise<CheckLine> {
  const rows = await db('user_task').where({ state: 'completing' }).select('key', 'process_id', 'element_id');
  return {
    name: "no inbox task stuck in 'completing'",
    checked: await count(db('user_task')),
    lost: rows.map((r) => `task ${r.key} ${r.process_id}/${r.element_id}: completing`),
    duplicated: [],
  };
}

async function inboxMatchesEngine(db: Knex): Promise<CheckLine> {
  const rows = (
    await db.raw(`
    select t.key::text as key, u.key as inbox_key, coalesce(t.element_id, u.element_id) as element_id, t.state as engine, u.state as inbox from engine_user_task_all t full join user_task u on u.key = t.key::text
    where (t.state = 'CREATED') is distinct from (u.state in ('open', 'completing'))`)
  ).rows as { key: string | null; inbox_key: string | null; element_id: string; engine: string; inbox: string }[];
  return {
    name: 'open engine tasks and open inbox tasks are the same',
    checked: await count(db('engine_user_task_all')),
    lost: rows.map((r) => `task ${r.key ?? r.inbox_key} ${r.element_id ?? ''}: engine ${r.engine ?? 'missing'}, inbox ${r.inbox ?? 'missing'}`),
    duplicated: [],
  };
}

/** An active instance waits for something: a task, a timer, a message, a job, a child, an incident. */
async function activeInstancesWait(db: Knex): Promise<CheckLine> {
  const rows = (
    await db.raw(`
    select i.key::text as key, i.process_id,
      (select string_agg(e.element_id || ':' || e.element_type, ',') from engine_element e where e.instance_key = i.key and e.state = 'ACTIVE') as active
    from engine_instance i where i.state = 'ACTIVE'
      and not exists (select 1 from engine_user_task t where t.instance_key = i.key and t.state = 'CREATED')
      and not exists (select 1 from engine_timer m join engine_element e on e.key = m.element_key where e.instance_key = i.key and m.state = 'ACTIVE')
      and not exists (select 1 from engine_subscription s where s.instance_key = i.key and s.state = 'OPEN')
      and not exists (select 1 from engine_job j where j.instance_key = i.key and j.state in ('ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN'))
      and not exists (select 1 from engine_instance c where c.parent_instance_key = i.key and c.state = 'ACTIVE')
      and not exists (select 1 from engine_incident n where n.instance_key = i.key and n.state = 'ACTIVE')`)
  ).rows as { key: string; process_id: string; active: string | null }[];
  return {
    name: 'every active instance waits for something (task, timer, message, job, child, incident)',
    checked: await count(db('engine_instance').where({ state: 'ACTIVE' })),
    lost: rows.map((r) => `instance ${r.key} ${r.process_id}: stuck at ${r.active ?? 'nothing active'}`),
    duplicated: [],
  };
}

/**
 * No step twice: one element instance per element and scope (our walks loop nowhere; the inner
 * instances of a multi-instance body are many by design; the suite's timer process ends a path
 * at each cycle firing and is checked by timers.ts).
 */
async function noStepTwice(db: Knex): Promise<CheckLine> {
  const rows = (
    await db.raw(`
    select i.process_id, e.instance_key::text as instance_key, e.element_id, count(*)::int as n,
      count(*) filter (where e.state = 'ACTIVE')::int as active
    from engine_element_all e join engine_instance_all i on i.key = e.instance_key left join engine_element_all s on s.key = e.scope_key
    where e.element_type in ('userTask', 'serviceTask', 'callActivity', 'intermediateCatchEvent', 'endEvent', 'subProcess')
      and s.element_type is distinct from 'multiInstanceBody' and i.process_id <> '${TIMER_PROCESS}'
    group by i.process_id, e.instance_key, e.scope_key, e.element_id, e.loop_counter having count(*) > 1`)
  ).rows as { process_id: string; instance_key: string; element_id: string; n: number; active: number }[];
  const open = (
    await db.raw(`
    select t.instance_key::text as instance_key, t.element_id, count(*)::int as n from engine_user_task t join engine_element e on e.key = t.element_key
    where t.state = 'CREATED' group by t.instance_key, e.scope_key, t.element_id having count(*) > 1`)
  ).rows as { instance_key: string; element_id: string; n: number }[];
  return {
    name: 'no step done twice (element instances, open tasks of one element)',
    checked: await count(db('engine_element_all')),
    lost: [],
    duplicated: [
      ...rows.map((r) => `instance ${r.instance_key} ${r.process_id}/${r.element_id}: ${r.n} element instances (${r.active} active)`),
      ...open.map((r) => `instance ${r.instance_key} ${r.element_id}: ${r.n} open tasks`),
    ],
  };
}

async function noIncidents(db: Knex): Promise<CheckLine> {
  const rows = await db('engine_incident as n')
    .join('engine_instance as i', 'i.key', 'n.instance_key')
    .where('n.state', 'ACTIVE')
    .select('i.process_id', 'n.element_id', 'n.error_type', 'n.error_message', 'n.instance_key');
  return {
    name: 'no open incidents',
    checked: await count(db('engine_incident_all')),
    lost: rows.map((r) => `instance ${r.instance_key} ${r.process_id}/${r.element_id}: ${r.error_type}: ${String(r.error_message).slice(0, 160)}`),
    duplicated: [],
  };
}

async function count(q: Knex.QueryBuilder): Promise<number> {
  const r = await q.clone().clearSelect().count({ n: '*' });
  return Number((r[0] as { n: string | number }).n);
}
