import { describe, expect, it } from 'vitest';
import { CancelledError, ErrorCode, InvalidArgumentError, MeshError, TimeoutError } from '../../sdk/src/main/ets/core/index';
import { VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  BreakerOpenError, BreakerOutcome, BreakerWindowType, CircuitBreaker, CircuitState, NO_PERMIT, TransitionReason,
  UNTRACKED_PERMIT, type BreakerCallResult, type BreakerStateChange, type CircuitBreakerOptions,
  type CircuitBreakerSnapshot
} from '../../sdk/src/main/ets/resilience/index';
import { delay, failAfter, settleState } from './helpers';

const ok = async (): Promise<string> => 'ok';
const boom = async (): Promise<string> => { throw new Error('boom'); };
const make = (clock: VirtualClock, o: Partial<CircuitBreakerOptions> = {}): CircuitBreaker =>
  new CircuitBreaker({ clock, name: 'svc', ...o });
const fail = async (b: CircuitBreaker, n = 1): Promise<void> => {
  for (let i = 0; i < n; i++) await b.execute(boom).catch(() => undefined);
};
const succeed = async (b: CircuitBreaker, n = 1): Promise<void> => {
  for (let i = 0; i < n; i++) await b.execute(ok);
};

describe('CircuitBreaker: trip strategies', () => {
  it('opens after N consecutive failures; a success restarts the count', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, { consecutiveFailures: 3 });
    await fail(b, 2);
    await succeed(b);
    await fail(b, 2);
    expect(b.state).toBe(CircuitState.CLOSED);
    await fail(b);
    expect(b.state).toBe(CircuitState.OPEN);
  });

  it('rejects while open with one shared ERR_BREAKER_OPEN error and does not run the task', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, { consecutiveFailures: 1, openDurationMs: 1000 });
    await fail(b);
    let ran = 0;
    const errors: unknown[] = [];
    for (let i = 0; i < 3; i++) await b.execute(async () => { ran++; }).catch((e) => errors.push(e));
    expect(ran).toBe(0);
    expect(errors[0]).toBeInstanceOf(BreakerOpenError);
    expect(errors[1]).toBe(errors[0]);
    const e = errors[0] as BreakerOpenError;
    expect(e.code).toBe(ErrorCode.BREAKER_OPEN);
    expect(MeshError.hasCode(e, 'ERR_BREAKER_OPEN')).toBe(true);
    expect([e.breakerName, e.state, e.retryAt]).toEqual(['svc', CircuitState.OPEN, 1000]);
    expect(b.metrics().totalRejected).toBe(3);
  });

  it('count window: rates only count from minimumNumberOfCalls and slide over the last N calls', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, { window: BreakerWindowType.COUNT, windowSize: 4, minimumNumberOfCalls: 4, failureRateThreshold: 0.5 });
    await fail(b, 3);
    expect(b.state).toBe(CircuitState.CLOSED); // 3 calls < minimum
    expect(b.metrics().failureRate).toBe(1);
    await succeed(b);
    expect(b.state).toBe(CircuitState.OPEN); // 3/4 >= 50%
    b.reset();
    await succeed(b, 3);
    await fail(b); // 1/4 = 25%
    await fail(b); // window = s s f f -> 50%
    expect(b.state).toBe(CircuitState.OPEN);
    expect(b.metrics().windowCalls).toBe(0); // cleared on the transition
  });

  it('time window: failures older than the window no longer count', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, {
      window: BreakerWindowType.TIME, windowMs: 1000, windowBuckets: 10, minimumNumberOfCalls: 4, failureRateThreshold: 0.8,
    });
    await fail(b, 3);
    await clock.advance(1000); // the three failures leave the window
    await succeed(b);
    expect(b.metrics().windowCalls).toBe(1);
    await fail(b, 2);
    expect(b.state).toBe(CircuitState.CLOSED); // 2/3 calls
    await clock.advance(500);
    await fail(b);
    expect(b.metrics().windowCalls).toBe(4); // 3/4 < 80%
    await fail(b);
    expect(b.state).toBe(CircuitState.OPEN); // 4 failures out of 5 in the last second
  });

  it('time window: buckets are aligned, so a call leaves the window with its whole bucket', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, { window: BreakerWindowType.TIME, windowMs: 100, windowBuckets: 4, minimumNumberOfCalls: 100 });
    await clock.advance(10);
    await fail(b); // bucket [0, 25)
    await clock.advance(20);
    await fail(b); // bucket [25, 50)
    await clock.advance(69); // t = 99: both still in [0, 100)
    expect(b.metrics().windowCalls).toBe(2);
    await clock.advance(1); // t = 100: bucket [0, 25) left
    expect(b.metrics().windowCalls).toBe(1);
    await clock.advance(25);
    expect(b.metrics().windowCalls).toBe(0);
  });

  it('slow-call rate: successful but slow calls open the circuit', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, {
      window: BreakerWindowType.COUNT, windowSize: 4, minimumNumberOfCalls: 4, slowCallDurationMs: 100, slowCallRateThreshold: 0.5,
    });
    const call = async (ms: number): Promise<void> => {
      const p = b.execute(() => delay(clock, ms, 'done'));
      await clock.advance(ms);
      await p;
    };
    await call(100); // exactly the threshold: not slow
    await call(150);
    await call(20);
    expect(b.metrics().windowSlowCalls).toBe(1);
    await call(101);
    expect(b.state).toBe(CircuitState.OPEN);
    expect(b.metrics().totalSlowCalls).toBe(2);
  });
});

