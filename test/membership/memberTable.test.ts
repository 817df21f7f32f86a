import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemberTable } from '../../sdk/src/main/ets/membership/internal/MemberTable';
import { BroadcastQueue } from '../../sdk/src/main/ets/membership/internal/BroadcastQueue';
import { DecodedUpdates, encodeUpdates, MemberUpdate } from '../../sdk/src/main/ets/membership/internal/MemberUpdate';
import { MemberEventType, MemberState } from '../../sdk/src/main/ets/membership/index';

const states = [MemberState.ALIVE, MemberState.SUSPECT, MemberState.DEAD, MemberState.LEFT];
const update = fc.record({
  id: fc.constantFrom('a', 'b', 'c'),
  inc: fc.integer({ min: 0, max: 4 }),
  state: fc.constantFrom(...states),
  meta: fc.integer({ min: 0, max: 3 }),
}).map((r) => new MemberUpdate(r.id, 'phone', r.inc, r.state, { v: `${r.id}${r.inc}.${r.meta}` }));

const snapshot = (t: MemberTable) => t.records().map((r) => `${r.id}:${r.incarnation}:${r.state}:${r.metaIncarnation}`).sort().join(' ');

describe('MemberTable (SWIM merge rules)', () => {
  it('ends in the same state whatever order the same updates arrive in (property)', () => {
    // Metadata values may differ between updates of one incarnation; pick one per (id, inc) so the
    // register has a single value per incarnation, as it does in the protocol.
    fc.assert(fc.property(fc.array(update, { maxLength: 30 }), fc.integer(), (updates, seed) => {
      const canon = new Map<string, MemberUpdate>();
      const fixed = updates.map((u) => {
        const key = `${u.id}/${u.incarnation}`;
        if (!canon.has(key)) canon.set(key, u);
        return new MemberUpdate(u.id, u.deviceType, u.incarnation, u.state, canon.get(key)!.meta);
      });
      const a = new MemberTable();
      fixed.forEach((u) => a.apply(u, 0));
      const shuffled = fixed.slice();
      let s = seed >>> 0;
      for (let i = shuffled.length - 1; i > 0; i--) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        const j = s % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      const b = new MemberTable();
      shuffled.forEach((u) => b.apply(u, 0));
      expect(snapshot(b)).toBe(snapshot(a));
      expect(b.liveCount).toBe(a.liveCount);
      for (const r of a.records()) expect(b.get(r.id)!.meta).toEqual(r.meta);
    }), { numRuns: 500 });
  });

  it('never lets a stale update undo a newer one (no resurrection)', () => {
    fc.assert(fc.property(fc.array(update, { maxLength: 40 }), (updates) => {
      const t = new MemberTable();
      for (const u of updates) {
        const before = t.get(u.id);
        const prev = before ? { inc: before.incarnation, state: before.state } : undefined;
        t.apply(u, 0);
        const after = t.get(u.id)!;
        if (prev) {
          expect(after.incarnation).toBeGreaterThanOrEqual(prev.inc);
          if (prev.state === MemberState.DEAD && after.state === MemberState.ALIVE) expect(after.incarnation).toBeGreaterThan(prev.inc);
        }
      }
    }), { numRuns: 500 });
  });

  it('reports joined, suspect, alive, dead, left and updated', () => {
    const t = new MemberTable();
    const ev = (u: MemberUpdate) => t.apply(u, 1)?.events ?? [];
    expect(ev(new MemberUpdate('a', 'tv', 1, MemberState.ALIVE, { x: 1 }))).toEqual([MemberEventType.JOINED]);
    expect(ev(new MemberUpdate('a', 'tv', 1, MemberState.ALIVE, { x: 1 }))).toEqual([]);
    expect(ev(new MemberUpdate('a', 'tv', 1, MemberState.SUSPECT, undefined))).toEqual([MemberEventType.SUSPECT]);
    expect(ev(new MemberUpdate('a', 'tv', 2, MemberState.ALIVE, { x: 2 }))).toEqual([MemberEventType.ALIVE, MemberEventType.UPDATED]);
    expect(ev(new MemberUpdate('a', 'tv', 3, MemberState.ALIVE, { x: 3 }))).toEqual([MemberEventType.UPDATED]);
    expect(ev(new MemberUpdate('a', 'tv', 2, MemberState.DEAD, undefined))).toEqual([]);
    expect(ev(new MemberUpdate('a', 'tv', 3, MemberState.DEAD, undefined))).toEqual([MemberEventType.DEAD]);
    expect(t.liveCount).toBe(0);
    expect(ev(new MemberUpdate('a', 'tv', 3, MemberState.ALIVE, { x: 9 }))).toEqual([]);
    expect(ev(new MemberUpdate('a', 'tv', 4, MemberState.ALIVE, { x: 4 }))).toEqual([MemberEventType.JOINED]);
    expect(ev(new MemberUpdate('a', 'tv', 4, MemberState.LEFT, undefined))).toEqual([MemberEventType.LEFT]);
    expect(ev(new MemberUpdate('b', 'tv', 0, MemberState.DEAD, undefined))).toEqual([]);
    expect(t.get('b')!.state).toBe(MemberState.DEAD);
    expect(ev(new MemberUpdate('c', 'tv', 0, MemberState.SUSPECT, undefined))).toEqual([MemberEventType.JOINED, MemberEventType.SUSPECT]);
    t.remove('c');
    expect(t.liveCount).toBe(0);
  });
});

describe('gossip updates', () => {
  it('round-trip through JSON and skip invalid entries', () => {
    const us = [new MemberUpdate('a', 'tv', 3, MemberState.ALIVE, { s: [1] }), new MemberUpdate('b', 'car', 0, MemberState.LEFT, { ignored: true })];
    const back = DecodedUpdates.from(JSON.parse(JSON.stringify(encodeUpdates(us))));
    expect(back.invalid).toBe(0);
    expect(back.updates.map((u) => [u.id, u.deviceType, u.incarnation, u.state, u.meta])).toEqual([['a', 'tv', 3, 'alive', { s: [1] }], ['b', 'car', 0, 'left', undefined]]);
    const bad = DecodedUpdates.from([{ i: '', t: 'x', n: 1, s: 'a' }, { i: 'x', t: 'x', n: -1, s: 'a' }, { i: 'x', t: 'x', n: 1, s: 'z' }, 5, { i: 'x', t: 'x', n: 1.5, s: 'a' }, { i: 'x', t: 'x', n: 1, s: 'a', m: [] }, { i: 'ok', t: 'x', n: 1, s: 'd' }]);
    expect(bad.invalid).toBe(6);
    expect(bad.updates.map((u) => u.id)).toEqual(['ok']);
    expect(DecodedUpdates.from('nope').invalid).toBe(1);
  });

  it('BroadcastQueue sends each update `limit` times, least-sent first, recipient first', () => {
    const q = new BroadcastQueue();
    for (const id of ['a', 'b', 'c']) q.enqueue(new MemberUpdate(id, 't', 1, MemberState.ALIVE, undefined));
    expect(q.take(2, 'x', 2).map((u) => u.id)).toEqual(['c', 'b']);
    expect(q.take(2, 'x', 2).map((u) => u.id)).toEqual(['a', 'c']);
    expect(q.take(1, 'a', 2).map((u) => u.id)).toEqual(['a']);
    expect(q.size).toBe(1);
    q.enqueue(new MemberUpdate('b', 't', 2, MemberState.SUSPECT, undefined));
    expect(q.take(5, 'x', 1).map((u) => `${u.id}${u.incarnation}`)).toEqual(['b2']);
    expect(q.size).toBe(0);
  });
});
