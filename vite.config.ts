// Builds the React renderer. Electron loads the result from file://, so every URL is relative
// (`base: './'`) and nothing is fetched from the network: fonts, scripts and styles are all local.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/**
 * The dev server injects an inline React Refresh preamble that the strict CSP in index.html would block.
 * Drop the CSP meta for `vite serve` only; built pages (what Electron and the browser host load) keep it.
 */
const devWithoutCsp = (): Plugin => ({
  name: 'stakemap:dev-without-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*/i, ''),
});

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), devWithoutCsp()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
