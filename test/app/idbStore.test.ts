import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryStore, WriteOp } from '../../simulator/src/sdk';
import { DeviceStores } from '../../simulator/src/persistence/DeviceStores';
import { IdbStore } from '../../simulator/src/persistence/IdbStore';
import { MapBackend, prefixEnd } from '../../simulator/src/persistence/StoreBackend';

type Op =
  | { kind: 'set'; key: string; value: string }
  | { kind: 'delete'; key: string }
  | { kind: 'batch'; ops: Array<{ key: string; value: string | undefined }> };

const key = fc.constantFrom('a', 'ab', 'b', 'mq/1', 'mq/2', 'mq/10', 'saga/x', 'z/');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, value: fc.string({ maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), key }),
  fc.record({ kind: fc.constant('batch' as const), ops: fc.array(fc.record({ key, value: fc.option(fc.string({ maxLength: 4 }), { nil: undefined }) }), { maxLength: 4 }) }),
);

const apply = async (s: MemoryStore | IdbStore, op: Op): Promise<unknown> => {
  switch (op.kind) {
    case 'set':
      return s.set(op.key, op.value);
    case 'delete':
      return s.delete(op.key);
    case 'batch':
      return s.batch(op.ops.map((o) => (o.value === undefined ? WriteOp.delete(o.key) : WriteOp.set(o.key, o.value))));
  }
};

describe('IdbStore', () => {
  it('behaves like the SDK MemoryStore and reopens with the same contents (commit durability)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { maxLength: 30 }), fc.constantFrom('', 'a', 'mq/', 'mq/1'), async (ops, prefix) => {
      const backend = new MapBackend();
      const idb = await IdbStore.open(backend, 'dev/phone/');
      const mem = new MemoryStore();
      for (const op of ops) expect(await apply(idb, op)).toEqual(await apply(mem, op));
      expect(await idb.keys(prefix)).toEqual(await mem.keys(prefix));
      expect(await idb.entries()).toEqual(await mem.entries());
      expect(idb.pendingWrites).toBe(0);
      const reopened = await IdbStore.open(backend, 'dev/phone/');
      expect(await reopened.entries()).toEqual(await mem.entries());
      // Everything lives under the prefix.
      for (const k of backend.data.keys()) expect(k.startsWith('dev/phone/')).toBe(true);
    }), { numRuns: 150 });
  });

  it('rejects a bad batch as a whole, naming the op', async () => {
    const backend = new MapBackend();
    const s = await IdbStore.open(backend, 'p/');
    await s.set('keep', '1');
    await expect(s.batch([WriteOp.set('x', '1'), WriteOp.set('', '2')])).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    expect(await s.keys()).toEqual(['keep']);
    expect([...backend.data.keys()]).toEqual(['p/keep']);
  });

  it('in checkpoint mode resolves writes at once and commits them on flush', async () => {
    const backend = new MapBackend();
    const s = new IdbStore(backend, 'p/', [], { durability: 'checkpoint' });
    await s.set('a', '1');
    await s.set('b', '2');
    await s.delete('a');
    expect(backend.data.size).toBe(0);
    expect(s.pendingWrites).toBe(2);
    await s.flush();
    expect([...backend.data.entries()]).toEqual([['p/b', '2']]);
    expect(backend.commits).toBe(1);
  });

  it('keeps writes whose commit failed and commits them with the next flush', async () => {
    const backend = new MapBackend();
    const s = new IdbStore(backend, 'p/', [], { durability: 'checkpoint' });
    await s.set('a', '1');
    backend.failNext = new Error('quota');
    await expect(s.flush()).rejects.toThrow('quota');
    expect(s.pendingWrites).toBe(1);
    await s.set('b', '2');
    await s.flush();
    expect(Object.fromEntries(backend.data)).toEqual({ 'p/a': '1', 'p/b': '2' });
  });
});

describe('prefixEnd', () => {
  it('bounds exactly the strings that start with the prefix', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 4 }), fc.string({ maxLength: 4 }), (prefix, s) => {
      const end = prefixEnd(prefix);
      if (end === undefined) return;
      const inRange = s >= prefix && s < end;
      expect(inRange).toBe(s.startsWith(prefix));
    }));
  });
});

