// Builds the npm face of @arkmesh/sdk from the same sources as the HAR: one ESM bundle (esbuild)
// and the .d.ts files (tsc). Output: sdk/dist/index.js and sdk/dist/types/.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

await build({
  entryPoints: [path.join(sdk, 'src/npm/index.ts')],
  outfile: path.join(sdk, 'dist/index.js'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2021',
  sourcemap: true,
  logLevel: 'warning',
});
const tsc = require.resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(sdk, 'tsconfig.build.json')], { stdio: 'inherit' });
console.log('built sdk/dist (ESM bundle + .d.ts)');
