/**
 * Migration: the role list as data (issue 15 point 1). The built-in roles (DOMAIN.md §2 and the
 * ones the bundled models name, plus SAS, MAR, systemförvaltare and vårdchef) are seeded; an
 * administrator adds the municipality's own. A role assignment names a role of the list, and has
 * a period of validity (dates in Swedish time, both ends included; null: open).
 */
import type { Migration } from './index.js';

/** The built-in roles: key, Swedish name, description. */
const BUILT_IN_ROLES: [string, string, string][] = [
  ['admin', 'Administratör', 'Administrerar organisationen, personer och roller för sin del av trädet'],
  ['medarbetare', 'Medarbetare', 'Arbetar enligt rutinerna; rapporterar avvikelser, lex Sarah och lex Maria'],
  ['enhetschef', 'Enhetschef', 'Ansvarar för enhetens processer; utreder avvikelser och klagomål för enheten'],
  ['verksamhetschef', 'Verksamhetschef', 'Processägare för sitt verksamhetsområde; fastställer processer och rutiner'],
  ['socialchef', 'Socialchef/förvaltningschef', 'Äger huvudprocessen och kvalitetsprocessen; beslutar om lex Sarah'],
  ['myndighetschef', 'Myndighetschef', 'Chef för myndighetsutövningen'],
  ['handlaggare', 'Handläggare', 'Utreder och beslutar i ärenden inom myndighetsutövningen'],
  ['utredare', 'Utredare', 'Utreder lex Sarah-rapporter och händelser (händelseanalys)'],
  ['kvalitetsledare', 'Kvalitetsledare', 'Samordnar kvalitetsarbetet och sammanställer kvalitetsberättelsen'],
  ['mas', 'MAS', 'Medicinskt ansvarig sjuksköterska: lex Maria och patientsäkerhetsberättelsen'],
  ['mar', 'MAR', 'Medicinskt ansvarig för rehabilitering'],
  ['sas', 'SAS', 'Socialt ansvarig samordnare: samordnar kvalitetsarbetet och lex Sarah'],
  ['vardchef', 'Vårdchef', 'Chef för hälso- och sjukvården enligt HSL'],
  ['namndsekreterare', 'Nämndsekreterare', 'Nämndens handlingar och ärendegång'],
  ['systemforvaltare', 'Systemförvaltare', 'Förvaltar systemet: behörigheter och loggkontroll'],
];

export const rolesMigration: Migration = {
  name: '20261204_81_roles',
  async up(knex) {
    await knex.schema.createTable('role', (t) => {
      t.text('key').primary();
      t.text('name').notNullable();
      t.text('description').notNullable().defaultTo('');
      t.boolean('built_in').notNullable().defaultTo(false);
    });
    await knex.raw("alter table role add constraint role_key_shape check (key ~ '^[a-z][a-z0-9_-]{0,39}$')");
    await knex.raw('alter table role add constraint role_name_shape check (length(name) between 1 and 100)');
    await knex('role').insert(BUILT_IN_ROLES.map(([key, name, description]) => ({ key, name, description, built_in: true })));
    // a role held today that the list does not know becomes the organisation's own
    await knex.raw('insert into role (key, name) select distinct role, role from role_assignment on conflict (key) do nothing');
    await knex.schema.alterTable('role_assignment', (t) => {
      t.foreign('role').references('key').inTable('role');
      t.date('valid_from');
      t.date('valid_to');
    });
    await knex.raw(
      'alter table role_assignment add constraint role_assignment_period check (valid_to is null or valid_from is null or valid_to >= valid_from)',
    );
    await knex.raw('create index role_assignment_node on role_assignment (node_id)');
  },
  async down(knex) {
    await knex.raw('drop index role_assignment_node');
    await knex.raw('alter table role_assignment drop constraint role_assignment_period');
    await knex.schema.alterTable('role_assignment', (t) => {
      t.dropForeign('role');
      t.dropColumn('valid_from');
      t.dropColumn('valid_to');
    });
    await knex.schema.dropTable('role');
  },
};
