/**
 * Where the project's files are at run time: the same whether the server runs from source
 * (`tsx src/main.ts`) or from the production build (`node dist/server/src/main.js`), so files
 * read at run time (bpmn/, the built web app in dist/web) are found from the project root,
 * not from the running file's folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The folder of our package.json, found upwards from this file. */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'kvalitetshjulet') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no kvalitetshjulet package.json above ${from}`);
  }
}

/** The project root (where package.json, bpmn/ and dist/ are). */
export const ROOT = projectRoot(import.meta.dirname);

/** The process models and forms deployed at start. */
export const BPMN_DIR = path.join(ROOT, 'bpmn');

/** The built web app (`npm run build:web`), served by the API. */
export const WEB_DIST = path.join(ROOT, 'dist', 'web');
