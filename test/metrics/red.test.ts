// RED metrics from a simulated workload: devices on a SimNetwork (VirtualClock, seeded randomness,
// lossy links, failing handlers) call each other; the test tallies what it observed itself and
// compares with what RedMetrics reports (counters, windows, quantiles, per-interval deltas), and
// the transport counters with the network's own statistics.
import { describe, expect, it } from 'vitest';
import { MeshError } from '../../sdk/src/main/ets/core/index';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { Envelope, FixedLatency, NetworkEventType, SimNetwork, type NetworkEvent } from '../../sdk/src/main/ets/transport/index';
import {
  AggregationTemporality, MeterProvider, MetricsReader, QuantileSketch, RedDeliveryOutcome, RedDirection, RedMetricName,
  RedMetrics, redStatusClass, renderPrometheus,
} from '../../sdk/src/main/ets/metrics/index';

interface Observed { service: string; device: string; ok: boolean; code: string; latencyMs: number; at: number }

const exactQuantile = (values: number[], q: number): number => {
  const s = values.slice().sort((a, b) => a - b);
  return s[Math.floor(q * (s.length - 1))];
};

describe('RedMetrics on a simulated workload (SimNetwork)', () => {
  it('reports the calls, errors, latencies and transport traffic the test observed', async () => {
    const clock = new VirtualClock({ startTime: 1_700_000_000_000 });
    const random = new SeededRandom('red-workload');
    const net = new SimNetwork({ clock, random: random.fork('net'), conditions: { latency: new FixedLatency(3), jitterMs: 2 } });
    const provider = new MeterProvider({ clock, resource: { 'device.id': 'phone' } });
    const red = new RedMetrics(provider.getMeter('arkmesh.mesh'), { windowMs: 10_000, windowSlots: 10 });
    const reader = new MetricsReader(provider, { temporality: AggregationTemporality.DELTA });

    const phone = net.attach('phone');
    const hosts: Record<string, string> = { 'media.player': 'tv', health: 'watch' };
    const serverRandom = random.fork('servers');
    const served = new Map<string, { ok: number; failed: number }>();
    for (const [service, device] of Object.entries(hosts)) {
      const t = net.attach(device);
      served.set(service, { ok: 0, failed: 0 });
      t.onRequest(`svc.${service}`, (req: Envelope) => new Promise<Envelope>((resolve, reject) => {
        const work = Math.exp(2 + serverRandom.next() * 2); // 7..55 ms
        const fail = serverRandom.next() < (service === 'health' ? 0.2 : 0.05);
        clock.setTimer(work, () => {
          const s = served.get(service)!;
          if (fail) {
            s.failed++;
            reject(new MeshError('ERR_UPSTREAM', 'backend failed'));
          } else {
            s.ok++;
            resolve(Envelope.replyTo(req, {}, 'ok'));
          }
        });
      }));
    }
    // The watch's replies get lost now and then: those calls time out.
    net.setLinkConditions('watch', 'phone', { loss: 0.1 });

    // Transport metrics from the network's own event stream.
    net.onEvent((e: NetworkEvent) => {
      if (e.type === NetworkEventType.SENT) red.recordTransport({ direction: RedDirection.SENT, bytes: e.size, device: e.to });
      else if (e.type === NetworkEventType.DELIVERED) red.recordTransport({ direction: RedDirection.RECEIVED, bytes: e.size, device: e.from });
      else if (e.type === NetworkEventType.DROPPED) red.recordTransportReject(e.reason ?? 'unknown');
    });

    const observed: Observed[] = [];
    const callRandom = random.fork('calls');
    const services = Object.keys(hosts);
    let issued = 0;
    const call = (): void => {
      const service = services[callRandom.nextInt(services.length)];
      const device = hosts[service];
      const start = clock.now();
      issued++;
      phone.request(device, `svc.${service}`, 'req', undefined, start + 200).then(
        () => {
          const o: Observed = { service, device, ok: true, code: '', latencyMs: clock.now() - start, at: clock.now() };
          observed.push(o);
          red.recordCall({ service, device, ok: true, latencyMs: o.latencyMs });
        },
        (e: unknown) => {
          const code = e instanceof MeshError ? e.code : 'ERR_INTERNAL';
          const o: Observed = { service, device, ok: false, code, latencyMs: clock.now() - start, at: clock.now() };
          observed.push(o);
          red.recordCall({ service, device, ok: false, errorCode: code, latencyMs: o.latencyMs });
        });
    };
    const deltas: number[] = [];
    reader.onSnapshot((s) => {
      deltas.push(s.find(RedMetricName.CALLS)!.points.reduce((a, p) => a + p.value, 0));
    });
    reader.start(5_000);
    // 60 s of traffic, a call every 0..20 ms.
    const end = clock.now() + 60_000;
    const tick = (): void => {
      if (clock.now() >= end) return;
      call();
      clock.setTimer(callRandom.nextInt(20), tick);
    };
    tick();
    await clock.advance(60_000 + 1_000);
    reader.stop();
    const snap = provider.collect();

    // Every call was observed once; RED counted the same per service, outcome and code.
    expect(observed).toHaveLength(issued);
    expect(issued).toBeGreaterThan(5_000);
    const calls = snap.find(RedMetricName.CALLS)!;
    const tally = new Map<string, number>();
    for (const o of observed) {
      const k = JSON.stringify([o.service, o.device, o.ok ? 'ok' : 'error', o.code]);
      tally.set(k, (tally.get(k) ?? 0) + 1);
    }
    expect(calls.points).toHaveLength(tally.size);
    for (const p of calls.points) {
      const k = JSON.stringify([p.labels.service, p.labels.device, p.labels.outcome, p.labels.code ?? '']);
      expect(p.value, k).toBe(tally.get(k));
    }
    // Sanity of the scenario itself: both failure kinds happened, servers agree on successes.
    const codes = new Set(observed.filter((o) => !o.ok).map((o) => o.code));
    expect(codes).toEqual(new Set(['ERR_UPSTREAM', 'ERR_TIMEOUT']));
    for (const service of services) {
      const okCalls = observed.filter((o) => o.service === service && o.ok).length;
      expect(okCalls).toBeLessThanOrEqual(served.get(service)!.ok);
    }

    // Latency quantiles per service within the sketch's 0.55% of the exact ones.
    for (const service of services) {
      const lat = observed.filter((o) => o.service === service).map((o) => o.latencyMs);
      const merged = new QuantileSketch();
      for (const p of snap.find(RedMetricName.CALL_DURATION)!.points) {
        if (p.labels.service === service) merged.merge(p.histogram!.sketch);
      }
      expect(merged.count).toBe(lat.length);
      for (const q of [0.5, 0.9, 0.99, 0.999]) {
        const truth = exactQuantile(lat, q);
        expect(Math.abs(merged.quantile(q) - truth) / truth, `${service} p${q * 100}`).toBeLessThanOrEqual(0.0055);
      }
    }

    // The "top" view: last-10-seconds signals per service match the observations in that window.
    const now = clock.now();
    const windowStart = (Math.floor(now / 1_000) - 9) * 1_000;
    for (const summary of red.serviceSummaries()) {
      const inWindow = observed.filter((o) => o.service === summary.key && o.at >= windowStart);
      expect(summary.requests).toBe(inWindow.length);
      expect(summary.errors).toBe(inWindow.filter((o) => !o.ok).length);
      expect(summary.coveredMs).toBe(now - windowStart);
      expect(summary.rps).toBeCloseTo((inWindow.length * 1000) / (now - windowStart), 9);
      if (inWindow.length > 0) {
        const truth = exactQuantile(inWindow.map((o) => o.latencyMs), 0.99);
        expect(Math.abs(summary.p99 - truth) / truth).toBeLessThanOrEqual(0.0055);
      }
    }
    expect(red.deviceSummaries().map((s) => s.key)).toEqual(['tv', 'watch']);

    // Per-interval deltas add up to the total.
    expect(deltas).toHaveLength(12);
    expect(deltas.reduce((a, b) => a + b, 0)).toBe(observed.filter((o) => o.at <= 1_700_000_060_000).length);

    // Transport counters equal the network's own statistics.
    const sum = (name: string, labels: Record<string, string>): number => snap.find(name)!.points
      .filter((p) => Object.entries(labels).every(([k, v]) => p.labels[k] === v)).reduce((a, p) => a + p.value, 0);
    // The network emits SENT for envelopes it accepted and DROPPED (without SENT) for those lost at once.
    expect(sum(RedMetricName.TRANSPORT_ENVELOPES, { direction: 'sent' }) + sum(RedMetricName.TRANSPORT_REJECTS, {}))
      .toBe(net.stats.sent + net.stats.duplicated);
    expect(sum(RedMetricName.TRANSPORT_ENVELOPES, { direction: 'received' })).toBe(net.stats.delivered);
    expect(sum(RedMetricName.TRANSPORT_BYTES, { direction: 'received' })).toBe(net.stats.bytesDelivered);
    expect(sum(RedMetricName.TRANSPORT_REJECTS, { reason: 'loss' })).toBe(net.stats.droppedLoss);
    expect(net.stats.droppedLoss).toBeGreaterThan(0);

    // And the whole lot renders for Prometheus.
    const text = renderPrometheus(snap);
    expect(text).toContain('# TYPE mesh_call_requests_total counter');
    expect(text).toContain('# TYPE mesh_call_duration_milliseconds histogram');
  });
});

