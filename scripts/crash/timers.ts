/**
 * The crash suite's own timers. Our processes have only date timers (the walks make them due
 * at once: atgard's and huvudprocessen's follow-ups, past internkontroll years), no cycle and
 * no timer start event, and the server's clock cannot be moved from outside. So the suite
 * deploys one model of its own over the API (as a quality lead may): a timer start event on a
 * cycle (R/PT3S) whose instances wait at a receive task with a non-interrupting cycle
 * (R3/PT1S) and an interrupting duration (PT5S) on it. The kills then land while cycles fire and
 * timer starts start instances, for as long as the walks run.
 *
 * Checked at the end on one snapshot (the start timer keeps firing): every firing of the start
 * timer started exactly one instance and no due time of any of these timers fired twice; every
 * firing of a boundary timer triggered its boundary event once (element instances = firings).
 */
import type { Knex } from 'knex';
import { boundary, chain, end, message, model, receive, start, timerCycle, timerDuration } from '../../test/conformance/bpmn.js';
import type { CheckLine } from './checks.js';
import type { CrashClient } from './client.js';
import type { ServerUnderTest } from './server.js';

/** The suite's timer process (not one of ours: counted apart from the target). */
export const TIMER_PROCESS = 'crash-timers';

const xml = model(
  TIMER_PROCESS,
  [
    start('s', timerCycle('R/PT3S')),
    receive('wait', 'm'),
    end('e'),
    boundary('tick', 'wait', timerCycle('R3/PT1S'), false),
    end('e2'),
    boundary('done', 'wait', timerDuration('PT5S')),
    end('e3'),
  ],
  [...chain('s', 'wait', 'e'), ...chain('tick', 'e2'), ...chain('done', 'e3')],
  message('m', 'crash-timers-never', '="never"'),
);

/** Deploys the timer process as a quality lead (before the first kill). */
export async function deployTimers(server: ServerUnderTest, client: CrashClient): Promise<void> {
  const { cookie, csrf } = await client.login('kvalitetsledare');
  const r = await fetch(`${server.url}/api/v1/deployments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body: JSON.stringify({ resources: [{ name: `${TIMER_PROCESS}.bpmn`, content: xml }] }),
    signal: AbortSignal.timeout(60_000),
  });
  if (r.status !== 201) throw new Error(`crash-suite: deploying ${TIMER_PROCESS} answered ${r.status}`);
}

interface Firing {
  instance_key: string | null;
  element_id: string;
  subject_key: string;
  due: string;
}

/** The checks of the suite's timers, on one repeatable-read snapshot. */
export async function timerChecks(db: Knex): Promise<CheckLine[]> {
  return db.transaction(
    async (tx) => {
      const instances = (await tx('engine_instance_all').where({ process_id: TIMER_PROCESS }).pluck('key')).map(String);
      const firings = (
        await tx.raw(
          `
      select instance_key::text, element_id, subject_key::text, data->>'due' as due from engine_event_log_all
      where kind = 'timer.fired' and element_id in ('s', 'tick', 'done')
        and (instance_key in (select key from engine_instance_all where process_id = ?) or instance_key is null and element_id = 's')`,
          [TIMER_PROCESS],
        )
      ).rows as Firing[];
      const elements: { instance_key: string; element_id: string; n: number }[] = await tx('engine_element_all')
        .whereIn('element_id', ['tick', 'done'])
        .whereIn('instance_key', tx('engine_instance_all').where({ process_id: TIMER_PROCESS }).select('key'))
        .groupBy('instance_key', 'element_id')
        .select(tx.raw('instance_key::text as instance_key'), 'element_id', tx.raw('count(*)::int as n'));
      return [startsLine(instances, firings), boundaryLine(firings, elements)];
    },
    { isolationLevel: 'repeatable read' },
  );
}

function twice(firings: Firing[]): string[] {
  const seen = new Map<string, number>();
  for (const f of firings) seen.set(`${f.subject_key} due ${f.due}`, (seen.get(`${f.subject_key} due ${f.due}`) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([k, n]) => `timer ${k} fired ${n} times`);
}

function startsLine(instances: string[], firings: Firing[]): CheckLine {
  const starts = firings.filter((f) => f.element_id === 's');
  const byInstance = new Map<string, number>();
  for (const f of starts) if (f.instance_key) byInstance.set(f.instance_key, (byInstance.get(f.instance_key) ?? 0) + 1);
  const lost = [
    ...starts.filter((f) => !f.instance_key || !instances.includes(f.instance_key)).map((f) => `timer ${f.subject_key} fired for ${f.due} without an instance`),
    ...instances.filter((k) => !byInstance.has(k)).map((k) => `instance ${k} ${TIMER_PROCESS}: no firing of its start timer`),
  ];
  const duplicated = [...twice(starts), ...[...byInstance].filter(([, n]) => n > 1).map(([k, n]) => `instance ${k} ${TIMER_PROCESS}: ${n} start firings`)];
  return { name: `timer starts (${TIMER_PROCESS}, R/PT3S) started one instance per firing, no due time twice`, checked: starts.length, lost, duplicated };
}

function boundaryLine(firings: Firing[], elements: { instance_key: string; element_id: string; n: number }[]): CheckLine {
  const fired = firings.filter((f) => f.element_id !== 's');
  const count = new Map<string, number>();
  for (const f of fired) count.set(`${f.instance_key} ${f.element_id}`, (count.get(`${f.instance_key} ${f.element_id}`) ?? 0) + 1);
  const entered = new Map(elements.map((e) => [`${e.instance_key} ${e.element_id}`, e.n]));
  const lost: string[] = [];
  const duplicated = twice(fired);
  for (const k of new Set([...count.keys(), ...entered.keys()])) {
    const [instance, element] = k.split(' ');
    const f = count.get(k) ?? 0;
    const e = entered.get(k) ?? 0;
    if (e < f) lost.push(`instance ${instance} ${TIMER_PROCESS}/${element}: ${f} firings, ${e} boundary events`);
    if (e > f) duplicated.push(`instance ${instance} ${TIMER_PROCESS}/${element}: ${f} firings, ${e} boundary events`);
  }
  return {
    name: `cycle and duration timers on a waiting task (${TIMER_PROCESS}: R3/PT1S non-interrupting, PT5S) fired once per due time, each one event`,
    checked: fired.length,
    lost,
    duplicated,
  };
}
