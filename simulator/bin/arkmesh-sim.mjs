#!/usr/bin/env node
// The arkmesh-sim command (package.json "bin"): runs simulator/dist/cli.js, building it first with
// esbuild when it is missing or older than the engine, CLI or SDK sources (so `npx arkmesh-sim`
// never runs a stale build).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const simulator = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(simulator, 'dist/cli.js');
const sources = [
  path.join(simulator, 'engine'), path.join(simulator, 'cli'), path.join(simulator, 'scripts/build-cli.mjs'),
  path.resolve(simulator, '../sdk/src/main/ets'), path.resolve(simulator, '../sdk/src/npm'), path.resolve(simulator, '../sdk/src/host'),
];

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

let built = 0;
try {
  built = fs.statSync(outfile).mtimeMs;
} catch {
  built = 0;
}
if (built === 0 || sources.some((s) => newest(s) > built)) {
  const { buildCli } = await import(pathToFileURL(path.join(simulator, 'scripts/build-cli.mjs')).href);
  await buildCli({ quiet: true });
}
await import(pathToFileURL(outfile).href);
