/**
 * Seeds a migrated schema (with the bundled models deployed and the demo organisation) for
 * bench/history.ts, with set-based SQL (generate_series), in chunks:
 * - `openTasks` running avvikelse instances, each waiting at a user task (Task_Assess or
 *   Task_Actions for the unit's enhetschef, Task_MasReview for the MAS), spread over the demo
 *   units, with the engine rows a real one has (instance, element instances, variables, the
 *   engine's user task, event log) and the inbox row and start row the product keeps;
 * - `completed` ended call trees in the engine's history, of four bundled processes, ended over
 *   the last five years: element history (6), variables as they ended (4), user tasks (2),
 *   event log (8) per instance, and the inbox's completed task rows and audit rows (read,
 *   complete) that real ones leave behind.
 * Keys are far below the engine's sequence (it starts at 2^51), so they never collide.
 */
import type { Db } from '../src/db/index.js';

const UNITS = ['hemtjanst-solrosen', 'vobo-linden', 'gruppbostad-eken', 'barn-och-unga', 'bistandsenheten'];
const CHUNK = 100_000;

/** Runs `sql` for i in [from, to) in chunks, binding :from and :to. */
async function chunked(db: Db, total: number, sql: string, binds: Record<string, unknown> = {}): Promise<void> {
  for (let from = 0; from < total; from += CHUNK) await db.raw(sql, { ...binds, from, to: Math.min(total, from + CHUNK) - 1 });
}

/** Running instances with one open task each (engine rows and inbox rows). */
export async function seedOpenTasks(db: Db, now: Date, openTasks: number): Promise<void> {
  const def = await db('engine_definition').where({ process_id: 'avvikelse' }).orderBy('version', 'desc').first();
  if (!def) throw new Error('avvikelse is not deployed');
  const b = { now, def: def.key, version: def.version, units: `{${UNITS.join(',')}}` };
  // i → instance key 3e12 + 10 i; +1 start element, +2 the task's element, +3 the user task
  const base = `from generate_series(cast(:from as int), cast(:to as int)) i, lateral (select 3000000000000 + i::bigint * 10 as k,
    (cast(:units as text[]))[1 + i % 5] as unit, (array['Task_Assess', 'Task_MasReview', 'Task_Actions'])[1 + i % 3] as el,
    (array['enhetschef', 'mas', 'enhetschef'])[1 + i % 3] as grp, cast(:now as timestamptz) - make_interval(days => i % 60, mins => i % 1440) as started) x`;
  await chunked(
    db,
    openTasks,
    `insert into engine_instance (key, root_key, definition_key, process_id, version, state, started_at)
    select k, k, :def, 'avvikelse', :version, 'ACTIVE', started ${base}`,
    b,
  );
  await chunked(
    db,
    openTasks,
    `insert into engine_element (key, instance_key, root_key, element_id, element_type, scope_key, state, seq, started_at, ended_at)
    select k + 1, k, k, 'StartEvent_Reported', 'startEvent', k, 'COMPLETED', k + 1, started, started ${base}
    union all select k + 2, k, k, el, 'userTask', k, 'ACTIVE', k + 2, started, null ${base}`,
    b,
  );
  await chunked(
    db,
    openTasks,
    `insert into engine_variable (scope_key, name, root_key, value)
    select k, n, k, v ${base}, lateral (values ('unitId', to_jsonb(unit)), ('caseNumber', to_jsonb('AV-2027-' || lpad(i::text, 6, '0'))),
      ('area', '"sol"'::jsonb), ('description', '"Morgonbesöket blev inte av."'::jsonb)) vars(n, v)`,
    b,
  );
  await chunked(
    db,
    openTasks,
    `insert into engine_user_task (key, instance_key, root_key, element_key, element_id, name, state, candidate_groups, candidate_users, priority, form_id, headers, created_at)
    select k + 3, k, k, k + 2, el, el, 'CREATED', jsonb_build_array(grp), '[]', 50, null, '{}', started ${base}`,
    b,
  );
  await chunked(
    db,
    openTasks,
    `insert into engine_event_log (at, instance_key, kind, element_id, subject_key)
    select started, k, kind, el, k + 2 ${base}, lateral (values ('instance.started'), ('element.entered'), ('task.created')) e(kind)`,
    b,
  );
  await chunked(
    db,
    openTasks,
    `insert into user_task (key, process_instance_key, process_id, element_id, name, state, candidate_groups, candidate_users,
      due_date, priority, unit_id, case_number, created_at)
    select (k + 3)::text, k::text, 'avvikelse', el, el, 'open', jsonb_build_array(grp), '[]',
      cast(:now as timestamptz) + make_interval(days => (i * 7919) % 60 - 20), 50, unit, 'AV-2027-' || lpad(i::text, 6, '0'), started ${base}`,
    b,
  );
  await chunked(db, openTasks, `insert into process_instance_ref (key, process_id, unit_id, started_at) select k::text, 'avvikelse', unit, started ${base}`, b);
}

