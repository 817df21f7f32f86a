#!/usr/bin/env node
// node test/mesh/sim-throughput.mjs [devices...] [--seconds N] [--settle N] [--runs N] [--plugins a,b]
//   (settle 0: setImmediate drain; plugins: presets of simThroughput.scenario.ts, default none;
//    `--plugins all` runs every preset)
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
let presets = ['none'];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--plugins') presets = args[++i].split(',');
  else if (args[i] === '--seconds') seconds = Number(args[++i]);
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
const { runThroughput, PRESETS } = await import(pathToFileURL(outfile).href);
if (presets.length === 1 && presets[0] === 'all') presets = PRESETS;
for (const p of presets) if (!PRESETS.includes(p)) throw new Error(`unknown plugin preset ${p}; one of ${PRESETS.join(', ')}`);
for (const settle of settles) {
  for (const n of sizes) {
    // The machine may be shared: several runs, reporting each, the median and the best. With
    // several presets the runs interleave (preset A, B, ..., A, B, ...) so load drifts hit all alike.
    const rates = new Map(presets.map((p) => [p, []]));
    const cpuRates = new Map(presets.map((p) => [p, []]));
    for (let k = 0; k < runs; k++) {
      for (const preset of presets) {
        const r = await runThroughput(n, seconds, settle, 2, preset);
        rates.get(preset).push(r.callsPerWallSecond);
        cpuRates.get(preset).push(r.callsPerCpuSecond);
        console.log(`${String(n).padStart(4)} devices, ${preset.padEnd(14)} settle ${settle === 0 ? 'setImmediate' : settle + ' turns'}: ${Math.round(r.callsPerWallSecond).toLocaleString('en')} simulated calls per wall-clock second ` +
          `(${r.calls} calls, ${r.failed} failed, ${(100 * r.remoteShare).toFixed(1)}% remote, ${Math.round(r.callsPerVirtualSecond)} calls per virtual second, ` +
          `${r.envelopes} envelopes, ${r.spansExported} spans exported, ${r.virtualSeconds} virtual s in ${Math.round(r.wallMs)} ms, ` +
          `${Math.round(r.callsPerCpuSecond).toLocaleString('en')} calls per CPU second)`);
      }
    }
    if (runs > 1) {
      for (const preset of presets) {
        const xs = rates.get(preset).slice().sort((a, b) => a - b);
        const cs = cpuRates.get(preset).slice().sort((a, b) => a - b);
        console.log(`${String(n).padStart(4)} devices, ${preset.padEnd(14)}: median ${Math.round(xs[xs.length >> 1]).toLocaleString('en')}, best ${Math.round(xs[xs.length - 1]).toLocaleString('en')} calls/s over ${runs} runs; ` +
          `per CPU second: median ${Math.round(cs[cs.length >> 1]).toLocaleString('en')}, best ${Math.round(cs[cs.length - 1]).toLocaleString('en')}`);
      }
    }
  }
}
