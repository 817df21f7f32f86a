import { describe, expect, it } from 'vitest';
import { ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { ConstantBackoff, RetryBudget } from '../../sdk/src/main/ets/resilience/index';
import { MeshRequest } from '../../sdk/src/main/ets/transport/index';
import {
  Gateway, middleware, RetryMiddleware, RetryStopReason, TimeoutMiddleware, type GatewayMiddleware, type GatewayRetryEvent,
} from '../../sdk/src/main/ets/gateway/index';
import { FakeUpstream, type Outcome } from './fakes';

const setup = (script: (service: string, n: number) => Outcome, route: GatewayMiddleware[], method?: string) => {
  const clock = new VirtualClock({ startTime: 0 });
  const upstream = new FakeUpstream(clock, script);
  const gateway = new Gateway({ clock, random: new SeededRandom('retry'), upstream });
  gateway.addRoute({ method: method ?? 'ALL', path: '/x', target: { service: 's' }, middleware: route });
  return { clock, upstream, gateway };
};
const run = async (clock: VirtualClock, p: Promise<unknown>, ms = 60000): Promise<void> => {
  await clock.advance(ms);
  await p;
};

describe('TimeoutMiddleware', () => {
  it('answers 504 at the deadline and ignores the late response', async () => {
    const timeout = new TimeoutMiddleware({ timeoutMs: 100 });
    const { clock, gateway, upstream } = setup(() => ({ latencyMs: 500 }), [timeout]);
    let doneAt = -1;
    const p = gateway.handle(new MeshRequest({ path: '/x' })).then((r) => { doneAt = clock.now(); return r; });
    await clock.advance(1000);
    const r = await p;
    expect(r.status).toBe(504);
    expect(doneAt).toBe(100);
    expect(upstream.calls[0].deadline).toBe(100);
    expect(upstream.calls[0].ctx.cancellation.isCancelled).toBe(true);
    expect(timeout.timeouts).toBe(1);
  });

  it('passes fast responses through and never extends a caller deadline', async () => {
    const { clock, gateway, upstream } = setup(() => ({ latencyMs: 20 }), [new TimeoutMiddleware({ timeoutMs: 1000 })]);
    const p = gateway.handle(new MeshRequest({ path: '/x', deadline: 50 }));
    await clock.advance(100);
    expect((await p).status).toBe(200);
    expect(upstream.calls[0].deadline).toBe(50);
    expect(() => new TimeoutMiddleware({ timeoutMs: 0 })).toThrow(/timeoutMs/);
  });

  it('covers slow middleware after it, not only the upstream call', async () => {
    const slow = middleware('slow', async (ctx, next) => {
      await new Promise<void>((resolve) => ctx.clock.setTimer(300, resolve));
      await next();
    });
    const { clock, gateway, upstream } = setup(() => ({}), [new TimeoutMiddleware({ timeoutMs: 100 }), slow]);
    const p = gateway.handle(new MeshRequest({ path: '/x' }));
    await clock.advance(500);
    expect((await p).status).toBe(504);
    expect(upstream.calls.length).toBe(0); // the cancelled rest of the pipeline never called the upstream
  });
});

describe('RetryMiddleware', () => {
  it('retries idempotent requests on retryable statuses and codes with backoff on the clock', async () => {
    const retry = new RetryMiddleware({ backoff: new ConstantBackoff(100), maxAttempts: 4 });
    const events: GatewayRetryEvent[] = [];
    retry.onRetry((e) => events.push(e));
    const { clock, gateway, upstream } = setup((_s, n) => (n === 1 ? { status: 503 } : n === 2 ? { error: new MeshError(ErrorCode.UNREACHABLE, 'gone') } : { status: 200 }), [retry]);
    const p = gateway.handle(new MeshRequest({ path: '/x' }));
    await run(clock, p);
    const r = await p;
    expect(r.status).toBe(200);
    expect(upstream.calls.map((c) => [c.at, c.attempt])).toEqual([[0, 1], [100, 2], [200, 3]]);
    expect(events.map((e) => [e.attempt, e.reason])).toEqual([[2, 'status 503'], [3, 'ERR_UNREACHABLE']]);
    expect(retry.retries).toBe(2);
  });

  it('does not retry non-idempotent methods or non-retryable failures', async () => {
    for (const [method, outcome] of [['POST', { status: 503 }], ['GET', { status: 500 }], ['GET', { error: new MeshError(ErrorCode.BREAKER_OPEN, 'open') }]] as const) {
      const { clock, gateway, upstream } = setup(() => outcome as Outcome, [new RetryMiddleware()]);
      const p = gateway.handle(new MeshRequest({ method, path: '/x' }));
      await run(clock, p);
      expect(upstream.calls.length, `${method} ${JSON.stringify(outcome)}`).toBe(1);
    }
  });

  it('keeps the last response when attempts run out', async () => {
    const retry = new RetryMiddleware({ maxAttempts: 3 });
    const { clock, gateway, upstream } = setup(() => ({ status: 502 }), [retry]);
    const p = gateway.handle(new MeshRequest({ path: '/x' }));
    await run(clock, p);
    expect((await p).status).toBe(502);
    expect(upstream.calls.length).toBe(3);
    expect(retry.stops(RetryStopReason.ATTEMPTS)).toBe(1);
  });

  it('never retries after the deadline', async () => {
    const retry = new RetryMiddleware({ backoff: new ConstantBackoff(80), maxAttempts: 5 });
    const { clock, gateway, upstream } = setup(() => ({ latencyMs: 50, status: 503 }), [new TimeoutMiddleware({ timeoutMs: 200 }), retry]);
    const p = gateway.handle(new MeshRequest({ path: '/x' }));
    await run(clock, p);
    // attempt 1 ends at 50, retry at 130 ends at 180; a retry at 260 would be past the 200 ms deadline
    expect(upstream.calls.map((c) => c.at)).toEqual([0, 130]);
    expect((await p).status).toBe(503);
    expect(retry.stops(RetryStopReason.DEADLINE)).toBe(1);
  });

  it('answers 504 when the deadline passes during a retry, and the loop stops there', async () => {
    const retry = new RetryMiddleware({ backoff: new ConstantBackoff(10), maxAttempts: 10 });
    const { clock, gateway, upstream } = setup(() => ({ latencyMs: 60, status: 503 }), [new TimeoutMiddleware({ timeoutMs: 100 }), retry]);
    const p = gateway.handle(new MeshRequest({ path: '/x' }));
    await run(clock, p, 5000);
    // attempt 1 fails at 60, attempt 2 starts at 70 and is cut off by the deadline at 100
    expect((await p).status).toBe(504);
    expect(upstream.calls.map((c) => c.at)).toEqual([0, 70]);
  });

  it('reports the attempts made when the deadline cuts a retry loop short', async () => {
    const retry = new RetryMiddleware({ backoff: new ConstantBackoff(10), maxAttempts: 10 });
    const { clock, gateway } = setup(() => ({ latencyMs: 60, status: 503 }), [new TimeoutMiddleware({ timeoutMs: 100 }), retry]);
    const attempts: number[] = [];
    gateway.onExchange((e) => attempts.push(e.attempts));
    const p = gateway.handle(new MeshRequest({ path: '/x' }));
    await run(clock, p, 1000);
    const r = await p;
    expect(r.status).toBe(504);
    await clock.advance(1000); // the cut-off attempt's late answer changes nothing
    expect(r.status).toBe(504);
    expect(attempts).toEqual([2]);
  });

  it('retries an attempt that exceeds the per-try timeout', async () => {
    const retry = new RetryMiddleware({ backoff: new ConstantBackoff(0), perTryTimeoutMs: 100 });
    const { clock, gateway, upstream } = setup((_s, n) => ({ latencyMs: n === 1 ? 1000 : 10 }), [retry]);
    const p = gateway.handle(new MeshRequest({ path: '/x' }));
    await run(clock, p);
    const r = await p;
    expect(r.status).toBe(200);
    expect(upstream.calls.map((c) => c.at)).toEqual([0, 100]);
    expect(upstream.calls[0].ctx.cancellation.isCancelled).toBe(true);
  });

  it('caps retries with the budget: a share of requests plus a floor', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const budget = new RetryBudget({ clock, retryRatio: 0.2, minRetriesPerSecond: 1, ttlMs: 10000 });
    const retry = new RetryMiddleware({ budget, backoff: new ConstantBackoff(0), maxAttempts: 3 });
    const upstream = new FakeUpstream(clock, () => ({ status: 503 }));
    const gateway = new Gateway({ clock, random: new SeededRandom(9), upstream });
    gateway.addRoute({ path: '/x', target: { service: 's' }, middleware: [retry] });
    for (let i = 0; i < 100; i++) {
      const p = gateway.handle(new MeshRequest({ path: '/x' }));
      await clock.advance(10);
      await p;
    }
    // 100 requests in 1 s of a 10 s window: 0.2 * 100 + 1 * 10 = 30 retries at most
    expect(retry.retries).toBeLessThanOrEqual(30);
    expect(retry.retries).toBeGreaterThanOrEqual(28);
    expect(upstream.calls.length).toBe(100 + retry.retries);
    expect(retry.stops(RetryStopReason.BUDGET)).toBeGreaterThan(0);
    expect(retry.budget).toBe(budget);
  });

  it('validates its options', () => {
    expect(() => new RetryMiddleware({ maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => new RetryMiddleware({ perTryTimeoutMs: -1 })).toThrow(/perTryTimeoutMs/);
  });
});
