import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('bench runner', () => {
  it('runs one benchmark by name, prints the ratio table and writes JSON rows', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'rows.json');
    const r = spawnSync(process.execPath, [path.join(here, 'run-bench.mjs'), 'base64url', '--quick', '--json', out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/benchmark\s+operation\s+ArkMesh ops\/s\s+peer\s+peer ops\/s\s+ratio/);
    const rows = JSON.parse(fs.readFileSync(out, 'utf8')) as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['arkmesh', 'bench', 'op', 'peer', 'peerOps', 'ratio']);
      expect(row.bench).toBe('base64url');
      expect(row.peer).toBe('Buffer');
      expect(row.arkmesh as number).toBeGreaterThan(0);
      expect(row.ratio as number).toBeCloseTo((row.arkmesh as number) / (row.peerOps as number), 6);
    }
  }, 120000);

  it('exits 2 and lists the benchmarks when the name matches nothing', () => {
    const r = spawnSync(process.execPath, [path.join(here, 'run-bench.mjs'), 'no-such-bench'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/available: .*base64url/);
  });
});
