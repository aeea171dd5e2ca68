/**
 * The server's raw commit rate: CLIENTS connections, each a loop of one-row INSERT
 * transactions (autocommit: one statement, one commit) into a table of the bench's own schema,
 * for `seconds`. The bound a durable engine is compared with.
 */
import pg from 'pg';

/** Commits per second with `clients` connections inserting one row per transaction into `schema`. */
export async function rawCommitRate(url: string, schema: string, seconds: number, clients = 16): Promise<number> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(`create schema if not exists "${schema}"`);
  await setup.query(`create table "${schema}".commit_probe (id bigserial primary key, client int not null, at timestamptz not null default now())`);
  await setup.end();
  const conns = await Promise.all(Array.from({ length: clients }, async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return c;
  }));
  let commits = 0;
  let counting = false;
  const end = Date.now() + 1_000 + seconds * 1000;
  const loops = conns.map(async (c, i) => {
    while (Date.now() < end) {
      await c.query(`insert into "${schema}".commit_probe (client) values ($1)`, [i]);
      if (counting) commits++;
    }
  });
  await new Promise((r) => setTimeout(r, 1_000)); // warm-up
  counting = true;
  const t0 = Date.now();
  await Promise.all(loops);
  const rate = commits / ((Date.now() - t0) / 1000);
  await Promise.all(conns.map((c) => c.end()));
  return rate;
}

/**
 * The same probe on an in-memory PGlite, as the embedded engine on PGlite opens it (createDb):
 * `clients` loops of one-row INSERT transactions, which its one connection runs one at a time.
 * The bound PGlite itself sets for the chain (its eleventh), next to the target of issue 12.
 */
export async function rawPgliteCommitRate(seconds: number, clients = 16): Promise<number> {
  const { createDb } = await import('../src/db/index.js');
  const db = createDb({});
  await db.raw('create table commit_probe (id bigserial primary key, client int not null, at timestamptz not null default now())');
  // PGlite answers without I/O, so a timer would not fire while the loops run: they read the
  // clock themselves (a 1 s warm-up, then `seconds` counted).
  let commits = 0;
  const t0 = Date.now() + 1_000;
  const end = t0 + seconds * 1000;
  let last = t0;
  await Promise.all(Array.from({ length: clients }, async (_, i) => {
    for (let now = Date.now(); now < end; now = Date.now()) {
      await db.raw('insert into commit_probe (client) values (?)', [i]);
      if (now >= t0) { commits++; last = Date.now(); }
    }
  }));
  const rate = commits / ((last - t0) / 1000);
  await db.destroy();
  return rate;
}