describe('CircuitBreaker: half-open and open duration', () => {
  it('moves to half-open after the open duration and admits only halfOpenMaxCalls trials', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, { consecutiveFailures: 1, openDurationMs: 100, halfOpenMaxCalls: 2, halfOpenSuccessThreshold: 2 });
    await fail(b);
    await clock.advance(99);
    expect(b.state).toBe(CircuitState.OPEN);
    await clock.advance(1);
    expect(b.state).toBe(CircuitState.HALF_OPEN);
    const t1 = settleState(b.execute(() => delay(clock, 10, 'a')));
    const t2 = settleState(b.execute(() => delay(clock, 20, 'b')));
    const t3 = settleState(b.execute(() => delay(clock, 5, 'c')));
    await clock.advance(0);
    expect(t3.error).toBeInstanceOf(BreakerOpenError);
    expect((t3.error as BreakerOpenError).state).toBe(CircuitState.HALF_OPEN);
    await clock.advance(10);
    expect(t1.value).toBe('a');
    expect(b.state).toBe(CircuitState.HALF_OPEN); // one success of two
    expect(b.metrics().halfOpenSuccesses).toBe(1);
    // The finished trial's permit is not given back: still no room for a third call.
    await expect(b.execute(ok)).rejects.toBeInstanceOf(BreakerOpenError);
    await clock.advance(10);
    expect(t2.value).toBe('b');
    expect(b.state).toBe(CircuitState.CLOSED);
  });

  it('reopens on a failed trial with an open duration that grows up to the cap, and resets it on close', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, { consecutiveFailures: 1, openDurationMs: 100, openDurationMultiplier: 2, maxOpenDurationMs: 350 });
    const opens: number[] = [];
    b.onStateChange((e) => { if (e.to === CircuitState.OPEN) opens.push(e.openUntil - e.at); });
    await fail(b);
    for (let i = 0; i < 4; i++) {
      await clock.advance(b.metrics().openUntil - clock.now());
      await fail(b); // the trial fails
    }
    expect(opens).toEqual([100, 200, 350, 350, 350]);
    expect(b.metrics().openCount).toBe(5);
    await clock.advance(350);
    await succeed(b);
    expect(b.state).toBe(CircuitState.CLOSED);
    expect(b.metrics().openCount).toBe(0);
    await fail(b);
    expect(opens[opens.length - 1]).toBe(100);
  });

  it('a slow trial counts as failed; an ignored trial frees its permit', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, { consecutiveFailures: 1, openDurationMs: 10, slowCallDurationMs: 50 });
    await fail(b);
    await clock.advance(10);
    await expect(b.execute(async () => { throw new CancelledError('caller left'); })).rejects.toBeInstanceOf(CancelledError);
    expect(b.state).toBe(CircuitState.HALF_OPEN);
    const slow = b.execute(() => delay(clock, 60, 'slow'));
    await clock.advance(60);
    expect(await slow).toBe('slow');
    expect(b.state).toBe(CircuitState.OPEN);
  });

  it('counts late results of calls admitted before a state change in totals only', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, { consecutiveFailures: 1, openDurationMs: 10 });
    const late = settleState(b.execute(() => failAfter(clock, 50, new Error('late'))));
    await fail(b); // opens
    await clock.advance(10);
    expect(b.state).toBe(CircuitState.HALF_OPEN);
    await clock.advance(40); // the late failure arrives while half-open: not a trial
    expect(late.error?.message).toBe('late');
    expect(b.state).toBe(CircuitState.HALF_OPEN);
    expect(b.metrics().totalFailures).toBe(2);
    await succeed(b);
    expect(b.state).toBe(CircuitState.CLOSED);
  });
});

