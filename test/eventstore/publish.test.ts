import { describe, expect, it } from 'vitest';
import { BusEvent, EventBus } from '../../sdk/src/main/ets/messaging/index';
import {
  EventBusPublisher, EventPublisher, EventStore, ExpectedVersion, RecordedEvent, STORE_POSITION_HEADER, STREAM_ID_HEADER,
  STREAM_VERSION_HEADER,
} from '../../sdk/src/main/ets/eventstore/index';
import { MeshCluster } from '../mesh/meshCluster';
import { ev, rig } from './fixtures';

describe('publishTo', () => {
  it('forwards every recorded event at least once, in order, resuming after a restart', async () => {
    const { store, reopen, clock } = rig();
    const published: string[] = [];
    let failNext = 1;
    const publisher: EventPublisher = {
      publish: async (e: RecordedEvent) => {
        if (e.type === 'B' && failNext-- > 0) throw new Error('bus unavailable');
        published.push(`${e.position}:${e.type}`);
      },
    };
    await store.append('s', [ev('A'), ev('B')]);
    const sub = store.publishTo(publisher, { retryDelayMs: 50 });
    await clock.advance(50);
    await sub.idle();
    await store.deleteStream('s');
    await store.append('t', [ev('C')]);
    await sub.idle();
    expect(published).toEqual(['1:A', '2:B', '4:C']);
    await sub.stop();
    const store2 = reopen();
    await store2.append('t', [ev('D')]);
    const sub2 = store2.publishTo(publisher);
    await sub2.idle();
    expect(published).toEqual(['1:A', '2:B', '4:C', '5:D']);
    expect(() => store2.publishTo({} as EventPublisher)).toThrow('publisher');
  });
});

describe('publishing to the mesh through the EventBus', () => {
  it('consumers on another device receive the store events with ids, correlation, trace context and stream headers', async () => {
    const cluster = new MeshCluster({ seed: 'es-bus' });
    const phone = cluster.add('phone');
    const tv = cluster.add('tv', 'tv');
    await cluster.startAll();
    await cluster.clock.advance(2000);
    const phoneBus = EventBus.attach(phone);
    const tvBus = EventBus.attach(tv);
    const received: BusEvent<unknown>[] = [];
    tvBus.on('OrderCreated', (e) => { received.push(e); });
    tvBus.on('ItemAdded', (e) => { received.push(e); });
    await cluster.clock.advance(3000);

    const store = EventStore.attach(phone);
    store.publishTo(new EventBusPublisher(phoneBus));
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const r = await store.append('order-1', [
      ev('OrderCreated', { customer: 'ann' }), ev('ItemAdded', { sku: 'tea' }), ev('ItemAdded', { sku: 'cup' }),
    ], { expectedVersion: ExpectedVersion.NO_STREAM, metadata: { correlationId: 'checkout-7', traceparent, headers: { tenant: 't1' } } });
    expect(await cluster.until(() => received.length >= 3, 30000, 50)).toBeLessThan(30000);
    expect(received.map((e) => e.type)).toEqual(['OrderCreated', 'ItemAdded', 'ItemAdded']);
    expect(received.map((e) => e.id)).toEqual(r.events.map((e) => e.id));
    const first = received[0];
    expect(first.data).toEqual({ customer: 'ann' });
    expect(first.source).toBe('phone');
    expect(first.correlationId).toBe('checkout-7');
    expect(first.headers.traceparent).toBe(traceparent);
    expect(first.headers.tenant).toBe('t1');
    expect([first.headers[STREAM_ID_HEADER], first.headers[STREAM_VERSION_HEADER], first.headers[STORE_POSITION_HEADER]]).toEqual(['order-1', '0', '1']);
  });

  it('after the publishing device crashes and restarts, the rest is published and nothing is lost', async () => {
    const cluster = new MeshCluster({ seed: 'es-bus-crash' });
    const phone = cluster.add('phone');
    const tv = cluster.add('tv', 'tv');
    await cluster.startAll();
    await cluster.clock.advance(2000);
    const tvBus = EventBus.attach(tv);
    const seen = new Set<string>();
    let deliveries = 0;
    tvBus.on('Step', (e) => { deliveries++; seen.add(e.id); });
    await cluster.clock.advance(3000);

    const store = new EventStore({ store: phone.store, clock: phone.clock, random: phone.random });
    const publication = store.publishTo(new EventBusPublisher(EventBus.attach(phone)));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await store.append(`s-${i % 2}`, [ev('Step', i)])).events[0].id);
    // The device dies with its publication part-way: some events handed to the bus, the rest not.
    const checkpoint = publication.checkpoint;
    expect(checkpoint).toBeGreaterThanOrEqual(1);
    expect(checkpoint).toBeLessThan(5);
    cluster.crash('phone');
    await cluster.clock.advance(5000);
    const phone2 = cluster.add('phone');
    await phone2.start();
    await cluster.clock.advance(3000);
    const store2 = new EventStore({ store: phone2.store, clock: phone2.clock, random: phone2.random });
    store2.publishTo(new EventBusPublisher(EventBus.attach(phone2)));
    for (let i = 5; i < 8; i++) ids.push((await store2.append(`s-${i % 2}`, [ev('Step', i)])).events[0].id);
    const waited = await cluster.until(() => seen.size >= 8, 60000, 50);
    expect(waited).toBeLessThan(60000);
    expect(Array.from(seen).sort()).toEqual([...ids].sort());
    expect(deliveries).toBeGreaterThanOrEqual(8);
  });
});
