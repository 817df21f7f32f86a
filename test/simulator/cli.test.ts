import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../simulator/cli/args';
import { formatDuration, progressLine, table } from '../../simulator/cli/format';
import { EXIT_EXPECTATIONS_FAILED, EXIT_INVALID, EXIT_OK, main } from '../../simulator/cli/main';
import type { CliIO } from '../../simulator/cli/main';
import { nodeIO } from '../../simulator/cli/nodeIO';

const root = path.resolve(__dirname, '../..');
const scenarios = path.join(root, 'simulator/scenarios');

/** The Node IO with captured output (files are real, in a temp dir). */
const capture = (isTTY = false): { io: CliIO; out: () => string; err: () => string } => {
  let out = '';
  let err = '';
  const io: CliIO = { ...nodeIO('test', scenarios), isTTY, stdout: (t) => { out += t; }, stderr: (t) => { err += t; } };
  return { io, out: () => out, err: () => err };
};

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'arkmesh-sim-'));

const small = {
  name: 'cli-small', seed: 3, duration: '6s', warmup: '1s',
  devices: [
    { id: 'phone', type: 'phone' },
    { id: 'tv', type: 'tv', services: [{ name: 'media', latency: { p50: 4, p99: 12 } }] },
  ],
  workload: { requests: [{ service: 'media', from: 'phone', rate: 20 }] },
  expectations: [{ type: 'successRate', service: 'media', min: 0.99 }, { type: 'minRequests', service: 'media', min: 50 }],
};

const write = (dir: string, name: string, value: unknown): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};

