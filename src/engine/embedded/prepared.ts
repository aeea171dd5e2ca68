/**
 * The engine's hot statements as named prepared statements: on PostgreSQL each connection
 * parses such a statement once, and after its first executions the server keeps a generic plan,
 * so a command no longer pays for parsing and planning its large CTEs every time (measured on
 * the 10-task chain: the server's planning time was about as large as its execution time; with
 * names, the server's CPU per instance halved, bench/README.md "What the time went to").
 *
 * A name must always stand for the same text (node-pg refuses a name reused for other text), so
 * statements whose text varies (the write buffer's parts, a list of job types) carry what
 * varies in their name. A name's text is fixed for the life of the process; a schema or table
 * change invalidates the server's plan by itself. PGlite ignores the name (knex-pglite passes
 * it on as a query option PGlite does not know).
 */
import type { Knex } from 'knex';

type Runner = Knex | Knex.Transaction;

/** `sql` with `bindings`, as the prepared statement `kvh_<name>`. */
export function prepared(runner: Runner, name: string, sql: string, bindings: readonly Knex.RawBinding[] | Knex.ValueDict): Knex.Raw {
  return runner.raw(sql, bindings as Knex.RawBinding[]).options({ name: `kvh_${name}` });
}
