import { describe, expect, it } from 'vitest';
import * as har from '../../sdk/Index.ets';
import * as npm from '../../sdk/src/npm/index';

// The HAR (sdk/Index.ets) and the npm package (sdk/src/npm/index.ts) are two faces of one API:
// every name DevEco users can import must be importable from npm too.
describe('public API', () => {
  it('exports the same SDK names from Index.ets and the npm entry', () => {
    const harNames = Object.keys(har).sort();
    const npmNames = Object.keys(npm);
    expect(harNames.length).toBeGreaterThan(20);
    for (const n of harNames) expect(npmNames, n).toContain(n);
    const hostOnly = npmNames.filter((n) => !harNames.includes(n)).sort();
    expect(hostOnly).toEqual(['createMessageChannelSettle', 'createNodeHost', 'createRuntimeCrypto', 'createRuntimeRandom', 'createWebHost', 'setImmediateSettle']);
  });

  it('exports the foundation building blocks', () => {
    for (const n of ['MeshError', 'ErrorCode', 'VirtualClock', 'SystemClock', 'SeededRandom', 'CryptoRandom', 'SubtleCrypto', 'MemoryStore', 'EventEmitter', 'IdGenerator', 'Base64Url', 'CancellationSource']) {
      expect(har, n).toHaveProperty(n);
    }
  });
});
