/**
 * A database's raw commit rate: CLIENTS loops, each of one-row INSERT transactions
 * (autocommit: one statement, one commit) into a table of the bench's own, for `seconds` after
 * a 1 s warm-up. The bound a durable engine is compared with: on a PostgreSQL server (16
 * connections), and on an in-memory PGlite as the embedded engine opens it (createDb), whose
 * one connection runs the loops one statement at a time.
 */
import pg from 'pg';
import { createDb } from '../src/db/index.js';

/**
 * Commits per second of `clients` loops calling `insert(i)` until `seconds` after a 1 s
 * warm-up. The loops read the clock themselves: PGlite answers without I/O, so a timer would
 * not fire while they run.
 */
async function loops(clients: number, seconds: number, insert: (client: number) => Promise<unknown>): Promise<number> {
  let commits = 0;
  const t0 = Date.now() + 1_000;
  const end = t0 + seconds * 1000;
  let last = t0;
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      for (let now = Date.now(); now < end; now = Date.now()) {
        await insert(i);
        if (now >= t0) {
          commits++;
          last = Date.now();
        }
      }
    }),
  );
  return commits / ((last - t0) / 1000);
}

const PROBE = 'commit_probe (id bigserial primary key, client int not null, at timestamptz not null default now())';

/** Commits per second with `clients` connections inserting one row per transaction into `schema`. */
export async function rawCommitRate(url: string, schema: string, seconds: number, clients = 16): Promise<number> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(`create schema if not exists "${schema}"`);
  await setup.query(`create table "${schema}".${PROBE}`);
  await setup.end();
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  try {
    return await loops(clients, seconds, (i) => conns[i]!.query(`insert into "${schema}".commit_probe (client) values ($1)`, [i]));
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}

/** The same probe on an in-memory PGlite: its bound for the chain (its eleventh), next to the target of issue 12. */
export async function rawPgliteCommitRate(seconds: number, clients = 16): Promise<number> {
  const db = createDb({});
  try {
    await db.raw(`create table ${PROBE}`);
    return await loops(clients, seconds, (i) => db.raw('insert into commit_probe (client) values (?)', [i]));
  } finally {
    await db.destroy();
  }
}
