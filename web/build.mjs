// Builds the web UI into web/dist: one ES bundle (esbuild) plus the bpmn-js and form-js styles.
import { build } from 'esbuild';
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const nm = path.resolve(here, '../node_modules');
const dist = path.join(here, 'dist');
mkdirSync(path.join(dist, 'vendor'), { recursive: true });

await build({
  entryPoints: [path.join(here, 'src/main.ts')],
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  target: 'es2022',
  outfile: path.join(dist, 'app.js'),
  logLevel: 'warning',
});
copyFileSync(path.join(here, 'src/index.html'), path.join(dist, 'index.html'));
copyFileSync(path.join(here, 'src/app.css'), path.join(dist, 'app.css'));
for (const f of ['diagram-js.css', 'bpmn-js.css']) copyFileSync(path.join(nm, 'bpmn-js/dist/assets', f), path.join(dist, 'vendor', f));
cpSync(path.join(nm, 'bpmn-js/dist/assets/bpmn-font'), path.join(dist, 'vendor/bpmn-font'), { recursive: true });
copyFileSync(path.join(nm, '@bpmn-io/form-js/dist/assets/form-js.css'), path.join(dist, 'vendor/form-js.css'));
console.log('web/dist built');
