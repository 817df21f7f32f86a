import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../sdk/src/main/ets/core/index';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { AppendResult, EventStore, ExpectedVersion, RecordedEvent } from '../../sdk/src/main/ets/eventstore/index';
import { MeshCluster } from '../mesh/meshCluster';
import { BatchFault, FaultyStore, ev, settle } from './fixtures';

const clock = new VirtualClock({ startTime: 5_000 });
const open = (kv: FaultyStore | FaultyStore['inner'], seed = 'x'): EventStore => new EventStore({ store: kv, clock, random: new SeededRandom(seed) });
const summary = (events: RecordedEvent[]): string[] => events.map((e) => `${e.position}:${e.streamId}@${e.version}:${e.type}`);

describe('durability', () => {
  it('a restarted store (fresh EventStore over the same KeyValueStore) sees every appended event and continues', async () => {
    const kv = new FaultyStore();
    const a = open(kv, 'a');
    await a.append('order-1', [ev('Created'), ev('ItemAdded')], { expectedVersion: ExpectedVersion.NO_STREAM });
    await a.append('order-2', [ev('Created')]);
    await a.append('order-1', [ev('Shipped')], { expectedVersion: 1 });
    const before = summary((await a.readAll()).events);

    const b = open(kv.inner, 'b');
    expect(summary((await b.readAll()).events)).toEqual(before);
    expect(await b.headPosition()).toBe(4);
    await expect(b.append('order-1', [ev('X')], { expectedVersion: 1 })).rejects.toMatchObject({ actualVersion: 2 });
    const next = await b.append('order-1', [ev('Delivered')], { expectedVersion: 2 });
    expect([next.version, next.position]).toEqual([3, 5]);
  });

  it('an append is one store batch: events, log, type index, head and position together', async () => {
    const kv = new FaultyStore();
    const store = open(kv);
    await store.append('s', [ev('A'), ev('B')]);
    expect(kv.batches).toHaveLength(1);
    const keys = kv.batches[0].map((op) => op.key.replace(/^arkmesh\/es\//, '').replace(/\d{16}/, 'N'));
    expect(keys.sort()).toEqual(['g/N', 'g/N', 'h/s', 'meta', 's/s/N', 's/s/N', 't/A/N', 't/B/N']);
  });

  it('does not resolve before the batch is durable', async () => {
    const kv = new FaultyStore();
    const store = open(kv);
    kv.hold = true;
    let done = false;
    const p = store.append('s', [ev('A')]).then((r) => { done = true; return r; });
    await settle();
    expect(done).toBe(false);
    expect(await kv.inner.get('arkmesh/es/meta')).toBeUndefined();
    kv.release();
    expect((await p).version).toBe(0);
  });

  it('a failed batch rejects with ERR_STORE, leaves nothing behind, and the store carries on', async () => {
    const kv = new FaultyStore();
    const store = open(kv);
    await store.append('s', [ev('A')]);
    const snapshot = kv.inner.dump();
    kv.faults = [BatchFault.FAIL];
    await expect(store.append('s', [ev('B'), ev('C')], { expectedVersion: 0 })).rejects.toMatchObject({ code: ErrorCode.STORE });
    expect(kv.inner.dump()).toEqual(snapshot);
    expect(store.stats.storeFailures).toBe(1);
    const r = await store.append('s', [ev('B')], { expectedVersion: 0 });
    expect([r.version, r.position]).toEqual([1, 2]);
  });

  it('every append grouped in a failed batch is rejected, none is half-applied', async () => {
    const kv = new FaultyStore();
    const store = open(kv);
    kv.faults = [BatchFault.NONE, BatchFault.FAIL];
    kv.hold = true;
    const first = store.append('a', [ev('A')]);
    await settle();
    const grouped = [store.append('b', [ev('B1'), ev('B2')]), store.append('c', [ev('C')]), store.append('a', [ev('A2')])];
    kv.hold = false;
    kv.release();
    await first;
    const outcomes = await Promise.allSettled(grouped);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(kv.batches).toHaveLength(2);
    expect(summary((await open(kv.inner, 'r').readAll()).events)).toEqual(['1:a@0:A']);
  });

  it('a lost acknowledgement: the write happened, the cache is reloaded, an idempotent retry succeeds', async () => {
    const kv = new FaultyStore();
    const store = open(kv);
    kv.faults = [BatchFault.FAIL_AFTER_WRITE];
    await expect(store.append('s', [ev('A', 1, 'evt-1')], { expectedVersion: ExpectedVersion.NO_STREAM }))
      .rejects.toMatchObject({ code: ErrorCode.STORE });
    const retry = await store.append('s', [ev('A', 1, 'evt-1')], { expectedVersion: ExpectedVersion.NO_STREAM });
    expect(retry.idempotent).toBe(true);
    expect([retry.version, retry.position]).toEqual([0, 1]);
    const next = await store.append('s', [ev('B')], { expectedVersion: 0 });
    expect([next.version, next.position]).toEqual([1, 2]);
    expect((await store.readAll()).events.map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('a crash while batches are in flight: acknowledged appends all survive, the rest are whole or absent', async () => {
    const kv = new FaultyStore();
    const store = open(kv);
    const acked: AppendResult[] = [];
    for (let i = 0; i < 5; i++) acked.push(await store.append(`s-${i % 2}`, [ev('E', i), ev('F', i)]));
    kv.hold = true;
    const inFlight = Array.from({ length: 6 }, (_, i) => store.append(`s-${i % 3}`, [ev('G', i), ev('H', i), ev('I', i)]));
    for (const p of inFlight) p.catch(() => {});
    await settle();
    kv.crash();
    await settle();
    const after = open(kv.inner, 'after');
    const log = (await after.readAll()).events;
    for (const r of acked) for (const e of r.events) expect(log.find((x) => x.id === e.id)).toBeDefined();
    // Each in-flight append is all or nothing: count events per data value.
    const counts = new Map<number, number>();
    for (const e of log.filter((x) => x.type !== 'E' && x.type !== 'F')) counts.set(e.data as number, (counts.get(e.data as number) ?? 0) + 1);
    for (const n of counts.values()) expect(n).toBe(3);
    // Stream reads agree with the log.
    for (const s of ['s-0', 's-1', 's-2']) {
      const slice = await after.readStream(s);
      expect(slice.events.map((e) => e.version)).toEqual(slice.events.map((_, i) => i));
    }
  });

  it('a crash after the write but before the acknowledgement shows the whole batch after restart', async () => {
    const kv = new FaultyStore();
    const store = open(kv);
    await store.append('s', [ev('A')]);
    kv.faults = [BatchFault.HANG_AFTER_WRITE];
    const hanging = store.append('s', [ev('B'), ev('C'), ev('D')]);
    let settled = false;
    hanging.then(() => { settled = true; }, () => { settled = true; });
    await settle();
    expect(settled).toBe(false);
    const after = open(kv.inner, 'after');
    expect((await after.readStream('s')).events.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
    expect(await after.headPosition()).toBe(4);
  });
});

describe('durability across a MeshNode crash and restart on SimNetwork', () => {
  it('the events a device appended are all there when it comes back, and a durable subscription resumes', async () => {
    const cluster = new MeshCluster({ seed: 'es-crash' });
    const phone = cluster.add('phone');
    const tv = cluster.add('tv', 'tv');
    await cluster.startAll();
    await cluster.clock.advance(2000);
    const es = EventStore.attach(phone);
    const seen: string[] = [];
    const sub = es.subscribe(async (e) => { seen.push(`${e.position}:${e.type}`); }, { name: 'audit' });
    await sub.caughtUp();
    const appended: AppendResult[] = [];
    for (let i = 0; i < 12; i++) {
      appended.push(await es.append(`order-${i % 4}`, [ev('Step', i)]));
      await cluster.clock.advance(10);
    }
    await sub.idle();
    expect(seen).toHaveLength(12);
    cluster.crash('phone');
    expect(tv.state).toBe('running');
    await cluster.clock.advance(15000);

    const phone2 = cluster.add('phone');
    await phone2.start();
    await cluster.clock.advance(2000);
    const es2 = EventStore.attach(phone2);
    const log = (await es2.readAll()).events;
    expect(log.map((e) => e.id)).toEqual(appended.map((r) => r.events[0].id));
    for (let s = 0; s < 4; s++) {
      expect((await es2.readStream(`order-${s}`)).events.map((e) => e.data)).toEqual([s, s + 4, s + 8]);
    }
    const more = await es2.append('order-0', [ev('Step', 12)], { expectedVersion: 2 });
    expect(more.position).toBe(13);
    const resumed: number[] = [];
    const sub2 = es2.subscribe(async (e) => { resumed.push(e.position); }, { name: 'audit' });
    await sub2.caughtUp();
    expect(resumed).toEqual([13]);
    expect(cluster.nodes.get('tv')!.membership.stateOf('phone')).toBe('alive');
  });
});
