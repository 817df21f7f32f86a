import { transform } from 'esbuild';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';

// DevEco sources end in .ets; the portable ones are plain TypeScript, so vitest can load them once
// esbuild has stripped their types.
const etsAsTypeScript = (): Plugin => ({
  name: 'arkmesh-ets',
  enforce: 'pre',
  async transform(code, id) {
    if (!id.endsWith('.ets')) return null;
    const out = await transform(code, { loader: 'ts', sourcefile: id, sourcemap: true, target: 'es2021' });
    return { code: out.code, map: out.map };
  },
});

export default defineConfig({
  plugins: [etsAsTypeScript()],
  resolve: { extensions: ['.ts', '.ets', '.mjs', '.js', '.tsx', '.json'] },
  test: {
    include: ['test/**/*.test.{ts,tsx}', 'simulator/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/e2e/**'],
    testTimeout: 30000,
    pool: 'forks',
  },
});
