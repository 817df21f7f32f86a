#!/usr/bin/env node
// Builds the arkmesh-sim CLI (simulator/cli/bin.ts + the engine + the SDK sources it imports) into
// one ESM file, simulator/dist/cli.js. `npm run build -w simulator` runs it; bin/arkmesh-sim.mjs
// runs it on demand when the build is missing or older than the sources.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const simulator = path.resolve(here, '..');
export const CLI_OUTFILE = path.join(simulator, 'dist/cli.js');

export async function buildCli({ quiet = false } = {}) {
  const pkg = JSON.parse(fs.readFileSync(path.join(simulator, 'package.json'), 'utf8'));
  await build({
    entryPoints: [path.join(simulator, 'cli/bin.ts')],
    outfile: CLI_OUTFILE,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    loader: { '.ets': 'ts' },
    resolveExtensions: ['.ts', '.ets', '.mjs', '.js', '.json'],
    banner: { js: '#!/usr/bin/env node' },
    define: { ARKMESH_SIM_VERSION: JSON.stringify(pkg.version) },
    logLevel: quiet ? 'error' : 'warning',
  });
  fs.chmodSync(CLI_OUTFILE, 0o755);
  if (!quiet) console.log(`built ${path.relative(process.cwd(), CLI_OUTFILE)}`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli();
}
