#!/usr/bin/env node
// npm run bench [-- NAME ...] [--json FILE] [--quick]
// Bundles each test/bench/*.bench.ts with esbuild, runs it in its own Node process (a fresh JIT per
// benchmark), and prints one table: benchmark, operation, ArkMesh ops/s, peer, peer ops/s, ratio.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = process.argv.slice(2);
let jsonFile;
const names = [];
let quick = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') jsonFile = args[++i];
  else if (args[i] === '--quick') quick = true;
  else names.push(args[i]);
}
const options = quick
  ? { rounds: 1, roundMs: 20, warmupMs: 10 }
  : { rounds: Number(process.env.BENCH_ROUNDS ?? 5), roundMs: Number(process.env.BENCH_ROUND_MS ?? 400), warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 400) };

const files = fs.readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort()
  .filter((f) => names.length === 0 || names.includes(f.replace(/\.bench\.ts$/, '')));
if (files.length === 0) {
  console.error(`bench: nothing matches ${names.join(', ')}; available: ${fs.readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, '')).join(', ')}`);
  process.exit(2);
}

const outDir = path.join(root, 'node_modules/.cache/arkmesh-bench');
fs.mkdirSync(outDir, { recursive: true });
const rows = [];
let failures = 0;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  const entry = path.join(outDir, `${name}.entry.mjs`);
  fs.writeFileSync(entry, [
    `import suite from ${JSON.stringify(path.join(here, file))};`,
    `import { runSuite } from ${JSON.stringify(path.join(here, 'harness.ts'))};`,
    `const rows = await runSuite(suite, ${JSON.stringify(options)});`,
    `console.log('BENCH_ROWS ' + JSON.stringify(rows));`,
  ].join('\n'));
  const outfile = path.join(outDir, `${name}.mjs`);
  await build({
    entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20',
    packages: 'external', loader: { '.ets': 'ts' }, logLevel: 'warning',
  });
  process.stderr.write(`bench: ${name} ...\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', outfile], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('BENCH_ROWS '));
  if (r.status !== 0 || !line) {
    failures++;
    console.error(`bench: ${name} failed (exit ${r.status})\n${r.stderr}`);
    continue;
  }
  rows.push(...JSON.parse(line.slice('BENCH_ROWS '.length)));
}

const fmt = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(1));
const table = [['benchmark', 'operation', 'ArkMesh ops/s', 'peer', 'peer ops/s', 'ratio']]
  .concat(rows.map((r) => [r.bench, r.op, fmt(r.arkmesh), r.peer, fmt(r.peerOps), `${r.ratio.toFixed(2)}x`]));
const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
for (const [i, row] of table.entries()) {
  console.log(row.map((cell, c) => (c >= 2 && c !== 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
if (jsonFile) {
  fs.writeFileSync(path.resolve(process.cwd(), jsonFile), JSON.stringify(rows, null, 2) + '\n');
  console.log(`bench: wrote ${rows.length} rows to ${jsonFile}`);
}
process.exit(failures === 0 ? 0 : 1);
