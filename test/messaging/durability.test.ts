// What the store holds, what a restart recovers, and what happens when the store fails.
import { describe, expect, it } from 'vitest';
import { ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import { KeyValueEntry, KeyValueStore, MemoryStore, SeededRandom, VirtualClock, WriteOp } from '../../sdk/src/main/ets/platform/index';
import { DeadLetterReason, MessageQueue, QueueDelivery } from '../../sdk/src/main/ets/messaging/index';
import { MeterProvider, RedDeliveryOutcome, RedMetricName, RedMetrics } from '../../sdk/src/main/ets/metrics/index';
import { MqCluster } from './cluster';
import { rig, settle } from './helpers';

/** A MemoryStore whose batches fail while `failing` is set. */
class FlakyStore implements KeyValueStore {
  readonly inner = new MemoryStore();
  failing = false;
  get(key: string): Promise<string | undefined> { return this.inner.get(key); }
  set(key: string, value: string): Promise<void> { return this.inner.set(key, value); }
  delete(key: string): Promise<boolean> { return this.inner.delete(key); }
  keys(prefix?: string): Promise<string[]> { return this.inner.keys(prefix); }
  entries(prefix?: string): Promise<KeyValueEntry[]> { return this.inner.entries(prefix); }
  batch(ops: WriteOp[]): Promise<void> {
    return this.failing ? Promise.reject(new Error('disk full')) : this.inner.batch(ops);
  }
}

const keys = (store: MemoryStore, kind: string): string[] => store.dump().map((e) => e.key).filter((k) => k.startsWith(`arkmesh/mq/dev/${kind}/`));

describe('durability and recovery', () => {
  it('writes one record per message and removes it when every group is done', async () => {
    const r = rig({ defaults: { groups: ['a', 'b'] } });
    await r.queue.publish('t', { n: 1 });
    expect(keys(r.store, 'm')).toEqual(['arkmesh/mq/dev/m/t/0000000000000001']);
    expect(JSON.parse((await r.store.get('arkmesh/mq/dev/m/t/0000000000000001'))!).g).toEqual(['a', 'b']);
    r.queue.subscribe('t', () => {}, { group: 'a' });
    await settle(r.clock);
    await r.queue.flush();
    expect(keys(r.store, 'a')).toEqual(['arkmesh/mq/dev/a/t/a/0000000000000001']);
    r.queue.subscribe('t', () => {}, { group: 'b' });
    await settle(r.clock);
    await r.queue.flush();
    expect(r.store.dump().filter((e) => e.key.startsWith('arkmesh/mq/dev/') && !e.key.includes('/g/'))).toEqual([]);
  });

  it('after a restart only the groups that had not acked get the message', async () => {
    const r = rig({ defaults: { groups: ['a', 'b'] } });
    r.queue.subscribe('t', () => {}, { group: 'a' });
    await r.queue.publish('t', 'x');
    await settle(r.clock);
    await r.queue.flush();
    const q2 = r.restart();
    const got: string[] = [];
    q2.subscribe('t', () => { got.push('a'); }, { group: 'a' });
    q2.subscribe('t', () => { got.push('b'); }, { group: 'b' });
    await q2.ready;
    await settle(r.clock);
    expect(got).toEqual(['b']);
    await q2.flush();
    expect(keys(r.store, 'm').concat(keys(r.store, 'a'))).toEqual([]);
  });

  it('recovers delayed, retrying and in-flight messages, dead letters and unrouted ones', async () => {
    const r = rig({ defaults: { maxAttempts: 5 } });
    r.queue.configureTopic('jobs', { groups: ['w'] });
    await r.queue.publish('jobs', 'delayed', { delayMs: 10000 });
    await r.queue.publish('jobs', 'in-flight');
    await r.queue.publish('jobs', 'failing');
    await r.queue.publish('lonely', 'unrouted');
    r.queue.configureTopic('dl', { groups: ['g'], maxAttempts: 1 });
    r.queue.subscribe('dl', () => { throw new Error('poison'); }, { group: 'g' });
    await r.queue.publish('dl', 'poison');
    r.queue.subscribe('jobs', (d: QueueDelivery) => {
      if (d.message.payload === 'failing') throw new MeshError(ErrorCode.UPSTREAM, 'later');
      return new Promise<void>(() => {});                              // in-flight forever
    }, { group: 'w', concurrency: 4 });
    await r.clock.advance(100);
    await r.queue.flush();
    const q2 = r.restart();
    await q2.ready;
    expect(q2.depth('jobs')).toBe(3);
    expect(q2.stats('lonely')[0].unrouted).toBe(1);
    expect(q2.deadLetters('dl').map((d) => [d.message.payload, d.reason, d.errorMessage])).toEqual([['poison', DeadLetterReason.MAX_ATTEMPTS, 'poison']]);
    const seen: string[] = [];
    q2.subscribe('jobs', (d: QueueDelivery) => { seen.push(`${d.message.payload}#${d.deliveryCount}@${r.clock.now()}`); }, { group: 'w' });
    q2.subscribe('lonely', (d: QueueDelivery) => { seen.push(`${d.message.payload}#${d.deliveryCount}`); });
    await r.clock.advance(20000);
    // in-flight: redelivered as its first attempt (its outcome was lost); failing: failed at 0, its
    // retry (attempt 2) at the stored retry time 0 + 1000 ms; delayed: at 10 s.
    expect(seen).toEqual(['in-flight#1@100', 'unrouted#1', 'failing#2@1000', 'delayed#1@10000']);
  });

  it('a failed store write rejects the publish (ERR_STORE) and accepts nothing; later writes work', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const store = new FlakyStore();
    const queue = new MessageQueue({ deviceId: 'dev', clock, random: new SeededRandom('s'), store, defaults: { groups: ['g'] } });
    const got: string[] = [];
    queue.subscribe('t', (d) => { got.push(String(d.message.payload)); }, { group: 'g' });
    store.failing = true;
    const err = await queue.publish('t', 'lost?', { writes: [WriteOp.set('app/x', '1')] }).catch((e: unknown) => e);
    expect((err as MeshError).code).toBe(ErrorCode.STORE);
    expect(queue.depth('t')).toBe(0);
    expect(await store.get('app/x')).toBeUndefined();
    store.failing = false;
    await queue.publish('t', 'kept', { writes: [WriteOp.set('app/x', '1')] });
    await settle(clock);
    expect(got).toEqual(['kept']);
    expect(await store.get('app/x')).toBe('1');
    expect(queue.stats('t')[0].published).toBe(1);
  });

  it('a crash drops writes not yet handed to the store: that publish rejects, nothing half-written remains', async () => {
    const c = new MqCluster('crash-write');
    const phone = await c.add('phone');
    await phone.queue.publish('t', 'durable');
    const lost = phone.queue.publish('t', 'in the same turn as the crash');
    c.crash('phone');
    const err = await lost.catch((e: unknown) => e);
    expect((err as MeshError).code).toBe(ErrorCode.STOPPED);
    const again = await c.add('phone');
    await again.queue.ready;
    expect(again.queue.heldMessages('t').map((m) => m.payload)).toEqual(['durable']);
  });

  it('records RED metrics and exposes queue depth to the metrics reader', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const provider = new MeterProvider({ clock });
    const red = new RedMetrics(provider.getMeter('arkmesh'));
    const queue = new MessageQueue({ deviceId: 'dev', clock, random: new SeededRandom('m'), metrics: red,
      defaults: { maxAttempts: 2, backoff: { delayMs: () => 10 }, groups: ['g'] } });
    await queue.publish('t', 'held');
    let first = true;
    queue.subscribe('t', () => { if (first) { first = false; throw new Error('once'); } }, { group: 'g' });
    await queue.publish('t', 'b');
    await clock.advance(5);
    let snap = provider.collect();
    expect(snap.point(RedMetricName.QUEUE_PUBLISHED, { topic: 't' })!.value).toBe(2);
    expect(snap.point(RedMetricName.QUEUE_DEPTH, { topic: 't', group: 'g' })!.value).toBe(1);
    await clock.advance(100);
    snap = provider.collect();
    expect(snap.point(RedMetricName.QUEUE_DELIVERIES, { topic: 't', group: 'g', outcome: RedDeliveryOutcome.DELIVERED })!.value).toBe(3);
    expect(snap.point(RedMetricName.QUEUE_DELIVERIES, { topic: 't', group: 'g', outcome: RedDeliveryOutcome.RETRIED })!.value).toBe(1);
    expect(snap.point(RedMetricName.QUEUE_DELIVERIES, { topic: 't', group: 'g', outcome: RedDeliveryOutcome.ACKED })!.value).toBe(2);
    expect(snap.point(RedMetricName.QUEUE_ACK_LATENCY, { topic: 't', group: 'g' })!.histogram!.count).toBe(2);
    expect(snap.point(RedMetricName.QUEUE_DEPTH, { topic: 't', group: 'g' })!.value).toBe(0);
    queue.close();
    expect(provider.collect().find(RedMetricName.QUEUE_DEPTH)!.points).toHaveLength(0);
  });
});
