// Queue semantics in virtual time: priorities, delays, TTL, back-off schedules, visibility
// timeouts, dead letters, overflow, back-pressure, per-key ordering, dedup, groups.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ErrorCode, InvalidArgumentError, MeshError } from '../../sdk/src/main/ets/core/index';
import {
  AckMode, BackpressureEvent, BackpressureLevel, DeadLetterReason, MessagePriority, OverflowPolicy, QueueDelivery,
  QueueEvent, QueueEventType, QueueFullError,
} from '../../sdk/src/main/ets/messaging/index';
import { ConstantBackoff } from '../../sdk/src/main/ets/resilience/index';
import { rig, settle } from './helpers';

const payloadOf = (d: QueueDelivery): string => String(d.message.payload);

describe('priorities and FIFO', () => {
  it('delivers higher priorities first, FIFO within a priority (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 60 }), fc.boolean(),
      async (priorities, durable) => {
        const r = rig({ durable, defaults: { groups: ['g'] } });
        const published = priorities.map((p, i) => r.queue.publish('jobs', `m${i}`, { priority: p }));
        await Promise.all(published);
        const seen: number[] = [];
        r.queue.subscribe('jobs', (d) => { seen.push(Number(payloadOf(d).substring(1))); }, { group: 'g' });
        await settle(r.clock);
        const expected = priorities.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p || a.i - b.i).map((x) => x.i);
        expect(seen).toEqual(expected);
      }), { numRuns: 60 });
  });

  it('a subscriber present at publish time still gets each turn in priority order', async () => {
    const r = rig({ durable: false });
    const seen: string[] = [];
    r.queue.subscribe('jobs', (d) => { seen.push(payloadOf(d)); });
    void r.queue.publish('jobs', 'low', { priority: MessagePriority.LOW });
    void r.queue.publish('jobs', 'normal');
    void r.queue.publish('jobs', 'high', { priority: MessagePriority.HIGH });
    await settle(r.clock);
    expect(seen).toEqual(['high', 'normal', 'low']);
  });
});

describe('delays', () => {
  it('holds a delayed message until its time (delayMs and deliverAt)', async () => {
    const r = rig();
    const at: Record<string, number> = {};
    r.queue.subscribe('t', (d) => { at[payloadOf(d)] = r.clock.now(); });
    await r.queue.publish('t', 'later', { delayMs: 500 });
    await r.queue.publish('t', 'at', { deliverAt: 1200 });
    await r.queue.publish('t', 'now');
    await settle(r.clock);
    expect(at).toEqual({ now: 0 });
    expect(r.queue.stats('t')[0].groups[0].delayed).toBe(2);
    await r.clock.advance(499);
    expect(at.later).toBeUndefined();
    await r.clock.advance(1);
    expect(at.later).toBe(500);
    await r.clock.advance(700);
    expect(at.at).toBe(1200);
    expect(r.queue.depth('t')).toBe(0);
  });

  it('uses one clock timer for many delayed messages', async () => {
    const r = rig({ durable: false, defaults: { groups: ['g'] } });
    for (let i = 0; i < 200; i++) await r.queue.publish('t', i, { delayMs: 1000 + i });
    expect(r.clock.pendingTimers).toBe(1);
  });
});

describe('TTL', () => {
  it('dead-letters an unconsumed message as expired at its TTL', async () => {
    const r = rig({ defaults: { groups: ['billing'] } });
    await r.queue.publish('t', 'old', { ttlMs: 1000 });
    await r.queue.publish('t', 'young', { ttlMs: 5000 });
    await r.clock.advance(999);
    expect(r.queue.deadLetters('t')).toHaveLength(0);
    await r.clock.advance(1);
    const dead = r.queue.deadLetters('t');
    expect(dead.map((d) => [d.message.payload, d.group, d.reason, d.deadAt])).toEqual([['old', 'billing', DeadLetterReason.EXPIRED, 1000]]);
    expect(r.queue.depth('t')).toBe(1);
    await r.queue.flush();
    expect(r.store.dump().filter((e) => e.key.includes('/d/t/billing/')).length).toBe(1);
  });

  it('a topic default TTL applies; a message expiring while it backs off is dead-lettered as expired', async () => {
    const r = rig({ defaults: { ttlMs: 2500, backoff: new ConstantBackoff(2000), maxAttempts: 10 } });
    r.queue.subscribe('t', () => { throw new Error('nope'); });
    await r.queue.publish('t', 'x');
    await r.clock.advance(2500);
    const [d] = r.queue.deadLetters('t');
    expect(d.reason).toBe(DeadLetterReason.EXPIRED);
    expect(d.attempts).toBe(2);
    expect(d.errorMessage).toBe('nope');
  });
});

