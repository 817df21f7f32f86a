import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ErrorCode, InvalidArgumentError, MeshError } from '../../sdk/src/main/ets/core/index';
import { WriteOp } from '../../sdk/src/main/ets/platform/index';
import { PreferencesBackedStore } from '../../sdk/src/main/ets/ohos/store/PreferencesBackedStore';
import type { PreferencesBackend } from '../../sdk/src/main/ets/ohos/store/PreferencesBackedStore';
import {
  DEFAULT_PREFERENCES_MAX_KEY_BYTES, DEFAULT_PREFERENCES_MAX_VALUE_BYTES, PreferencesLimits, utf8ByteLength,
} from '../../sdk/src/main/ets/ohos/store/PreferencesLimits';
import { loadAdapters } from './loadAdapters';
import type { AdapterBundle } from './loadAdapters';

/** A preferences instance: `memory` is what reads see, `file` what the last successful flush wrote. */
class FakeBackend implements PreferencesBackend {
  readonly memory: Map<string, string>;
  readonly file: Map<string, string>;
  flushes = 0;
  /** Decides, per flush, whether it fails. */
  failWhen: (n: number) => boolean = () => false;

  constructor(file: Map<string, string> = new Map()) {
    this.file = file;
    this.memory = new Map(file);
  }

  stringKeys(): string[] {
    return Array.from(this.memory.keys());
  }

  get(key: string): string | undefined {
    return this.memory.get(key);
  }

  put(key: string, value: string): void {
    this.memory.set(key, value);
  }

  remove(key: string): void {
    this.memory.delete(key);
  }

  async flush(): Promise<void> {
    const n = ++this.flushes;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.failWhen(n)) throw Object.assign(new Error('disk full (injected)'), { code: 15500000 });
    this.file.clear();
    for (const [k, v] of this.memory) this.file.set(k, v);
  }
}

const limits = new PreferencesLimits(DEFAULT_PREFERENCES_MAX_KEY_BYTES, DEFAULT_PREFERENCES_MAX_VALUE_BYTES);
const sorted = (m: Map<string, string>): Array<[string, string]> => Array.from(m.entries()).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

