/**
 * Runs npm scripts at the same time and fails if any fails: `npm test` typechecks while the
 * suites run (the suites spend much of their time waiting on the engine and the database, so
 * tsc fills a core that would otherwise idle). Each script's output is passed through as it comes.
 *   npx tsx scripts/parallel.ts typecheck test:suites
 */
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: tsx scripts/parallel.ts <npm script> [<npm script> …]');
  process.exit(2);
}

/** Runs one npm script; resolves with its exit code. */
function run(script: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: 'inherit' });
    child.on('error', (e) => {
      console.error(`${script}: ${e.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const codes = await Promise.all(scripts.map(run));
const failed = scripts.filter((_s, i) => codes[i] !== 0);
if (failed.length) console.error(`failed: ${failed.join(', ')}`);
process.exit(failed.length ? 1 : 0);
