import { describe, expect, it } from 'vitest';
import { ErrorCode, MeshError, TimeoutError } from '../../sdk/src/main/ets/core/index';
import { VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  BreakerOpenError, BulkheadPolicy, CircuitBreaker, CircuitState, ConstantBackoff, FallbackPolicy, NoopPolicy,
  PolicyChain, PolicyContext, RetryPolicy, TimeoutPolicy, errorCodeIn, wrap, type Policy, type PolicyTask
} from '../../sdk/src/main/ets/resilience/index';
import { never, settleState } from './helpers';

/** A policy that logs when it enters and leaves, to observe the nesting order. */
class Tracing implements Policy {
  constructor(private readonly name: string, private readonly log: string[]) {}
  async execute<T>(task: PolicyTask<T>, ctx?: PolicyContext): Promise<T> {
    this.log.push(`>${this.name}`);
    try {
      return await task(ctx ?? PolicyContext.create());
    } finally {
      this.log.push(`<${this.name}`);
    }
  }
}

describe('PolicyChain / wrap', () => {
  it('runs policies outermost first and flattens nested chains', async () => {
    const log: string[] = [];
    const chain = wrap(new Tracing('a', log), wrap(new Tracing('b', log), new Tracing('c', log)), new NoopPolicy());
    expect(chain.policies.length).toBe(4);
    expect(await chain.execute(async () => { log.push('task'); return 1; })).toBe(1);
    expect(log).toEqual(['>a', '>b', '>c', 'task', '<c', '<b', '<a']);
    expect(await new PolicyChain([]).execute(async () => 2)).toBe(2);
  });

  it('timeout(retry(breaker(attemptTimeout))): attempts time out, the breaker counts them, retry stops at the deadline', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const breaker = new CircuitBreaker({ clock, consecutiveFailures: 2, openDurationMs: 1000 });
    const chain = wrap(
      new TimeoutPolicy({ clock, timeoutMs: 500 }),
      new RetryPolicy({ clock, maxAttempts: 5, backoff: new ConstantBackoff(10) }),
      breaker,
      new TimeoutPolicy({ clock, timeoutMs: 100 }),
    );
    const starts: number[] = [];
    const p = settleState(chain.execute((ctx) => { starts.push(ctx.attempt); return never<string>(); }));
    await clock.advance(500);
    // Attempts 1 and 2 time out (100 ms each) and open the breaker; attempts 3..5 are rejected by it.
    expect(starts).toEqual([1, 2]);
    expect(breaker.state).toBe(CircuitState.OPEN);
    expect(p.error).toBeInstanceOf(BreakerOpenError);
    expect(breaker.metrics().totalRejected).toBe(3);
  });

  it('the overall timeout wins over a retry loop that would run longer', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const chain = wrap(
      new TimeoutPolicy({ clock, timeoutMs: 250 }),
      new RetryPolicy({ clock, maxAttempts: 10, backoff: new ConstantBackoff(100) }),
    );
    let attempts = 0;
    const p = settleState(chain.execute(async () => { attempts++; throw new Error('down'); }));
    await clock.advance(250);
    // Attempts at 0, 100 and 200; the next one could not start before the deadline.
    expect(attempts).toBe(3);
    expect(p.error?.message).toBe('down');
    const q = settleState(chain.execute(() => never<void>()));
    await clock.advance(250);
    expect(q.error).toBeInstanceOf(TimeoutError);
  });

  it('bulkhead inside retry: a full bulkhead is not retried', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const bulkhead = new BulkheadPolicy({ clock, maxConcurrent: 1 });
    const chain = wrap(new RetryPolicy({ clock, maxAttempts: 3, backoff: new ConstantBackoff(0) }), bulkhead);
    settleState(chain.execute(() => never<void>()));
    await expect(chain.execute(async () => 1)).rejects.toMatchObject({ code: ErrorCode.BULKHEAD_FULL });
    expect(bulkhead.metrics().totalRejected).toBe(1);
  });
});

describe('FallbackPolicy', () => {
  it('falls back on chosen errors only, around a chain', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const breaker = new CircuitBreaker({ clock, consecutiveFailures: 1 });
    breaker.trip();
    const fallback = new FallbackPolicy<string>({
      policy: breaker,
      handle: errorCodeIn([ErrorCode.BREAKER_OPEN]),
      fallback: async (error, ctx) => `cached (${(error as MeshError).code}, attempt ${ctx.attempt})`,
    });
    const seen: string[] = [];
    fallback.onFallback((e) => seen.push((e.error as MeshError).code));
    expect(await fallback.execute(async () => 'live')).toBe('cached (ERR_BREAKER_OPEN, attempt 1)');
    expect(seen).toEqual(['ERR_BREAKER_OPEN']);
    breaker.reset();
    expect(await fallback.execute(async () => 'live')).toBe('live');
    await expect(fallback.execute(async () => { throw new Error('other'); })).rejects.toThrow('other');
  });

  it('falls back to a constant, and a failing fallback rejects with its own error', async () => {
    const constant = FallbackPolicy.value<number>(0);
    expect(await constant.execute(async () => { throw new Error('x'); })).toBe(0);
    const broken = new FallbackPolicy<number>({ fallback: () => { throw new Error('fallback broke'); } });
    await expect(broken.execute(async () => { throw new Error('x'); })).rejects.toThrow('fallback broke');
    expect(() => new FallbackPolicy<number>({} as never)).toThrow(/options.fallback/);
  });
});

describe('PolicyContext', () => {
  it('derives immutable contexts sharing one attribute bag', () => {
    const root = PolicyContext.create({ deadline: 100, key: 'svc' });
    const child = root.withAttempt(2).withKey('inst-1');
    child.setAttribute('route', '/a');
    expect(root.getAttribute('route')).toBe('/a');
    expect([root.attempt, child.attempt, root.key, child.key, child.deadline]).toEqual([1, 2, 'svc', 'inst-1', 100]);
    expect(root.remainingMs(40)).toBe(60);
    expect(PolicyContext.create().hasDeadline).toBe(false);
    expect(PolicyContext.create({ deadline: Number.NaN }).deadline).toBe(Infinity);
    expect(child.attributeNames()).toEqual(['route']);
  });
});
