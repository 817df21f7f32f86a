import { describe, expect, it } from 'vitest';
import { ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import {
  ConcurrencyConflictError, EventStore, ExpectedVersion, ReadDirection, StreamReadStatus, STREAM_DELETED_EVENT_TYPE,
} from '../../sdk/src/main/ets/eventstore/index';
import { ev, json, rig } from './fixtures';

describe('EventStore.append', () => {
  it('appends a batch with versions, positions, metadata and a timestamp', async () => {
    const { store, clock } = rig();
    const r = await store.append('order-1', [ev('OrderCreated', json({ customer: 'ann' })), ev('ItemAdded', json({ sku: 'a', qty: 2 }))], {
      expectedVersion: ExpectedVersion.NO_STREAM,
      metadata: { correlationId: 'corr-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', headers: { user: 'u1' } },
    });
    expect(r.version).toBe(1);
    expect(r.position).toBe(2);
    expect(r.idempotent).toBe(false);
    expect(r.events.map((e) => [e.type, e.version, e.position, e.streamId])).toEqual([
      ['OrderCreated', 0, 1, 'order-1'], ['ItemAdded', 1, 2, 'order-1'],
    ]);
    const e0 = r.events[0];
    expect(e0.createdAt).toBe(clock.now());
    expect(e0.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(e0.metadata.correlationId).toBe('corr-1');
    expect(e0.metadata.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(e0.metadata.headers).toEqual({ user: 'u1' });
    expect(e0.data).toEqual({ customer: 'ann' });
    expect(store.position).toBe(2);
  });

  it('defaults the correlation id to the event id; an event overrides the batch metadata', async () => {
    const { store } = rig();
    const r = await store.append('s', [ev('A'), { type: 'B', data: 1, metadata: { causationId: 'cmd-9', headers: { k: 'own' } } }], {
      metadata: { headers: { k: 'batch', other: 'x' } },
    });
    expect(r.events[0].metadata.correlationId).toBe(r.events[0].id);
    expect(r.events[1].metadata.causationId).toBe('cmd-9');
    expect(r.events[1].metadata.headers).toEqual({ k: 'own', other: 'x' });
    const follow = r.events[1].causationMetadata();
    expect(follow).toEqual({ correlationId: r.events[1].metadata.correlationId, causationId: r.events[1].id });
  });

  it('enforces NO_STREAM, STREAM_EXISTS, exact versions and ANY', async () => {
    const { store } = rig();
    await expect(store.append('s', [ev('A')], { expectedVersion: ExpectedVersion.STREAM_EXISTS })).rejects.toMatchObject({
      code: ErrorCode.CONCURRENCY_CONFLICT, streamId: 's', expectedVersion: ExpectedVersion.STREAM_EXISTS, actualVersion: -1,
    });
    await expect(store.append('s', [ev('A')], { expectedVersion: 0 })).rejects.toMatchObject({ actualVersion: -1 });
    await store.append('s', [ev('A')], { expectedVersion: ExpectedVersion.NO_STREAM });
    await expect(store.append('s', [ev('B')], { expectedVersion: ExpectedVersion.NO_STREAM })).rejects.toMatchObject({
      code: ErrorCode.CONCURRENCY_CONFLICT, expectedVersion: -1, actualVersion: 0,
    });
    await expect(store.append('s', [ev('B')], { expectedVersion: 5 })).rejects.toThrow("stream 's': expected version 5, actual version 0");
    expect((await store.append('s', [ev('B')], { expectedVersion: 0 })).version).toBe(1);
    expect((await store.append('s', [ev('C')], { expectedVersion: ExpectedVersion.STREAM_EXISTS })).version).toBe(2);
    expect((await store.append('s', [ev('D')])).version).toBe(3);
    const slice = await store.readStream('s');
    expect(slice.events.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
    expect(store.stats.conflicts).toBe(4);
    expect(store.stats.appends).toBe(4);
  });

  it('a conflicting append writes nothing', async () => {
    const { store, kv } = rig();
    await store.append('s', [ev('A')]);
    const before = kv.dump();
    await expect(store.append('s', [ev('B'), ev('C')], { expectedVersion: 7 })).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect(kv.dump()).toEqual(before);
    expect((await store.readAll()).events).toHaveLength(1);
  });

  it('two writers racing on one stream: exactly one wins, the other gets the conflict', async () => {
    const { store } = rig();
    await store.append('acct', [ev('Opened')], { expectedVersion: ExpectedVersion.NO_STREAM });
    const a = store.append('acct', [ev('Deposited', 10)], { expectedVersion: 0 });
    const b = store.append('acct', [ev('Withdrawn', 5)], { expectedVersion: 0 });
    const [ra, rb] = await Promise.allSettled([a, b]);
    expect(ra.status).toBe('fulfilled');
    expect(rb.status).toBe('rejected');
    const err = (rb as PromiseRejectedResult).reason as ConcurrencyConflictError;
    expect(err).toBeInstanceOf(ConcurrencyConflictError);
    expect(err.code).toBe('ERR_CONCURRENCY_CONFLICT');
    expect([err.streamId, err.expectedVersion, err.actualVersion]).toEqual(['acct', 0, 1]);
    expect((await store.readStream('acct')).events.map((e) => e.type)).toEqual(['Opened', 'Deposited']);
  });

  it('many racing writers with the same expected version: exactly one of each round wins', async () => {
    const { store } = rig();
    let version = ExpectedVersion.NO_STREAM as number;
    for (let round = 0; round < 10; round++) {
      const attempts = Array.from({ length: 8 }, (_, w) => store.append('hot', [ev('W', w)], { expectedVersion: version }));
      const results = await Promise.allSettled(attempts);
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') expect(MeshError.hasCode(r.reason as Error, ErrorCode.CONCURRENCY_CONFLICT)).toBe(true);
      }
      version = (won[0] as PromiseFulfilledResult<{ version: number }>).value.version;
    }
    expect(version).toBe(9);
  });

  it('appends to different streams get increasing global positions in call order, grouped into few batches', async () => {
    const { store } = rig();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(`s-${i % 3}`, [ev('E', i), ev('F', i)])));
    expect(results.map((r) => r.position)).toEqual(Array.from({ length: 20 }, (_, i) => 2 * i + 2));
    expect(store.stats.batches).toBeLessThan(20);
    const all = await store.readAll();
    expect(all.events.map((e) => e.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('an empty append checks the version and writes nothing', async () => {
    const { store, kv } = rig();
    const r = await store.append('s', [], { expectedVersion: ExpectedVersion.NO_STREAM });
    expect([r.version, r.events.length]).toEqual([-1, 0]);
    expect(kv.size).toBe(0);
    await store.append('s', [ev('A')]);
    await expect(store.append('s', [], { expectedVersion: 3 })).rejects.toMatchObject({ code: 'ERR_CONCURRENCY_CONFLICT' });
  });

  it('a retried append with the same event ids is idempotent', async () => {
    const { store } = rig();
    const first = await store.append('s', [ev('A', 1, 'id-a'), ev('B', 2, 'id-b')], { expectedVersion: ExpectedVersion.NO_STREAM });
    const again = await store.append('s', [ev('A', 1, 'id-a'), ev('B', 2, 'id-b')], { expectedVersion: ExpectedVersion.NO_STREAM });
    expect(again.idempotent).toBe(true);
    expect(again.events.map((e) => [e.id, e.version, e.position])).toEqual(first.events.map((e) => [e.id, e.version, e.position]));
    const next = await store.append('s', [ev('C', 3, 'id-c')], { expectedVersion: 1 });
    expect((await store.append('s', [ev('C', 3, 'id-c')], { expectedVersion: 1 })).idempotent).toBe(true);
    expect((await store.append('s', [ev('C', 3, 'id-c')])).idempotent).toBe(true);
    expect(next.version).toBe(2);
    // Different ids at that place: a genuine conflict.
    await expect(store.append('s', [ev('C', 3, 'id-x')], { expectedVersion: 1 })).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect((await store.readStream('s')).events).toHaveLength(3);
    expect(store.stats.idempotentAppends).toBe(3);
  });

  it('validates its input and names the field', async () => {
    const { store } = rig();
    await expect(store.append('', [ev('A')])).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT', field: 'streamId' });
    await expect(store.append('$all', [ev('A')])).rejects.toMatchObject({ field: 'streamId' });
    await expect(store.append('s', [ev('')])).rejects.toMatchObject({ field: 'events[0].type' });
    await expect(store.append('s', [ev('A'), ev('$x')])).rejects.toMatchObject({ field: 'events[1].type' });
    await expect(store.append('s', [{ type: 'A', data: undefined as never }])).rejects.toMatchObject({ field: 'events[0].data' });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(store.append('s', [{ type: 'A', data: cyclic as never }])).rejects.toMatchObject({ field: 'events[0].data' });
    await expect(store.append('s', [ev('A')], { expectedVersion: -3 })).rejects.toMatchObject({ field: 'options.expectedVersion' });
    await expect(store.append('s', [ev('A')], { expectedVersion: 1.5 })).rejects.toMatchObject({ field: 'options.expectedVersion' });
    await expect(store.append('s', [{ type: 'A', data: 1, metadata: { headers: { h: 3 as never } } }])).rejects.toMatchObject({ field: 'events[0].metadata.headers.h' });
    await expect(store.append('s', 'x' as never)).rejects.toMatchObject({ field: 'events' });
    expect(() => new EventStore({ store: undefined as never, clock: undefined as never, random: undefined as never })).toThrow('options.store');
    expect(store.position).toBe(0);
  });

  it('stream ids with slashes and percent signs are distinct streams', async () => {
    const { store } = rig();
    await store.append('a', [ev('A')]);
    await store.append('a/b', [ev('AB')]);
    await store.append('a%2Fb', [ev('Pct')]);
    expect((await store.readStream('a')).events.map((e) => e.type)).toEqual(['A']);
    expect((await store.readStream('a/b')).events.map((e) => e.type)).toEqual(['AB']);
    expect((await store.readStream('a%2Fb')).events.map((e) => e.type)).toEqual(['Pct']);
    expect(await store.streamIds()).toEqual(['a', 'a%2Fb', 'a/b']);
  });
});

describe('EventStore internals seen from outside', () => {
  it('a conflict inside a group commit rejects only that append; the others share one batch', async () => {
    const { store, kv } = rig();
    await store.append('a', [ev('A')]);
    const batches = kv.stats.batches;
    const results = await Promise.allSettled([
      store.append('b', [ev('B')]),
      store.append('a', [ev('X')], { expectedVersion: 5 }),
      store.append('c', [ev('C')]),
      store.append('a', [ev('A2')], { expectedVersion: 0 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(kv.stats.batches - batches).toBe(1);
    expect((await store.readAll()).events.map((e) => e.type)).toEqual(['A', 'B', 'C', 'A2']);
  });

  it('64 concurrent appends (the default group size) go to the store as one batch', async () => {
    const { store, kv } = rig();
    await store.append('warm', [ev('W')]);
    const before = kv.stats.batches;
    const results = await Promise.all(Array.from({ length: 64 }, (_, i) => store.append(`c-${i}`, [ev('E', i)])));
    expect(kv.stats.batches - before).toBe(1);
    expect(results.map((r) => r.position)).toEqual(Array.from({ length: 64 }, (_, i) => i + 2));
    await Promise.all(Array.from({ length: 65 }, (_, i) => store.append(`d-${i}`, [ev('E', i)])));
    expect(kv.stats.batches - before).toBe(3);
  });

  it('keeps versions right with a tiny head cache (heads reloaded from the store)', async () => {
    const { store, reopen } = rig({ headCacheSize: 2 });
    for (let round = 0; round < 3; round++) {
      for (let s = 0; s < 5; s++) await store.append(`s-${s}`, [ev('E', round)], { expectedVersion: round - 1 });
    }
    const again = reopen({ headCacheSize: 1 });
    for (let s = 0; s < 5; s++) expect((await again.streamInfo(`s-${s}`)).lastVersion).toBe(2);
  });

  it('reports a corrupt record with ERR_STORE naming its key', async () => {
    const { store, kv } = rig();
    await store.append('s', [ev('A')]);
    const key = (await kv.keys('arkmesh/es/s/')).pop()!;
    await kv.set(key, '{"f":1,"id":');
    await expect(store.readStream('s')).rejects.toMatchObject({ code: ErrorCode.STORE, message: expect.stringContaining(key) });
  });

  it('onAppended reports durable writes in position order', async () => {
    const { store } = rig();
    const seen: string[] = [];
    const sub = store.onAppended((events) => seen.push(events.map((e) => `${e.position}:${e.type}`).join(',')));
    await Promise.all([store.append('a', [ev('A'), ev('B')]), store.append('b', [ev('C')])]);
    await store.deleteStream('b');
    sub.dispose();
    await store.append('a', [ev('D')]);
    expect(seen.join('|')).toBe('1:A,2:B,3:C|4:$streamDeleted');
  });

  it('uses its own key prefix, so two stores can share a KeyValueStore', async () => {
    const { kv, reopen } = rig();
    const one = reopen({ prefix: 'app1/es/' });
    const two = reopen({ prefix: 'app2/es/' });
    await one.append('s', [ev('One')]);
    await two.append('s', [ev('Two')]);
    expect((await one.readAll()).events.map((e) => e.type)).toEqual(['One']);
    expect((await two.readStream('s')).events.map((e) => [e.type, e.position])).toEqual([['Two', 1]]);
    expect((await kv.keys()).every((k) => k.startsWith('app1/es/') || k.startsWith('app2/es/'))).toBe(true);
  });
});

describe('EventStore reads', () => {
  it('reads a stream forwards and backwards from a version, in pages', async () => {
    const { store } = rig();
    await store.append('s', Array.from({ length: 10 }, (_, i) => ev('E', i)));
    const p1 = await store.readStream('s', { fromVersion: 3, maxCount: 4 });
    expect(p1.events.map((e) => e.version)).toEqual([3, 4, 5, 6]);
    expect([p1.status, p1.nextVersion, p1.isEnd, p1.lastVersion]).toEqual([StreamReadStatus.OK, 7, false, 9]);
    const p2 = await store.readStream('s', { fromVersion: p1.nextVersion, maxCount: 4 });
    expect(p2.events.map((e) => e.version)).toEqual([7, 8, 9]);
    expect(p2.isEnd).toBe(true);
    const b = await store.readStream('s', { direction: ReadDirection.BACKWARDS, maxCount: 3 });
    expect(b.events.map((e) => e.version)).toEqual([9, 8, 7]);
    expect([b.nextVersion, b.isEnd]).toEqual([6, false]);
    const b2 = await store.readStream('s', { direction: ReadDirection.BACKWARDS, fromVersion: 1, maxCount: 5 });
    expect(b2.events.map((e) => e.version)).toEqual([1, 0]);
    expect(b2.isEnd).toBe(true);
    expect((await store.readStream('s', { fromVersion: 42 })).events).toEqual([]);
  });

  it('reports missing streams without throwing', async () => {
    const { store } = rig();
    const s = await store.readStream('nope');
    expect([s.status, s.events.length, s.lastVersion]).toEqual([StreamReadStatus.NOT_FOUND, 0, -1]);
    expect((await store.streamInfo('nope')).exists).toBe(false);
  });

  it('reads the global log from a position, backwards and with filters', async () => {
    const { store } = rig();
    await store.append('order-1', [ev('OrderCreated'), ev('ItemAdded')]);
    await store.append('cart-1', [ev('ItemAdded')]);
    await store.append('order-2', [ev('OrderCreated'), ev('OrderCancelled')]);
    const all = await store.readAll();
    expect(all.events.map((e) => `${e.position}:${e.streamId}:${e.type}`)).toEqual([
      '1:order-1:OrderCreated', '2:order-1:ItemAdded', '3:cart-1:ItemAdded', '4:order-2:OrderCreated', '5:order-2:OrderCancelled',
    ]);
    expect([all.isEnd, all.nextPosition, all.headPosition]).toEqual([true, 6, 5]);
    const from3 = await store.readAll({ fromPosition: 3, maxCount: 2 });
    expect(from3.events.map((e) => e.position)).toEqual([3, 4]);
    expect([from3.nextPosition, from3.isEnd]).toEqual([5, false]);
    const back = await store.readAll({ direction: ReadDirection.BACKWARDS, maxCount: 2 });
    expect(back.events.map((e) => e.position)).toEqual([5, 4]);
    expect(back.nextPosition).toBe(3);
    const orders = await store.readAll({ filter: { streamPrefix: 'order-' } });
    expect(orders.events.map((e) => e.position)).toEqual([1, 2, 4, 5]);
    const added = await store.readAll({ filter: { eventTypes: ['ItemAdded'] }, maxCount: 1 });
    expect(added.events.map((e) => e.position)).toEqual([2]);
    expect(added.nextPosition).toBe(3);
  });

  it('reads by event type through the index, in pages', async () => {
    const { store } = rig();
    for (let i = 0; i < 5; i++) {
      await store.append(`s-${i}`, [ev('Created', i), ev('Touched', i)]);
    }
    const created = await store.readByType('Created', { maxCount: 3 });
    expect(created.events.map((e) => e.data)).toEqual([0, 1, 2]);
    expect(created.isEnd).toBe(false);
    const rest = await store.readByType('Created', { fromPosition: created.nextPosition });
    expect(rest.events.map((e) => e.data)).toEqual([3, 4]);
    expect(rest.isEnd).toBe(true);
    const back = await store.readByType('Touched', { direction: ReadDirection.BACKWARDS, maxCount: 2 });
    expect(back.events.map((e) => e.data)).toEqual([4, 3]);
    expect((await store.readByType('Unknown')).events).toEqual([]);
  });

  it('a filtered scan of a long log pages through without returning everything at once', async () => {
    const { store } = rig();
    for (let i = 0; i < 30; i++) await store.append('noise', Array.from({ length: 100 }, () => ev('Noise')));
    await store.append('rare', [ev('Rare')]);
    let slice = await store.readAll({ filter: { eventTypes: ['Rare'] }, maxCount: 10 });
    let pages = 1;
    const found = [...slice.events];
    while (!slice.isEnd) {
      slice = await store.readAll({ fromPosition: slice.nextPosition, filter: { eventTypes: ['Rare'] }, maxCount: 10 });
      found.push(...slice.events);
      pages++;
    }
    expect(found.map((e) => e.position)).toEqual([3001]);
    expect(pages).toBe(3); // at most 1,024 positions examined per call
  });
});

describe('EventStore deletion and retention', () => {
  it('soft delete hides the stream, keeps the log, and lets it be recreated with continuing versions', async () => {
    const { store } = rig();
    await store.append('s', [ev('A'), ev('B')]);
    const del = await store.deleteStream('s');
    expect([del.type, del.streamId, del.version, del.position, del.data]).toEqual([STREAM_DELETED_EVENT_TYPE, 's', 1, 3, { hard: false }]);
    expect((await store.readStream('s')).status).toBe(StreamReadStatus.NOT_FOUND);
    expect((await store.streamInfo('s'))).toMatchObject({ exists: false, softDeleted: true, lastVersion: 1 });
    expect((await store.readAll()).events.map((e) => e.type)).toEqual(['A', 'B', STREAM_DELETED_EVENT_TYPE]);
    await expect(store.append('s', [ev('X')], { expectedVersion: 1 })).rejects.toMatchObject({ actualVersion: -1 });
    const again = await store.append('s', [ev('C')], { expectedVersion: ExpectedVersion.NO_STREAM });
    expect(again.version).toBe(2);
    const slice = await store.readStream('s');
    expect(slice.events.map((e) => [e.type, e.version])).toEqual([['C', 2]]);
    await expect(store.deleteStream('never')).rejects.toMatchObject({ code: ErrorCode.STREAM_NOT_FOUND });
  });

  it('hard delete purges every copy and tombstones the stream for good', async () => {
    const { store, kv } = rig();
    await store.append('keep', [ev('K')]);
    await store.append('gone', [ev('A', json({ secret: 'pin-1234' })), ev('B')]);
    await store.saveSnapshot('gone', 1, { state: json({ secret: 'pin-1234' }) });
    const del = await store.deleteStream('gone', { hard: true, expectedVersion: 1 });
    expect(del.data).toEqual({ hard: true });
    expect(JSON.stringify(kv.dump())).not.toContain('pin-1234');
    expect((await store.readStream('gone')).status).toBe(StreamReadStatus.DELETED);
    await expect(store.append('gone', [ev('C')])).rejects.toMatchObject({ code: ErrorCode.STREAM_DELETED });
    await expect(store.deleteStream('gone')).rejects.toMatchObject({ code: ErrorCode.STREAM_DELETED });
    expect((await store.readAll()).events.map((e) => `${e.streamId}:${e.type}`)).toEqual(['keep:K', `gone:${STREAM_DELETED_EVENT_TYPE}`]);
    expect((await store.readByType('A')).events).toEqual([]);
    expect(await store.loadSnapshot('gone')).toBeUndefined();
  });

  it('hard delete of a soft-deleted stream purges its hidden events too', async () => {
    const { store, kv } = rig();
    await store.append('s', [ev('A', 'hidden-data')]);
    await store.deleteStream('s');
    expect(JSON.stringify(kv.dump())).toContain('hidden-data');
    await store.deleteStream('s', { hard: true });
    expect(JSON.stringify(kv.dump())).not.toContain('hidden-data');
  });

  it('delete respects the expected version', async () => {
    const { store } = rig();
    await store.append('s', [ev('A')]);
    await expect(store.deleteStream('s', { expectedVersion: 4 })).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect((await store.streamInfo('s')).exists).toBe(true);
  });

  it('truncation purges events before a version everywhere', async () => {
    const { store } = rig();
    await store.append('s', Array.from({ length: 6 }, (_, i) => ev(`E${i}`, i)));
    await store.append('t', [ev('Other')]);
    expect(await store.truncateBefore('s', 4)).toBe(4);
    expect((await store.readStream('s')).events.map((e) => e.version)).toEqual([4, 5]);
    expect((await store.readAll()).events.map((e) => e.position)).toEqual([5, 6, 7]);
    expect((await store.readByType('E1')).events).toEqual([]);
    expect(await store.truncateBefore('s', 2)).toBe(0);
    await expect(store.truncateBefore('s', 8)).rejects.toMatchObject({ field: 'before' });
    expect((await store.streamInfo('s')).truncateBefore).toBe(4);
    const next = await store.append('s', [ev('E6')], { expectedVersion: 5 });
    expect(next.version).toBe(6);
  });
});

describe('EventStore snapshots', () => {
  it('stores the latest snapshot with the append, atomically', async () => {
    const { store } = rig();
    await store.append('s', [ev('A')], { snapshot: { state: json({ n: 1 }), schemaVersion: 3 } });
    const snap = await store.loadSnapshot('s');
    expect([snap?.version, snap?.schemaVersion, snap?.state]).toEqual([0, 3, { n: 1 }]);
    await store.append('s', [ev('B'), ev('C')]);
    await store.saveSnapshot('s', 2, { state: json({ n: 3 }) });
    expect((await store.loadSnapshot('s'))?.version).toBe(2);
    await expect(store.saveSnapshot('s', 3, { state: null })).rejects.toMatchObject({ field: 'version' });
    await expect(store.saveSnapshot('nope', 0, { state: null })).rejects.toMatchObject({ code: ErrorCode.STREAM_NOT_FOUND });
  });

  it('ignores a snapshot stored in another format version', async () => {
    const { store, kv } = rig();
    await store.append('s', [ev('A')], { snapshot: { state: 1 } });
    const key = (await kv.keys()).find((k) => k.includes('/n/'))!;
    await kv.set(key, JSON.stringify({ f: 99, s: 's', v: 0, sv: 1, at: 0, st: 1 }));
    expect(await store.loadSnapshot('s')).toBeUndefined();
  });
});

describe('EventStore close', () => {
  it('waits for queued writes, then refuses new ones', async () => {
    const { store } = rig();
    const pending = store.append('s', [ev('A')]);
    await store.close();
    expect((await pending).version).toBe(0);
    await expect(store.append('s', [ev('B')])).rejects.toMatchObject({ code: ErrorCode.STOPPED });
  });
});
