#!/usr/bin/env node
// npm start: builds the simulator app when its sources changed, then opens it in Electron when the
// Electron binary is available (it is downloaded on first launch); otherwise serves it on
// localhost for a browser and says why. `--browser` serves even when Electron is available.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildApp, ELECTRON_DIR } from './build-app.mjs';
import { serveApp } from './serve.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const port = Number(process.env.PORT ?? 5173);

/** The Electron executable if it is installed (or could be downloaded now); else why not. */
const findElectron = () => {
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(dir, 'path.txt');
  const binary = () => (fs.existsSync(pathFile) ? path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8')) : undefined);
  let exe = binary();
  if (exe === undefined || !fs.existsSync(exe)) {
    if (process.env.ARKMESH_NO_ELECTRON_DOWNLOAD === '1') return { reason: 'the Electron binary is not downloaded (ARKMESH_NO_ELECTRON_DOWNLOAD=1)' };
    console.log('Downloading the Electron binary (first launch)...');
    const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'pipe', timeout: 180_000 });
    exe = binary();
    if (r.status !== 0 || exe === undefined || !fs.existsSync(exe)) return { reason: 'the Electron binary is not available and could not be downloaded (no internet access?)' };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display to open a window on (DISPLAY is not set)' };
  }
  return { exe };
};

await buildApp();

const electron = args.includes('--browser') ? { reason: 'browser mode was requested (--browser)' } : findElectron();
if (electron.exe !== undefined) {
  console.log('ArkMesh simulator: opening the Electron app.');
  const child = spawn(electron.exe, [path.join(ELECTRON_DIR, 'main.cjs')], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
} else {
  const { url } = await serveApp({ port });
  console.log(`ArkMesh simulator: ${electron.reason}, so it is served for a browser instead (same app, same storage rules).`);
  console.log(`Open ${url}  (Ctrl+C to stop)`);
}
