// Builds the web app (React + TypeScript) into dist/web, which the server serves. `npm run dev`
// serves it with hot reload and proxies /api to a running server (KVH_API, default port 3000).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // Carbon's Sass uses if() and other syntax Dart Sass now warns about; the warnings are Carbon's to fix
  css: { preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ['if-function', 'import', 'global-builtin'] } } },
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 4000 },
  server: { port: 5173, proxy: { '/api': process.env.KVH_API ?? 'http://127.0.0.1:3000' } },
});
