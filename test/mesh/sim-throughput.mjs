#!/usr/bin/env node
// node test/mesh/sim-throughput.mjs [devices...] [--seconds N] [--settle N]   (settle 0: setImmediate drain)
// Measures simulated MeshNode calls per wall-clock second (see simThroughput.scenario.ts).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = process.argv.slice(2);
const sizes = [];
let seconds = 10;
let runs = 1;
const settles = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--seconds') seconds = Number(args[++i]);
  else if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--settle') settles.push(Number(args[++i]));
  else sizes.push(Number(args[i]));
}
if (sizes.length === 0) sizes.push(50, 200);
if (settles.length === 0) settles.push(64);
const outDir = path.join(root, 'node_modules/.cache/arkmesh-bench');
fs.mkdirSync(outDir, { recursive: true });
const outfile = path.join(outDir, 'sim-throughput.mjs');
await build({ entryPoints: [path.join(here, 'simThroughput.scenario.ts')], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
const { runThroughput } = await import(pathToFileURL(outfile).href);
for (const settle of settles) {
  for (const n of sizes) {
    // The machine may be shared: several runs, reporting each, the median and the best.
    const rates = [];
    for (let k = 0; k < runs; k++) {
      const r = await runThroughput(n, seconds, settle);
      rates.push(r.callsPerWallSecond);
      console.log(`${String(n).padStart(4)} devices, settle ${settle === 0 ? 'setImmediate' : settle + ' turns'}: ${Math.round(r.callsPerWallSecond).toLocaleString('en')} simulated calls per wall-clock second ` +
        `(${r.calls} calls, ${r.failed} failed, ${(100 * r.remoteShare).toFixed(1)}% remote, ${Math.round(r.callsPerVirtualSecond)} calls per virtual second, ` +
        `${r.envelopes} envelopes, ${r.virtualSeconds} virtual s in ${Math.round(r.wallMs)} ms)`);
    }
    if (runs > 1) {
      rates.sort((a, b) => a - b);
      console.log(`${String(n).padStart(4)} devices: median ${Math.round(rates[rates.length >> 1]).toLocaleString('en')}, best ${Math.round(rates[rates.length - 1]).toLocaleString('en')} calls/s over ${runs} runs`);
    }
  }
}
