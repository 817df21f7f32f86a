import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './electron/security.ts';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The built page carries the same strict CSP as the Electron responses, so browser mode is held
 * to the same policy. (Only at build time: the dev server's hot reload needs inline scripts.)
 */
const contentSecurityPolicy = (): Plugin => ({
  name: 'arkmesh-csp',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  },
});

export default defineConfig({
  root,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  publicDir: false,
  worker: { format: 'es' },
  build: {
    outDir: path.join(root, 'dist/app'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2048,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 5173 },
});
