#!/usr/bin/env node
// node test/membership/false-positives.mjs [minutes=60] [devices=50] [loss=0.1]
// A long lossy run of SWIM on a SimNetwork: counts live devices declared dead (false positives).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const [minutes = 60, devices = 50, loss = 0.1] = process.argv.slice(2).map(Number);
const outDir = path.join(root, 'node_modules/.cache/arkmesh-bench');
fs.mkdirSync(outDir, { recursive: true });
const entry = path.join(outDir, 'false-positives.entry.ts');
fs.writeFileSync(entry, `export { Cluster } from ${JSON.stringify(path.join(here, 'cluster.ts'))};\nexport { MemberEventType } from ${JSON.stringify(path.join(root, 'sdk/src/main/ets/membership/index.ts'))};\n`);
const outfile = path.join(outDir, 'false-positives.mjs');
await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
const { Cluster, MemberEventType } = await import(pathToFileURL(outfile).href);
const c = new Cluster({ size: devices, seed: 'long-run', conditions: { loss, jitterMs: 4 } });
c.startAll();
await c.until(() => c.converged(), 60000);
const from = c.events.length;
const t0 = performance.now();
for (let m = 0; m < minutes; m++) await c.clock.advance(60000);
const after = c.events.slice(from);
const dead = after.filter((e) => e.type === MemberEventType.DEAD).length;
const suspect = after.filter((e) => e.type === MemberEventType.SUSPECT).length;
let refutations = 0;
let raised = 0;
for (const m of c.nodes.values()) { refutations += m.stats.refutations; raised += m.stats.suspicionsRaised; }
console.log(`${devices} devices, ${(loss * 100).toFixed(0)}% loss, ${minutes} virtual min: ${dead} false positives (dead events about live devices), ` +
  `${raised} suspicions raised (${suspect} suspect events seen), ${refutations} refutations, ${c.net.stats.droppedLoss}/${c.net.stats.sent} envelopes lost, ` +
  `converged at the end: ${c.converged()}, wall ${Math.round(performance.now() - t0)} ms`);
