import { describe, expect, it } from 'vitest';
import { CancellationSource, CancelledError, ErrorCode, MeshError, TimeoutError } from '../../sdk/src/main/ets/core/index';
import { VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { DeadlineScheduler, PolicyContext, TimeoutPolicy, TimeoutStrategy } from '../../sdk/src/main/ets/resilience/index';
import { delay, never, settleState } from './helpers';

describe('TimeoutPolicy', () => {
  it('passes a fast result through and leaves no timer work behind', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const scheduler = new DeadlineScheduler(clock);
    const timeout = new TimeoutPolicy({ clock, timeoutMs: 100, scheduler });
    for (let i = 0; i < 50; i++) {
      expect(await timeout.execute(async () => i)).toBe(i);
    }
    expect(scheduler.size).toBe(0);
    // One clock timer was armed for the first deadline; none per call.
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(100);
    expect(clock.pendingTimers).toBe(0);
    expect(timeout.timeouts).toBe(0);
  });

  it('rejects at the deadline with ERR_TIMEOUT and cancels the token (aggressive)', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const timeout = new TimeoutPolicy({ clock, timeoutMs: 50 });
    let seen: PolicyContext | undefined;
    const events: number[] = [];
    timeout.onTimeout((e) => events.push(e.at));
    const p = timeout.execute((ctx) => { seen = ctx; return never<number>(); });
    const state = settleState(p);
    expect(seen!.deadline).toBe(50);
    await clock.advance(49);
    expect(state.settled).toBe(false);
    expect(seen!.token.isCancelled).toBe(false);
    await clock.advance(1);
    expect(state.settled).toBe(true);
    expect(state.error).toBeInstanceOf(TimeoutError);
    expect((state.error as MeshError).code).toBe(ErrorCode.TIMEOUT);
    expect((state.error as TimeoutError).timeoutMs).toBe(50);
    expect(seen!.token.isCancelled).toBe(true);
    expect(seen!.token.reason).toBe(state.error);
    expect(events).toEqual([50]);
    expect(timeout.timeouts).toBe(1);
  });

  it('waits for the task in cooperative mode and lets it observe the cancellation', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const timeout = new TimeoutPolicy({ clock, timeoutMs: 30, strategy: TimeoutStrategy.COOPERATIVE });
    const p = timeout.execute((ctx) => new Promise<string>((resolve) => {
      ctx.token.onCancelled(() => { clock.setTimer(5, () => resolve('cleaned up')); });
    }));
    const state = settleState(p);
    await clock.advance(30);
    expect(state.settled).toBe(false);
    await clock.advance(5);
    expect(state.value).toBe('cleaned up');
  });

  it('uses the tighter of its budget and the caller deadline', async () => {
    const clock = new VirtualClock({ startTime: 1000 });
    const timeout = new TimeoutPolicy({ clock, timeoutMs: 500 });
    let deadline = 0;
    const p = timeout.execute((ctx) => { deadline = ctx.deadline; return never<void>(); }, PolicyContext.create({ deadline: 1200 }));
    const state = settleState(p);
    expect(deadline).toBe(1200);
    await clock.advance(200);
    expect((state.error as TimeoutError).timeoutMs).toBe(200);
    const late = settleState(timeout.execute(async () => 1, PolicyContext.create({ deadline: 1100 })));
    await clock.advance(0);
    expect((late.error as MeshError).code).toBe(ErrorCode.TIMEOUT);
  });

  it('cascades the caller cancellation into the task and rejects at once', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const timeout = new TimeoutPolicy({ clock, timeoutMs: 1000 });
    const source = new CancellationSource();
    let inner: PolicyContext | undefined;
    const state = settleState(timeout.execute((ctx) => { inner = ctx; return never<void>(); }, PolicyContext.create({ token: source.token })));
    source.cancel();
    await clock.advance(0);
    expect(state.error).toBeInstanceOf(CancelledError);
    expect(inner!.token.isCancelled).toBe(true);
    const already = settleState(timeout.execute(async () => 1, PolicyContext.create({ token: source.token })));
    await clock.advance(0);
    expect(already.error).toBeInstanceOf(CancelledError);
  });

  it('cooperative: the caller cancelling cancels the task token, and the task decides the outcome', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const timeout = new TimeoutPolicy({ clock, timeoutMs: 100, strategy: TimeoutStrategy.COOPERATIVE });
    const source = new CancellationSource();
    const state = settleState(timeout.execute((ctx) => new Promise<string>((resolve, reject) => {
      ctx.token.onCancelled((reason) => clock.setTimer(3, () => reject(reason)));
    }), PolicyContext.create({ token: source.token })));
    await clock.advance(10);
    source.cancel();
    await clock.advance(2);
    expect(state.settled).toBe(false);
    await clock.advance(1);
    expect(state.error).toBeInstanceOf(CancelledError);
    expect(timeout.timeouts).toBe(0);
    await clock.advance(200);
    expect(timeout.timeouts).toBe(0);
  });

  it('many overlapping calls with different budgets time out in deadline order', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const scheduler = new DeadlineScheduler(clock);
    const order: number[] = [];
    const budgets = [70, 10, 40, 10, 90, 25];
    budgets.forEach((ms, i) => {
      const t = new TimeoutPolicy({ clock, timeoutMs: ms, scheduler });
      t.execute(() => never<void>()).catch(() => order.push(i));
    });
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(100);
    expect(order).toEqual([1, 3, 5, 2, 0, 4]);
    expect(scheduler.size).toBe(0);
  });

  it('turns a synchronous throw into a rejection and keeps rejections of the task', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const timeout = new TimeoutPolicy({ clock, timeoutMs: 10 });
    await expect(timeout.execute(() => { throw new Error('sync'); })).rejects.toThrow('sync');
    await expect(timeout.execute(async () => { throw new Error('async'); })).rejects.toThrow('async');
    const slow = settleState(timeout.execute(() => delay(clock, 20, 'late')));
    await clock.advance(20);
    expect(slow.error).toBeInstanceOf(TimeoutError);
  });

  it('validates its options', () => {
    const clock = new VirtualClock();
    expect(() => new TimeoutPolicy({ clock, timeoutMs: 0 })).toThrow(/options.timeoutMs/);
    expect(() => new TimeoutPolicy({ clock, timeoutMs: Number.POSITIVE_INFINITY })).toThrow(/options.timeoutMs/);
  });
});
