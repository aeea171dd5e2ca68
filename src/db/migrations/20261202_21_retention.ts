/**
 * Migration: retention (gallring) of the engine's history. One rule per process id: how many
 * months an ended call tree is kept in history, and on what basis. The rule is data, not
 * code: the organisation sets it (its informationshanteringsplan decides; arkivlagen
 * 1990:782 10 § requires a decision before anything is culled). The defaults seeded here keep
 * long (10 years) and say so: `decided_by` is null until the organisation has adopted a rule.
 * A process with no rule, or a rule with `keep_months` null, is never culled.
 * Each run of the retention job is recorded in `retention_run` and in the audit log, whose
 * rows get an optional `detail` (counts only, never keys or values).
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

const ADOPT = 'Förval i produkten; ska fastställas av nämnden i informationshanteringsplanen (arkivlagen 1990:782, 10 §).';
const INDIVIDUAL = `Motorns historik för individärenden (inte akten själv, som gallras enligt planen: personakter enligt SoL tidigast fem år efter sista anteckningen, LSS-akter bevaras). ${ADOPT}`;
const QUALITY = `Dokumentation av det systematiska kvalitetsarbetet (SOSFS 2011:9, 7 kap.). ${ADOPT}`;
const REPORTS = `Rapporter och utredningar av missförhållanden och avvikelser; uppgifterna omfattas av sekretess (OSL 2009:400, 26 kap.). ${ADOPT}`;

/** The bundled processes' defaults: 120 months after the tree ended. */
const DEFAULTS: [string, string][] = [
  ['huvudprocess', INDIVIDUAL],
  ['myndighetsutovning', INDIVIDUAL],
  ['genomfora-insatser', INDIVIDUAL],
  ['folja-upp', INDIVIDUAL],
  ['avsluta-arende', INDIVIDUAL],
  ['lex-sarah', REPORTS],
  ['avvikelse', REPORTS],
  ['synpunkt', REPORTS],
  ['lex-maria', `Vårdskador och patientuppgifter: journaluppgifter bevaras minst tio år (patientdatalagen 2008:355, 3 kap. 17 §). ${ADOPT}`],
  ['arshjul', QUALITY],
  ['arshjul-uppgift', QUALITY],
  ['internkontroll', QUALITY],
  ['riskanalys', QUALITY],
  ['atgard', QUALITY],
];

async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('retention_rule', (t) => {
    t.text('process_id').primary();
    /** Months an ended tree is kept; null: kept for ever. */
    t.integer('keep_months');
    t.text('legal_basis').notNullable();
    /** Who adopted the rule (a decision, e.g. "SN 2027-03-14 § 12"); null while it is the product's default. */
    t.text('decided_by');
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.raw('alter table retention_rule add constraint retention_rule_keep check (keep_months is null or keep_months > 0)');
  const now = new Date();
  await knex('retention_rule').insert(
    DEFAULTS.map(([processId, basis]) => ({
      process_id: processId,
      keep_months: 120,
      legal_basis: basis,
      decided_by: null,
      updated_at: now,
    })),
  );
  await knex.schema.createTable('retention_run', (t) => {
    t.bigIncrements('id').primary();
    t.timestamp('started_at', { useTz: true }).notNullable().index();
    t.timestamp('finished_at', { useTz: true });
    /** Counts per table, e.g. {"engine_instance_hist": 120, …}; never keys or values. */
    t.jsonb('deleted');
  });
  await knex.schema.alterTable('audit_log', (t) => {
    t.jsonb('detail');
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropColumn('detail');
  });
  await knex.schema.dropTableIfExists('retention_run');
  await knex.schema.dropTableIfExists('retention_rule');
}

export const retentionMigration: Migration = { name: '20261202_21_retention', up, down };
