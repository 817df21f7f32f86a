import { describe, expect, it } from 'vitest';
import { ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import { AggregateRepository, ConcurrencyConflictError, EventStore, StreamDeletedError } from '../../sdk/src/main/ets/eventstore/index';
import { Ledger } from './Ledger';
import { Order } from './Order';
import { rig } from './fixtures';

const orders = (store: EventStore, snapshotEvery = 100, truncateOnSnapshot = false): AggregateRepository<Order> =>
  new AggregateRepository<Order>(store, { category: 'order', create: (id) => new Order(id), snapshotEvery, truncateOnSnapshot });
const ledgers = (store: EventStore, snapshotEvery: number, truncateOnSnapshot = false, schema = 1): AggregateRepository<Ledger> =>
  new AggregateRepository<Ledger>(store, {
    category: 'ledger', snapshotEvery, truncateOnSnapshot,
    create: (id) => { const l = new Ledger(id); l.schema = schema; return l; },
  });

describe('aggregates: the order example', () => {
  it('records events through commands, saves with the right expected version, loads the same state', async () => {
    const { store, reopen } = rig();
    const repo = orders(store);
    const order = await repo.load('42');
    expect(order.version).toBe(-1);
    order.create('ann');
    order.addItem('book', 1, 1500);
    order.addItem('pen', 3, 200);
    order.addItem('book', 1, 1500);
    expect(order.totalCents).toBe(3600);
    const saved = await repo.save(order, { metadata: { correlationId: 'checkout-1' } });
    expect([saved.version, order.version, order.hasChanges]).toEqual([3, 3, false]);
    order.changeStatus('placed');
    order.changeStatus('paid');
    await repo.save(order);

    const again = await orders(reopen()).load('42');
    expect([again.status, again.customer, again.totalCents, again.version]).toEqual(['paid', 'ann', 3600, 5]);
    expect(again.lines).toEqual([{ sku: 'book', qty: 2, priceCents: 1500 }, { sku: 'pen', qty: 3, priceCents: 200 }]);
    const stream = await store.readStream('order-42');
    expect(stream.events.map((e) => e.type)).toEqual(['OrderCreated', 'ItemAdded', 'ItemAdded', 'ItemAdded', 'StatusChanged', 'StatusChanged']);
    expect(stream.events[0].metadata.correlationId).toBe('checkout-1');
    expect(() => again.addItem('late', 1, 1)).toThrow('items can no longer be added');
    expect(() => again.changeStatus('delivered')).toThrow('paid -> delivered');
  });

  it('a concurrent change of the same order conflicts instead of being overwritten', async () => {
    const { store } = rig();
    const repo = orders(store);
    const o = await repo.load('7');
    o.create('bob');
    o.addItem('tea', 1, 400);
    await repo.save(o);
    const clerk = await repo.load('7');
    const customer = await repo.load('7');
    clerk.changeStatus('placed');
    customer.cancel('changed my mind');
    const results = await Promise.allSettled([repo.save(clerk), repo.save(customer)]);
    expect(results[0].status).toBe('fulfilled');
    const err = (results[1] as PromiseRejectedResult).reason as ConcurrencyConflictError;
    expect([err.code, err.streamId, err.expectedVersion, err.actualVersion]).toEqual(['ERR_CONCURRENCY_CONFLICT', 'order-7', 1, 2]);
    expect(customer.hasChanges).toBe(true);
    // update() reloads and re-applies the change on the current state.
    const cancelled = await repo.update('7', (order) => order.cancel('changed my mind'));
    expect([cancelled.status, cancelled.version]).toEqual(['cancelled', 3]);
    await expect(repo.update('7', (order) => order.addItem('x', 1, 1))).rejects.toThrow('cancelled');
  });

  it('update() retries on conflict and gives up after maxAttempts', async () => {
    const { store } = rig();
    const repo = ledgers(store, 0);
    await repo.update('a', (l) => l.deposit(1));
    let interfere = 5;
    const updated = repo.update('a', (l) => {
      l.deposit(10);
      if (interfere-- > 0) void store.append('ledger-a', [{ type: 'Deposited', data: 100 }]);
    }, { maxAttempts: 10 });
    expect((await updated).balance).toBe(511);
    interfere = 5;
    await expect(repo.update('a', (l) => {
      l.deposit(10);
      if (interfere-- > 0) void store.append('ledger-a', [{ type: 'Deposited', data: 100 }]);
    }, { maxAttempts: 2 })).rejects.toBeInstanceOf(ConcurrencyConflictError);
  });

  it('loadExisting refuses a missing aggregate; save with nothing pending writes nothing', async () => {
    const { store, kv } = rig();
    const repo = orders(store);
    await expect(repo.loadExisting('nope')).rejects.toMatchObject({ code: ErrorCode.STREAM_NOT_FOUND });
    const empty = await repo.load('nope');
    expect((await repo.save(empty)).events).toEqual([]);
    expect(kv.size).toBe(0);
  });

  it('validates its options', () => {
    const { store } = rig();
    expect(() => new AggregateRepository<Order>(store, { category: '', create: (id) => new Order(id) })).toThrow('options.category');
    expect(() => new AggregateRepository<Order>(store, { category: '$x', create: (id) => new Order(id) })).toThrow('options.category');
    expect(() => new AggregateRepository<Order>(store, { category: 'o', create: undefined as never })).toThrow('options.create');
    expect(() => new AggregateRepository<Order>(store, { category: 'o', create: (id) => new Order(id), snapshotEvery: -1 })).toThrow('options.snapshotEvery');
    expect(() => new AggregateRepository<Order>(store, { category: 'o', create: (id) => new Order(id), snapshotEvery: 0, truncateOnSnapshot: true }))
      .toThrow('options.truncateOnSnapshot');
  });
});

describe('aggregates: snapshots, retention, deletion', () => {
  it('snapshots every N events, in the same batch, and loads the snapshot plus the tail', async () => {
    const { store, kv } = rig();
    const repo = ledgers(store, 10);
    for (let i = 0; i < 25; i++) {
      const l = await repo.load('x');
      l.deposit(i);
      const before = kv.stats.batches;
      await repo.save(l);
      expect(kv.stats.batches - before).toBe(1);
    }
    const snap = await store.loadSnapshot('ledger-x');
    expect([snap?.version, snap?.schemaVersion]).toEqual([19, 1]);
    const reads = kv.stats.reads;
    const l = await repo.load('x');
    expect([l.version, l.snapshotVersion, l.eventsSinceSnapshot, l.balance]).toEqual([24, 19, 5, 300]);
    // the snapshot and the 5 tail events (the stream head is in the writer's cache)
    expect(kv.stats.reads - reads).toBe(6);
  });

  it('ignores a snapshot of another schema version and rebuilds from every event', async () => {
    const { store } = rig();
    const v1 = ledgers(store, 3);
    for (let i = 0; i < 7; i++) await v1.update('x', (l) => l.deposit(2));
    const full = await ledgers(store, 0).load('x');
    const v2 = await ledgers(store, 3, false, 2).load('x');
    expect([v2.snapshotVersion, v2.eventsSinceSnapshot]).toEqual([-1, 7]);
    expect(v2.state()).toEqual(full.state());
  });

  it('truncates the events a snapshot covers; loading still works, a schema change then cannot rebuild', async () => {
    const { store } = rig();
    const repo = ledgers(store, 4, true);
    for (let i = 0; i < 10; i++) await repo.update('x', (l) => l.deposit(i));
    const info = await store.streamInfo('ledger-x');
    expect(info.truncateBefore).toBe(8);
    expect((await store.readStream('ledger-x')).events.map((e) => e.version)).toEqual([8, 9]);
    expect((await repo.load('x')).balance).toBe(45);
    const err = await ledgers(store, 4, true, 2).load('x').catch((e: Error) => e);
    expect(MeshError.hasCode(err as MeshError, ErrorCode.INVALID_STATE)).toBe(true);
    expect((err as Error).message).toContain('truncated');
  });

  it('a soft-deleted aggregate loads as new and can be recreated; a hard-deleted one cannot', async () => {
    const { store } = rig();
    const repo = orders(store, 2);
    await repo.update('1', (o) => { o.create('ann'); o.addItem('a', 1, 1); });
    await repo.update('1', (o) => o.addItem('b', 1, 1));
    await store.deleteStream('order-1');
    const fresh = await repo.load('1');
    expect([fresh.version, fresh.status]).toEqual([-1, 'none']);
    fresh.create('carl');
    const r = await repo.save(fresh);
    expect(r.version).toBe(3);
    const reloaded = await repo.load('1');
    expect([reloaded.customer, reloaded.lines.length, reloaded.version]).toEqual(['carl', 0, 3]);
    await store.deleteStream('order-1', { hard: true });
    await expect(repo.load('1')).rejects.toBeInstanceOf(StreamDeletedError);
  });
});