describe('DeviceStores', () => {
  const meta = (time: number) => ({ scenario: 's', scenarioHash: 'h', time, savedAt: 1000 + time });

  it('commits every device and the meta in one transaction, and reopens them (a page reload)', async () => {
    const backend = new MapBackend();
    const a = await DeviceStores.open(backend, 'sim/active/');
    await a.store('phone').set('mq/1', 'hello');
    await a.store('tv').batch([WriteOp.set('saga/1', 'started'), WriteOp.set('saga/2', 'started')]);
    await a.store('tv').delete('saga/2');
    expect(backend.commits).toBe(0);
    await a.checkpoint(meta(1500));
    expect(backend.commits).toBe(1);
    const b = await DeviceStores.open(backend, 'sim/active/');
    expect(b.meta).toEqual(meta(1500));
    expect(b.initialDevices()).toEqual(['phone', 'tv']);
    expect(await b.store('phone').entries()).toEqual([{ key: 'mq/1', value: 'hello' }]);
    expect(await b.store('tv').keys()).toEqual(['saga/1']);
  });

  it('gives each device one store that outlives its crashes, and rewinds to the data the run started with', async () => {
    const backend = new MapBackend();
    const seed = await DeviceStores.open(backend, 'ns/');
    await seed.store('phone').set('old', '1');
    await seed.checkpoint(meta(1));
    const stores = await DeviceStores.open(backend, 'ns/');
    const phone = stores.store('phone');
    expect(stores.store('phone')).toBe(phone);
    await phone.set('new', '2');
    await stores.checkpoint(meta(2));
    stores.rewind();
    const again = stores.store('phone');
    expect(again).not.toBe(phone);
    expect(await again.keys()).toEqual(['old']);
    await stores.checkpoint(meta(3));
    const reopened = await DeviceStores.open(backend, 'ns/');
    expect(await reopened.store('phone').keys()).toEqual(['old']);
  });

  it('starts empty when asked (a new run), leaving other namespaces alone', async () => {
    const backend = new MapBackend();
    backend.data.set('other/x', 'keep');
    const first = await DeviceStores.open(backend, 'ns/');
    await first.store('phone').set('k', 'v');
    await first.checkpoint(meta(1));
    const second = await DeviceStores.open(backend, 'ns/');
    second.startEmpty();
    expect(await second.store('phone').keys()).toEqual([]);
    await second.checkpoint(meta(0));
    expect([...backend.data.keys()].sort()).toEqual(['ns/meta', 'other/x']);
  });

  it('rewrites everything from memory after a failed checkpoint, so a later one cannot resurrect old values', async () => {
    const backend = new MapBackend();
    const stores = await DeviceStores.open(backend, 'ns/');
    const s = stores.store('phone');
    await s.set('k', 'v1');
    backend.failNext = new Error('aborted');
    await expect(stores.checkpoint(meta(1))).rejects.toThrow('aborted');
    await s.set('k', 'v2');
    await s.set('j', 'x');
    await stores.checkpoint(meta(2));
    expect(Object.fromEntries(backend.data)).toEqual({ 'ns/meta': JSON.stringify(meta(2)), 'ns/dev/phone/k': 'v2', 'ns/dev/phone/j': 'x' });
  });

  it('encodes device ids so one cannot read another\'s keys', async () => {
    const backend = new MapBackend();
    const stores = await DeviceStores.open(backend, 'ns/');
    await stores.store('a/b').set('k', '1');
    await stores.store('a').set('b/k', '2');
    await stores.checkpoint(meta(1));
    const re = await DeviceStores.open(backend, 'ns/');
    expect(await re.store('a/b').entries()).toEqual([{ key: 'k', value: '1' }]);
    expect(await re.store('a').entries()).toEqual([{ key: 'b/k', value: '2' }]);
    expect(re.stats()).toMatchObject({ devices: 2, keys: 2, pendingWrites: 0 });
  });

  it('clear() removes the namespace', async () => {
    const backend = new MapBackend();
    const stores = await DeviceStores.open(backend, 'ns/');
    await stores.store('phone').set('k', '1');
    await stores.checkpoint(meta(1));
    await stores.clear();
    expect(backend.data.size).toBe(0);
    expect(stores.meta).toBeUndefined();
    expect(await stores.store('phone').keys()).toEqual([]);
  });
});
