// RED metrics fed by real MeshNodes: phones call a service provided by TVs over a SimNetwork
// (VirtualClock, seeded), every device has its own MeterProvider and RedMetrics installed as a
// MeshPlugin from node.onCall, and the fleet view merges the devices' snapshots. The counts and
// quantiles must match what the test observed from the promises of node.call itself.
import { describe, expect, it } from 'vitest';
import { MeshError } from '../../sdk/src/main/ets/core/index';
import { MemoryStore, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { MeshRequest, MeshResponse, SimNetwork } from '../../sdk/src/main/ets/transport/index';
import { CallOutcome, MeshNode, type CallCompletedEvent, type MeshPlugin } from '../../sdk/src/main/ets/mesh/index';
import { MeterProvider, QuantileSketch, RedMetricName, RedMetrics } from '../../sdk/src/main/ets/metrics/index';

/** The wiring the mesh needs: one line per event. */
const metricsPlugin = (red: RedMetrics): MeshPlugin => ({
  name: 'metrics',
  install: (node: MeshNode) => {
    node.onCall((e: CallCompletedEvent) => {
      red.recordCall({ service: e.serviceName, device: e.deviceId, ok: e.outcome === CallOutcome.OK, errorCode: e.code, latencyMs: e.latencyMs });
      if (e.attempts > 1) red.recordRetry(e.serviceName, e.attempts - 1);
    });
  },
});

const exactQuantile = (values: number[], q: number): number => {
  const s = values.slice().sort((a, b) => a - b);
  return s[Math.floor(q * (s.length - 1))];
};

describe('RedMetrics on MeshNodes', () => {
  it('per-device RED metrics merge into fleet numbers that match the observed calls', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const random = new SeededRandom('red-mesh');
    const net = new SimNetwork({ clock, random: random.fork('net') });
    const providers = new Map<string, MeterProvider>();
    const reds = new Map<string, RedMetrics>();
    const nodes: MeshNode[] = [];
    const devices = ['phone-0', 'phone-1', 'phone-2', 'tv-0', 'tv-1'];
    const handlerRandom = random.fork('handlers');
    for (const id of devices) {
      const provider = new MeterProvider({ clock, resource: { 'device.id': id } });
      const red = new RedMetrics(provider.getMeter('arkmesh.mesh'));
      providers.set(id, provider);
      reds.set(id, red);
      const node = MeshNode.create({
        deviceId: id, deviceType: id.split('-')[0], transport: net.attach(id), clock, random: random.fork(id),
        store: new MemoryStore(), seeds: ['phone-0'], plugins: [metricsPlugin(red)],
      });
      if (id.startsWith('tv')) {
        node.provide('media.player', () => new Promise<MeshResponse>((resolve, reject) => {
          const work = 5 + 40 * handlerRandom.next() * handlerRandom.next();
          const fail = handlerRandom.next() < 0.1;
          clock.setTimer(work, () => (fail ? reject(new MeshError('ERR_UPSTREAM', 'decoder crashed')) : resolve(MeshResponse.json({ by: id }))));
        }), { version: '1.0.0' });
      }
      nodes.push(node);
    }
    for (const n of nodes) await n.start();
    for (let i = 0; i < 300 && !nodes.every((n) => n.registry.discover('media.player').length === 2); i++) await clock.advance(100);

    const observed: Array<{ caller: string; ok: boolean; code: string; latencyMs: number }> = [];
    const callRandom = random.fork('calls');
    const pending: Promise<void>[] = [];
    for (let i = 0; i < 1500; i++) {
      const caller = nodes[callRandom.nextInt(3)];
      const start = clock.now();
      pending.push(caller.call('media.player', new MeshRequest({ body: i })).then(
        () => { observed.push({ caller: caller.deviceId, ok: true, code: '', latencyMs: clock.now() - start }); },
        (e: MeshError) => { observed.push({ caller: caller.deviceId, ok: false, code: e.code, latencyMs: clock.now() - start }); }));
      await clock.advance(callRandom.nextInt(8));
    }
    await clock.advance(5000);
    await Promise.all(pending);
    expect(observed).toHaveLength(1500);

    // Each phone's own metrics: its calls by outcome and code.
    for (const phone of ['phone-0', 'phone-1', 'phone-2']) {
      const snap = providers.get(phone)!.collect();
      const mine = observed.filter((o) => o.caller === phone);
      const total = snap.find(RedMetricName.CALLS)!.points.reduce((a, p) => a + p.value, 0);
      expect(total).toBe(mine.length);
      const errors = snap.find(RedMetricName.CALLS)!.points.filter((p) => p.labels.outcome === 'error');
      expect(errors.reduce((a, p) => a + p.value, 0)).toBe(mine.filter((o) => !o.ok).length);
      const byCode = new Map<string, number>();
      for (const p of errors) byCode.set(p.labels.code, (byCode.get(p.labels.code) ?? 0) + p.value);
      for (const [code, n] of byCode) expect(n, code).toBe(mine.filter((o) => !o.ok && o.code === code).length);
    }

    // The fleet view: merge every device's latency sketches; quantiles match the observed latencies.
    const fleet = new QuantileSketch();
    for (const provider of providers.values()) {
      for (const p of provider.collect().find(RedMetricName.CALL_DURATION)!.points) fleet.merge(p.histogram!.sketch);
    }
    expect(fleet.count).toBe(1500);
    const latencies = observed.map((o) => o.latencyMs);
    for (const q of [0.5, 0.9, 0.99]) {
      const truth = exactQuantile(latencies, q);
      expect(Math.abs(fleet.quantile(q) - truth) / truth, `p${q * 100}`).toBeLessThanOrEqual(0.0055);
    }
    // Calls were served by both TVs, and some failed with the handler's code.
    const byDevice = new Set(Array.from(providers.values()).flatMap((p) => p.collect().find(RedMetricName.CALLS)!.points.map((x) => x.labels.device)));
    expect(byDevice).toEqual(new Set(['tv-0', 'tv-1']));
    expect(observed.some((o) => o.code === 'ERR_UPSTREAM')).toBe(true);
    for (const n of nodes) await n.stop();
  }, 60000);
});
