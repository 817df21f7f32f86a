import { describe, expect, it } from 'vitest';
import { ErrorCode, TimeoutError } from '../../sdk/src/main/ets/core/index';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { MeshRequest, MeshResponse } from '../../sdk/src/main/ets/transport/index';
import {
  CallResilience, CircuitState, ConstantBackoff, PolicyContext, RetryPolicy, TimeoutPolicy, isRetryableResponse,
  isServerErrorResponse, meshPolicyInterceptor, policyInterceptor, wrap
} from '../../sdk/src/main/ets/resilience/index';
import { delay, never, settleState } from './helpers';

describe('interceptor adapters', () => {
  it('policyInterceptor calls next once per execution (so retries re-select)', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const interceptor = policyInterceptor<string, string>(new RetryPolicy({ clock, maxAttempts: 3, backoff: new ConstantBackoff(0) }));
    const picks: string[] = [];
    const instances = ['a', 'b', 'c'];
    const next = async (req: string): Promise<string> => {
      const pick = instances[picks.length];
      picks.push(pick);
      if (pick !== 'c') throw new Error(`${pick} down`);
      return `${req} via ${pick}`;
    };
    expect(await interceptor('GET /x', next)).toBe('GET /x via c');
    expect(picks).toEqual(['a', 'b', 'c']);
  });

  it('meshPolicyInterceptor takes the request deadline and sends the tighter one', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const interceptor = meshPolicyInterceptor(new TimeoutPolicy({ clock, timeoutMs: 100 }));
    const seen: Array<number | undefined> = [];
    const next = async (req: MeshRequest): Promise<MeshResponse> => { seen.push(req.deadline); return new MeshResponse(); };
    const original = new MeshRequest({ path: '/a', deadline: 500 });
    await interceptor(original, next);
    await interceptor(new MeshRequest({ path: '/a', deadline: 50 }), next);
    expect(seen).toEqual([100, 50]);
    expect(original.deadline).toBe(500); // the caller's request is not modified
  });

  it('classifies mesh responses', () => {
    expect(isServerErrorResponse(new MeshResponse({ status: 500 }))).toBe(true);
    expect(isServerErrorResponse(new MeshResponse({ status: 404 }))).toBe(false);
    expect(isServerErrorResponse('500')).toBe(false);
    expect([502, 503, 504, 500].map((s) => isRetryableResponse(new MeshResponse({ status: s })))).toEqual([true, true, true, false]);
  });
});

describe('CallResilience (MeshNode.call and gateway defaults)', () => {
  const makeCall = (clock: VirtualClock) => new CallResilience({
    clock, random: new SeededRandom('calls'),
    profile: { timeoutMs: 1000, attemptTimeoutMs: 200, maxAttempts: 3 },
  });

  it('retries an idempotent call on another instance after a 503 and counts it against that instance', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const r = makeCall(clock);
    const onCall = r.callInterceptor();
    const onAttempt = r.attemptInterceptor((req) => req.headers.get('x-instance') ?? undefined);
    const order = ['tv', 'phone'];
    let n = 0;
    // A stand-in for MeshNode: call interceptor -> (select instance) -> attempt interceptor -> transport.
    const call = (req: MeshRequest): Promise<MeshResponse> => onCall(req, (r1) => {
      const attemptReq = r1.clone();
      attemptReq.headers.set('x-instance', order[n++ % 2]);
      return onAttempt(attemptReq, async (r2) => new MeshResponse({ status: r2.headers.get('x-instance') === 'tv' ? 503 : 200 }));
    });
    const p = settleState(call(new MeshRequest({ method: 'GET', path: '/play' })));
    await clock.advance(1000);
    expect(p.value?.status).toBe(200);
    expect(n).toBe(2);
    expect(r.breakers.get('tv').metrics().totalFailures).toBe(1);
    expect(r.breakers.get('phone').metrics().totalSuccesses).toBe(1);
  });

  it('does not retry POST by default; attempt timeouts map to ERR_TIMEOUT', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const r = makeCall(clock);
    const onCall = r.callInterceptor();
    const onAttempt = r.attemptInterceptor(() => 'tv');
    let attempts = 0;
    const call = (req: MeshRequest): Promise<MeshResponse> => onCall(req, (r1) => onAttempt(r1, () => { attempts++; return never<MeshResponse>(); }));
    const post = settleState(call(new MeshRequest({ method: 'POST', path: '/order' })));
    await clock.advance(1000);
    expect(attempts).toBe(1);
    expect(post.error).toBeInstanceOf(TimeoutError);
    expect((post.error as TimeoutError).timeoutMs).toBe(200);
    attempts = 0;
    const get = settleState(call(new MeshRequest({ method: 'GET', path: '/status' })));
    await clock.advance(1000);
    expect(attempts).toBe(3);
    expect(get.error).toBeInstanceOf(TimeoutError);
  });

  it('opens the per-instance breaker after consecutive failures, then fails fast with ERR_BREAKER_OPEN', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const r = new CallResilience({ clock, profile: { maxAttempts: 1 } });
    const health: string[] = [];
    r.breakers.onStateChange((e) => health.push(`${e.name}:${e.to}`));
    for (let i = 0; i < 5; i++) {
      await r.execute('GET', 'watch-7', async () => new MeshResponse({ status: 500 }));
    }
    expect(r.breakers.stateOf('watch-7')).toBe(CircuitState.OPEN);
    expect(health).toEqual(['watch-7:open']);
    await expect(r.execute('GET', 'watch-7', async () => new MeshResponse())).rejects.toMatchObject({ code: ErrorCode.BREAKER_OPEN });
  });

  it('composes with the shared deadline: a slow attempt is bounded by what is left of the call', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const r = new CallResilience({ clock, profile: { timeoutMs: 300, attemptTimeoutMs: 200, maxAttempts: 3, backoff: new ConstantBackoff(0) } });
    const deadlines: number[] = [];
    const p = settleState(r.execute('GET', 'a', (ctx: PolicyContext) => { deadlines.push(ctx.deadline); return delay(clock, 1000, new MeshResponse()); }));
    await clock.advance(300);
    expect(deadlines).toEqual([200, 300]);
    expect(p.error).toBeInstanceOf(TimeoutError);
  });

  it('exposes the pieces for direct use', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const r = new CallResilience({ clock, profile: { maxConcurrent: 1, retryNonIdempotent: true } });
    expect(r.callPolicyFor('POST')).toBe(r.idempotentCall);
    const chain = wrap(r.idempotentCall, r.attempt);
    expect(await chain.execute(async () => 'ok', PolicyContext.create({ key: 'x' }))).toBe('ok');
    expect(() => new CallResilience({} as never)).toThrow(/options.clock/);
  });
});
