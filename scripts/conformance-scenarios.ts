/**
 * Lists the conformance scenarios (test/conformance/*.test.ts) by their titles: each starts
 * with an id (`V03`) and ends with the Camunda 8 documentation page it follows
 * (`[docs: components/concepts/variables#output-mappings]`, a path under
 * https://docs.camunda.io/docs/). Exits 1 when a scenario has no page or an id is used twice,
 * so CI can print the count and trust it.
 *
 *   npx tsx scripts/conformance-scenarios.ts            # the count and any problems
 *   npx tsx scripts/conformance-scenarios.ts --list     # every scenario, as a Markdown table
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(import.meta.dirname, '../test/conformance');
const TITLE = /\bit\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;
const SCENARIO = /^([A-Z]\d{2,3})\s+(.*?)\s*\[docs:\s*([^\]\s]+)\s*\]\s*$/;
/** A file's string constants (`const MI = 'components/…';`), which titles interpolate. */
const CONSTANT = /^const ([A-Z_]+) = '([^']*)';$/gm;

interface Scenario {
  id: string;
  what: string;
  docs: string;
  file: string;
}

/** Every scenario title in the suite, with the problems found. */
export function scenarios(dir = DIR): { found: Scenario[]; problems: string[] } {
  const found: Scenario[] = [];
  const problems: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const constants = new Map([...text.matchAll(CONSTANT)].map((c) => [c[1]!, c[2]!]));
    for (const m of text.matchAll(TITLE)) {
      const title = m[2]!.replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => constants.get(name) ?? whole);
      if (title.startsWith('harness:')) continue; // checks of the suite itself, not of a documented rule
      const s = SCENARIO.exec(title);
      if (!s) problems.push(`${file}: "${title}" has no id or no [docs: …] page`);
      else found.push({ id: s[1]!, what: s[2]!, docs: s[3]!, file });
    }
  }
  const seen = new Map<string, string>();
  for (const s of found) {
    if (seen.has(s.id)) problems.push(`${s.id} is used twice (${seen.get(s.id)} and ${s.file})`);
    seen.set(s.id, s.file);
  }
  return { found, problems };
}

const { found, problems } = scenarios();
if (process.argv.includes('--list')) {
  console.log('| id | scenario | documentation (docs.camunda.io/docs/…) | file |\n| --- | --- | --- | --- |');
  for (const s of found) console.log(`| ${s.id} | ${s.what.replace(/\|/g, '\\|')} | ${s.docs} | ${s.file} |`);
}
const pages = new Set(found.map((s) => s.docs.split('#')[0]));
console.log(`conformance scenarios: ${found.length}, each naming its documentation page (${pages.size} pages)`);
for (const p of problems) console.error(`conformance: ${p}`);
process.exit(problems.length ? 1 : 0);
