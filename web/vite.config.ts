// Builds the web app (React + TypeScript) into dist/web, which the server serves. `npm run dev`
// serves it with hot reload and proxies /api to a running server (KVH_API, default port 3000).
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * CodeMirror (the modeler's FEEL fields) adds its styles through style-mod, which writes a <style>
 * element into a document: the CSP (style-src 'self', src/http/security.ts) refuses that. A
 * constructed stylesheet (document.adoptedStyleSheets, in every browser we support) is no inline
 * style, so style-mod is made to use one for documents too, as it already does for shadow roots.
 */
const constructedStyleSheets: Plugin = {
  name: 'style-mod-constructed-sheets',
  transform(code, id) {
    if (!id.includes('/style-mod/src/')) return undefined;
    const patched = code.replace('if (!root.head && root.adoptedStyleSheets', 'if (root.adoptedStyleSheets');
    if (patched === code) throw new Error('style-mod changed: check that it still writes no <style> element under the CSP');
    // one line changed in place: the lines of the source map stay where they were
    return { code: patched, map: null };
  },
};

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), constructedStyleSheets],
  // Carbon's Sass uses if() and other syntax Dart Sass now warns about; the warnings are Carbon's to fix
  css: { preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ['if-function', 'import', 'global-builtin'] } } },
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 4000 },
  server: { port: 5173, proxy: { '/api': process.env.KVH_API ?? 'http://127.0.0.1:3000' } },
});