describe('arkmesh-sim command line', () => {
  it('parses options and rejects bad ones', () => {
    expect(parseArgs(['run', 'x.json', '--seed', '9', '--duration=2m', '--speed', '10', '--out', 'o', '--format', 'json'])).toEqual({
      command: 'run', target: 'x.json', seed: '9', duration: '2m', speed: 10, out: 'o', format: 'json',
    });
    expect(parseArgs([]).command).toBe('help');
    expect(parseArgs(['list']).command).toBe('list');
    expect(() => parseArgs(['run'])).toThrow('run needs a scenario file');
    expect(() => parseArgs(['run', 'a', '--speed', '1000'])).toThrow(/--speed/);
    expect(() => parseArgs(['run', 'a', '--format', 'xml'])).toThrow(/--format/);
    expect(() => parseArgs(['run', 'a', '--frobnicate'])).toThrow('unknown option --frobnicate');
    expect(() => parseArgs(['fly'])).toThrow("unknown command 'fly'");
    expect(() => parseArgs(['run', 'a', '--seed'])).toThrow('--seed needs a value');
  });

  it('formats tables, durations and progress', () => {
    expect(table(['a', 'n'], [['x', '1'], ['yy', '22']], [false, true])).toBe('a    n\nx    1\nyy  22');
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(150000)).toBe('2m 30s');
    expect(progressLine(5000, 10000, 1234, 99, 10)).toBe('[#####-----]  50%  5s/10s  1,234 events/s  99 calls');
  });

  it('exits 0 and prints a summary when every expectation holds; writes the exports', async () => {
    const dir = tmp();
    const file = write(dir, 'small.json', small);
    const out = path.join(dir, 'out');
    const c = capture();
    const code = await main(['run', file, '--out', out], c.io);
    expect(code).toBe(EXIT_OK);
    expect(c.out()).toMatch(/^Scenario cli-small \(seed 3\): 6s virtual/);
    expect(c.out()).toMatch(/\nService\s+Requests\s+Success/);
    expect(c.out()).toMatch(/PASS {2}successRate\(media\) >= 0\.99/);
    expect(c.out()).toMatch(/All 2 expectations hold\./);
    // Plain progress lines (not a TTY), at least the last at 100%.
    expect(c.err()).toMatch(/\[#+\] 100% {2}6s\/6s/);
    expect(c.err()).not.toMatch(/\r/);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(report.passed).toBe(true);
    expect(report.services.find((s: { service: string }) => s.service === 'media').requests).toBeGreaterThan(50);
    const otlp = JSON.parse(fs.readFileSync(path.join(out, 'traces.otlp.json'), 'utf8'));
    expect(otlp.resourceSpans.length).toBeGreaterThan(0);
    const jaeger = JSON.parse(fs.readFileSync(path.join(out, 'traces.jaeger.json'), 'utf8'));
    expect(jaeger.data.length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(out, 'metrics.prom'), 'utf8')).toMatch(/mesh_call_requests_total\{/);
    const events = fs.readFileSync(path.join(out, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ type: 'run', phase: 'started', seq: 1 });
    expect(events[events.length - 1]).toMatchObject({ type: 'run', phase: 'finished', passed: true });
  });

  it('exits 1 and lists the failed expectations', async () => {
    const dir = tmp();
    const file = write(dir, 'strict.json', { ...small, expectations: [{ type: 'latency', service: 'media', percentile: 99, maxMs: 1 }] });
    const c = capture();
    expect(await main(['run', file], c.io)).toBe(EXIT_EXPECTATIONS_FAILED);
    expect(c.out()).toMatch(/FAIL {2}p99\(media\) <= 1 ms/);
    expect(c.err()).toMatch(/arkmesh-sim: 1 expectation failed:\n {2}p99\(media\) <= 1 ms: [\d.]+ ms over \d+ requests/);
  });

  it('exits 2 with every validation error for a bad scenario', async () => {
    const dir = tmp();
    const file = write(dir, 'bad.json', { ...small, devices: [{ id: 'tv', type: 'tv', services: [{ name: 'media', latency: { p50: 4, p99: -1 } }] }] });
    const c = capture();
    expect(await main(['run', file], c.io)).toBe(EXIT_INVALID);
    expect(c.err()).toContain('devices[0].services[0].latency.p99: must be a positive number');
    expect(c.err()).toContain("workload.requests[0].from: no device matches 'phone'");
    expect(c.out()).toBe('');
    const broken = write(dir, 'broken.json', '{ "name": ');
    const d = capture();
    expect(await main(['validate', broken], d.io)).toBe(EXIT_INVALID);
    expect(d.err()).toMatch(/broken\.json: not a valid JSON file/);
    const e = capture();
    expect(await main(['run', path.join(dir, 'missing.json')], e.io)).toBe(EXIT_INVALID);
    expect(e.err()).toMatch(/no file .*missing\.json' and no bundled scenario of that name/);
    const f = capture();
    expect(await main(['run', file, '--speed', 'fast'], f.io)).toBe(EXIT_INVALID);
    expect(f.err()).toMatch(/--speed must be 'max' or a number/);
  });

  it('validates files and bundled scenarios by name; lists the bundled scenarios', async () => {
    const c = capture();
    expect(await main(['validate', 'flaky-watch-breakers'], c.io)).toBe(EXIT_OK);
    expect(c.out()).toMatch(/flaky-watch-breakers\.json: valid \(3 devices, 30s, 4 request streams, 1 faults, 5 expectations\)/);
    const l = capture();
    expect(await main(['list'], l.io)).toBe(EXIT_OK);
    for (const name of ['smart-home-handoff', 'order-saga', 'flaky-watch-breakers', 'partition-heal-queue', 'scale-200']) {
      expect(l.out()).toContain(`  ${name}`);
    }
  });

  it('overrides seed and duration; --format json prints the report only', async () => {
    const dir = tmp();
    const file = write(dir, 'small.json', small);
    const c = capture();
    expect(await main(['run', file, '--seed', '77', '--duration', '5s', '--format', 'json'], c.io)).toBe(EXIT_OK);
    const report = JSON.parse(c.out());
    expect(report).toMatchObject({ scenario: 'cli-small', seed: '77', durationMs: 5000, finished: true });
    expect(c.err()).toBe('');
  });

  it('paces a run with --speed (virtual time runs N times as fast as wall time)', async () => {
    const dir = tmp();
    const file = write(dir, 'small.json', { ...small, duration: '2s', warmup: '500ms', expectations: [] });
    const c = capture();
    const started = performance.now();
    expect(await main(['run', file, '--speed', '10'], c.io)).toBe(EXIT_OK);
    // 2 s of virtual time at 10x takes at least ~200 ms of wall time.
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
    expect(c.out()).toMatch(/No expectations\./);
  });

  it('draws a progress bar in place on a terminal', async () => {
    const dir = tmp();
    const file = write(dir, 'small.json', { ...small, duration: '2s', warmup: '500ms' });
    const c = capture(true);
    await main(['run', file], c.io);
    expect(c.err()).toMatch(/\r\[#+-*\] +\d+%/);
    expect(c.err().endsWith('\n')).toBe(true);
  });

  it('the built binary runs (npx arkmesh-sim): exit codes and output', () => {
    const bin = path.join(root, 'simulator/bin/arkmesh-sim.mjs');
    const dir = tmp();
    const ok = spawnSync(process.execPath, [bin, 'run', write(dir, 'small.json', small), '--format', 'json'], { encoding: 'utf8', timeout: 120000 });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).passed).toBe(true);
    expect(fs.existsSync(path.join(root, 'simulator/dist/cli.js'))).toBe(true);
    const bad = spawnSync(process.execPath, [bin, 'validate', write(dir, 'bad.json', { name: 'x' })], { encoding: 'utf8', timeout: 60000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/duration: is required/);
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', timeout: 60000 });
    expect(version.stdout.trim()).toMatch(/^arkmesh-sim \d+\.\d+\.\d+$/);
  }, 180000);
});
