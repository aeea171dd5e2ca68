/**
 * `npm run lint:bpmn [folder]`: lints every .bpmn file in a folder (default bpmn/) and exits
 * 1 when any has an error. Warnings are printed but do not fail.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintBpmn, type LintProblem } from './index.js';

/** Lints the .bpmn files of `folder`; returns the problems per file name. */
export async function lintFolder(folder: string): Promise<Map<string, LintProblem[]>> {
  const names = (await readdir(folder)).filter((n) => n.endsWith('.bpmn')).sort();
  const results = new Map<string, LintProblem[]>();
  for (const name of names) {
    results.set(name, await lintBpmn(await readFile(path.join(folder, name), 'utf8')));
  }
  return results;
}

async function main(): Promise<number> {
  const folder = process.argv[2] ?? 'bpmn';
  const results = await lintFolder(folder);
  let errors = 0;
  for (const [name, problems] of results) {
    for (const p of problems) {
      if (p.category === 'error') errors += 1;
      process.stdout.write(`${name}: ${p.category} ${p.elementId ?? '-'} ${p.rule}: ${p.message}\n`);
    }
  }
  process.stdout.write(`${results.size} model(s) linted, ${errors} error(s)\n`);
  return errors > 0 ? 1 : 0;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`lint failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