describe('PreferencesBackedStore (the portable half of PreferencesStore)', () => {
  it('resolves a write only after flush has persisted it', async () => {
    const backend = new FakeBackend();
    const store = new PreferencesBackedStore(backend, limits);
    const pending = store.set('k', 'v');
    expect(backend.file.has('k')).toBe(false);
    await pending;
    expect(backend.file.get('k')).toBe('v');
    expect(await store.delete('k')).toBe(true);
    expect(backend.file.has('k')).toBe(false);
    expect(await store.delete('k')).toBe(false);
  });

  it('groups writes that arrive during a flush into the next single flush, in order', async () => {
    const backend = new FakeBackend();
    const store = new PreferencesBackedStore(backend, limits);
    const first = store.set('a', '1');
    const rest = [store.set('b', '2'), store.set('a', '3'), store.batch([WriteOp.delete('b'), WriteOp.set('c', '4')])];
    await Promise.all([first, ...rest]);
    expect(backend.flushes).toBe(2);
    expect(sorted(backend.file)).toEqual([['a', '3'], ['c', '4']]);
  });

  it('rolls back a whole group and rejects it with ERR_STORE when its flush fails; later writes go on', async () => {
    const backend = new FakeBackend();
    const store = new PreferencesBackedStore(backend, limits);
    await store.set('keep', 'old');
    backend.failWhen = (n) => n === 3;
    // The first write flushes alone (flush 2); the next two queue behind it and share flush 3, which fails.
    const first = store.set('first', 'ok');
    const group = [store.set('keep', 'new'), store.batch([WriteOp.set('x', '1'), WriteOp.delete('keep'), WriteOp.set('keep', 'newer')])];
    await first;
    const results = await Promise.allSettled(group);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const e = (r as PromiseRejectedResult).reason as MeshError;
      expect(e).toBeInstanceOf(MeshError);
      expect(e.code).toBe(ErrorCode.STORE);
      expect(e.message).toMatch(/preferences write failed: disk full \(injected\) \(HarmonyOS error 15500000\)/);
    }
    expect(backend.flushes).toBe(3);
    expect(await store.get('keep')).toBe('old');
    expect(await store.get('x')).toBeUndefined();
    expect(await store.keys()).toEqual(['first', 'keep']);
    await store.set('after', 'ok');
    expect(sorted(backend.file)).toEqual([['after', 'ok'], ['first', 'ok'], ['keep', 'old']]);
  });

  it('validates a whole batch before writing any of it', async () => {
    const backend = new FakeBackend();
    const store = new PreferencesBackedStore(backend, limits);
    await expect(store.batch([WriteOp.set('ok', 'v'), WriteOp.set('k\uDC00', 'v')])).rejects.toThrow(/ops\[1\]\.key: contains a lone surrogate/);
    await expect(store.batch([WriteOp.set('ok', 'v'), WriteOp.set('k', 'v\uD800')])).rejects.toThrow(/ops\[1\]\.value: contains a lone surrogate/);
    await expect(store.set('', 'v')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(store.set('é'.repeat(513), 'v')).rejects.toThrow(/key: is 1026 UTF-8 bytes, longer than the 1024 preferences allow/);
    const tiny = new PreferencesBackedStore(backend, new PreferencesLimits(8, 4));
    await expect(tiny.set('k', '12345')).rejects.toThrow(/value: is 5 UTF-8 bytes/);
    expect(backend.flushes).toBe(0);
    expect(backend.memory.size).toBe(0);
  });

  it('lists keys and entries by prefix in order, skipping nothing and nothing else', async () => {
    const backend = new FakeBackend(new Map([['q/2', 'b'], ['q/1', 'a'], ['r/1', 'c'], ['q', 'root']]));
    const store = new PreferencesBackedStore(backend, limits);
    expect(store.size).toBe(4);
    expect(await store.keys('q/')).toEqual(['q/1', 'q/2']);
    expect(await store.entries('q')).toEqual([{ key: 'q', value: 'root' }, { key: 'q/1', value: 'a' }, { key: 'q/2', value: 'b' }]);
    await store.set('q/0', 'z');
    expect(await store.keys('q/')).toEqual(['q/0', 'q/1', 'q/2']);
    expect(await store.keys()).toEqual(['q', 'q/0', 'q/1', 'q/2', 'r/1']);
  });

  it('whenIdle waits for every issued write to settle', async () => {
    const backend = new FakeBackend();
    const store = new PreferencesBackedStore(backend, limits);
    void store.set('a', '1');
    void store.set('b', '2');
    await store.whenIdle();
    expect(sorted(backend.file)).toEqual([['a', '1'], ['b', '2']]);
    await store.whenIdle();
  });

  it('keeps memory, file and a reopened store equal to a model of the successful writes (property)', async () => {
    type Cmd = { kind: 'set'; key: string; value: string } | { kind: 'del'; key: string } | { kind: 'batch'; ops: Array<[string, string | null]> };
    const key = fc.constantFrom('a', 'b', 'c', 'a/1', 'a/2', 'é');
    const value = fc.string({ maxLength: 4 });
    const cmd: fc.Arbitrary<Cmd> = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key, value }),
      fc.record({ kind: fc.constant('del' as const), key }),
      fc.record({ kind: fc.constant('batch' as const), ops: fc.array(fc.tuple(key, fc.option(value, { nil: null })), { maxLength: 4 }) }),
    );
    await fc.assert(fc.asyncProperty(fc.array(fc.array(cmd, { minLength: 1, maxLength: 4 }), { maxLength: 8 }), fc.array(fc.boolean(), { maxLength: 20 }),
      async (rounds, failures) => {
        const backend = new FakeBackend();
        backend.failWhen = (n) => failures[n - 1] === true;
        const store = new PreferencesBackedStore(backend, limits);
        const model = new Map<string, string>();
        for (const round of rounds) {
          // Issue a round of writes without waiting, so they queue behind each other's flushes.
          const issued = round.map((c) => {
            if (c.kind === 'set') return store.set(c.key, c.value);
            if (c.kind === 'del') return store.delete(c.key);
            return store.batch(c.ops.map(([k, v]) => (v === null ? WriteOp.delete(k) : WriteOp.set(k, v))));
          });
          const settled = await Promise.allSettled(issued);
          round.forEach((c, i) => {
            const r = settled[i];
            if (r.status === 'rejected') {
              expect((r.reason as MeshError).code).toBe(ErrorCode.STORE);
              return;
            }
            if (c.kind === 'set') model.set(c.key, c.value);
            else if (c.kind === 'del') {
              expect(r.value).toBe(model.has(c.key));
              model.delete(c.key);
            } else for (const [k, v] of c.ops) if (v === null) model.delete(k); else model.set(k, v);
          });
          expect(sorted(backend.memory)).toEqual(sorted(model));
          expect(sorted(backend.file)).toEqual(sorted(model));
        }
        const reopened = new PreferencesBackedStore(new FakeBackend(new Map(backend.file)), limits);
        expect((await reopened.entries()).map((e) => [e.key, e.value])).toEqual(sorted(model));
      }), { numRuns: 150 });
  });
});