describe('CircuitBreaker: classification, manual control, events', () => {
  it('isFailure, ignoreError and isFailureResult decide what counts', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, {
      consecutiveFailures: 2,
      isFailure: (e) => MeshError.hasCode(e, ErrorCode.TIMEOUT) || /5\d\d/.test(e.message),
      isFailureResult: (r) => (r as { status?: number } | null)?.status === 503,
    });
    await b.execute(async () => { throw new Error('404 not found'); }).catch(() => undefined);
    await b.execute(async () => { throw new CancelledError('gone'); }).catch(() => undefined);
    expect(b.metrics()).toMatchObject({ totalSuccesses: 1, totalFailures: 0, totalIgnored: 1, consecutiveFailures: 0 });
    expect(await b.execute(async () => ({ status: 503 }))).toEqual({ status: 503 }); // returned, but counted
    await b.execute(async () => { throw new TimeoutError('slow upstream', 10); }).catch(() => undefined);
    expect(b.state).toBe(CircuitState.OPEN);
    expect(b.metrics().totalFailures).toBe(2);
  });

  it('a throwing predicate counts the call as a failure instead of crashing', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, { consecutiveFailures: 1, isFailure: () => { throw new Error('bad predicate'); } });
    await expect(b.execute(boom)).rejects.toThrow('boom');
    expect(b.state).toBe(CircuitState.OPEN);
  });

  it('isolate holds it forced-open until every handle is released; reset drops handles', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock);
    const h1 = b.isolate();
    const h2 = b.isolate();
    expect(b.state).toBe(CircuitState.FORCED_OPEN);
    const e = (await b.execute(ok).catch((x: unknown) => x)) as BreakerOpenError;
    expect([e.state, e.retryAt]).toEqual([CircuitState.FORCED_OPEN, Infinity]);
    h1.dispose();
    h1.dispose();
    expect(b.state).toBe(CircuitState.FORCED_OPEN);
    h2.dispose();
    expect(b.state).toBe(CircuitState.CLOSED);
    const h3 = b.isolate();
    b.reset();
    b.isolate();
    h3.dispose(); // stale: must not release the new isolation
    expect(b.state).toBe(CircuitState.FORCED_OPEN);
  });

  it('disable lets everything through unrecorded; trip opens by hand', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, { consecutiveFailures: 1 });
    b.disable();
    await fail(b, 5);
    expect(b.state).toBe(CircuitState.DISABLED);
    expect(b.metrics()).toMatchObject({ totalFailures: 0, windowCalls: 0, inFlight: 0 });
    expect(b.tryAcquirePermission()).toBe(UNTRACKED_PERMIT);
    b.trip();
    expect(b.state).toBe(CircuitState.OPEN);
    expect(b.tryAcquirePermission()).toBe(NO_PERMIT);
  });

  it('emits state changes with reasons, rejections and call results', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, { consecutiveFailures: 2, openDurationMs: 50, slowCallDurationMs: 1000 });
    const changes: BreakerStateChange[] = [];
    const results: BreakerCallResult[] = [];
    const rejected: number[] = [];
    b.onStateChange((e) => changes.push(e));
    b.onResult((e) => results.push(e));
    b.onRejection((e) => rejected.push(e.at));
    await fail(b, 2);
    await b.execute(ok).catch(() => undefined);
    await clock.advance(50);
    const p = b.execute(() => delay(clock, 7, 'x'));
    await clock.advance(7);
    await p;
    b.isolate();
    b.reset();
    b.disable();
    expect(changes.map((c) => [c.from, c.to, c.reason, c.at])).toEqual([
      ['closed', 'open', TransitionReason.CONSECUTIVE_FAILURES, 0],
      ['open', 'half-open', TransitionReason.OPEN_ELAPSED, 50],
      ['half-open', 'closed', TransitionReason.TRIAL_SUCCEEDED, 57],
      ['closed', 'forced-open', TransitionReason.ISOLATED, 57],
      ['forced-open', 'closed', TransitionReason.RESET, 57],
      ['closed', 'disabled', TransitionReason.DISABLED, 57],
    ]);
    expect(changes[0].openUntil).toBe(50);
    expect(rejected).toEqual([0]);
    expect(results.map((r) => [r.outcome, r.durationMs, r.state])).toEqual([
      [BreakerOutcome.FAILURE, 0, 'closed'], [BreakerOutcome.FAILURE, 0, 'open'], [BreakerOutcome.SUCCESS, 7, 'closed'],
    ]);
    expect(results[0].error?.message).toBe('boom');
  });

  it('reports a metrics snapshot for the simulator', async () => {
    const clock = new VirtualClock({ startTime: 5 });
    const b = make(clock, { window: BreakerWindowType.COUNT, windowSize: 10, minimumNumberOfCalls: 10 });
    await succeed(b, 3);
    await fail(b, 1);
    const running = b.execute(() => delay(clock, 10, 1));
    expect(b.metrics()).toEqual({
      name: 'svc', state: 'closed', windowCalls: 4, windowFailures: 1, windowSlowCalls: 0, failureRate: 0.25,
      slowCallRate: 0, consecutiveFailures: 1, inFlight: 1, totalSuccesses: 3, totalFailures: 1, totalIgnored: 0,
      totalSlowCalls: 0, totalRejected: 0, lastTransitionAt: 5, openUntil: Infinity, openCount: 0, halfOpenInFlight: 0,
      halfOpenSuccesses: 0,
    });
    await clock.advance(10);
    await running;
  });

  it('offers a permit API for callers outside execute()', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, { consecutiveFailures: 2, slowCallDurationMs: 100 });
    const p1 = b.tryAcquirePermission();
    const p2 = b.tryAcquirePermission();
    expect(b.metrics().inFlight).toBe(2);
    b.recordError(p1, 5, new Error('x'));
    b.releasePermission(p2);
    expect(b.metrics()).toMatchObject({ totalFailures: 1, totalIgnored: 1, inFlight: 0 });
    b.recordSuccess(b.tryAcquirePermission(), 150);
    expect(b.metrics().totalSlowCalls).toBe(1);
    b.recordError(b.tryAcquirePermission(), 1, new Error('y'));
    b.recordError(b.tryAcquirePermission(), 1, new Error('z'));
    expect(b.state).toBe(CircuitState.OPEN);
  });

  it('never throws synchronously from execute', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock);
    const p = b.execute(() => { throw new Error('sync'); });
    await expect(p).rejects.toThrow('sync');
    expect(b.metrics().totalFailures).toBe(1);
  });
});

