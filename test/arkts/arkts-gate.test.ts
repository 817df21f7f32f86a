import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gateInputs, isOhosAdapter, runGate } from './arkts-gate.mjs';
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

  // The HarmonyOS adapters and the sample app are checked against the declaration shims in
  // test/types/ohos: a misspelt kit member, a wrong argument count or an ArkUI attribute that does
  // not exist must fail the gate just as DevEco's build would.
  const { shims } = gateInputs();
  const adapter = (name: string): Diag[] =>
    runGate({ root: fixtures, sources: [path.join(fixtures, 'ohos', name)], shims, portableExclude: () => true, adapterCheck: () => true });
  const page = (name: string): Diag[] => runGate({ root: fixtures, sources: [], shims, app: [path.join(fixtures, 'app', name)] });

  it('reports a broken HarmonyOS adapter: unknown kit member, wrong arity, any', () => {
    const errors = adapter('BrokenAdapter.ets').filter((d) => d.severity === 'error');
    const text = errors.map((d) => `${d.line} [${d.check}] ${d.message}`).join('\n');
    expect(text).toMatch(/8 \[ohos\] Property 'inform' does not exist on type 'typeof hilog'/);
    expect(text).toMatch(/10 \[ohos\] Expected 2 arguments, but got 1/);
    expect(text).toMatch(/9 \[arkts\] .*arkts-no-any-unknown/);
  }, 60000);

  it('passes a HarmonyOS adapter that uses the kits as declared', () => {
    expect(adapter('CleanAdapter.ets')).toEqual([]);
  }, 60000);

  it('reports a broken ArkUI page: wrong argument type, unknown attribute, untyped literal', () => {
    const text = page('BrokenPage.ets').map((d) => `${d.line} [${d.check}] ${d.message}`).join('\n');
    expect(text).toMatch(/10 \[app\] Argument of type 'number' is not assignable/);
    expect(text).toMatch(/12 \[app\] Property 'glow' does not exist on type 'TextAttribute'/);
    expect(text).toMatch(/6 \[app\] .*arkts-no-untyped-obj-literals/);
  }, 60000);

  it('passes an ArkUI page with structs, builders, ForEach and decorators', () => {
    expect(page('CleanPage.ets')).toEqual([]);
  }, 60000);

  it('covers the adapters, the sample app and its ohosTest, and keeps the adapters out of the portable check', () => {
    const projectRoot = path.join(here, '../..');
    const rel = (files: string[]): string[] => files.map((s) => path.relative(projectRoot, s).split(path.sep).join('/'));
    const inputs = gateInputs();
    expect(rel(inputs.sources)).toContain('sdk/src/main/ets/ohos/crypto/OhosCrypto.ets');
    expect(rel(inputs.app)).toContain('entry/src/main/ets/pages/Index.ets');
    expect(rel(inputs.app)).toContain('entry/src/main/ets/entryability/EntryAbility.ets');
    expect(rel(inputs.app)).toContain('entry/src/ohosTest/ets/test/List.test.ets');
    expect(rel(inputs.shims)).toContain('test/types/ohos/kit.CryptoArchitectureKit.d.ts');
    expect(isOhosAdapter('sdk/src/main/ets/ohos/store/PreferencesStore.ets')).toBe(true);
    expect(isOhosAdapter('sdk/src/main/ets/ohos/store/PreferencesBackedStore.ts')).toBe(false);
    expect(isOhosAdapter('sdk/src/main/ets/platform/SystemClock.ts')).toBe(false);
  });

  it('covers every SDK source and Index.ets', () => {
    const { sources } = gateInputs();
    const rel = sources.map((s) => path.relative(path.join(here, '../..'), s).split(path.sep).join('/'));
    expect(rel).toContain('sdk/Index.ets');
    expect(rel).toContain('sdk/src/main/ets/platform/VirtualClock.ts');
    expect(rel.every((r) => r === 'sdk/Index.ets' || r.startsWith('sdk/src/main/ets/'))).toBe(true);
  });
});
