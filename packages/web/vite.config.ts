import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiPort = process.env.INNOCLUSTER_API_PORT ?? process.env.PORT ?? '3000';

/**
 * The web app builds with Vite's own esbuild JSX transform (no React plugin: it does not install
 * cleanly everywhere); `npm run dev:web` proxies /api to a running server.
 */
export default defineConfig({
  root,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // Libraries' "use client" directives and misplaced /*#__PURE__*/ comments are harmless
      // in a client-only bundle; hiding them keeps real warnings visible.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' || warning.code === 'INVALID_ANNOTATION')
          return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false } },
  },
});