describe('PreferencesLimits', () => {
  it('measures UTF-8 like Buffer.byteLength and flags lone surrogates (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
      expect(utf8ByteLength(s)).toBe(Buffer.byteLength(s, 'utf8'));
    }));
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 10 }), fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF'), (s, lone) => {
      expect(utf8ByteLength(`${s}${lone}`)).toBe(-1);
      expect(utf8ByteLength(`${lone}x`)).toBe(-1);
    }));
  });

  it('rejects non-positive limits', () => {
    expect(() => new PreferencesLimits(0, 10)).toThrow(InvalidArgumentError);
  });
});

describe('PreferencesStore on the preferences fake (the .ets adapter, built for the desktop)', () => {
  let a: AdapterBundle;
  beforeAll(async () => {
    a = await loadAdapters();
  }, 60000);
  beforeEach(() => a.preferencesFake.reset());

  it('opens the named file, persists writes, and survives a restart with exactly the flushed data', async () => {
    const store = await a.PreferencesStore.open({}, { name: 'mesh' });
    await store.set('saga/1', '{"step":2}');
    await store.batch([a.WriteOp.set('msg/1', 'hello'), a.WriteOp.set('msg/2', 'world')]);
    a.preferencesFake.failFlushes = 1;
    await expect(store.set('msg/3', 'lost')).rejects.toMatchObject({ code: 'ERR_STORE' });
    expect(await store.get('msg/3')).toBeUndefined();
    a.preferencesFake.restart();
    const reopened = await a.PreferencesStore.open({}, { name: 'mesh' });
    expect(await reopened.keys()).toEqual(['msg/1', 'msg/2', 'saga/1']);
    expect(await reopened.get('saga/1')).toBe('{"step":2}');
  });

  it('uses "arkmesh" as the default file name and ignores non-string values other code left in it', async () => {
    const raw = await (await import('./fakes/kit.ArkData')).preferences.getPreferences({}, { name: 'arkmesh' });
    expect(raw).toBeDefined();
    const store = await a.PreferencesStore.open({});
    await store.set('k', 'v');
    expect(a.preferencesFake.file('arkmesh').get('k')).toBe('v');
    a.preferencesFake.instance('arkmesh')?.memory.set('number', 42);
    a.preferencesFake.restart();
    const again = await a.PreferencesStore.open({});
    expect(await again.keys()).toEqual(['k']);
  });

  it('rejects an empty name with ERR_INVALID_ARGUMENT', async () => {
    await expect(a.PreferencesStore.open({}, { name: '' })).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });
});
