import { describe, expect, it } from 'vitest';
import { BusEvent, EventBus } from '../../sdk/src/main/ets/messaging/index';
import { rig, settle } from './helpers';

interface Placed { orderId: number }

describe('event bus smoke', () => {
  it('emits, handles, logs and replays', async () => {
    const r = rig();
    const bus = new EventBus(r.queue);
    const got: BusEvent<Placed>[] = [];
    bus.on<Placed>('order.placed', (e) => { got.push(e); });
    const placed = await bus.emit<Placed>('order.placed', { orderId: 42 });
    const shipped = await bus.emit('order.shipped', { orderId: 42 }, { cause: placed });
    await settle(r.clock);
    expect(got.map((e) => e.data.orderId)).toEqual([42]);
    expect(got[0].id).toBe(placed.id);
    expect(shipped.correlationId).toBe(placed.id);
    expect(shipped.causationId).toBe(placed.id);
    expect(placed.position).toBe(1);
    expect(shipped.position).toBe(2);
    const all = await bus.read();
    expect(all.map((e) => e.type)).toEqual(['order.placed', 'order.shipped']);
    const seen: string[] = [];
    expect(await bus.replay({ fromPosition: 2 }, (e) => { seen.push(e.type); })).toBe(1);
    expect(seen).toEqual(['order.shipped']);
  });
});
