import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CancellationSource, CancelledError, ErrorCode, InvalidArgumentError, MeshError, TimeoutError } from '../../sdk/src/main/ets/core/index';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  BackoffJitter, ConstantBackoff, DecorrelatedJitterBackoff, ExponentialBackoff, PolicyContext, RetryBudget,
  RetryGiveUpReason, RetryPolicy, type RetryEvent, type RetryGiveUpEvent
} from '../../sdk/src/main/ets/resilience/index';
import { never, settleState } from './helpers';

/** A task failing `failures` times (recording when each attempt started), then resolving 'ok'. */
const flaky = (clock: VirtualClock, failures: number, error: () => Error = () => new Error('flaky')) => {
  const starts: number[] = [];
  const attempts: number[] = [];
  const task = async (ctx: PolicyContext): Promise<string> => {
    starts.push(clock.now());
    attempts.push(ctx.attempt);
    if (starts.length <= failures) throw error();
    return 'ok';
  };
  return { task, starts, attempts };
};

describe('Backoff schedules', () => {
  it('constant and capped exponential delays', () => {
    expect([1, 2, 3].map((n) => new ConstantBackoff(25).delayMs(n, 0))).toEqual([25, 25, 25]);
    const exp = new ExponentialBackoff({ initialDelayMs: 100, multiplier: 2, maxDelayMs: 1000 });
    expect([1, 2, 3, 4, 5, 6].map((n) => exp.delayMs(n, 0))).toEqual([100, 200, 400, 800, 1000, 1000]);
    const slow = new ExponentialBackoff({ initialDelayMs: 10, multiplier: 1.5, maxDelayMs: 30 });
    expect([1, 2, 3, 4].map((n) => slow.delayMs(n, 0))).toEqual([10, 15, 22.5, 30]);
  });

  it('full and equal jitter stay within [0, d) and [d/2, d) for any seed', () => {
    fc.assert(fc.property(fc.integer(), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 12 }), (seed, initial, retry) => {
      const random = new SeededRandom(seed);
      const full = new ExponentialBackoff({ initialDelayMs: initial, maxDelayMs: 20000, jitter: BackoffJitter.FULL, random });
      const equal = new ExponentialBackoff({ initialDelayMs: initial, maxDelayMs: 20000, jitter: BackoffJitter.EQUAL, random });
      const d = full.baseDelayMs(retry);
      const f = full.delayMs(retry, 0);
      const e = equal.delayMs(retry, 0);
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(Math.max(d, 1));
      expect(e).toBeGreaterThanOrEqual(Math.floor(d / 2));
      expect(e).toBeLessThan(Math.max(d, 1));
    }));
  });

  it('decorrelated jitter stays within [base, min(cap, 3 * previous)] and is reproducible per seed', () => {
    fc.assert(fc.property(fc.integer(), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 500, max: 5000 }), (seed, base, cap) => {
      const b = new DecorrelatedJitterBackoff({ baseDelayMs: base, maxDelayMs: cap, random: new SeededRandom(seed) });
      const again = new DecorrelatedJitterBackoff({ baseDelayMs: base, maxDelayMs: cap, random: new SeededRandom(seed) });
      let prev = 0;
      for (let retry = 1; retry <= 10; retry++) {
        const d = b.delayMs(retry, prev);
        expect(again.delayMs(retry, prev)).toBe(d);
        expect(d).toBeGreaterThanOrEqual(Math.min(base, cap));
        expect(d).toBeLessThanOrEqual(Math.min(cap, 3 * Math.max(prev, base)));
        prev = d;
      }
    }));
  });

  it('full jitter spreads delays over the whole range', () => {
    const random = new SeededRandom('spread');
    const full = new ExponentialBackoff({ initialDelayMs: 1000, jitter: BackoffJitter.FULL, random });
    const samples = Array.from({ length: 2000 }, () => full.delayMs(1, 0));
    const quarters = [0, 0, 0, 0];
    for (const s of samples) quarters[Math.floor(s / 250)]++;
    for (const q of quarters) expect(q).toBeGreaterThan(400);
  });

  it('validates backoff options', () => {
    expect(() => new ConstantBackoff(-1)).toThrow(InvalidArgumentError);
    expect(() => new ExponentialBackoff({ multiplier: 0.5 })).toThrow(/options.multiplier/);
    expect(() => new ExponentialBackoff({ initialDelayMs: 100, maxDelayMs: 10 })).toThrow(/options.maxDelayMs/);
    expect(() => new ExponentialBackoff({ jitter: BackoffJitter.FULL })).toThrow(/options.random/);
  });
});

