// The metrics plugin on MeshNodes over a SimNetwork: RED numbers from a simulated workload
// (direct calls and gateway requests, failing handlers, retries, breakers, a crash) must match
// what the test itself observed from the calls' promises, interceptors and the network.
import { describe, expect, it } from 'vitest';
import { ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import { SeededRandom } from '../../sdk/src/main/ets/platform/index';
import { RoundRobinBalancer } from '../../sdk/src/main/ets/registry/index';
import { ConstantBackoff, RetryBudget } from '../../sdk/src/main/ets/resilience/index';
import { MeshRequest, MeshResponse, UniformLatency } from '../../sdk/src/main/ets/transport/index';
import { MeterProvider, RedMetricName, RedMetrics, type MetricsSnapshot } from '../../sdk/src/main/ets/metrics/index';
import { MetricsPlugin, ResiliencePlugin, type MeshNode } from '../../sdk/src/main/ets/mesh/index';
import { MeshCluster } from '../mesh/meshCluster';

const sum = (snap: MetricsSnapshot, name: string, match: (l: Record<string, string>) => boolean = () => true): number =>
  (snap.find(name)?.points ?? []).filter((p) => match(p.labels)).reduce((a, p) => a + p.value, 0);

interface Observed { caller: string; ok: boolean; code: string; latencyMs: number; attempts: number }

describe('metrics plugin: RED from a simulated workload', () => {
  it('matches the calls, retries, routes, breakers, membership and transport the test observed', async () => {
    const c = new MeshCluster({ seed: 'metrics-wiring', conditions: { latency: new UniformLatency(1, 6) } });
    const providers = new Map<string, MeterProvider>();
    const metrics = new Map<string, MetricsPlugin>();
    const resilience = new Map<string, ResiliencePlugin>();
    const ids = ['phone-0', 'phone-1', 'phone-2', 'tv-0', 'tv-1'];
    const handlerRandom = new SeededRandom('handlers');
    let tv1Broken = false;
    const attemptsOf = new Map<string, number>();
    for (const id of ids) {
      const provider = new MeterProvider({ clock: c.clock, resource: { 'device.id': id } });
      providers.set(id, provider);
      const node = c.add(id, id.split('-')[0], {
        balancer: () => new RoundRobinBalancer(),
        outlierDetection: { ejectionFailures: 1000, warningFailures: 1000 },
        gateway: { routes: [{ method: 'GET', path: '/media/:id', target: { service: 'media.player' } }, { path: '/ghost', target: { service: 'ghost' } }] },
        resilience: { profile: { backoff: new ConstantBackoff(5), budget: false, breaker: { consecutiveFailures: 3, openDurationMs: 2000 } } },
        metrics: { meterProvider: provider, transportSyncMs: 500 },
      });
      metrics.set(id, node.plugin('metrics') as MetricsPlugin);
      resilience.set(id, node.plugin('resilience') as ResiliencePlugin);
      // The test's own view of every attempt, independent of the plugins.
      node.useAttempt((actx, next) => { attemptsOf.set(actx.request.path, (attemptsOf.get(actx.request.path) ?? 0) + 1); return next(); });
      if (id.startsWith('tv')) {
        node.provide('media.player', () => new Promise<MeshResponse>((resolve, reject) => {
          const work = 2 + Math.floor(20 * handlerRandom.next());
          const fail = (id === 'tv-1' && tv1Broken) || handlerRandom.next() < 0.05;
          c.clock.setTimer(work, () => (fail ? reject(new MeshError(ErrorCode.UPSTREAM, 'decoder crashed')) : resolve(MeshResponse.json({ by: id }))));
        }));
      }
    }
    const transitions = new Map<string, number>();
    for (const [id, r] of resilience) r.breakers.onStateChange(() => transitions.set(id, (transitions.get(id) ?? 0) + 1));
    await c.startAll();
    await c.until(() => c.sees('media.player', 2));
    // Membership: every node counts the five devices (itself included) alive.
    await c.clock.advance(100);
    for (const id of ids) {
      const snap = providers.get(id)!.collect();
      expect(sum(snap, RedMetricName.MEMBERS, (l) => l.state === 'alive'), id).toBe(5);
    }

    const observed: Observed[] = [];
    const routes = new Map<string, number>();
    const callRandom = new SeededRandom('calls');
    const pending: Promise<void>[] = [];
    const phones = ids.slice(0, 3).map((id) => c.nodes.get(id)!);
    for (let i = 0; i < 900; i++) {
      if (i === 300) tv1Broken = true;                           // tv-1 fails for a while: breakers trip
      if (i === 500) tv1Broken = false;
      const caller: MeshNode = phones[callRandom.nextInt(3)];
      const start = c.clock.now();
      if (i % 10 === 0) {
        const path = i % 30 === 0 ? '/ghost' : `/media/${i}`;
        pending.push(caller.request(new MeshRequest({ path })).then((res) => {
          const key = `${caller.deviceId} ${path === '/ghost' ? '/ghost' : '/media/:id'} ${Math.floor(res.status / 100)}xx`;
          routes.set(key, (routes.get(key) ?? 0) + 1);
          // Every routed request is a call; a failed one comes back with its code in x-mesh-error.
          const code = res.headers.get('x-mesh-error');
          observed.push({ caller: caller.deviceId, ok: code === undefined, code: code ?? '', latencyMs: c.clock.now() - start, attempts: attemptsOf.get(path) ?? 0 });
        }));
        continue;
      }
      const req = new MeshRequest({ path: `/play/${i}` });
      pending.push(caller.call('media.player', req).then(
        () => { observed.push({ caller: caller.deviceId, ok: true, code: '', latencyMs: c.clock.now() - start, attempts: attemptsOf.get(req.path)! }); },
        (e: MeshError) => { observed.push({ caller: caller.deviceId, ok: false, code: e.code, latencyMs: c.clock.now() - start, attempts: attemptsOf.get(req.path) ?? 0 }); }));
      await c.clock.advance(callRandom.nextInt(6));
    }
    await c.clock.advance(5000);
    await Promise.all(pending);
    expect(observed).toHaveLength(900);

    for (const id of ['phone-0', 'phone-1', 'phone-2']) {
      const snap = providers.get(id)!.collect();
      const mine = observed.filter((o) => o.caller === id);
      expect(sum(snap, RedMetricName.CALLS), id).toBe(mine.length);
      expect(sum(snap, RedMetricName.CALLS, (l) => l.outcome === 'error'), id).toBe(mine.filter((o) => !o.ok).length);
      for (const code of new Set(mine.filter((o) => !o.ok).map((o) => o.code))) {
        expect(sum(snap, RedMetricName.CALLS, (l) => l.code === code), code).toBe(mine.filter((o) => o.code === code).length);
      }
      const duration = snap.find(RedMetricName.CALL_DURATION)!.points;
      expect(duration.reduce((a, p) => a + p.histogram!.count, 0)).toBe(mine.length);
      // The gateway's own work takes no virtual time: call latencies are what the callers saw.
      expect(duration.reduce((a, p) => a + p.histogram!.sum, 0)).toBe(mine.reduce((a, o) => a + o.latencyMs, 0));
      // Retries: every attempt after the first of a call.
      const retries = mine.reduce((a, o) => a + Math.max(0, o.attempts - 1), 0);
      expect(sum(snap, RedMetricName.RETRIES), id).toBe(retries);
      // Gateway routes by template and status class.
      for (const [key, n] of routes) {
        const [caller, route, cls] = key.split(' ');
        if (caller !== id) continue;
        expect(sum(snap, RedMetricName.ROUTE_REQUESTS, (l) => l.route === route && l.status_class === cls), key).toBe(n);
      }
      // Breakers: one transition counted per state change the registry reported.
      expect(sum(snap, RedMetricName.BREAKER_TRANSITIONS), id).toBe(transitions.get(id) ?? 0);
    }
    expect(observed.some((o) => o.attempts > 1)).toBe(true);
    expect(Array.from(transitions.values()).reduce((a, n) => a + n, 0)).toBeGreaterThan(0);
    expect(observed.filter((o) => o.code === 'ERR_NO_HEALTHY_INSTANCE')).toHaveLength(30);

    // Transport: what each node pushed equals its transport's own counters, and the fleet's bytes
    // sent equal the network's.
    for (const m of metrics.values()) m.syncTransport();
    let bytes = 0;
    for (const id of ids) {
      const snap = providers.get(id)!.collect();
      const stats = c.nodes.get(id)!.transport.stats;
      expect(sum(snap, RedMetricName.TRANSPORT_ENVELOPES, (l) => l.direction === 'sent'), id).toBe(stats.sent);
      expect(sum(snap, RedMetricName.TRANSPORT_ENVELOPES, (l) => l.direction === 'received'), id).toBe(stats.received);
      bytes += sum(snap, RedMetricName.TRANSPORT_BYTES, (l) => l.direction === 'sent');
    }
    expect(bytes).toBe(c.net.stats.bytesSent);

    // A crash: the others count it suspect, then dead.
    c.crash('tv-0');
    await c.clock.advance(30000);
    for (const id of ['phone-0', 'phone-1', 'phone-2', 'tv-1']) {
      const snap = providers.get(id)!.collect();
      expect(sum(snap, RedMetricName.MEMBERS, (l) => l.state === 'dead'), id).toBe(1);
      expect(sum(snap, RedMetricName.MEMBERS, (l) => l.state === 'alive'), id).toBe(4);
      expect(sum(snap, RedMetricName.MEMBER_TRANSITIONS, (l) => l.state === 'suspect'), id).toBeGreaterThanOrEqual(1);
      expect(sum(snap, RedMetricName.MEMBER_TRANSITIONS, (l) => l.state === 'dead'), id).toBe(1);
    }
    for (const n of c.nodes.values()) await n.stop();
  }, 60000);

  it('records breaker rejections and retry-budget exhaustion', async () => {
    const c = new MeshCluster({ seed: 'metrics-budget' });
    const provider = new MeterProvider({ clock: c.clock });
    const red = new RedMetrics(provider.getMeter('test'));
    const resilience = new ResiliencePlugin({
      profile: { backoff: new ConstantBackoff(1), budget: new RetryBudget({ clock: c.clock, retryRatio: 0, minRetriesPerSecond: 0.1, ttlMs: 10000 }) },
    });
    // Installed after the resilience plugin, the metrics plugin finds it on the node.
    const phone = c.add('phone', 'phone', { plugins: [resilience, new MetricsPlugin({ red })], outlierDetection: { ejectionFailures: 1000 } });
    c.add('tv', 'tv').provide('flaky', () => Promise.reject(new MeshError(ErrorCode.UPSTREAM, 'down')));
    await c.startAll();
    await c.until(() => c.sees('flaky', 1));
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) codes.push(await c.settle(phone.call('flaky', new MeshRequest())).then(() => 'ok', (e: MeshError) => e.code));
    const snap = provider.collect();
    // 0.1 retries/s over 10 s: one retry, then the budget is spent for every later call.
    expect(sum(snap, RedMetricName.RETRIES)).toBe(1);
    expect(sum(snap, RedMetricName.RETRY_BUDGET_EXHAUSTED, (l) => l.service === 'flaky')).toBeGreaterThan(0);
    // 5 consecutive failures opened the breaker; the last calls were rejected by it.
    expect(sum(snap, RedMetricName.BREAKER_TRANSITIONS, (l) => l.breaker === 'flaky@tv' && l.to === 'open')).toBe(1);
    const rejections = codes.filter((x) => x === 'ERR_BREAKER_OPEN').length;
    expect(rejections).toBeGreaterThan(0);
    expect(sum(snap, RedMetricName.BREAKER_REJECTIONS, (l) => l.breaker === 'flaky@tv')).toBe(rejections);
    expect(sum(snap, RedMetricName.BREAKER_STATE, (l) => l.breaker === 'flaky@tv' && l.state === 'open')).toBe(1);
    expect(sum(snap, RedMetricName.BREAKER_STATE, (l) => l.breaker === 'flaky@tv' && l.state === 'closed')).toBe(0);
    expect(() => new MetricsPlugin({})).toThrow(/options.red/);
    expect(() => new MetricsPlugin({ red, transportSyncMs: -1 })).toThrow(/transportSyncMs/);
  });
});
