import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('hypium desktop runner', () => {
  it('reports each case and fails the run when a case fails or throws', () => {
    const r = spawnSync(process.execPath, [path.join(here, 'run-hypium.mjs'), path.join(here, 'fixtures/List.test.ets')], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/ok {3}Fixture > passes/);
    expect(r.stdout).toMatch(/FAIL Fixture > fails/);
    expect(r.stdout).toMatch(/ERR {2}Fixture > throws\n\s+thrown on purpose/);
    expect(r.stdout.trim().split('\n').pop()).toBe('1 passed, 2 failed');
    expect(r.status).toBe(1);
  }, 60000);
});