describe('retries with back-off and dead letters', () => {
  it('follows the exponential schedule, then dead-letters with the last error', async () => {
    const r = rig({ defaults: { maxAttempts: 5 } });
    const times: number[] = [];
    r.queue.subscribe('t', (d) => {
      times.push(r.clock.now());
      throw new MeshError(ErrorCode.UPSTREAM, `attempt ${d.deliveryCount} failed`);
    });
    await r.queue.publish('t', 'job');
    await r.clock.advance(60000);
    expect(times).toEqual([0, 1000, 3000, 7000, 15000]);
    const [d] = r.queue.deadLetters('t');
    expect([d.reason, d.attempts, d.errorCode, d.errorMessage]).toEqual([DeadLetterReason.MAX_ATTEMPTS, 5, ErrorCode.UPSTREAM, 'attempt 5 failed']);
    const g = r.queue.stats('t')[0].groups[0];
    expect([g.delivered, g.retried, g.deadLettered, g.acked, g.depth]).toEqual([5, 4, 1, 0, 0]);
  });

  it('persists the attempt count so a restart does not reset it', async () => {
    const r = rig({ defaults: { maxAttempts: 3, backoff: new ConstantBackoff(100) } });
    let calls = 0;
    r.queue.subscribe('t', () => { calls++; throw new Error('boom'); });
    await r.queue.publish('t', 'job');
    await r.clock.advance(50);
    expect(calls).toBe(1);
    await r.queue.flush();
    const q2 = r.restart();
    q2.subscribe('t', () => { calls++; throw new Error('boom again'); });
    await q2.ready;
    await r.clock.advance(1000);
    expect(calls).toBe(3);
    expect(q2.deadLetters('t').map((d) => [d.attempts, d.errorMessage])).toEqual([[3, 'boom again']]);
  });

  it('dead-letters a non-transient error at once (rejected); retryOn decides', async () => {
    const r = rig();
    r.queue.subscribe('a', () => { throw new InvalidArgumentError('order.id', 'missing'); }, { group: 'x' });
    r.queue.subscribe('b', () => { throw new Error('transient?'); }, { group: 'y', retryOn: () => false });
    await r.queue.publish('a', 1);
    await r.queue.publish('b', 2);
    await settle(r.clock);
    expect(r.queue.deadLetters('a').map((d) => [d.reason, d.attempts, d.errorCode])).toEqual([[DeadLetterReason.REJECTED, 1, ErrorCode.INVALID_ARGUMENT]]);
    expect(r.queue.deadLetters('b').map((d) => d.reason)).toEqual([DeadLetterReason.REJECTED]);
  });

  it('replays dead letters into their group and purges them', async () => {
    const r = rig({ defaults: { maxAttempts: 1 } });
    let healthy = false;
    const got: string[] = [];
    r.queue.subscribe('t', (d) => { if (!healthy) throw new Error('down'); got.push(payloadOf(d)); });
    await r.queue.publish('t', 'a');
    await r.queue.publish('t', 'b');
    await r.queue.publish('t', 'c');
    await settle(r.clock);
    expect(r.queue.deadLetters('t')).toHaveLength(3);
    healthy = true;
    const idOfB = r.queue.deadLetters('t')[1].message.id;
    expect(await r.queue.replayDeadLetters('t', { messageIds: [idOfB] })).toBe(1);
    await settle(r.clock);
    expect(got).toEqual(['b']);
    expect(await r.queue.purgeDeadLetters('t', { reason: DeadLetterReason.MAX_ATTEMPTS })).toBe(2);
    expect(r.queue.deadLetters('t')).toHaveLength(0);
    await r.queue.flush();
    expect(r.store.dump().filter((e) => e.key.includes('/d/'))).toEqual([]);
  });
});