describe('RetryPolicy', () => {
  it('retries on the backoff schedule in virtual time and reports each retry', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const retry = new RetryPolicy({ clock, maxAttempts: 4, backoff: new ExponentialBackoff({ initialDelayMs: 100 }) });
    const events: RetryEvent[] = [];
    retry.onRetry((e) => events.push(e));
    const { task, starts, attempts } = flaky(clock, 3);
    const p = settleState(retry.execute(task));
    await clock.advance(699);
    expect(p.settled).toBe(false);
    await clock.advance(1);
    expect(p.value).toBe('ok');
    expect(starts).toEqual([0, 100, 300, 700]);
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(events.map((e) => [e.attempt, e.delayMs, e.at])).toEqual([[1, 100, 0], [2, 200, 100], [3, 400, 300]]);
  });

  it('gives up after maxAttempts with the last error, unchanged', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const retry = new RetryPolicy({ clock, maxAttempts: 3, backoff: new ConstantBackoff(10) });
    const giveUps: RetryGiveUpEvent[] = [];
    retry.onGiveUp((e) => giveUps.push(e));
    let n = 0;
    const p = settleState(retry.execute(async () => { throw new Error(`fail ${++n}`); }));
    await clock.advance(20);
    expect(p.error?.message).toBe('fail 3');
    expect(giveUps.map((g) => [g.attempts, g.reason, g.error?.message])).toEqual([[3, RetryGiveUpReason.MAX_ATTEMPTS, 'fail 3']]);
  });

  it('does not retry non-transient errors by default, and follows retryOn', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const retry = new RetryPolicy({ clock, maxAttempts: 5, backoff: new ConstantBackoff(0) });
    const bad = flaky(clock, 5, () => new InvalidArgumentError('id', 'bad'));
    await expect(retry.execute(bad.task)).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(bad.starts.length).toBe(1);
    const onlyTimeouts = new RetryPolicy({ clock, maxAttempts: 5, backoff: new ConstantBackoff(0), retryOn: (e, attempt) => MeshError.hasCode(e, ErrorCode.TIMEOUT) && attempt < 2 });
    const t = flaky(clock, 5, () => new TimeoutError('t', 1));
    await expect(onlyTimeouts.execute(t.task)).rejects.toBeInstanceOf(TimeoutError);
    expect(t.starts.length).toBe(2);
  });

  it('retries retryable results and returns the last one on give-up', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const retry = new RetryPolicy({ clock, maxAttempts: 3, backoff: new ConstantBackoff(5), retryOnResult: (r) => (r as { status: number }).status === 503 });
    const statuses = [503, 503, 200];
    let i = 0;
    const p = settleState(retry.execute(async () => ({ status: statuses[i++] })));
    await clock.advance(10);
    expect(p.value).toEqual({ status: 200 });
    i = 0;
    statuses[2] = 503;
    const q = settleState(retry.execute(async () => ({ status: statuses[i++] })));
    await clock.advance(10);
    expect(q.value).toEqual({ status: 503 });
    expect(i).toBe(3);
  });

  it('never sleeps past the caller deadline: gives up at once with the last error', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const retry = new RetryPolicy({ clock, maxAttempts: 10, backoff: new ConstantBackoff(100) });
    const reasons: RetryGiveUpReason[] = [];
    retry.onGiveUp((e) => reasons.push(e.reason));
    const { task, starts } = flaky(clock, 10);
    const p = settleState(retry.execute(task, PolicyContext.create({ deadline: 250 })));
    await clock.advance(200);
    expect(p.error?.message).toBe('flaky');
    expect(starts).toEqual([0, 100, 200]);
    expect(reasons).toEqual([RetryGiveUpReason.DEADLINE]);
  });

  it('per-attempt timeouts are retried; the overall timeout ends everything with ERR_TIMEOUT', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const retry = new RetryPolicy({ clock, maxAttempts: 5, backoff: new ConstantBackoff(10), attemptTimeoutMs: 50, overallTimeoutMs: 200 });
    const starts: number[] = [];
    const tokens: boolean[] = [];
    const p = settleState(retry.execute((ctx) => {
      starts.push(clock.now());
      ctx.token.onCancelled(() => tokens.push(true));
      return never<string>();
    }));
    await clock.advance(200);
    expect(starts).toEqual([0, 60, 120, 180]);
    expect(p.error).toBeInstanceOf(TimeoutError);
    expect((p.error as TimeoutError).timeoutMs).toBe(200);
    expect(tokens.length).toBe(4); // every attempt was told to stop
  });

  it('stops when the caller cancels, even while sleeping', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const retry = new RetryPolicy({ clock, maxAttempts: 5, backoff: new ConstantBackoff(1000) });
    const reasons: RetryGiveUpReason[] = [];
    retry.onGiveUp((e) => reasons.push(e.reason));
    const source = new CancellationSource();
    const { task, starts } = flaky(clock, 5);
    const p = settleState(retry.execute(task, PolicyContext.create({ token: source.token })));
    await clock.advance(10);
    source.cancel();
    await clock.advance(0);
    expect(p.error).toBeInstanceOf(CancelledError);
    expect(starts).toEqual([0]);
    expect(reasons).toEqual([RetryGiveUpReason.CANCELLED]);
    expect(clock.pendingTimers).toBe(0);
    let ran = false;
    await expect(retry.execute(async () => { ran = true; }, PolicyContext.create({ token: source.token }))).rejects.toBeInstanceOf(CancelledError);
    expect(ran).toBe(false);
  });

  it('a shared retry budget caps retries as a share of requests', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const budget = new RetryBudget({ clock, retryRatio: 0.5, minRetriesPerSecond: 0, ttlMs: 1000 });
    const retry = new RetryPolicy({ clock, maxAttempts: 3, backoff: new ConstantBackoff(0), budget });
    const reasons: RetryGiveUpReason[] = [];
    retry.onGiveUp((e) => reasons.push(e.reason));
    let calls = 0;
    for (let i = 0; i < 4; i++) await retry.execute(async () => { calls++; throw new Error('down'); }).catch(() => undefined);
    // 4 requests earn 2 retries in total.
    expect(calls).toBe(6);
    expect(reasons.filter((r) => r === RetryGiveUpReason.BUDGET).length).toBeGreaterThan(0);
    await clock.advance(1000);
    expect(budget.requests).toBe(0);
  });

  it('validates its options', () => {
    const clock = new VirtualClock();
    expect(() => new RetryPolicy({ clock, maxAttempts: 0 })).toThrow(/options.maxAttempts/);
    expect(() => new RetryPolicy({ clock, attemptTimeoutMs: 0 })).toThrow(/options.timeoutMs/);
  });

  it('succeeds at once without touching the clock', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const retry = new RetryPolicy({ clock });
    expect(await retry.execute(async () => 7)).toBe(7);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('RetryBudget', () => {
  it('allows minRetriesPerSecond * ttl plus ratio * requests, over a sliding window', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const budget = new RetryBudget({ clock, retryRatio: 0.2, minRetriesPerSecond: 1, ttlMs: 2000 });
    expect(budget.available).toBe(2);
    for (let i = 0; i < 10; i++) budget.deposit();
    expect(budget.available).toBe(4);
    expect([1, 2, 3, 4, 5].map(() => budget.tryWithdraw())).toEqual([true, true, true, true, false]);
    await clock.advance(2000);
    expect([budget.requests, budget.retries, budget.available]).toEqual([0, 0, 2]);
  });

  it('validates its options', () => {
    const clock = new VirtualClock();
    expect(() => new RetryBudget({ clock, retryRatio: -1 })).toThrow(/options.retryRatio/);
    expect(() => new RetryBudget({ clock, ttlMs: 0 })).toThrow(/options.ttlMs/);
  });
});
