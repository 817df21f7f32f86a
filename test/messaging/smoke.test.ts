import { describe, expect, it } from 'vitest';
import { MessagePriority, QueueDelivery } from '../../sdk/src/main/ets/messaging/index';
import { rig, settle } from './helpers';

describe('smoke', () => {
  it('publishes and delivers with priorities', async () => {
    const r = rig();
    const seen: string[] = [];
    r.queue.subscribe('orders', (d: QueueDelivery) => { seen.push(String(d.message.payload)); });
    const ps = [
      r.queue.publish('orders', 'low1', { priority: MessagePriority.LOW }),
      r.queue.publish('orders', 'n1'),
      r.queue.publish('orders', 'high1', { priority: MessagePriority.HIGH }),
      r.queue.publish('orders', 'low2', { priority: MessagePriority.LOW }),
      r.queue.publish('orders', 'high2', { priority: MessagePriority.HIGH }),
    ];
    const receipts = await Promise.all(ps);
    expect(receipts[0].groups).toEqual(['default']);
    await settle(r.clock);
    expect(seen).toEqual(['high1', 'high2', 'n1', 'low1', 'low2']);
    expect(r.queue.depth('orders')).toBe(0);
    await r.queue.flush();
    expect(r.store.dump().filter((e) => e.key.includes('/m/') || e.key.includes('/p/'))).toEqual([]);
  });
});
