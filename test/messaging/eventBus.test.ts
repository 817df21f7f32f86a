// The event bus: typed events, correlation and causation, handler isolation, the retained log,
// replay, durability, and devices on a SimNetwork.
import { describe, expect, it } from 'vitest';
import { ErrorCode, InvalidArgumentError, JsonValue } from '../../sdk/src/main/ets/core/index';
import { WriteOp } from '../../sdk/src/main/ets/platform/index';
import { BusEvent, BusHandlerError, CORRELATION_ID_HEADER, EventBus } from '../../sdk/src/main/ets/messaging/index';
import { ConstantBackoff } from '../../sdk/src/main/ets/resilience/index';
import { MqCluster } from './cluster';
import { rig, settle } from './helpers';

interface Placed { orderId: number; total: number }

describe('event bus', () => {
  it('carries correlation and causation ids along a chain of events', async () => {
    const r = rig();
    const bus = new EventBus(r.queue);
    const seen: BusEvent<JsonValue>[] = [];
    bus.on<JsonValue>('order.shipped', (e) => { seen.push(e); });
    const placed = await bus.emit<Placed>('order.placed', { orderId: 1, total: 30 });
    const paid = await bus.emit('order.paid', { orderId: 1 }, { cause: placed });
    const shipped = await bus.emit('order.shipped', { orderId: 1 }, { cause: paid, headers: { 'X-Tenant': 'acme' } });
    const manual = await bus.emit('order.audited', {}, { correlationId: 'flow-7', causationId: 'cmd-3', id: 'evt-1' });
    await settle(r.clock);
    expect(placed.correlationId).toBe(placed.id);
    expect(placed.causationId).toBeUndefined();
    expect([paid.correlationId, paid.causationId]).toEqual([placed.id, placed.id]);
    expect([shipped.correlationId, shipped.causationId]).toEqual([placed.id, paid.id]);
    expect([manual.id, manual.correlationId, manual.causationId]).toEqual(['evt-1', 'flow-7', 'cmd-3']);
    expect(seen).toHaveLength(1);
    expect(seen[0].id).toBe(shipped.id);
    expect([seen[0].correlationId, seen[0].causationId, seen[0].source]).toEqual([placed.id, paid.id, 'dev']);
    expect(seen[0].headers['x-tenant']).toBe('acme');
    expect(seen[0].headers[CORRELATION_ID_HEADER]).toBe(placed.id);
    expect(seen[0].data).toEqual({ orderId: 1 });
  });

  it('isolates handlers: a failing one is retried alone, the others run once', async () => {
    const r = rig({ defaults: { backoff: new ConstantBackoff(100) } });
    const bus = new EventBus(r.queue);
    const calls: string[] = [];
    const errors: BusHandlerError[] = [];
    bus.onHandlerError((e) => errors.push(e));
    bus.on('photo.taken', () => { calls.push('thumbnail'); }, { name: 'thumbnail' });
    let failures = 2;
    bus.on('photo.taken', () => { calls.push('upload'); if (failures-- > 0) throw new Error('offline'); }, { name: 'upload' });
    bus.on('photo.taken', async () => { calls.push('index'); }, { name: 'index' });
    await bus.emit('photo.taken', { id: 9 });
    await r.clock.advance(1000);
    expect(calls.filter((c) => c === 'thumbnail')).toHaveLength(1);
    expect(calls.filter((c) => c === 'index')).toHaveLength(1);
    expect(calls.filter((c) => c === 'upload')).toHaveLength(3);
    expect(errors.map((e) => [e.handler, e.attempt, e.error.message])).toEqual([['upload', 1, 'offline'], ['upload', 2, 'offline']]);
    expect(r.queue.depth(bus.topicOf('photo.taken'))).toBe(0);
  });

  it('a decoder that rejects the data dead-letters the event at once', async () => {
    const r = rig();
    const bus = new EventBus(r.queue);
    const ok: number[] = [];
    bus.on<Placed>('order.placed', (e) => { ok.push(e.data.orderId); }, {
      decode: (data) => {
        const o = data as Record<string, JsonValue>;
        if (typeof o.orderId !== 'number') throw new Error('orderId must be a number');
        return { orderId: o.orderId, total: Number(o.total ?? 0) };
      },
    });
    await bus.emit('order.placed', { orderId: 4 });
    await bus.emit('order.placed', { orderId: 'four' });
    await settle(r.clock);
    expect(ok).toEqual([4]);
    const dead = r.queue.deadLetters(bus.topicOf('order.placed'));
    expect(dead.map((d) => [d.reason, d.errorCode, d.attempts])).toEqual([['rejected', ErrorCode.MESSAGE_INVALID, 1]]);
  });

  it('off and dispose remove handlers; the subscription goes with the last one', async () => {
    const r = rig();
    const bus = new EventBus(r.queue);
    const got: string[] = [];
    const a = (): void => { got.push('a'); };
    const sub = bus.on('t', () => { got.push('b'); });
    bus.on('t', a);
    expect(bus.handlerCount('t')).toBe(2);
    await bus.emit('t', 1);
    await settle(r.clock);
    expect(bus.off('t', a)).toBe(1);
    await bus.emit('t', 2);
    await settle(r.clock);
    sub.dispose();
    expect(bus.handlerCount('t')).toBe(0);
    await bus.emit('t', 3);
    await settle(r.clock);
    expect(got.sort()).toEqual(['a', 'b', 'b']);
    expect(r.queue.depth(bus.topicOf('t'))).toBe(1);
  });

  it('keeps a log of emitted and received events, readable by position, time and type, replayable', async () => {
    const r = rig();
    const bus = new EventBus(r.queue, { logMaxEvents: 4 });
    bus.on('b', () => {});
    for (let i = 0; i < 6; i++) {
      await bus.emit(i % 2 === 0 ? 'a' : 'b', { i });
      await r.clock.advance(1000);
    }
    expect(bus.log!.size).toBe(4);
    expect([bus.log!.firstPosition, bus.log!.lastPosition]).toEqual([3, 6]);
    expect((await bus.read({ fromPosition: 4 })).map((e) => e.position)).toEqual([4, 5, 6]);
    expect((await bus.read({ fromTime: 4000 })).map((e) => (e.data as { i: number }).i)).toEqual([4, 5]);
    expect((await bus.read({ types: ['b'], limit: 1 })).map((e) => e.position)).toEqual([4]);
    const replayed: number[] = [];
    expect(await bus.replay({}, (e) => { replayed.push(e.position); })).toBe(4);
    expect(replayed).toEqual([3, 4, 5, 6]);
    await expect(bus.replay({}, () => { throw new Error('projection broke'); })).rejects.toThrow('projection broke');
  });

  it('trims the log by age', async () => {
    const r = rig();
    const bus = new EventBus(r.queue, { logMaxAgeMs: 5000 });
    await bus.emit('a', 1);
    await r.clock.advance(6000);
    await bus.emit('a', 2);
    expect((await bus.read()).map((e) => e.data)).toEqual([2]);
    await r.queue.flush();
    await settle(r.clock);
    expect(r.store.dump().filter((e) => e.key.startsWith('arkmesh/bus/')).length).toBe(1);
  });

  it('an emit with a known id publishes nothing new and answers with the first position', async () => {
    const r = rig();
    const bus = new EventBus(r.queue);
    const got: number[] = [];
    bus.on('a', (e) => { got.push(e.data as number); });
    const first = await bus.emit('a', 1, { id: 'e-1' });
    const again = await bus.emit('a', 1, { id: 'e-1' });
    await settle(r.clock);
    expect([first.position, again.position]).toEqual([1, 1]);
    expect(got).toEqual([1]);
    expect(bus.log!.size).toBe(1);
  });

  it('commits the log entry, the event and your own writes in one batch; the log survives a restart', async () => {
    const r = rig();
    const bus = new EventBus(r.queue);
    await bus.emit('account.opened', { id: 'acc-1' }, { writes: [WriteOp.set('app/accounts/acc-1', '{"balance":0}')] });
    await bus.emit('account.credited', { id: 'acc-1', amount: 5 });
    expect(await r.store.get('app/accounts/acc-1')).toBe('{"balance":0}');
    const q2 = r.restart();
    const bus2 = new EventBus(q2);
    await bus2.ready;
    expect((await bus2.read()).map((e) => [e.position, e.type])).toEqual([[1, 'account.opened'], [2, 'account.credited']]);
    const next = await bus2.emit('account.closed', { id: 'acc-1' });
    expect(next.position).toBe(3);
  });

  it('rejects bad input naming the field', async () => {
    const r = rig();
    const bus = new EventBus(r.queue);
    const err = await bus.emit('not a type', 1).catch((e: unknown) => e);
    expect((err as InvalidArgumentError).field).toBe('type');
    expect(() => bus.on('t', 1 as never)).toThrow(/handler/);
    expect(() => new EventBus(r.queue, { logMaxEvents: 0 })).toThrow(/options.logMaxEvents/);
    expect(() => new EventBus({} as never)).toThrow(/queue/);
  });

  it('reaches handlers on every device (one group per device), or one device per shared group', async () => {
    const c = new MqCluster('bus');
    const phone = await c.add('phone');
    const tv = await c.add('tv');
    const tablet = await c.add('tablet');
    const buses = { phone: new EventBus(phone.queue), tv: new EventBus(tv.queue), tablet: new EventBus(tablet.queue) };
    const got: string[] = [];
    buses.tv.on('photo.taken', (e) => { got.push(`tv:${e.data}`); });
    buses.tablet.on('photo.taken', (e) => { got.push(`tablet:${e.data}`); });
    buses.tv.on('photo.taken', (e) => { got.push(`shared@tv:${e.data}`); }, { group: 'indexer' });
    buses.tablet.on('photo.taken', (e) => { got.push(`shared@tablet:${e.data}`); }, { group: 'indexer' });
    await c.until(() => c.knowsConsumers('phone', 'events.photo.taken', 'indexer', 2) && c.knowsConsumers('phone', 'events.photo.taken', 'events@tv', 1)
      && c.knowsConsumers('phone', 'events.photo.taken', 'events@tablet', 1));
    for (let i = 0; i < 4; i++) await buses.phone.emit('photo.taken', i);
    await c.clock.advance(500);
    expect(got.filter((g) => g.startsWith('tv:')).sort()).toEqual(['tv:0', 'tv:1', 'tv:2', 'tv:3']);
    expect(got.filter((g) => g.startsWith('tablet:')).sort()).toEqual(['tablet:0', 'tablet:1', 'tablet:2', 'tablet:3']);
    expect(got.filter((g) => g.startsWith('shared@'))).toHaveLength(4);
    // The receiving devices logged what they received (arrival order, across both of tv's groups), each event once.
    expect((await buses.tv.read()).map((e) => e.data as number).sort()).toEqual([0, 1, 2, 3]);
    expect((await buses.phone.read()).map((e) => e.source)).toEqual(['phone', 'phone', 'phone', 'phone']);
  });
});
