/**
 * `npm run feel:record`: runs FEEL-Scala (test/feel/scala/run.sh) on the whole corpus and writes
 * the snapshot test/feel/feel-scala.snapshot.json that the differential reads when
 * $FEEL_SCALA_RESULTS is not set. Needs Java 17 and Maven.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpus } from './corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'feel-record-'));
try {
  const all = [...loadCorpus().values()].flat();
  writeFileSync(join(dir, 'corpus.json'), JSON.stringify(all));
  execFileSync(join(import.meta.dirname, 'scala', 'run.sh'), [join(dir, 'corpus.json'), join(dir, 'out.json')], { stdio: 'inherit' });
  const results = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as Record<string, unknown>;
  const sorted = Object.fromEntries(all.map((e) => [e.id, results[e.id]]));
  writeFileSync(join(import.meta.dirname, 'feel-scala.snapshot.json'), `${JSON.stringify(sorted, null, 1)}\n`);
  console.log(`FEEL-Scala snapshot: ${all.length} results`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
