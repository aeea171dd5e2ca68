/**
 * The engine's tables are the engine's (issue 13 point 3): outside src/engine/ (and the
 * migrations that create them) nothing names an `engine_*` table; the domain, the HTTP layer,
 * the workers and the composition root read the engine's state through its read model
 * (src/engine/readModel.ts, `engine.readModel`). dependency-cruiser sees imports, not SQL in
 * strings, so this test reads the source.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHECKED = ['src/domain', 'src/http', 'workers', 'src/services.ts', 'src/bootstrap.ts', 'src/main.ts'];
const ENGINE_TABLE = /\bengine_[a-z_]+/g;

function files(p: string): string[] {
  const full = path.join(ROOT, p);
  if (statSync(full).isFile()) return [p];
  return readdirSync(full)
    .flatMap((name) => files(path.join(p, name)))
    .filter((f) => /\.tsx?$/.test(f));
}

describe('engine tables', () => {
  it('are named only under src/engine and src/db', () => {
    // given every source file of the layers above the engine
    const found = CHECKED.flatMap(files).flatMap((f) =>
      readFileSync(path.join(ROOT, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (line.match(ENGINE_TABLE) ?? []).map((m) => `${f}:${i + 1}: ${m}`)),
    );
    // then none names an engine table
    expect(found).toEqual([]);
  });
});
