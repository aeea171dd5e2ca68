/**
 * The FEEL differential (issue 11, point 3; test/feel/README.md): every corpus expression is
 * evaluated through our FEEL layer and compared, type included, with FEEL-Scala's result —
 * from $FEEL_SCALA_RESULTS (a fresh run of test/feel/scala/run.sh, as CI does) or else from
 * the committed snapshot (npm run feel:record). A difference fails unless accepted.ts lists it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accepted } from './accepted.js';
import { sameTyped, show } from './compare.js';
import { loadCorpus } from './corpus.js';
import { evaluateTyped, type Typed } from './typed.js';

const snapshotFile = join(import.meta.dirname, 'feel-scala.snapshot.json');
const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Record<string, Typed>;
const fresh = process.env.FEEL_SCALA_RESULTS;
const scala: Record<string, Typed> = fresh ? JSON.parse(readFileSync(fresh, 'utf8')) : snapshot;
const corpus = loadCorpus();
const counts = { n: 0, accepted: 0, unexplained: 0 };

afterAll(() => {
  console.log(`FEEL differential: ${counts.n} expressions, ${counts.accepted} accepted differences, ${counts.unexplained} unexplained`);
});

describe('FEEL differential against FEEL-Scala', () => {
  for (const [group, entries] of corpus) {
    it(`${group}: ${entries.length} expressions give FEEL-Scala's values`, () => {
      const unexplained: string[] = [];
      for (const e of entries) {
        counts.n++;
        const ours = evaluateTyped(e.expression, e.context);
        if (sameTyped(ours, scala[e.id])) continue;
        if (accepted[e.id]) {
          counts.accepted++;
          continue;
        }
        counts.unexplained++;
        unexplained.push(`${e.id} ${JSON.stringify(e.expression)}: FEEL-Scala ${show(scala[e.id])}, ours ${show(ours)}`);
      }
      expect(unexplained).toEqual([]);
    });
  }

  it('an expression evaluated again (parsed once, compiled from the cache: evaluate.ts) gives the same value', () => {
    const differ: string[] = [];
    for (const e of [...corpus.values()].flat()) {
      const first = evaluateTyped(e.expression, e.context);
      const again = evaluateTyped(e.expression, e.context);
      if (!sameTyped(again, first)) differ.push(`${e.id} ${JSON.stringify(e.expression)}: first ${show(first)}, again ${show(again)}`);
    }
    expect(differ).toEqual([]);
  });

  it('every corpus entry has a FEEL-Scala result', () => {
    const missing = [...corpus.values()]
      .flat()
      .filter((e) => !scala[e.id])
      .map((e) => e.id);
    expect(missing).toEqual([]);
  });

  it('the snapshot is what FEEL-Scala gives now (when $FEEL_SCALA_RESULTS is set)', () => {
    if (!fresh) return;
    const drift = Object.keys(snapshot).filter((id) => JSON.stringify(scala[id]) !== JSON.stringify(snapshot[id]));
    const onlyFresh = Object.keys(scala).filter((id) => !(id in snapshot));
    expect({ drift, onlyFresh }).toEqual({ drift: [], onlyFresh: [] });
  });

  it('every accepted difference is still a difference and names its reason', () => {
    const all = new Map([...corpus.values()].flat().map((e) => [e.id, e]));
    const stale = Object.entries(accepted)
      .filter(([id, reason]) => {
        const e = all.get(id);
        return !e || !reason.trim() || sameTyped(evaluateTyped(e.expression, e.context), scala[id]);
      })
      .map(([id]) => id);
    expect(stale).toEqual([]);
  });
});
