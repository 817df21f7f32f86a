import { describe, expect, it } from 'vitest';
import { CancellationSource, CancelledError, ErrorCode, TimeoutError } from '../../sdk/src/main/ets/core/index';
import { VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { BulkheadFullError, BulkheadPolicy, PolicyContext } from '../../sdk/src/main/ets/resilience/index';
import { delay, settleState } from './helpers';

describe('BulkheadPolicy', () => {
  it('runs up to maxConcurrent at once, queues FIFO up to maxQueue, rejects the rest', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const bulkhead = new BulkheadPolicy({ clock, maxConcurrent: 2, maxQueue: 2 });
    const started: string[] = [];
    const job = (name: string, ms: number) => () => { started.push(`${name}@${clock.now()}`); return delay(clock, ms, name); };
    const a = settleState(bulkhead.execute(job('a', 30)));
    const b = settleState(bulkhead.execute(job('b', 10)));
    const c = settleState(bulkhead.execute(job('c', 10)));
    const d = settleState(bulkhead.execute(job('d', 10)));
    const e = settleState(bulkhead.execute(job('e', 10)));
    const rejections: number[] = [];
    bulkhead.onRejection((r) => rejections.push(r.queued));
    const f = settleState(bulkhead.execute(job('f', 10)));
    await clock.advance(0);
    expect(started).toEqual(['a@0', 'b@0']);
    expect([bulkhead.executing, bulkhead.queued]).toEqual([2, 2]);
    expect(e.error).toBeInstanceOf(BulkheadFullError);
    expect((e.error as BulkheadFullError).code).toBe(ErrorCode.BULKHEAD_FULL);
    expect(f.error).toBe(e.error); // one shared error instance
    expect(rejections).toEqual([2]);
    await clock.advance(10);
    expect(started).toEqual(['a@0', 'b@0', 'c@10']);
    await clock.advance(10);
    expect(started).toEqual(['a@0', 'b@0', 'c@10', 'd@20']);
    await clock.advance(20);
    expect([a.value, b.value, c.value, d.value]).toEqual(['a', 'b', 'c', 'd']);
    expect(bulkhead.metrics()).toEqual({
      name: 'bulkhead', executing: 0, queued: 0, available: 2, totalExecuted: 4, totalRejected: 2, totalQueueExpired: 0,
    });
  });

  it('frees the slot when a task fails or throws synchronously', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const bulkhead = new BulkheadPolicy({ clock, maxConcurrent: 1 });
    await expect(bulkhead.execute(async () => { throw new Error('x'); })).rejects.toThrow('x');
    await expect(bulkhead.execute(() => { throw new Error('sync'); })).rejects.toThrow('sync');
    expect(await bulkhead.execute(async () => 1)).toBe(1);
    expect(bulkhead.executing).toBe(0);
  });

  it('a queued call leaves the queue at its queue timeout or deadline with ERR_TIMEOUT', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const bulkhead = new BulkheadPolicy({ clock, maxConcurrent: 1, maxQueue: 5, queueTimeoutMs: 50 });
    settleState(bulkhead.execute(() => delay(clock, 100, 'long')));
    const waiting = settleState(bulkhead.execute(async () => 'never ran'));
    const tight = settleState(bulkhead.execute(async () => 'never ran', PolicyContext.create({ deadline: 20 })));
    await clock.advance(20);
    expect(tight.error).toBeInstanceOf(TimeoutError);
    expect(waiting.settled).toBe(false);
    await clock.advance(30);
    expect(waiting.error).toBeInstanceOf(TimeoutError);
    expect(bulkhead.metrics()).toMatchObject({ queued: 0, totalQueueExpired: 2 });
    const late = settleState(bulkhead.execute(async () => 'late', PolicyContext.create({ deadline: 10 })));
    await clock.advance(0);
    expect(late.error).toBeInstanceOf(TimeoutError);
  });

  it('a cancelled queued call leaves at once; the next one gets the slot', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const bulkhead = new BulkheadPolicy({ clock, maxConcurrent: 1, maxQueue: 2 });
    settleState(bulkhead.execute(() => delay(clock, 10, 'first')));
    const source = new CancellationSource();
    const cancelled = settleState(bulkhead.execute(async () => 'nope', PolicyContext.create({ token: source.token })));
    const next = settleState(bulkhead.execute(async () => 'next'));
    source.cancel();
    await clock.advance(0);
    expect(cancelled.error).toBeInstanceOf(CancelledError);
    expect(bulkhead.queued).toBe(1);
    await clock.advance(10);
    expect(next.value).toBe('next');
    const again = settleState(bulkhead.execute(async () => 'x', PolicyContext.create({ token: source.token })));
    await clock.advance(0);
    expect(again.error).toBeInstanceOf(CancelledError);
  });

  it('keeps FIFO order and counts under a burst of many calls', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const bulkhead = new BulkheadPolicy({ clock, maxConcurrent: 3, maxQueue: 300 });
    const order: number[] = [];
    let peak = 0;
    const all = Array.from({ length: 300 }, (_, i) => bulkhead.execute(async () => {
      order.push(i);
      peak = Math.max(peak, bulkhead.executing);
      await delay(clock, 1 + (i % 3), undefined);
    }));
    await clock.runUntilIdle();
    await Promise.all(all);
    expect(order).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(peak).toBe(3);
    expect(bulkhead.metrics()).toMatchObject({ executing: 0, queued: 0, totalExecuted: 300 });
  });

  it('validates its options', () => {
    const clock = new VirtualClock();
    expect(() => new BulkheadPolicy({ clock, maxConcurrent: 0 })).toThrow(/options.maxConcurrent/);
    expect(() => new BulkheadPolicy({ clock, maxQueue: -1 })).toThrow(/options.maxQueue/);
    expect(() => new BulkheadPolicy({ clock, queueTimeoutMs: 0 })).toThrow(/options.queueTimeoutMs/);
  });
});
