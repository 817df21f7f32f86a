#!/usr/bin/env node
// Builds the simulator app: the renderer with Vite (simulator/dist/app) and the Electron main,
// preload and shared security module with esbuild (simulator/dist/electron/*.cjs; sandboxed
// preloads must be one CommonJS file). `buildApp()` skips the work when the outputs are newer
// than every source (the renderer, engine, SDK, Electron and config files).
import { build as esbuild } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SIMULATOR = path.resolve(here, '..');
export const APP_DIR = path.join(SIMULATOR, 'dist/app');
export const ELECTRON_DIR = path.join(SIMULATOR, 'dist/electron');
const STAMP = path.join(SIMULATOR, 'dist/.app-build');

const SOURCES = [
  'src', 'engine', 'electron', 'scenarios', 'index.html', 'vite.config.ts', 'package.json', 'scripts/build-app.mjs',
  '../sdk/src/main/ets', '../sdk/src/npm', '../sdk/src/host',
].map((p) => path.resolve(SIMULATOR, p));

const newest = (p) => {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
};

/** True when the build is missing or older than a source. */
export const isBuildStale = () => {
  let stamp;
  try {
    stamp = fs.statSync(STAMP).mtimeMs;
  } catch {
    return true;
  }
  const outputs = [path.join(APP_DIR, 'index.html'), path.join(ELECTRON_DIR, 'main.cjs'), path.join(ELECTRON_DIR, 'preload.cjs')];
  if (outputs.some((f) => !fs.existsSync(f))) return true;
  return SOURCES.some((s) => newest(s) > stamp);
};

export const buildElectron = async ({ quiet = false } = {}) => {
  const pkg = JSON.parse(fs.readFileSync(path.join(SIMULATOR, 'package.json'), 'utf8'));
  const common = {
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, external: ['electron'],
    define: { __APP_VERSION__: JSON.stringify(pkg.version) }, logLevel: quiet ? 'error' : 'warning',
  };
  await esbuild({ ...common, entryPoints: [path.join(SIMULATOR, 'electron/main.ts')], outfile: path.join(ELECTRON_DIR, 'main.cjs') });
  await esbuild({ ...common, entryPoints: [path.join(SIMULATOR, 'electron/preload.ts')], outfile: path.join(ELECTRON_DIR, 'preload.cjs') });
  await esbuild({ ...common, entryPoints: [path.join(SIMULATOR, 'electron/security.ts')], outfile: path.join(ELECTRON_DIR, 'security.cjs') });
};

export const buildRenderer = async ({ quiet = false } = {}) => {
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  const { build } = await import('vite');
  await build({ configFile: path.join(SIMULATOR, 'vite.config.ts'), logLevel: quiet ? 'error' : 'warn' });
};

/** Builds when stale (or always with `force`); returns true when it built. */
export const buildApp = async ({ force = false, quiet = false } = {}) => {
  if (!force && !isBuildStale()) return false;
  if (!quiet) console.log('Building the simulator app (renderer + Electron shell)...');
  const started = Date.now();
  await buildRenderer({ quiet });
  await buildElectron({ quiet });
  fs.mkdirSync(path.dirname(STAMP), { recursive: true });
  fs.writeFileSync(STAMP, new Date().toISOString());
  if (!quiet) console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(process.cwd(), APP_DIR)}, ${path.relative(process.cwd(), ELECTRON_DIR)}`);
  return true;
};

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildApp({ force: process.argv.includes('--force') });
}