describe('CircuitBreaker: snapshot and restore', () => {
  it('survives a JSON round trip in every state, keeping the window', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const options: Partial<CircuitBreakerOptions> = { window: BreakerWindowType.COUNT, windowSize: 5, minimumNumberOfCalls: 5 };
    const b = make(clock, options);
    await succeed(b, 2);
    await fail(b, 2);
    const saved = JSON.parse(JSON.stringify(b.snapshot())) as CircuitBreakerSnapshot;
    const copy = make(clock, { ...options, initialState: saved });
    expect(copy.metrics()).toMatchObject({ state: 'closed', windowCalls: 4, windowFailures: 2, consecutiveFailures: 2 });
    await fail(copy);
    expect(copy.state).toBe(CircuitState.OPEN); // 3/5
    const open = JSON.parse(JSON.stringify(copy.snapshot())) as CircuitBreakerSnapshot;
    expect(open.state).toBe('open');
    const reopened = make(clock, { ...options, initialState: open });
    expect(reopened.state).toBe(CircuitState.OPEN);
    expect(reopened.metrics().openUntil).toBe(copy.metrics().openUntil);
    reopened.isolate();
    const forced = make(clock, { ...options, initialState: reopened.snapshot() });
    expect(forced.state).toBe(CircuitState.FORCED_OPEN);
    forced.reset();
    expect(forced.state).toBe(CircuitState.CLOSED);
  });

  it('restores time windows relative to the clock and consecutive counts', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const time = make(clock, { window: BreakerWindowType.TIME, windowMs: 100, windowBuckets: 4 });
    await fail(time, 2);
    const saved = time.snapshot();
    await clock.advance(60);
    expect(make(clock, { window: BreakerWindowType.TIME, windowMs: 100, windowBuckets: 4, initialState: saved }).metrics().windowFailures).toBe(2);
    await clock.advance(40);
    expect(make(clock, { window: BreakerWindowType.TIME, windowMs: 100, windowBuckets: 4, initialState: saved }).metrics().windowFailures).toBe(0);
    const cons = make(clock, { consecutiveFailures: 3 });
    await fail(cons, 2);
    const restored = make(clock, { consecutiveFailures: 3, initialState: cons.snapshot() });
    await fail(restored);
    expect(restored.state).toBe(CircuitState.OPEN);
  });

  it('a restored time window labels its current bucket, so the next snapshot is valid (regression)', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const options: Partial<CircuitBreakerOptions> = { window: BreakerWindowType.TIME, windowMs: 20, windowBuckets: 1 };
    const first = make(clock, { ...options, initialState: make(clock, options).snapshot() });
    await fail(first);
    const saved = JSON.parse(JSON.stringify(first.snapshot())) as CircuitBreakerSnapshot;
    expect(make(clock, { ...options, initialState: saved }).metrics().windowFailures).toBe(1);
  });

  it('rejects malformed snapshots naming the field and stays unchanged', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const b = make(clock, { consecutiveFailures: 2 });
    await fail(b);
    const good = b.snapshot();
    const bad = (patch: Record<string, unknown>): CircuitBreakerSnapshot => ({ ...good, ...patch }) as CircuitBreakerSnapshot;
    const field = (s: CircuitBreakerSnapshot): string => {
      try { b.restore(s); return 'none'; } catch (e) { return (e as InvalidArgumentError).field; }
    };
    expect(field(bad({ version: 2 }))).toBe('snapshot.version');
    expect(field(bad({ state: 'ajar' }))).toBe('snapshot.state');
    expect(field(bad({ state: 'open', openUntil: null }))).toBe('snapshot.openUntil');
    expect(field(bad({ openCount: -1 }))).toBe('snapshot.openCount');
    expect(field(bad({ window: [] }))).toBe('snapshot.window');
    expect(field(bad({ window: { type: 'count' } }))).toBe('snapshot.window.type');
    expect(field(bad({ window: { ...good.window, failures: 99 } }))).toBe('snapshot.window.failures');
    expect(field(bad({ window: { ...good.window, consecutive: 2 } }))).toBe('snapshot.window.consecutive');
    expect(b.metrics()).toMatchObject({ state: 'closed', consecutiveFailures: 1 });
  });
});

