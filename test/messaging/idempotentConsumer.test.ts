import { describe, expect, it } from 'vitest';
import { IdempotentConsumer, QueueDelivery } from '../../sdk/src/main/ets/messaging/index';
import { MemoryStore, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { rig, settle } from './helpers';

describe('IdempotentConsumer', () => {
  it('runs the handler once per message id; duplicates are acked without running it', async () => {
    const r = rig();
    const once = new IdempotentConsumer({ clock: r.clock });
    const ran: string[] = [];
    r.queue.subscribe('pay', once.wrap((d: QueueDelivery) => { ran.push(String(d.message.payload)); }));
    await r.queue.publish('pay', 'a', { messageId: 'm1' });
    await settle(r.clock);
    // the same id again, past the queue's dedup window: a real duplicate delivery
    await r.clock.advance(700000);
    await r.queue.publish('pay', 'a again', { messageId: 'm1' });
    await r.queue.publish('pay', 'b', { messageId: 'm2' });
    await settle(r.clock);
    expect(ran).toEqual(['a', 'b']);
    expect(once.skipped).toBe(1);
    expect(r.queue.depth('pay')).toBe(0);
  });

  it('a failed first run does not count: the retry runs the handler', async () => {
    const r = rig({ defaults: { backoff: { delayMs: () => 10 } } });
    const once = new IdempotentConsumer({ clock: r.clock });
    let calls = 0;
    r.queue.subscribe('pay', once.wrap(() => { if (++calls === 1) throw new Error('first fails'); }));
    await r.queue.publish('pay', 'x');
    await r.clock.advance(100);
    expect(calls).toBe(2);
    expect(once.size).toBe(1);
  });

  it('concurrent duplicates wait for the first run', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const once = new IdempotentConsumer({ clock });
    let runs = 0;
    const handler = once.wrap(async () => { runs++; await new Promise<void>((res) => clock.setTimer(50, res)); });
    const { QueueMessage, QueueDelivery: Delivery, AckMode } = await import('../../sdk/src/main/ets/messaging/index');
    const msg = new QueueMessage('dup', 't', 1, {}, 4, undefined, 0, 'p', 1);
    const d1 = new Delivery(msg, 'g', 1, AckMode.AUTO, 1000);
    const d2 = new Delivery(msg, 'g', 2, AckMode.AUTO, 1000);
    const p1 = handler(d1) as Promise<void>;
    const p2 = handler(d2) as Promise<void>;
    await clock.advance(100);
    await Promise.all([p1, p2]);
    expect(runs).toBe(1);
    expect(d2.settled).toBe(true);
  });

  it('remembers ids durably across a restart, and forgets them after the window', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const store = new MemoryStore();
    const first = new IdempotentConsumer({ clock, store, windowMs: 1000 });
    await first.remember('m1');
    const second = new IdempotentConsumer({ clock, store, windowMs: 1000 });
    await second.ready;
    expect(second.has('m1')).toBe(true);
    await clock.advance(1000);
    expect(second.has('m1')).toBe(false);
    await second.remember('m2');
    await settle(clock);
    expect(store.dump().map((e) => e.key)).toEqual(['arkmesh/mq-seen/m2']);
  });
});
