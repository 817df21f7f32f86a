import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gateInputs, runGate } from './arkts-gate.mjs';
import type { GateDiagnostic as Diag } from './arkts-gate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');
const lint = (name: string): Diag[] =>
  runGate({ root: fixtures, sources: [path.join(fixtures, name)], portableExclude: () => false });

// The gate is only worth something if it fails on what DevEco rejects: each fixture holds one
// construct the ArkTS toolchain refuses, and each must be reported as an error.
describe('ArkTS gate', () => {
  const cases: Array<[string, RegExp]> = [
    ['any.ts', /arkts-no-any-unknown/],
    ['objectSpread.ts', /arkts-no-spread/],
    ['destructuring.ts', /arkts-no-destruct-decls/],
    ['forIn.ts', /arkts-no-for-in/],
    ['uninitialisedField.ts', /has no initializer|definitely assigned/],
    ['textEncoder.ts', /Cannot find name 'TextEncoder'/],
  ];
  for (const [file, pattern] of cases) {
    it(`reports ${file}`, () => {
      const diags = lint(file);
      const errors = diags.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.message).join('\n')).toMatch(pattern);
      expect(errors.every((d) => d.file === file && d.line > 0 && d.col > 0)).toBe(true);
    }, 60000);
  }

  it('passes clean ArkTS', () => {
    expect(lint('clean.ts')).toEqual([]);
  }, 60000);

  it('covers every SDK source and Index.ets', () => {
    const { sources } = gateInputs();
    const rel = sources.map((s) => path.relative(path.join(here, '../..'), s).split(path.sep).join('/'));
    expect(rel).toContain('sdk/Index.ets');
    expect(rel).toContain('sdk/src/main/ets/platform/VirtualClock.ts');
    expect(rel.every((r) => r === 'sdk/Index.ets' || r.startsWith('sdk/src/main/ets/'))).toBe(true);
  });
});
