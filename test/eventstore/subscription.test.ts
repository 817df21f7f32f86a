import { describe, expect, it } from 'vitest';
import {
  CatchUpSubscription, CheckpointStore, RecordedEvent, STREAM_DELETED_EVENT_TYPE, SubscriptionErrorEvent, SubscriptionState,
} from '../../sdk/src/main/ets/eventstore/index';
import { ev, rig, settle } from './fixtures';

const positions = (events: RecordedEvent[]): number[] => events.map((e) => e.position);

describe('catch-up subscriptions', () => {
  it('delivers stored events, turns live, then delivers new ones in order', async () => {
    const { store } = rig();
    for (let i = 0; i < 5; i++) await store.append(`s-${i % 2}`, [ev('E', i)]);
    const got: RecordedEvent[] = [];
    const states: SubscriptionState[] = [];
    const sub = store.subscribe(async (e) => { got.push(e); }, { batchSize: 2 });
    expect(sub.state).toBe(SubscriptionState.CATCHING_UP);
    sub.onStateChange((s) => states.push(s));
    await sub.caughtUp();
    expect(positions(got)).toEqual([1, 2, 3, 4, 5]);
    expect(sub.state).toBe(SubscriptionState.LIVE);
    await store.append('s-0', [ev('E', 5), ev('E', 6)]);
    await store.append('s-9', [ev('E', 7)]);
    await sub.idle();
    expect(positions(got)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(states).toEqual([SubscriptionState.LIVE]);
    await sub.stop();
    expect(sub.state).toBe(SubscriptionState.STOPPED);
    await store.append('s-0', [ev('E', 8)]);
    await settle();
    expect(got).toHaveLength(8);
  });

  it('events appended while catching up are delivered exactly once, in order', async () => {
    const { store } = rig();
    for (let i = 0; i < 10; i++) await store.append('s', [ev('E', i)]);
    const got: number[] = [];
    let appending = 10;
    const sub = store.subscribe(async (e) => {
      got.push(e.data as number);
      if (appending < 20) {
        const n = appending++;
        await store.append('t', [ev('E', n)]);
      }
    }, { batchSize: 3 });
    await sub.caughtUp();
    await sub.idle();
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('live events are handed over in memory, without reading the store again', async () => {
    const { store, kv } = rig();
    await store.append('s', [ev('A')]);
    const got: string[] = [];
    const sub = store.subscribe(async (e) => { got.push(e.type); });
    await sub.caughtUp();
    const reads = kv.stats.reads;
    for (let i = 0; i < 20; i++) await store.append('s', [ev(`L${i}`)]);
    await sub.idle();
    expect(got).toHaveLength(21);
    expect(kv.stats.reads).toBe(reads);
  });

  it('a slow live subscriber with many commits queued still gets everything once, in order', async () => {
    const { store } = rig();
    const got: number[] = [];
    let release: () => void = () => {};
    let gate: Promise<void> | undefined = new Promise<void>((resolve) => { release = resolve; });
    const sub = store.subscribe(async (e) => {
      if (gate !== undefined) { const g = gate; gate = undefined; await g; }
      got.push(e.data as number);
    }, { filter: { eventTypes: ['N'] } });
    await sub.caughtUp();
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) writes.push(store.append(`s-${i % 7}`, i % 5 === 4 ? [ev('Other', -1)] : [ev('N', i)]));
    await Promise.all(writes);
    release();
    await sub.idle();
    expect(got).toEqual(Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 5 !== 4));
  });

  it('fromPosition: the current position subscribes to new events only', async () => {
    const { store } = rig();
    await store.append('s', [ev('Old')]);
    const got: string[] = [];
    const sub = store.subscribe(async (e) => { got.push(e.type); }, { fromPosition: await store.headPosition() });
    await sub.caughtUp();
    await store.append('s', [ev('New')]);
    await sub.idle();
    expect(got).toEqual(['New']);
  });

  it('a durable subscription checkpoints after handling and resumes where it stopped', async () => {
    const { store, reopen } = rig();
    for (let i = 0; i < 4; i++) await store.append('s', [ev('E', i)]);
    const first: number[] = [];
    const sub = store.subscribe(async (e) => { first.push(e.position); }, { name: 'report' });
    await sub.idle();
    expect(sub.checkpoint).toBe(4);
    expect(await store.checkpoints.load('report')).toBe(4);
    await sub.stop();
    await store.append('s', [ev('E', 4), ev('E', 5)]);
    const again = reopen();
    const second: number[] = [];
    const sub2 = again.subscribe(async (e) => { second.push(e.position); }, { name: 'report' });
    await sub2.idle();
    expect(first).toEqual([1, 2, 3, 4]);
    expect(second).toEqual([5, 6]);
  });

  it('is at-least-once: after a crash, events since the last checkpoint are delivered again', async () => {
    const { store, reopen } = rig();
    for (let i = 0; i < 7; i++) await store.append('s', [ev('E', i)]);
    const first: number[] = [];
    const sub = store.subscribe(async (e) => {
      first.push(e.position);
    }, { name: 'p', checkpointEvery: 3, batchSize: 4 });
    await sub.caughtUp();
    // Live and idle: the checkpoint is flushed. Handle three more, then "crash" before the flush.
    expect(await store.checkpoints.load('p')).toBe(7);
    let block: () => void = () => {};
    const gate = new Promise<void>((resolve) => { block = resolve; });
    const stuck = store.subscribe(async (e) => { if (e.position === 10) await gate; }, { name: 'q', checkpointEvery: 3 });
    await stuck.idle();
    expect(await store.checkpoints.load('q')).toBe(7);
    await store.append('s', [ev('E', 7), ev('E', 8), ev('E', 9)]);
    await settle(50);
    expect(stuck.position).toBe(9);
    expect(await store.checkpoints.load('q')).toBe(7);
    // The process dies with q handling position 10: a new store's q starts after 7 again.
    const after = reopen();
    const redelivered: number[] = [];
    const q2 = after.subscribe(async (e) => { redelivered.push(e.position); }, { name: 'q' });
    await q2.idle();
    expect(redelivered).toEqual([8, 9, 10]);
    block();
    await stuck.stop();
    expect(first).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('retries a failing handler on the clock, then carries on without skipping', async () => {
    const { store, clock } = rig();
    await store.append('s', [ev('A'), ev('B'), ev('C')]);
    const errors: SubscriptionErrorEvent[] = [];
    const got: string[] = [];
    let failures = 2;
    const sub = store.subscribe(async (e) => {
      if (e.type === 'B' && failures-- > 0) throw new Error('projection db busy');
      got.push(e.type);
    }, { name: 'r', retryDelayMs: 100 });
    sub.onError((x) => errors.push(x));
    await settle(50);
    expect(got).toEqual(['A']);
    expect(errors.map((x) => [x.event?.type, x.attempt, x.willRetry, x.error.message])).toEqual([['B', 1, true, 'projection db busy']]);
    await clock.advance(100);
    await settle(50);
    expect(errors).toHaveLength(2);
    expect(got).toEqual(['A']);
    await clock.advance(199);
    await settle(50);
    expect(got).toEqual(['A']);
    await clock.advance(1);
    await sub.idle();
    expect(got).toEqual(['A', 'B', 'C']);
    expect(sub.state).toBe(SubscriptionState.LIVE);
  });

  it('fails after maxRetries, keeping its checkpoint before the failing event', async () => {
    const { store, clock } = rig();
    await store.append('s', [ev('A'), ev('Poison'), ev('C')]);
    const sub = store.subscribe(async (e) => {
      if (e.type === 'Poison') throw new Error('cannot handle');
    }, { name: 'f', maxRetries: 2, retryDelayMs: 10 });
    const live = sub.caughtUp();
    live.catch(() => {});
    await clock.advance(10);
    await clock.advance(20);
    await sub.idle();
    expect(sub.state).toBe(SubscriptionState.FAILED);
    await expect(live).rejects.toMatchObject({ code: 'ERR_INVALID_STATE' });
    expect(await store.checkpoints.load('f')).toBe(1);
    const fixed: string[] = [];
    const sub2 = store.subscribe(async (e) => { fixed.push(e.type); }, { name: 'f' });
    await sub2.idle();
    expect(fixed).toEqual(['Poison', 'C']);
  });

  it('stop() during a retry delay returns promptly and keeps the checkpoint', async () => {
    const { store } = rig();
    await store.append('s', [ev('A'), ev('B')]);
    const sub = store.subscribe(async (e) => { if (e.type === 'B') throw new Error('no'); }, { name: 'x', retryDelayMs: 60_000 });
    await settle(50);
    await sub.stop();
    expect(sub.state).toBe(SubscriptionState.STOPPED);
    expect(await store.checkpoints.load('x')).toBe(1);
  });

  it('filters by type and stream prefix; the checkpoint moves past skipped events', async () => {
    const { store } = rig();
    await store.append('order-1', [ev('OrderCreated'), ev('ItemAdded')]);
    await store.append('cart-1', [ev('ItemAdded')]);
    await store.append('order-2', [ev('OrderCreated')]);
    const got: string[] = [];
    const sub = store.subscribe(async (e) => { got.push(`${e.streamId}:${e.type}`); }, {
      name: 'items', filter: { eventTypes: ['ItemAdded'], streamPrefix: 'order-' },
    });
    await sub.idle();
    expect(got).toEqual(['order-1:ItemAdded']);
    expect(sub.checkpoint).toBe(4);
    expect(sub.position).toBe(4);
  });

  it('delivers the $streamDeleted system event (unless excluded)', async () => {
    const { store } = rig();
    const all: string[] = [];
    const user: string[] = [];
    const a = store.subscribe(async (e) => { all.push(e.type); });
    const b = store.subscribe(async (e) => { user.push(e.type); }, { filter: { excludeSystemEvents: true } });
    await store.append('s', [ev('A')]);
    await store.deleteStream('s', { hard: true });
    await a.idle();
    await b.idle();
    expect(all).toEqual(['A', STREAM_DELETED_EVENT_TYPE]);
    expect(user).toEqual(['A']);
  });

  it('keeps its checkpoint in a CheckpointStore of its own', async () => {
    const { store } = rig();
    const saved = new Map<string, number>();
    const checkpoints: CheckpointStore = {
      load: async (n) => saved.get(n),
      save: async (n, p) => { saved.set(n, p); },
      remove: async (n) => { saved.delete(n); },
    };
    await store.append('s', [ev('A'), ev('B')]);
    const sub = store.subscribe(async () => {}, { name: 'ext', checkpoints });
    await sub.idle();
    expect(saved.get('ext')).toBe(2);
    expect(await store.checkpoints.load('ext')).toBeUndefined();
  });

  it('close() stops every subscription', async () => {
    const { store } = rig();
    const subs: CatchUpSubscription[] = [store.subscribe(async () => {}), store.subscribe(async () => {}, { name: 'n' })];
    await Promise.all(subs.map((s) => s.caughtUp()));
    await store.close();
    expect(subs.map((s) => s.state)).toEqual([SubscriptionState.STOPPED, SubscriptionState.STOPPED]);
    expect(() => store.subscribe(async () => {})).toThrow('closed');
  });

  it('validates options', () => {
    const { store } = rig();
    expect(() => store.subscribe(async () => {}, { batchSize: 0 })).toThrow('options.batchSize');
    expect(() => store.subscribe(async () => {}, { checkpoints: store.checkpoints })).toThrow('options.name');
    expect(() => store.subscribe(async () => {}, { fromPosition: -1 })).toThrow('options.fromPosition');
    expect(() => store.subscribe(async () => {}, { filter: { eventTypes: [''] } })).toThrow('options.filter.eventTypes[0]');
    expect(() => store.subscribe(undefined as never)).toThrow('handler');
  });
});
