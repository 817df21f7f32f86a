#!/usr/bin/env node
// node test/messaging/no-loss.mjs [seeds=200] [--chaos SECONDS] [--from N] [--harsh-every K]
//   (--harsh-every K: every K-th seed has flaky handlers (50 %) and 2 attempts, so dead letters happen)
// Runs the no-loss scenario (noLossScenario.ts) over many seeds and prints the totals: messages,
// crashes, partitions, duplicate deliveries, dead letters, and any (message, group) lost.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = process.argv.slice(2);
let seeds = 200;
let chaos = 60;
let from = 0;
let harshEvery = 0;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--chaos') chaos = Number(args[++i]);
  else if (args[i] === '--harsh-every') harshEvery = Number(args[++i]);
  else if (args[i] === '--from') from = Number(args[++i]);
  else seeds = Number(args[i]);
}
const outDir = path.join(root, 'node_modules/.cache/arkmesh-bench');
fs.mkdirSync(outDir, { recursive: true });
const outfile = path.join(outDir, 'no-loss.mjs');
await build({ entryPoints: [path.join(here, 'noLossScenario.ts')], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
const { runNoLoss } = await import(pathToFileURL(outfile).href);

const total = { published: 0, obligations: 0, processed: 0, deadLettered: 0, duplicates: 0, crashes: 0, partitions: 0, lost: 0, leftHeld: 0 };
let worstSettle = 0;
const failing = [];
const started = Date.now();
for (let s = from; s < from + seeds; s++) {
  const harsh = harshEvery > 0 && s % harshEvery === harshEvery - 1;
  const r = await runNoLoss(String(s), harsh ? { chaosSeconds: chaos, failRate: 0.5, maxAttempts: 2 } : { chaosSeconds: chaos });
  for (const k of Object.keys(total)) total[k] += k === 'lost' ? r.lost.length : r[k];
  worstSettle = Math.max(worstSettle, r.settleMs);
  if (r.lost.length > 0 || r.leftHeld > 0) {
    failing.push(s);
    console.log(`seed ${s}: LOST ${r.lost.length} (${r.lost.slice(0, 5).join(', ')}), still held ${r.leftHeld}`);
  }
}
console.log(`${seeds} seeds x ${chaos} virtual s of chaos in ${((Date.now() - started) / 1000).toFixed(1)} s wall:`);
console.log(`  ${total.published} messages published (resolved), ${total.obligations} (message, group) deliveries owed`);
console.log(`  ${total.processed} processed, ${total.deadLettered} dead-lettered, ${total.lost} lost, ${total.leftHeld} still held`);
console.log(`  ${total.duplicates} duplicate deliveries (${(100 * total.duplicates / Math.max(1, total.processed)).toFixed(2)}% of processed), ` +
  `${total.crashes} crashes, ${total.partitions} partitions, slowest settle ${worstSettle} virtual ms`);
if (failing.length > 0) {
  console.log(`FAILED seeds: ${failing.join(', ')}`);
  process.exit(1);
}