describe('RedMetrics event recorders', () => {
  const setup = () => {
    const clock = new VirtualClock({ startTime: 0 });
    const provider = new MeterProvider({ clock });
    return { clock, provider, red: new RedMetrics(provider.getMeter('arkmesh')) };
  };

  it('gateway routes by status class, with 5xx as errors in route summaries', async () => {
    const { clock, provider, red } = setup();
    for (let i = 0; i < 100; i++) {
      red.recordRoute({ route: '/media/:id', method: 'GET', status: i < 90 ? 200 : i < 95 ? 404 : 503, latencyMs: 10 + i });
    }
    red.recordRoute({ route: 'unmatched', method: 'POST', status: 999, latencyMs: 1 });
    await clock.advance(1_000);
    const snap = provider.collect();
    expect(snap.point(RedMetricName.ROUTE_REQUESTS, { route: '/media/:id', method: 'GET', status_class: '2xx' })!.value).toBe(90);
    expect(snap.point(RedMetricName.ROUTE_REQUESTS, { route: '/media/:id', method: 'GET', status_class: '4xx' })!.value).toBe(5);
    expect(snap.point(RedMetricName.ROUTE_REQUESTS, { route: '/media/:id', method: 'GET', status_class: '5xx' })!.value).toBe(5);
    expect(snap.point(RedMetricName.ROUTE_REQUESTS, { route: 'unmatched', method: 'POST', status_class: 'other' })!.value).toBe(1);
    const media = red.routeSummaries().find((s) => s.key === '/media/:id')!;
    expect([media.requests, media.errors, media.errorRate]).toEqual([100, 5, 0.05]);
    expect(media.rps).toBeCloseTo(100, 9);
    expect(redStatusClass(101)).toBe('1xx');
    expect(redStatusClass(599)).toBe('5xx');
    expect(redStatusClass(600)).toBe('other');
  });

  it('queues: published, deliveries by outcome, ack latency, observed depth and age', () => {
    const { provider, red } = setup();
    red.recordPublished('orders', 3);
    red.recordPublished('orders');
    for (const outcome of [RedDeliveryOutcome.DELIVERED, RedDeliveryOutcome.DELIVERED, RedDeliveryOutcome.ACKED, RedDeliveryOutcome.RETRIED, RedDeliveryOutcome.DEAD_LETTERED]) {
      red.recordDelivery({ topic: 'orders', group: 'billing', outcome, latencyMs: 40 });
    }
    let depth = 7;
    const sub = red.observeQueues(() => [{ topic: 'orders', group: 'billing', depth, oldestAgeMs: depth * 100 }]);
    let snap = provider.collect();
    expect(snap.point(RedMetricName.QUEUE_PUBLISHED, { topic: 'orders' })!.value).toBe(4);
    expect(snap.point(RedMetricName.QUEUE_DELIVERIES, { topic: 'orders', group: 'billing', outcome: 'delivered' })!.value).toBe(2);
    expect(snap.point(RedMetricName.QUEUE_DELIVERIES, { topic: 'orders', group: 'billing', outcome: 'dead_lettered' })!.value).toBe(1);
    expect(snap.point(RedMetricName.QUEUE_ACK_LATENCY, { topic: 'orders', group: 'billing' })!.histogram!.count).toBe(1);
    expect(snap.point(RedMetricName.QUEUE_DEPTH, { topic: 'orders', group: 'billing' })!.value).toBe(7);
    expect(snap.point(RedMetricName.QUEUE_OLDEST_AGE, { topic: 'orders', group: 'billing' })!.value).toBe(700);
    depth = 2;
    expect(provider.collect().point(RedMetricName.QUEUE_DEPTH, { topic: 'orders', group: 'billing' })!.value).toBe(2);
    sub.dispose();
    snap = provider.collect();
    expect(snap.find(RedMetricName.QUEUE_DEPTH)!.points).toHaveLength(0);
  });

  it('breakers, retries, sagas and membership', () => {
    const { provider, red } = setup();
    red.recordBreakerTransition('photos', 'closed', 'open');
    red.recordBreakerRejection('photos');
    red.recordBreakerRejection('photos');
    red.recordBreakerTransition('photos', 'open', 'half-open');
    red.recordRetry('photos');
    red.recordRetryBudgetExhausted('photos');
    red.recordSaga({ saga: 'checkout', outcome: 'completed', durationMs: 120 });
    red.recordSaga({ saga: 'checkout', outcome: 'compensated', durationMs: 300 });
    red.recordMembership({ alive: 4, suspect: 1, dead: 2 });
    red.recordMemberTransition('suspect');
    const snap = provider.collect();
    expect(snap.point(RedMetricName.BREAKER_STATE, { breaker: 'photos', state: 'half-open' })!.value).toBe(1);
    expect(snap.point(RedMetricName.BREAKER_STATE, { breaker: 'photos', state: 'open' })!.value).toBe(0);
    expect(snap.point(RedMetricName.BREAKER_TRANSITIONS, { breaker: 'photos', from: 'closed', to: 'open' })!.value).toBe(1);
    expect(snap.point(RedMetricName.BREAKER_REJECTIONS, { breaker: 'photos' })!.value).toBe(2);
    expect(snap.point(RedMetricName.RETRIES, { service: 'photos' })!.value).toBe(1);
    expect(snap.point(RedMetricName.RETRY_BUDGET_EXHAUSTED, { service: 'photos' })!.value).toBe(1);
    expect(snap.point(RedMetricName.SAGAS, { saga: 'checkout', outcome: 'compensated' })!.value).toBe(1);
    expect(snap.point(RedMetricName.SAGA_DURATION, { saga: 'checkout', outcome: 'completed' })!.histogram!.sum).toBe(120);
    expect(snap.point(RedMetricName.MEMBERS, { state: 'alive' })!.value).toBe(4);
    expect(snap.point(RedMetricName.MEMBERS, { state: 'dead' })!.value).toBe(2);
    expect(snap.point(RedMetricName.MEMBER_TRANSITIONS, { state: 'suspect' })!.value).toBe(1);
  });

  it('never throws on bad numbers; they are dropped and counted', () => {
    const { provider, red } = setup();
    red.recordCall({ service: 's', ok: true, latencyMs: NaN });
    red.recordCall({ service: 's', ok: true, latencyMs: -5 });
    red.recordTransport({ direction: RedDirection.SENT, bytes: -1 });
    const snap = provider.collect();
    expect(snap.find(RedMetricName.CALL_DURATION)!.dropped).toBe(2);
    expect(snap.point(RedMetricName.CALLS, { service: 's', outcome: 'ok' })!.value).toBe(2);
    expect(snap.find(RedMetricName.TRANSPORT_BYTES)!.dropped).toBe(1);
  });

  it('two RedMetrics on one meter share the instruments', () => {
    const { provider } = setup();
    const meter = provider.getMeter('x');
    const a = new RedMetrics(meter);
    const b = new RedMetrics(meter);
    a.recordRetry('s');
    b.recordRetry('s');
    expect(provider.collect().point(RedMetricName.RETRIES, { service: 's' }, 'x')!.value).toBe(2);
  });
});
