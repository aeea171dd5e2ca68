/**
 * Migration: one case core (issue 13 point 4). Every case of every kind — lex Sarah, lex
 * Maria, synpunkt, avvikelse, åtgärd, riskanalys, internkontrollplan, ärende in huvudprocessen —
 * gets one row in `case`: its number (series per type, numbered per Stockholm year), status,
 * unit, opened/closed, process instance, reporter, where it came from and its confidentiality
 * class. What only one kind has stays in that kind's table, which becomes a detail table with
 * `case_id`. Registers, search and dashboards then read one table instead of a union of eight.
 *
 * Existing rows move without a number changing: the core row takes the detail row's number,
 * year and sequence; the counters keep their values, and lex Sarah's own counter table joins
 * `case_number_sequence` as series LS (each counter at least the highest number taken).
 *
 * Confidentiality classes (DOMAIN.md §8): `sekretess` — a case about a brukare, confidential
 * between units (OSL 2009:400 26 kap., patientdatalagen): ärenden, lex Sarah, lex Maria,
 * avvikelser and synpunkter; `normal` — a document of the quality work itself (åtgärd,
 * riskanalys, internkontrollplan; SOSFS 2011:9 7 kap.), readable by role like the rest of the
 * ledningssystem; `skyddad` — stricter than sekretess for a brukare with skyddade
 * personuppgifter (OSL 21 kap. 3 §), seen only by those who handle it (nothing sets it yet).
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

interface Kind {
  type: string;
  table: string;
  /** The old column that said when the case was opened (null: none; taken from the instance). */
  opened: string | null;
  statuses: string[];
  confidentiality: 'normal' | 'sekretess';
  hasSource: boolean;
}

const OPEN_CLOSED = ['open', 'closed'];
/** The eight kinds of case as they stood before this migration. */
export const CASE_KINDS_AT_40: Kind[] = [
  { type: 'lex-sarah', table: 'lex_sarah_case', opened: 'reported_at', statuses: OPEN_CLOSED, confidentiality: 'sekretess', hasSource: true },
  { type: 'lex-maria', table: 'lex_maria_case', opened: 'reported_at', statuses: OPEN_CLOSED, confidentiality: 'sekretess', hasSource: true },
  { type: 'feedback', table: 'feedback_item', opened: 'received_at', statuses: OPEN_CLOSED, confidentiality: 'sekretess', hasSource: false },
  { type: 'deviation', table: 'deviation', opened: 'reported_at', statuses: OPEN_CLOSED, confidentiality: 'sekretess', hasSource: false },
  {
    type: 'action',
    table: 'action_item',
    opened: 'created_at',
    statuses: ['open', 'implemented', 'not-implemented', 'closed'],
    confidentiality: 'normal',
    hasSource: true,
  },
  {
    type: 'risk-analysis',
    table: 'risk_analysis',
    opened: 'registered_at',
    statuses: ['open', 'assessed', 'decided', 'closed'],
    confidentiality: 'normal',
    hasSource: false,
  },
  { type: 'control-plan', table: 'control_plan', opened: null, statuses: ['draft', 'adopted', 'reported'], confidentiality: 'normal', hasSource: false },
  { type: 'care-case', table: 'care_case', opened: 'received_at', statuses: OPEN_CLOSED, confidentiality: 'sekretess', hasSource: false },
];

const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ');
const MOVED = ['case_number', 'year', 'sequence', 'process_instance_key', 'unit_id', 'status', 'closed_at'];

async function createCore(knex: Knex): Promise<void> {
  await knex.schema.createTable('case', (t) => {
    t.increments('id').primary();
    t.text('type').notNullable();
    t.text('case_number').notNullable().unique();
    t.integer('year').notNullable();
    t.integer('sequence').notNullable();
    t.text('process_instance_key').notNullable();
    /** The unit the case is held at (an åtgärd may have none). */
    t.text('unit_id');
    t.text('status').notNullable();
    t.timestamp('opened_at', { useTz: true }).notNullable();
    t.timestamp('closed_at', { useTz: true });
    /** The user who started the process (process_instance_ref.started_by); null from the e-service or a timer. */
    t.integer('reported_by');
    /** The case this one was started from (`AV-2026-0001` → a lex Sarah case, a case → its åtgärder). */
    t.text('source_case_number').index();
    t.text('confidentiality').notNullable();
    t.unique(['type', 'year', 'sequence']);
    t.unique(['type', 'process_instance_key']);
  });
  await knex.raw(`alter table "case" add constraint case_type_check check (type in (${list(CASE_KINDS_AT_40.map((k) => k.type))}))`);
  const byType = CASE_KINDS_AT_40.map((k) => `when '${k.type}' then status in (${list(k.statuses)})`).join(' ');
  await knex.raw(`alter table "case" add constraint case_status_check check (case type ${byType} else false end)`);
  await knex.raw(`alter table "case" add constraint case_confidentiality_check check (confidentiality in ('normal', 'sekretess', 'skyddad'))`);
  await knex.raw(`alter table "case" add constraint case_sequence_check check (sequence > 0)`);
  // the register's orders: by kind, state and unit; by date; (number is unique above)
  await knex.raw(`create index case_register on "case" (type, status, unit_id)`);
  await knex.raw(`create index case_opened on "case" (opened_at desc, id desc)`);
}

