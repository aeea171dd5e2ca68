// Builds the web app (React + TypeScript) into dist/web, which the server serves. `npm run dev`
// serves it with hot reload and proxies /api to a running server (KVH_API, default port 3000).
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * CodeMirror (the modeler's properties panel and form-js's editor: their FEEL and template fields) puts
 * its styles in a <style> element through style-mod, which the app's CSP refuses (style-src
 * 'self', src/http/security.ts). style-mod already uses a constructed stylesheet
 * (adoptedStyleSheets, not subject to style-src) for shadow roots; this makes it do so for the
 * document too. A style-mod release that changes the line fails the build, not the page.
 */
function styleModAdoptedSheets(): Plugin {
  const from = 'if (!root.head && root.adoptedStyleSheets && win.CSSStyleSheet)';
  return {
    name: 'kvh-style-mod-adopted-sheets',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]style-mod[\\/]/.test(id)) return undefined;
      if (!code.includes(from)) throw new Error(`style-mod changed: ${id} no longer has the line kvh-style-mod-adopted-sheets patches`);
      return { code: code.replace(from, 'if (root.adoptedStyleSheets && win.CSSStyleSheet)'), map: null };
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), styleModAdoptedSheets()],
  // Carbon's Sass uses if() and other syntax Dart Sass now warns about; the warnings are Carbon's to fix
  css: { preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ['if-function', 'import', 'global-builtin'] } } },
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 4000 },
  server: { port: 5173, proxy: { '/api': process.env.KVH_API ?? 'http://127.0.0.1:3000' } },
});
