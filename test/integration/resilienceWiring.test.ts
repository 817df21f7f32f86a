// The resilience plugin on MeshNodes over a SimNetwork, all in virtual time: per-instance breakers
// that trip, move traffic, half-open and close; their feed into passive health; retries with a
// budget; per-service and per-route profiles; bulkheads; the gateway's per-upstream breaker.
import { describe, expect, it } from 'vitest';
import { ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import { HealthStatus, RoundRobinBalancer } from '../../sdk/src/main/ets/registry/index';
import { CircuitBreakerRegistry, CircuitState, ConstantBackoff, RetryBudget, RetryGiveUpReason, type BreakerStateChange } from '../../sdk/src/main/ets/resilience/index';
import { FixedLatency, MeshRequest, MeshResponse } from '../../sdk/src/main/ets/transport/index';
import {
  ResiliencePlugin, type MeshNode, type MeshNodeOptions, type MeshRetryEvent, type MeshRetryGiveUpEvent, type ResiliencePluginOptions,
} from '../../sdk/src/main/ets/mesh/index';
import { MeshCluster } from '../mesh/meshCluster';

interface Fleet { c: MeshCluster; phone: MeshNode; served: Map<string, number>; failing: Set<string>; plugin: ResiliencePlugin }

/** A phone calling 'photos' on tv1..tv3 (5 ms links); `failing` devices answer ERR_UPSTREAM. */
const fleet = async (options: ResiliencePluginOptions = {}, phone: Partial<MeshNodeOptions> = {}): Promise<Fleet> => {
  const c = new MeshCluster({ seed: 'resilience-wiring', conditions: { latency: new FixedLatency(5) } });
  const plugin = new ResiliencePlugin(options);
  const node = c.add('phone', 'phone', { balancer: () => new RoundRobinBalancer(), plugins: [plugin], ...phone });
  const served = new Map<string, number>();
  const failing = new Set<string>();
  for (const id of ['tv1', 'tv2', 'tv3']) {
    c.add(id, 'tv').provide('photos', async (req) => {
      served.set(id, (served.get(id) ?? 0) + 1);
      if (failing.has(id)) throw new MeshError(ErrorCode.UPSTREAM, `${id} is broken`);
      return MeshResponse.json({ by: id });
    });
  }
  await c.startAll();
  await c.until(() => c.sees('photos', 3));
  return { c, phone: node, served, failing, plugin };
};

const callMany = async (f: Fleet, n: number, method = 'GET'): Promise<Array<{ status?: number; code?: string; by?: string }>> => {
  const out: Array<{ status?: number; code?: string; by?: string }> = [];
  for (let i = 0; i < n; i++) {
    try {
      const res = await f.c.settle(f.phone.call('photos', new MeshRequest({ method, path: `/p/${i}` })));
      out.push({ status: res.status, by: (res.body as { by: string }).by });
    } catch (e) {
      out.push({ code: (e as MeshError).code });
    }
  }
  return out;
};

describe('resilience plugin: per-instance breakers', () => {
  it('trips a failing instance, moves traffic, half-opens, reopens with a longer wait, closes after recovery', async () => {
    // The outlier detector is pushed out of the way so the breaker alone drives passive health.
    const f = await fleet({}, { outlierDetection: { ejectionFailures: 1000, warningFailures: 1000 } });
    const changes: BreakerStateChange[] = [];
    f.plugin.breakers.onStateChange((e) => changes.push(e));
    f.failing.add('tv2');
    const first = await callMany(f, 30);
    // Every call succeeds: a failed attempt on tv2 is retried on another instance.
    expect(first.every((r) => r.status === 200)).toBe(true);
    expect(f.served.get('tv2')).toBe(5);                       // 5 consecutive failures open the breaker
    expect(changes.map((e) => [e.name, e.from, e.to])).toEqual([['photos@tv2', 'closed', 'open']]);
    const openedAt = changes[0].at;
    expect(changes[0].openUntil).toBe(openedAt + 5000);
    // Passive health: tv2 is out of discovery on the phone, and only there.
    const tv2 = f.phone.registry.get('photos@tv2')!;
    expect(tv2.ejected).toBe(true);
    expect(tv2.passiveHealth).toBe(HealthStatus.WARNING);
    expect(f.phone.registry.discover('photos').map((i) => i.deviceId).sort()).toEqual(['tv1', 'tv3']);
    expect(f.c.nodes.get('tv1')!.registry.get('photos@tv2')!.ejected).toBe(false);
    expect(f.plugin.ejectedInstances).toBe(1);
    const before = f.served.get('tv2');
    await callMany(f, 10);
    expect(f.served.get('tv2')).toBe(before);                  // no traffic to tv2 while it is open

    // After the open time, tv2 is back in discovery for a trial; still failing, it reopens for 10 s.
    await f.c.clock.advanceTo(openedAt + 5000);
    expect(f.phone.registry.get('photos@tv2')!.ejected).toBe(false);
    await callMany(f, 3);
    expect(changes.slice(1).map((e) => [e.from, e.to])).toEqual([['open', 'half-open'], ['half-open', 'open']]);
    const reopened = changes[2];
    expect(reopened.openUntil - reopened.at).toBe(10000);
    expect(f.phone.registry.get('photos@tv2')!.ejected).toBe(true);

    // tv2 recovers; after 10 s the trial succeeds and the breaker closes: PASSING, traffic returns.
    f.failing.delete('tv2');
    await f.c.clock.advanceTo(reopened.openUntil);
    const after = await callMany(f, 9);
    expect(after.every((r) => r.status === 200)).toBe(true);
    expect(changes.slice(3).map((e) => [e.from, e.to])).toEqual([['open', 'half-open'], ['half-open', 'closed']]);
    expect(f.phone.registry.get('photos@tv2')!.passiveHealth).toBe(HealthStatus.PASSING);
    expect(new Set(after.map((r) => r.by))).toEqual(new Set(['tv1', 'tv2', 'tv3']));
    expect(f.plugin.ejectedInstances).toBe(0);
  });

  it('with the default outlier detector as well, traffic still moves and comes back after recovery', async () => {
    const f = await fleet();
    f.failing.add('tv3');
    const during = await callMany(f, 20);
    expect(during.every((r) => r.status === 200)).toBe(true);
    expect(f.plugin.breakers.stateOf('photos@tv3')).toBe(CircuitState.OPEN);
    expect(f.phone.registry.discover('photos')).toHaveLength(2);
    f.failing.delete('tv3');
    await f.c.clock.advance(35000);                            // the outlier ejection (30 s) ends too
    const after = await callMany(f, 12);
    expect(after.filter((r) => r.by === 'tv3').length).toBeGreaterThan(0);
    expect(f.plugin.breakers.stateOf('photos@tv3')).toBe(CircuitState.CLOSED);
  });

  it('drops the breaker of an instance that is gone', async () => {
    const f = await fleet({}, { outlierDetection: { ejectionFailures: 1000, warningFailures: 1000 } });
    f.failing.add('tv2');
    await callMany(f, 20);
    expect(f.plugin.breakers.stateOf('photos@tv2')).toBe(CircuitState.OPEN);
    expect(f.plugin.ejectedInstances).toBe(1);
    f.c.crash('tv2');
    await f.c.until(() => f.phone.registry.get('photos@tv2') === undefined, 30000);
    expect(f.plugin.breakers.find('photos@tv2')).toBeUndefined();
    expect(f.plugin.ejectedInstances).toBe(0);
    expect(f.plugin.breakers.keys().sort()).toEqual(['photos@tv1', 'photos@tv3']);
  });

  it('keeps the last usable instance in discovery: the breaker rejects instead', async () => {
    const f = await fleet({}, { outlierDetection: { ejectionFailures: 1000, warningFailures: 1000 } });
    for (const id of ['tv1', 'tv2', 'tv3']) f.failing.add(id);
    const results = await callMany(f, 12);
    expect(results.every((r) => r.code === 'ERR_UPSTREAM' || r.code === 'ERR_BREAKER_OPEN')).toBe(true);
    const states = ['tv1', 'tv2', 'tv3'].map((id) => f.plugin.breakers.stateOf(`photos@${id}`));
    expect(states).toEqual([CircuitState.OPEN, CircuitState.OPEN, CircuitState.OPEN]);
    // Two were ejected; the last one stays discoverable and its breaker answers ERR_BREAKER_OPEN.
    expect(f.phone.registry.discover('photos')).toHaveLength(1);
    const last = await callMany(f, 2);
    expect(last.map((r) => r.code)).toEqual(['ERR_BREAKER_OPEN', 'ERR_BREAKER_OPEN']);
  });

  it('uses a given registry\'s defaults, and per-service breaker settings where a profile names them', async () => {
    const c = new MeshCluster({ seed: 'breaker-settings' });
    const registry = new CircuitBreakerRegistry({ clock: c.clock, defaults: { consecutiveFailures: 2, openDurationMs: 1000 } });
    const plugin = new ResiliencePlugin({ breakers: registry, profile: { maxAttempts: 1 }, services: { strict: { breaker: { consecutiveFailures: 1 } } } });
    const phone = c.add('phone', 'phone', { plugins: [plugin], outlierDetection: { ejectionFailures: 1000 } });
    const tv = c.add('tv', 'tv');
    for (const name of ['loose', 'strict']) tv.provide(name, () => Promise.reject(new MeshError(ErrorCode.UPSTREAM, 'no')));
    await c.startAll();
    await c.until(() => c.sees('loose', 1) && c.sees('strict', 1));
    expect(plugin.breakers).toBe(registry);
    await c.settle(phone.call('loose', new MeshRequest())).catch(() => undefined);
    expect(registry.stateOf('loose@tv')).toBe(CircuitState.CLOSED);
    await c.settle(phone.call('loose', new MeshRequest())).catch(() => undefined);
    expect(registry.stateOf('loose@tv')).toBe(CircuitState.OPEN);      // the registry's 2, not the plugin's 5
    await c.settle(phone.call('strict', new MeshRequest())).catch(() => undefined);
    expect(registry.stateOf('strict@tv')).toBe(CircuitState.OPEN);     // the service's own 1
    expect(plugin.policiesFor('loose').breaker).toBeUndefined();
    expect(plugin.policiesFor('strict').breakerEnabled).toBe(true);
  });

  it('does not count refusals as instance failures', async () => {
    const c = new MeshCluster({ seed: 'refusals' });
    const plugin = new ResiliencePlugin();
    const phone = c.add('phone', 'phone', { plugins: [plugin] });
    c.add('tv', 'tv').provide('vault', () => Promise.reject(new MeshError(ErrorCode.FORBIDDEN, 'no')));
    await c.startAll();
    await c.until(() => c.sees('vault', 1));
    for (let i = 0; i < 8; i++) {
      await expect(c.settle(phone.call('vault', new MeshRequest()))).rejects.toMatchObject({ code: 'ERR_FORBIDDEN' });
    }
    expect(plugin.breakers.stateOf('vault@tv')).toBe(CircuitState.CLOSED);
    expect(phone.stats.attempts).toBe(8);                      // ERR_FORBIDDEN is not retried either
  });
});

describe('resilience plugin: timeouts, retries, budgets, profiles', () => {
  it('retries idempotent calls only, within the overall timeout, and reports retries', async () => {
    const f = await fleet({ profile: { backoff: new ConstantBackoff(10) } });
    const retries: MeshRetryEvent[] = [];
    f.plugin.onRetry((e) => retries.push(e));
    f.failing.add('tv1');
    f.failing.add('tv2');
    const get = await callMany(f, 3);
    expect(get.map((r) => r.by)).toEqual(['tv3', 'tv3', 'tv3']);
    // Every failed attempt was retried (on another instance), and reported.
    const failedAttempts = (f.served.get('tv1') ?? 0) + (f.served.get('tv2') ?? 0);
    expect(failedAttempts).toBeGreaterThan(0);
    expect(retries).toHaveLength(failedAttempts);
    expect(retries.every((e) => e.service === 'photos' && e.code === 'ERR_UPSTREAM' && e.delayMs === 10)).toBe(true);
    const attempts = f.phone.stats.attempts;
    const post = await callMany(f, 6, 'POST');
    // POST is never retried: one attempt per call, and failures reach the caller.
    expect(f.phone.stats.attempts - attempts).toBe(6);
    expect(post.filter((r) => r.code === 'ERR_UPSTREAM').length).toBe(4);
    expect(retries).toHaveLength(failedAttempts);
  });

  it('gives up when the retry budget is spent', async () => {
    const c = new MeshCluster({ seed: 'budget', conditions: { latency: new FixedLatency(5) } });
    const plugin = new ResiliencePlugin({
      profile: { backoff: new ConstantBackoff(1), budget: new RetryBudget({ clock: c.clock, retryRatio: 0, minRetriesPerSecond: 0.2, ttlMs: 10000 }), breaker: false },
    });
    const phone = c.add('phone', 'phone', { plugins: [plugin], outlierDetection: { ejectionFailures: 1000 } });
    c.add('tv', 'tv').provide('flaky', () => Promise.reject(new MeshError(ErrorCode.UPSTREAM, 'down')));
    await c.startAll();
    await c.until(() => c.sees('flaky', 1));
    const giveUps: MeshRetryGiveUpEvent[] = [];
    plugin.onGiveUp((e) => giveUps.push(e));
    for (let i = 0; i < 4; i++) await c.settle(phone.call('flaky', new MeshRequest())).catch(() => undefined);
    // The budget allows 0.2/s x 10 s = 2 retries: the first call retries twice, the rest give up at once.
    expect(giveUps.map((e) => [e.attempts, e.reason])).toEqual([
      [3, RetryGiveUpReason.MAX_ATTEMPTS], [1, RetryGiveUpReason.BUDGET], [1, RetryGiveUpReason.BUDGET], [1, RetryGiveUpReason.BUDGET],
    ]);
  });

  it('applies the attempt timeout per attempt and the overall timeout to the whole call', async () => {
    const c = new MeshCluster({ seed: 'timeouts', conditions: { latency: new FixedLatency(5) } });
    const plugin = new ResiliencePlugin({
      profile: { timeoutMs: 1000, attemptTimeoutMs: 100, backoff: new ConstantBackoff(0) },
      services: { fast: { maxAttempts: 1, timeoutMs: 50 } },
    });
    const phone = c.add('phone', 'phone', { plugins: [plugin], balancer: () => new RoundRobinBalancer() });
    const slow = (id: string, ms: number) => () => new Promise<MeshResponse>((r) => c.clock.setTimer(ms, () => r(MeshResponse.json(id))));
    c.add('tv1', 'tv').provide('photos', slow('tv1', 500));
    c.add('tv2', 'tv').provide('photos', slow('tv2', 20));
    c.add('tv3', 'tv').provide('fast', slow('tv3', 200));
    await c.startAll();
    await c.until(() => c.sees('photos', 2) && c.sees('fast', 1));
    let t0 = c.clock.now();
    const res = await c.settle(phone.call('photos', new MeshRequest()), 60000, 1);
    // Round robin picks tv1 first: its attempt times out at 100 ms, the retry on tv2 answers in 30 ms.
    expect(res.body).toBe('tv2');
    expect(c.clock.now() - t0).toBe(130);
    t0 = c.clock.now();
    await expect(c.settle(phone.call('fast', new MeshRequest()), 60000, 1)).rejects.toMatchObject({ code: 'ERR_TIMEOUT' });
    expect(c.clock.now() - t0).toBe(50);
    expect(plugin.policiesFor('fast').retry).toBeUndefined();
    expect(plugin.policiesFor('photos').attemptTimeoutMs).toBe(100);
  });

  it('uses a route profile for gateway requests and the service profile for direct calls', async () => {
    const c = new MeshCluster({ seed: 'routes', conditions: { latency: new FixedLatency(5) } });
    const plugin = new ResiliencePlugin({ routes: { checkout: { timeoutMs: 40, maxAttempts: 1 } } });
    const phone = c.add('phone', 'phone', {
      plugins: [plugin],
      gateway: { routes: [{ id: 'checkout', path: '/checkout', target: { service: 'orders' } }, { path: '/orders', target: { service: 'orders' } }] },
    });
    c.add('tv', 'tv').provide('orders', () => new Promise<MeshResponse>((r) => c.clock.setTimer(100, () => r(MeshResponse.json('done')))));
    await c.startAll();
    await c.until(() => c.sees('orders', 1));
    expect((await c.settle(phone.request(new MeshRequest({ path: '/checkout' })))).status).toBe(504);
    expect((await c.settle(phone.request(new MeshRequest({ path: '/orders' })))).status).toBe(200);
    expect((await c.settle(phone.call('orders', new MeshRequest()))).status).toBe(200);
    expect(plugin.policiesFor('orders', 'checkout').timeoutMs).toBe(40);
    expect(plugin.policiesFor('orders').timeoutMs).toBe(10000);
  });

  it('bounds concurrent attempts per service with a bulkhead', async () => {
    const c = new MeshCluster({ seed: 'bulkhead', conditions: { latency: new FixedLatency(5) } });
    const plugin = new ResiliencePlugin({ services: { render: { maxConcurrent: 2, maxAttempts: 1 } } });
    const phone = c.add('phone', 'phone', { plugins: [plugin] });
    c.add('tv', 'tv').provide('render', () => new Promise<MeshResponse>((r) => c.clock.setTimer(100, () => r(MeshResponse.json('ok')))));
    await c.startAll();
    await c.until(() => c.sees('render', 1));
    const calls = [0, 1, 2, 3].map(() => phone.call('render', new MeshRequest()).then((r) => r.status, (e: MeshError) => e.code));
    await c.clock.advance(500);
    expect(await Promise.all(calls)).toEqual([200, 200, 'ERR_BULKHEAD_FULL', 'ERR_BULKHEAD_FULL']);
    // A full bulkhead says nothing about the instance: its breaker saw two successes, nothing else.
    expect(plugin.breakers.get('render@tv').metrics()).toMatchObject({ totalSuccesses: 2, totalFailures: 0 });
  });

  it('fails a call to an unknown service at once, but retries when known instances are all unusable', async () => {
    const f = await fleet({ profile: { backoff: new ConstantBackoff(20) } });
    const t0 = f.c.clock.now();
    await expect(f.c.settle(f.phone.call('nobody', new MeshRequest()), 60000, 1)).rejects.toMatchObject({ code: 'ERR_NO_HEALTHY_INSTANCE' });
    expect(f.c.clock.now() - t0).toBeLessThanOrEqual(1);
    const retries: MeshRetryEvent[] = [];
    f.plugin.onRetry((e) => retries.push(e));
    const t1 = f.c.clock.now();
    await expect(f.c.settle(f.phone.call('photos', new MeshRequest(), { versionRange: '^9.0.0' }), 60000, 1))
      .rejects.toMatchObject({ code: 'ERR_NO_HEALTHY_INSTANCE' });
    // Known instances, none matching: retried after the backoff (3 attempts, 2 waits of 20 ms).
    expect(retries.map((e) => e.code)).toEqual(['ERR_NO_HEALTHY_INSTANCE', 'ERR_NO_HEALTHY_INSTANCE']);
    expect(f.c.clock.now() - t1).toBeGreaterThanOrEqual(40);
  });

  it('rejects bad profiles naming the field', () => {
    expect(() => new ResiliencePlugin({ profile: { timeoutMs: 0 } })).toThrow(/options.profile.timeoutMs/);
    expect(() => new ResiliencePlugin({ services: { a: { maxAttempts: 1.5 } } })).toThrow(/options.services\['a'\].maxAttempts/);
    expect(() => new ResiliencePlugin({ routes: { r: { maxConcurrent: 0 } } })).toThrow(/options.routes\['r'\].maxConcurrent/);
    expect(() => new ResiliencePlugin().breakers).toThrow(/not installed/);
    const c = new MeshCluster({ seed: 'bad-breaker' });
    expect(() => c.add('a', 'phone', { resilience: { services: { s: { breaker: { consecutiveFailures: 0 } } } } }))
      .toThrow(/options.services\['s'\].breaker/);
    expect(() => c.add('b', 'phone', { resilience: { routes: { r: { breaker: { halfOpenMaxCalls: -1 } } } } }))
      .toThrow(/options.routes\['r'\].breaker/);
  });
});

describe('resilience plugin: the gateway breaker', () => {
  it('answers 503 with Retry-After while the upstream service keeps failing, then recovers', async () => {
    const c = new MeshCluster({ seed: 'gw-breaker', conditions: { latency: new FixedLatency(5) } });
    const plugin = new ResiliencePlugin({ gatewayBreaker: true, profile: { maxAttempts: 1, breaker: false } });
    const phone = c.add('phone', 'phone', { plugins: [plugin], gateway: { routes: [{ path: '/photos/*', target: { service: 'photos' } }] } });
    let broken = true;
    let served = 0;
    c.add('tv', 'tv').provide('photos', async () => {
      served++;
      return broken ? new MeshResponse({ status: 500 }) : MeshResponse.json('ok');
    });
    await c.startAll();
    await c.until(() => c.sees('photos', 1));
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await c.settle(phone.request(new MeshRequest({ path: '/photos/1' })))).status);
    expect(statuses).toEqual([500, 500, 500, 500, 500, 503, 503]);
    expect(served).toBe(5);
    const rejected = await c.settle(phone.request(new MeshRequest({ path: '/photos/1' })));
    expect(rejected.headers.get('x-mesh-error')).toBe('ERR_BREAKER_OPEN');
    expect(Number(rejected.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(plugin.breakers.stateOf('gateway:photos')).toBe(CircuitState.OPEN);
    // Unrouted requests do not touch any breaker.
    expect((await c.settle(phone.request(new MeshRequest({ path: '/nope' })))).status).toBe(404);
    broken = false;
    await c.clock.advance(5000);
    expect((await c.settle(phone.request(new MeshRequest({ path: '/photos/2' })))).status).toBe(200);
    expect(plugin.breakers.stateOf('gateway:photos')).toBe(CircuitState.CLOSED);
  });
});