describe('acknowledgement modes and visibility timeout', () => {
  it('manual ack, nack with requeue and delay, nack to the dead letters', async () => {
    const r = rig();
    const log: string[] = [];
    r.queue.subscribe('t', (d) => {
      log.push(`${payloadOf(d)}#${d.deliveryCount}@${r.clock.now()}`);
      if (d.message.payload === 'ok') d.ack();
      else if (d.message.payload === 'again' && d.deliveryCount === 1) d.nack({ delayMs: 250 });
      else if (d.message.payload === 'again') d.ack();
      else d.nack({ requeue: false, error: new MeshError(ErrorCode.FORBIDDEN, 'not yours') });
      expect(d.ack()).toBe(false);
    }, { ackMode: AckMode.MANUAL });
    await r.queue.publish('t', 'ok');
    await r.queue.publish('t', 'again');
    await r.queue.publish('t', 'bad');
    await r.clock.advance(1000);
    expect(log).toEqual(['ok#1@0', 'again#1@0', 'bad#1@0', 'again#2@250']);
    expect(r.queue.deadLetters('t').map((d) => [d.message.payload, d.reason, d.errorCode])).toEqual([['bad', DeadLetterReason.REJECTED, ErrorCode.FORBIDDEN]]);
  });

  it('redelivers a delivery nobody settles after the visibility timeout, and gives up after maxAttempts', async () => {
    const r = rig({ defaults: { visibilityTimeoutMs: 1000, maxAttempts: 3 } });
    const seen: number[] = [];
    r.queue.subscribe('t', (d) => { seen.push(r.clock.now()); }, { ackMode: AckMode.MANUAL });
    await r.queue.publish('t', 'x');
    await r.clock.advance(5000);
    expect(seen).toEqual([0, 1000, 2000]);
    const [d] = r.queue.deadLetters('t');
    expect([d.reason, d.errorCode]).toEqual([DeadLetterReason.MAX_ATTEMPTS, ErrorCode.TIMEOUT]);
    expect(r.queue.stats('t')[0].groups[0].timedOut).toBe(3);
  });

  it('a subscription may ask for its own visibility timeout; a late ack still acks', async () => {
    const r = rig({ defaults: { visibilityTimeoutMs: 60000 } });
    const held: QueueDelivery[] = [];
    r.queue.subscribe('t', (d) => { held.push(d); }, { ackMode: AckMode.MANUAL, visibilityTimeoutMs: 200, concurrency: 2 });
    await r.queue.publish('t', 'x');
    await r.clock.advance(250);
    expect(held.map((d) => d.deliveryCount)).toEqual([1, 2]);
    expect(held[0].deadline).toBe(200);
    expect(held[0].ack()).toBe(false);
    held[1].ack();
    await settle(r.clock);
    expect(r.queue.depth('t')).toBe(0);
    expect(r.queue.stats('t')[0].groups[0].acked).toBe(1);
  });

  it('an async handler that resolves acks; one that rejects retries', async () => {
    const r = rig({ defaults: { backoff: new ConstantBackoff(100) } });
    let n = 0;
    r.queue.subscribe('t', async () => {
      await new Promise<void>((res) => r.clock.setTimer(30, res));
      if (++n === 1) throw new Error('first time fails');
    });
    await r.queue.publish('t', 'x');
    await r.clock.advance(200);
    expect(n).toBe(2);
    expect(r.queue.stats('t')[0].groups[0].acked).toBe(1);
  });
});

describe('overflow and back-pressure', () => {
  it('rejects with ERR_QUEUE_FULL when full; publishers see depth, events and whenWritable', async () => {
    const r = rig({ topics: { t: { maxLength: 4, groups: ['g'], highWatermark: 0.75, lowWatermark: 0.25 } } });
    const pressure: BackpressureEvent[] = [];
    r.queue.onBackpressure((e) => pressure.push(e));
    const receipts = [];
    for (let i = 0; i < 4; i++) receipts.push(await r.queue.publish('t', i));
    expect(receipts.map((x) => x.depth)).toEqual([1, 2, 3, 4]);
    expect(receipts[3].pressure).toBe(1);
    expect(r.queue.isFull('t')).toBe(true);
    const err = await r.queue.publish('t', 4).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueueFullError);
    expect((err as QueueFullError).code).toBe(ErrorCode.QUEUE_FULL);
    expect(r.queue.stats('t')[0].rejected).toBe(1);
    expect(pressure.map((e) => [e.level, e.depth])).toEqual([[BackpressureLevel.HIGH, 3]]);
    let writable = false;
    void r.queue.whenWritable('t').then(() => { writable = true; });
    await settle(r.clock);
    expect(writable).toBe(false);
    r.queue.subscribe('t', () => {}, { group: 'g' });
    await settle(r.clock);
    expect(writable).toBe(true);
    expect(pressure.map((e) => e.level)).toEqual([BackpressureLevel.HIGH, BackpressureLevel.LOW]);
  });

  it('dead-letter-oldest evicts the oldest held message', async () => {
    const r = rig({ topics: { t: { maxLength: 3, overflow: OverflowPolicy.DEAD_LETTER_OLDEST, groups: ['a', 'b'] } } });
    for (let i = 0; i < 5; i++) await r.queue.publish('t', i);
    expect(r.queue.depth('t')).toBe(3);
    expect(r.queue.heldMessages('t').map((m) => m.payload)).toEqual([2, 3, 4]);
    const dead = r.queue.deadLetters('t');
    expect(dead.map((d) => [d.message.payload, d.group, d.reason])).toEqual([
      [0, 'a', DeadLetterReason.OVERFLOW], [0, 'b', DeadLetterReason.OVERFLOW],
      [1, 'a', DeadLetterReason.OVERFLOW], [1, 'b', DeadLetterReason.OVERFLOW],
    ]);
  });

  it('evicts even a message whose write is still pending in the same turn', async () => {
    const r = rig({ topics: { t: { maxLength: 2, overflow: OverflowPolicy.DEAD_LETTER_OLDEST, groups: ['g'] } } });
    const ps = [0, 1, 2, 3].map((i) => r.queue.publish('t', i));
    await Promise.all(ps);
    const got: number[] = [];
    r.queue.subscribe('t', (d) => { got.push(d.message.payload as number); }, { group: 'g' });
    await settle(r.clock);
    expect(got).toEqual([2, 3]);
    expect(r.queue.deadLetters('t').map((d) => d.message.payload)).toEqual([0, 1]);
  });
});

