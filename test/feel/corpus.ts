/** The FEEL differential's corpus: every entry of test/feel/corpus/*.json, ids unique. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One corpus entry: a FEEL expression (no leading `=`) and its variables. */
export interface CorpusEntry {
  id: string;
  expression: string;
  context: Record<string, unknown>;
}

/** The corpus folder. */
const corpusDir = join(import.meta.dirname, 'corpus');

/** The corpus by file name (without `.json`), files in name order; throws on a duplicate id. */
export function loadCorpus(): Map<string, CorpusEntry[]> {
  const groups = new Map<string, CorpusEntry[]>();
  const seen = new Set<string>();
  for (const file of readdirSync(corpusDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const entries = JSON.parse(readFileSync(join(corpusDir, file), 'utf8')) as CorpusEntry[];
    for (const e of entries) {
      if (seen.has(e.id)) throw new Error(`duplicate corpus id ${e.id} (${file})`);
      seen.add(e.id);
    }
    groups.set(file.replace(/\.json$/, ''), entries);
  }
  return groups;
}
