import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError } from '../../sdk/src/main/ets/core/index';
import { MAX_KEY_LENGTH, MemoryStore, WriteOp } from '../../sdk/src/main/ets/platform/index';

describe('MemoryStore', () => {
  it('gets, sets, deletes and lists by prefix in key order', async () => {
    const s = new MemoryStore();
    await s.set('q/b', '2');
    await s.set('q/a', '1');
    await s.set('saga/x', 'x');
    expect(await s.get('q/a')).toBe('1');
    expect(await s.get('missing')).toBeUndefined();
    expect(await s.keys('q/')).toEqual(['q/a', 'q/b']);
    expect(await s.keys()).toEqual(['q/a', 'q/b', 'saga/x']);
    expect(await s.entries('saga/')).toEqual([{ key: 'saga/x', value: 'x' }]);
    expect(await s.delete('q/a')).toBe(true);
    expect(await s.delete('q/a')).toBe(false);
    expect(await s.keys('q/')).toEqual(['q/b']);
    expect(s.stats.deletes).toBe(1);
  });

  it('applies a batch atomically: one bad op writes nothing', async () => {
    const s = new MemoryStore();
    await s.set('k1', 'old');
    await expect(s.batch([WriteOp.set('k1', 'new'), WriteOp.set('', 'x')])).rejects.toThrow(/ops\[1\]\.key/);
    expect(await s.get('k1')).toBe('old');
    await s.batch([WriteOp.set('k2', 'v2'), WriteOp.delete('k1')]);
    expect(s.dump()).toEqual([{ key: 'k2', value: 'v2' }]);
  });

  it('rejects bad keys and values with typed errors', async () => {
    const s = new MemoryStore();
    await expect(s.set('', 'v')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(s.set('x'.repeat(MAX_KEY_LENGTH + 1), 'v')).rejects.toThrow(/longer than/);
    await expect(s.set('k', 3 as unknown as string)).rejects.toThrow(/value: must be a string/);
    expect(s.size).toBe(0);
  });

  it('resolves asynchronously, like a real store', async () => {
    const s = new MemoryStore();
    let done = false;
    const p = s.set('k', 'v').then(() => { done = true; });
    expect(done).toBe(false);
    await p;
    expect(done).toBe(true);
  });

  it('property: behaves like a sorted map under random operations', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(fc.constantFrom('set', 'del', 'batch'), fc.stringMatching(/^[ab]{1,3}$/), fc.string({ maxLength: 3 })), { maxLength: 50 }),
      async (ops) => {
        const s = new MemoryStore();
        const model = new Map<string, string>();
        for (const [op, k, v] of ops) {
          if (op === 'set') { await s.set(k, v); model.set(k, v); }
          else if (op === 'del') { expect(await s.delete(k)).toBe(model.delete(k)); }
          else { await s.batch([WriteOp.set(k, v), WriteOp.delete(k + 'a')]); model.set(k, v); model.delete(k + 'a'); }
        }
        const keys = Array.from(model.keys()).sort();
        expect(await s.keys()).toEqual(keys);
        expect(await s.keys('a')).toEqual(keys.filter((k) => k.startsWith('a')));
        for (const k of keys) expect(await s.get(k)).toBe(model.get(k));
      }));
  });
});