describe('CircuitBreaker: options', () => {
  it('validates settings at construction, naming the field', () => {
    const clock = new VirtualClock();
    const field = (o: Partial<CircuitBreakerOptions>): string => {
      try { make(clock, o); return 'none'; } catch (e) { return (e as InvalidArgumentError).field; }
    };
    expect(field({ consecutiveFailures: 0 })).toBe('options.consecutiveFailures');
    expect(field({ window: BreakerWindowType.COUNT, windowSize: 3, minimumNumberOfCalls: 4 })).toBe('options.minimumNumberOfCalls');
    expect(field({ window: BreakerWindowType.COUNT, failureRateThreshold: 0 })).toBe('options.failureRateThreshold');
    expect(field({ window: BreakerWindowType.TIME, windowMs: -1 })).toBe('options.windowMs');
    expect(field({ window: BreakerWindowType.TIME, windowBuckets: 0 })).toBe('options.windowBuckets');
    expect(field({ openDurationMs: 0 })).toBe('options.openDurationMs');
    expect(field({ openDurationMultiplier: 0.5 })).toBe('options.openDurationMultiplier');
    expect(field({ openDurationMs: 100, maxOpenDurationMs: 50 })).toBe('options.maxOpenDurationMs');
    expect(field({ halfOpenMaxCalls: 0 })).toBe('options.halfOpenMaxCalls');
    expect(field({ halfOpenMaxCalls: 2, halfOpenSuccessThreshold: 3 })).toBe('options.halfOpenSuccessThreshold');
    expect(field({ slowCallDurationMs: -1 })).toBe('options.slowCallDurationMs');
    expect(field({ window: 'ring' as BreakerWindowType })).toBe('options.window');
    expect(() => new CircuitBreaker({} as CircuitBreakerOptions)).toThrow(/options.clock/);
  });
});