describe('per-key ordering', () => {
  it('delivers one message per key at a time, in publish order, whatever the priority (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c', undefined), priority: fc.integer({ min: 0, max: 9 }),
        work: fc.integer({ min: 0, max: 50 }), fail: fc.boolean() }), { minLength: 1, maxLength: 40 }),
      async (msgs) => {
        const r = rig({ defaults: { backoff: new ConstantBackoff(10), maxAttempts: 3 } });
        const inFlight = new Map<string, number>();
        const order = new Map<string, number[]>();
        let violations = 0;
        const failedOnce = new Set<number>();
        r.queue.subscribe('t', async (d) => {
          const { i } = d.message.payload as { i: number };
          const m = msgs[i];
          const key = d.message.orderingKey;
          if (key !== undefined) {
            if ((inFlight.get(key) ?? 0) > 0) violations++;
            inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
          }
          await new Promise<void>((res) => r.clock.setTimer(m.work, res));
          if (key !== undefined) inFlight.set(key, inFlight.get(key)! - 1);
          if (m.fail && !failedOnce.has(i)) { failedOnce.add(i); throw new Error('retry me'); }
          if (key !== undefined) order.set(key, [...(order.get(key) ?? []), i]);
        }, { concurrency: 4 });
        for (let i = 0; i < msgs.length; i++) {
          await r.queue.publish('t', { i }, { orderingKey: msgs[i].key, priority: msgs[i].priority });
        }
        await r.clock.advance(10000);
        expect(violations).toBe(0);
        for (const key of ['a', 'b', 'c']) {
          const expected = msgs.map((m, i) => ({ m, i })).filter((x) => x.m.key === key).map((x) => x.i);
          expect(order.get(key) ?? []).toEqual(expected);
        }
        expect(r.queue.depth('t')).toBe(0);
      }), { numRuns: 40 });
  });
});

describe('idempotent publish', () => {
  it('a messageId inside the dedup window stores and delivers nothing new', async () => {
    const r = rig({ defaults: { dedupWindowMs: 1000 } });
    const got: string[] = [];
    r.queue.subscribe('t', (d) => { got.push(d.message.id); });
    const a = await r.queue.publish('t', 1, { messageId: 'order-1' });
    const b = await r.queue.publish('t', 2, { messageId: 'order-1' });
    expect([a.duplicate, b.duplicate, b.seq]).toEqual([false, true, a.seq]);
    await r.clock.advance(999);
    expect((await r.queue.publish('t', 3, { messageId: 'order-1' })).duplicate).toBe(true);
    await r.clock.advance(1);
    expect((await r.queue.publish('t', 4, { messageId: 'order-1' })).duplicate).toBe(false);
    await settle(r.clock);
    expect(got).toEqual(['order-1', 'order-1']);
    expect(r.queue.stats('t')[0].duplicates).toBe(2);
  });

  it('two publishes of one id in the same turn store one message', async () => {
    const r = rig({ defaults: { groups: ['g'] } });
    const [a, b] = await Promise.all([r.queue.publish('t', 1, { messageId: 'x' }), r.queue.publish('t', 1, { messageId: 'x' })]);
    expect([a.duplicate, b.duplicate]).toEqual([false, true]);
    expect(b.groups).toEqual(['g']);
    expect(r.queue.depth('t')).toBe(1);
  });

  it('remembers message ids across a restart', async () => {
    const r = rig({ defaults: { groups: ['g'] } });
    await r.queue.publish('t', 1, { messageId: 'x' });
    const q2 = r.restart();
    expect((await q2.publish('t', 1, { messageId: 'x' })).duplicate).toBe(true);
    expect(q2.depth('t')).toBe(1);
  });
});

