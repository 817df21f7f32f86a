import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as npm from '../../sdk/src/npm/index';

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../sdk');
// Index.ets also exports the HarmonyOS adapters (sdk/src/main/ets/ohos), which import @kit.* and only
// load on a device. So this test reads Index.ets's export lines and imports every other module the
// way Index.ets does; the adapters' names are read from their index file and checked separately.
const OHOS_INDEX = './src/main/ets/ohos/index';
const indexLines = [...fs.readFileSync(path.join(sdk, 'Index.ets'), 'utf8').matchAll(/^export \* from '([^']+)';/gm)].map((m) => m[1]);

const loadHar = async (): Promise<Record<string, unknown>> => {
  const har: Record<string, unknown> = {};
  for (const rel of indexLines.filter((p) => p !== OHOS_INDEX)) {
    const mod = (await import(/* @vite-ignore */ pathToFileURL(path.join(sdk, `${rel}.ts`)).href)) as Record<string, unknown>;
    Object.assign(har, mod);
  }
  return har;
};

/** Runtime names exported by an index file's `export { A, B as C } from` lines (type-only exports excluded). */
const exportedNames = (file: string): string[] => {
  const text = fs.readFileSync(file, 'utf8');
  const names: string[] = [];
  for (const m of text.matchAll(/^export \{([^}]*)\} from '[^']+';/gm)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name) names.push(name);
    }
  }
  return names;
};

// The HAR (sdk/Index.ets) and the npm package (sdk/src/npm/index.ts) are two faces of one API:
// every name DevEco users can import must be importable from npm too, except the HarmonyOS adapters.
describe('public API', () => {
  it('exports the same SDK names from Index.ets and the npm entry', async () => {
    const har = await loadHar();
    const harNames = Object.keys(har).sort();
    const npmNames = Object.keys(npm);
    expect(harNames.length).toBeGreaterThan(20);
    for (const n of harNames) expect(npmNames, n).toContain(n);
    const hostOnly = npmNames.filter((n) => !harNames.includes(n)).sort();
    expect(hostOnly).toEqual(['createMessageChannelSettle', 'createNodeHost', 'createRuntimeCrypto', 'createRuntimeRandom', 'createWebHost', 'setImmediateSettle']);
  });

  it('exports the foundation building blocks', async () => {
    const har = await loadHar();
    for (const n of ['MeshError', 'ErrorCode', 'VirtualClock', 'SystemClock', 'SeededRandom', 'CryptoRandom', 'SubtleCrypto', 'MemoryStore', 'EventEmitter', 'IdGenerator', 'Base64Url', 'CancellationSource']) {
      expect(har, n).toHaveProperty(n);
    }
  });

  it('exports the HarmonyOS adapters from Index.ets only, under names no other module uses', () => {
    expect(indexLines.filter((p) => p === OHOS_INDEX)).toHaveLength(1);
    expect(fs.readFileSync(path.join(sdk, 'src/npm/index.ts'), 'utf8')).not.toMatch(/ohos/);
    const ohosNames = exportedNames(path.join(sdk, 'src/main/ets/ohos/index.ets'));
    for (const n of ['OhosCrypto', 'OhosRandom', 'PreferencesStore', 'HilogLogger']) expect(ohosNames).toContain(n);
    for (const n of ohosNames) expect(Object.keys(npm), n).not.toContain(n);
  });
});