/** Copies one kind's rows into `case`, links them, and drops the columns that moved. */
async function moveKind(knex: Knex, k: Kind): Promise<void> {
  await knex.schema.alterTable(k.table, (t) => {
    t.integer('case_id').references('id').inTable('case');
  });
  const opened = k.opened
    ? `d.${k.opened}`
    : // a plan had no such column: when its instance started, else the first day of its number's year
      `coalesce(r.started_at, (select i.started_at from engine_instance i where i.key::text = d.process_instance_key),
        (select h.started_at from engine_instance_hist h where h.key::text = d.process_instance_key),
        make_timestamptz(d.year, 1, 1, 0, 0, 0, 'Europe/Stockholm'))`;
  await knex.raw(
    `insert into "case" (type, case_number, year, sequence, process_instance_key, unit_id, status, opened_at, closed_at, reported_by, source_case_number, confidentiality)
     select ?, d.case_number, d.year, d.sequence, d.process_instance_key, d.unit_id, d.status, ${opened}, ${k.table === 'control_plan' ? 'null' : 'd.closed_at'},
            r.started_by, ${k.hasSource ? 'd.source_case_number' : 'null'}, ?
     from ${k.table} d left join process_instance_ref r on r.key = d.process_instance_key order by d.id`,
    [k.type, k.confidentiality],
  );
  await knex.raw(`update ${k.table} d set case_id = c.id from "case" c where c.type = ? and c.case_number = d.case_number`, [k.type]);
  await knex.raw(`alter table ${k.table} alter column case_id set not null`);
  await knex.raw(`alter table ${k.table} add constraint ${k.table}_case_id_unique unique (case_id)`);
  const drop = [
    ...MOVED.filter((c) => !(k.table === 'control_plan' && c === 'closed_at')),
    ...(k.opened ? [k.opened] : []),
    ...(k.hasSource ? ['source_case_number'] : []),
  ];
  await knex.schema.alterTable(k.table, (t) => {
    t.dropColumns(...drop);
  });
}

async function up(knex: Knex): Promise<void> {
  await createCore(knex);
  for (const k of CASE_KINDS_AT_40) await moveKind(knex, k);
  // One counter table: lex Sarah's joins as series LS; every counter at least its highest number.
  await knex.raw(
    `insert into case_number_sequence (series, year, last_value) select 'LS', year, last_value from lex_sarah_case_sequence
     on conflict (series, year) do update set last_value = greatest(case_number_sequence.last_value, excluded.last_value)`,
  );
  await knex.raw(
    `insert into case_number_sequence (series, year, last_value)
     select split_part(case_number, '-', 1), year, max(sequence) from "case" group by 1, 2
     on conflict (series, year) do update set last_value = greatest(case_number_sequence.last_value, excluded.last_value)`,
  );
  await knex.schema.dropTable('lex_sarah_case_sequence');
}

/** Puts the columns back into each kind's table (the data too), and lex Sarah's counter table. */
async function down(knex: Knex): Promise<void> {
  await knex.schema.createTable('lex_sarah_case_sequence', (t) => {
    t.integer('year').primary();
    t.integer('last_value').notNullable();
  });
  await knex.raw(`insert into lex_sarah_case_sequence (year, last_value) select year, last_value from case_number_sequence where series = 'LS'`);
  await knex.raw(`delete from case_number_sequence where series = 'LS'`);
  for (const k of CASE_KINDS_AT_40) {
    await knex.schema.alterTable(k.table, (t) => {
      t.text('case_number');
      t.integer('year');
      t.integer('sequence');
      t.text('process_instance_key');
      t.text('unit_id');
      t.text('status');
      if (k.table !== 'control_plan') t.timestamp('closed_at', { useTz: true });
      if (k.opened) t.timestamp(k.opened, { useTz: true });
      if (k.hasSource) t.text('source_case_number');
    });
    const sets = [
      'case_number',
      'year',
      'sequence',
      'process_instance_key',
      'unit_id',
      'status',
      ...(k.table !== 'control_plan' ? ['closed_at'] : []),
      ...(k.hasSource ? ['source_case_number'] : []),
    ].map((c) => `${c} = c.${c}`);
    if (k.opened) sets.push(`${k.opened} = c.opened_at`);
    await knex.raw(`update ${k.table} d set ${sets.join(', ')} from "case" c where c.id = d.case_id`);
    await knex.schema.alterTable(k.table, (t) => {
      t.dropColumn('case_id');
    });
    // the constraints the columns had (an åtgärd's unit was optional)
    const required = [
      'case_number',
      'year',
      'sequence',
      'process_instance_key',
      'status',
      ...(k.table === 'action_item' ? [] : ['unit_id']),
      ...(k.opened ? [k.opened] : []),
    ];
    await knex.raw(`alter table ${k.table} ${required.map((c) => `alter column ${c} set not null`).join(', ')}`);
    await knex.raw(`alter table ${k.table} alter column status set default '${k.statuses[0]!}'`);
    await knex.raw(`alter table ${k.table} add unique (case_number), add unique (process_instance_key), add unique (year, sequence)`);
    await knex.raw(`alter table ${k.table} add constraint ${k.table}_status_check check (status in (${list(k.statuses)}))`);
  }
  await knex.schema.dropTable('case');
}

export const caseCoreMigration: Migration = { name: '20261202_40_case_core', up, down };