/** Ended call trees in the engine's history, with the inbox and audit rows they leave. */
export async function seedCompleted(db: Db, now: Date, completed: number): Promise<void> {
  const defs = await db('engine_definition').whereIn('process_id', ['avvikelse', 'synpunkt', 'lex-sarah', 'atgard']).orderBy('process_id');
  const b = {
    now,
    defs: `{${defs.map((d) => d.key).join(',')}}`,
    pids: `{${defs.map((d) => d.process_id).join(',')}}`,
    units: `{${UNITS.join(',')}}`,
    n: defs.length,
  };
  // i → root key 1e12 + 20 i; +1..+6 elements, +7, +8 user tasks
  const base = `from generate_series(cast(:from as int), cast(:to as int)) i, lateral (select 1000000000000 + i::bigint * 20 as k,
    (cast(:defs as bigint[]))[1 + i % :n] as def, (cast(:pids as text[]))[1 + i % :n] as pid, (cast(:units as text[]))[1 + i % 5] as unit,
    cast(:now as timestamptz) - make_interval(days => 5 + i % 1825, mins => i % 1440) as started) x`;
  const ended = `started + interval '3 days'`;
  // event-log rows numbered above every row there already (trees the engine ended before)
  const seq = await db.raw(
    'select greatest((select coalesce(max(seq), 0) from engine_event_log_hist), (select coalesce(max(seq), 0) from engine_event_log)) as n',
  );
  const seqBase = Number(seq.rows[0].n);
  await chunked(
    db,
    completed,
    `insert into engine_instance_hist (key, root_key, definition_key, process_id, version, state, started_at, ended_at)
    select k, k, def, pid, 1, 'COMPLETED', started, ${ended} ${base}`,
    b,
  );
  await chunked(
    db,
    completed,
    `insert into engine_element_hist (key, instance_key, root_key, element_id, element_type, scope_key, state, seq, started_at, ended_at)
    select k + j, k, k, el, typ, k, 'COMPLETED', k + j, started + make_interval(hours => j), started + make_interval(hours => j + 1) ${base},
    lateral (values (1, 'StartEvent', 'startEvent'), (2, 'Task_Register', 'serviceTask'), (3, 'Task_Assess', 'userTask'),
      (4, 'Gateway_Route', 'exclusiveGateway'), (5, 'Task_Actions', 'userTask'), (6, 'EndEvent', 'endEvent')) e(j, el, typ)`,
    b,
  );
  await chunked(
    db,
    completed,
    `insert into engine_variable_hist (scope_key, name, root_key, value)
    select k, n, k, v ${base}, lateral (values ('unitId', to_jsonb(unit)), ('caseNumber', to_jsonb('H-' || lpad(i::text, 7, '0'))),
      ('severity', '"3"'::jsonb), ('description', '"Ett avslutat ärende."'::jsonb)) vars(n, v)`,
    b,
  );
  await chunked(
    db,
    completed,
    `insert into engine_user_task_hist (key, instance_key, root_key, element_key, element_id, name, state, candidate_groups, candidate_users, priority, headers, created_at)
    select k + 6 + j, k, k, k + 1 + 2 * j, el, el, 'COMPLETED', '["enhetschef"]', '[]', 50, '{}', started ${base},
    lateral (values (1, 'Task_Assess'), (2, 'Task_Actions')) t(j, el)`,
    b,
  );
  await chunked(
    db,
    completed,
    `insert into engine_event_log_hist (seq, root_key, at, instance_key, kind, element_id, subject_key)
    select (cast(:seqBase as bigint) + 1 + i::bigint * 8 + j), k, started, k, kind, null, k + j ${base},
    lateral (values (0, 'instance.started'), (1, 'element.entered'), (2, 'task.created'), (3, 'task.completed'), (4, 'element.completed'),
      (5, 'task.created'), (6, 'task.completed'), (7, 'instance.completed')) e(j, kind)`,
    { ...b, seqBase },
  );
  await chunked(
    db,
    completed,
    `insert into user_task (key, process_instance_key, process_id, element_id, name, state, candidate_groups, candidate_users,
      priority, unit_id, case_number, created_at, completed_at)
    select (k + 6 + j)::text, k::text, pid, el, el, 'completed', '["enhetschef"]', '[]', 50, unit, 'H-' || lpad(i::text, 7, '0'), started, ${ended} ${base},
    lateral (values (1, 'Task_Assess'), (2, 'Task_Actions')) t(j, el)`,
    b,
  );
  await chunked(
    db,
    completed,
    `insert into audit_log (at, actor, action, subject_type, subject_key)
    select started, 'enhetschef', act, 'task', (k + 6 + j)::text ${base}, lateral (values (1, 'read'), (1, 'complete'), (2, 'complete')) a(j, act)`,
    b,
  );
  await chunked(db, completed, `insert into process_instance_ref (key, process_id, unit_id, started_at) select k::text, pid, unit, started ${base}`, b);
  // the runtime event log's sequence must stay above the seeded history's (a tree's rows move there)
  await db.raw(
    "select setval(pg_get_serial_sequence('engine_event_log', 'seq'), greatest((select max(seq) from engine_event_log_hist), (select coalesce(max(seq), 1) from engine_event_log)))",
  );
}

/** Updates the planner's statistics after seeding. */
export async function analyze(db: Db): Promise<void> {
  await db.raw('analyze');
}
