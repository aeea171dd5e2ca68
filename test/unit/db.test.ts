import { describe, expect, it } from 'vitest';
import { createTestDb, databaseKinds } from '../support/databases.js';

describe.each(databaseKinds())('database on %s', (kind) => {
  it('migrates and answers a query', async () => {
    // given a fresh migrated database
    const t = await createTestDb(kind);
    try {
      // when we ask it something
      const r = await t.db.raw('select 1 + 1 as two');
      // then it answers like PostgreSQL
      expect(Number(r.rows[0].two)).toBe(2);
    } finally {
      await t.destroy();
    }
  });
});