describe('consumer groups in one process', () => {
  it('every group gets every message; within a group each goes to one subscription', async () => {
    const r = rig();
    const a1: number[] = [];
    const a2: number[] = [];
    const b: number[] = [];
    r.queue.subscribe('t', (d) => { a1.push(d.message.payload as number); }, { group: 'a' });
    r.queue.subscribe('t', (d) => { a2.push(d.message.payload as number); }, { group: 'a' });
    r.queue.subscribe('t', (d) => { b.push(d.message.payload as number); }, { group: 'b' });
    for (let i = 0; i < 10; i++) await r.queue.publish('t', i);
    await settle(r.clock);
    expect([...a1, ...a2].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(a1.length).toBeGreaterThan(0);
    expect(a2.length).toBeGreaterThan(0);
    expect(b).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('holds messages published before any group is known, and routes them when one appears', async () => {
    const r = rig();
    const receipt = await r.queue.publish('t', 'early');
    expect(receipt.groups).toEqual([]);
    expect(r.queue.stats('t')[0].unrouted).toBe(1);
    const got: string[] = [];
    const events: QueueEvent[] = [];
    r.queue.onEvent((e) => events.push(e));
    r.queue.subscribe('t', (d) => { got.push(payloadOf(d)); }, { group: 'late' });
    await settle(r.clock);
    expect(got).toEqual(['early']);
    expect(events.map((e) => e.type)).toEqual([QueueEventType.ROUTED, QueueEventType.DELIVERED, QueueEventType.ACKED]);
  });

  it('a group without consumers for groupExpiryMs is forgotten and its messages dead-lettered', async () => {
    const r = rig();
    const sub = r.queue.subscribe('t', () => {}, { group: 'tmp', groupExpiryMs: 5000 });
    r.queue.subscribe('t', () => {}, { group: 'keep' });
    await r.queue.publish('t', 'first');
    await settle(r.clock);
    sub.dispose();
    await r.queue.publish('t', 'second');
    await r.clock.advance(4999);
    expect(r.queue.depth('t')).toBe(1);
    await r.clock.advance(1);
    expect(r.queue.depth('t')).toBe(0);
    expect(r.queue.deadLetters('t').map((d) => [d.message.payload, d.group, d.reason])).toEqual([['second', 'tmp', DeadLetterReason.GROUP_EXPIRED]]);
    expect(r.queue.stats('t')[0].groups.map((g) => g.group)).toEqual(['keep']);
  });

  it('deleteGroup drops what a publisher holds for the group', async () => {
    const r = rig({ defaults: { groups: ['a', 'b'] } });
    await r.queue.publish('t', 1);
    expect(r.queue.deleteGroup('t', 'a')).toBe(1);
    expect(r.queue.depth('t')).toBe(1);
    expect(r.queue.deleteGroup('t', 'b')).toBe(1);
    expect(r.queue.depth('t')).toBe(0);
  });
});

describe('validation', () => {
  it('names the bad field', async () => {
    const r = rig();
    const field = async (p: Promise<unknown>): Promise<string> => ((await p.catch((e: unknown) => e)) as InvalidArgumentError).field;
    expect(await field(r.queue.publish('bad topic', 1))).toBe('topic');
    expect(await field(r.queue.publish('t', undefined as unknown as null))).toBe('payload');
    expect(await field(r.queue.publish('t', 1, { priority: 10 }))).toBe('options.priority');
    expect(await field(r.queue.publish('t', 1, { delayMs: -1 }))).toBe('options.delayMs');
    expect(await field(r.queue.publish('t', 1, { ttlMs: 0 }))).toBe('options.ttlMs');
    expect(await field(r.queue.publish('t', 1, { messageId: '' }))).toBe('options.messageId');
    expect(await field(r.queue.publish('t', 1, { headers: { 'bad name': 'x' } }))).toBe('options.headers.bad name');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await field(r.queue.publish('t', cyclic as never))).toBe('payload');
    expect(() => r.queue.subscribe('t', () => {}, { group: 'no/slash' })).toThrow(InvalidArgumentError);
    expect(() => r.queue.subscribe('t', () => {}, { concurrency: 0 })).toThrow(/options.concurrency/);
    expect(() => r.queue.configureTopic('t', { maxLength: 0 })).toThrow(/options.maxLength/);
    expect(() => r.queue.configureTopic('t', { lowWatermark: 0.9 })).toThrow(/watermarks/);
  });
});
