import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventLog, parseScenario, Simulation } from '../../simulator/engine/index';
import type { CallEvent, FaultEvent, RouteEvent, SimEvent } from '../../simulator/engine/index';
import { VirtualClock } from '../../simulator/engine/sdk';
import { DelayQueue } from '../../simulator/engine/world/DelayQueue';

const two = (extra: Record<string, unknown>): Simulation => Simulation.create(parseScenario({
  name: 'world', seed: 8, duration: '10s', warmup: '1s',
  devices: [
    { id: 'phone', type: 'phone' },
    { id: 'tv', type: 'tv', services: [{ name: 'media', latency: 2 }] },
  ],
  ...extra,
}));

const callsOf = (sim: Simulation): CallEvent[] => sim.events.recent('call') as CallEvent[];

describe('workload', () => {
  it('issues exactly rate x window requests for a constant uniform stream', async () => {
    const sim = two({ workload: { requests: [{ id: 's', service: 'media', from: 'phone', rate: 37, start: '2s', stop: '7s' }] } });
    const r = await sim.runToEnd();
    expect(r.workload).toEqual([{ id: 's', issued: 185, skipped: 0, settled: 185, rate: 37 }]);
    const times = callsOf(sim).map((e) => e.t);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...times)).toBeLessThan(7100);
  });

  it('ramps and bursts', async () => {
    const ramp = await two({ workload: { requests: [{ id: 'r', service: 'media', from: 'phone', rate: 0, pattern: { type: 'ramp', to: 100 }, start: '0s', stop: '10s' }] } }).runToEnd();
    // The integral of a 0 -> 100 req/s ramp over 10 s is 500.
    expect(ramp.workload[0].issued).toBeGreaterThanOrEqual(495);
    expect(ramp.workload[0].issued).toBeLessThanOrEqual(500);
    const burst = two({ workload: { requests: [{ id: 'b', service: 'media', from: 'phone', rate: 10, pattern: { type: 'burst', every: '2s', length: '500ms', rate: 100 }, start: '0s', stop: '10s' }] } });
    const rb = await burst.runToEnd();
    // 5 bursts of 0.5 s at 100 req/s + 7.5 s at 10 req/s.
    expect(rb.workload[0].issued).toBe(5 * 50 + 75);
  });

  it('draws Poisson arrivals around the rate', async () => {
    const r = await two({ workload: { requests: [{ id: 'p', service: 'media', from: 'phone', rate: 200, arrival: 'poisson', start: '0s' }] } }).runToEnd();
    expect(r.workload[0].issued).toBeGreaterThan(2000 * 0.93);
    expect(r.workload[0].issued).toBeLessThan(2000 * 1.07);
  });

  it('skips arrivals at a device that is down, and takes rate changes', async () => {
    const sim = two({
      workload: { requests: [{ id: 's', service: 'media', from: 'phone', rate: 10, start: '0s' }] },
      faults: [{ at: '4s', action: 'crash', device: 'phone', duration: '2s' }, { at: '8s', action: 'workloadRate', stream: 's', rate: 50 }],
    });
    const r = await sim.runToEnd();
    expect(r.workload[0].skipped).toBe(20);
    expect(r.workload[0].issued).toBe(40 + 20 + 100);
    expect(r.workload[0].rate).toBe(50);
  });
});

describe('faults', () => {
  it('a partition makes calls across it fail and a heal brings them back', async () => {
    const sim = two({
      resilience: { timeoutMs: 400, attemptTimeoutMs: 200, maxAttempts: 1, breaker: { enabled: false } },
      workload: { requests: [{ service: 'media', from: 'phone', rate: 20 }] },
      faults: [{ at: '4s', action: 'partition', id: 'cut', sideA: ['tv'], duration: '2s' }],
    });
    const r = await sim.runToEnd();
    const calls = callsOf(sim);
    const inCut = calls.filter((e) => e.t > 4100 && e.t < 6000);
    const after = calls.filter((e) => e.t > 7000);
    expect(inCut.length).toBeGreaterThan(20);
    expect(inCut.every((e) => e.outcome === 'error')).toBe(true);
    expect(after.length).toBeGreaterThan(40);
    expect(after.every((e) => e.outcome === 'ok')).toBe(true);
    expect(r.network.droppedPartition).toBeGreaterThan(0);
    const faults = sim.events.recent('fault') as FaultEvent[];
    expect(faults.map((f) => `${f.t} ${f.source} ${f.detail}`)).toEqual(['4000 schedule partition cut: tv | everyone else for 2000 ms', '6000 revert heal cut']);
    expect(sim.partitions()).toEqual([]);
  });

  it('service faults change error rates and latency for a while', async () => {
    const sim = two({
      resilience: { maxAttempts: 1, breaker: { enabled: false } },
      workload: { requests: [{ service: 'media', from: 'phone', rate: 50 }] },
      faults: [{ at: '3s', action: 'service', service: 'media', errorRate: 1, latency: 50, duration: '2s' }],
    });
    const r = await sim.runToEnd();
    const calls = callsOf(sim);
    expect(calls.filter((e) => e.t > 3200 && e.t < 4900).every((e) => e.outcome === 'error' && e.code === 'ERR_UPSTREAM')).toBe(true);
    expect(calls.filter((e) => e.t > 5200).every((e) => e.outcome === 'ok')).toBe(true);
    expect(r.services[0].errorCodes['ERR_UPSTREAM']).toBeGreaterThan(80);
    // Back to the scenario's behaviour.
    expect(sim.devices.get('tv')?.behaviours.get('media')?.errorRate).toBe(0);
  });

  it('link conditions are applied and restored to the scenario links after their duration', async () => {
    const sim = two({
      network: { links: [{ from: 'phone', to: 'tv', latency: 7 }] },
      faults: [{ at: '2s', action: 'link', from: 'phone', to: 'tv', loss: 0.5, latency: 40, duration: '1s' }],
    });
    await sim.advanceTo(2500);
    expect(sim.network.conditionsOf('phone', 'tv').loss).toBe(0.5);
    expect(sim.network.conditionsOf('tv', 'phone').latency.describe()).toBe('fixed(40 ms)');
    await sim.advanceTo(3500);
    expect(sim.network.conditionsOf('phone', 'tv').loss).toBe(0);
    expect(sim.network.conditionsOf('phone', 'tv').latency.describe()).toBe('fixed(7 ms)');
    expect(sim.network.conditionsOf('tv', 'phone').latency.describe()).toBe('fixed(7 ms)');
  });

  it('gateway faults abort requests with the configured status', async () => {
    const sim = two({
      gateway: { device: 'phone', routes: [{ id: 'm', path: '/m', service: 'media' }] },
      workload: { requests: [{ route: '/m', rate: 50 }] },
      faults: [{ at: '3s', action: 'gatewayFault', abort: { status: 503, percent: 100 }, duration: '2s' }],
    });
    const r = await sim.runToEnd();
    const routes = sim.events.recent('route') as RouteEvent[];
    // (Requests answered just after 3 s started before it.)
    const during = routes.filter((e) => e.t > 3050 && e.t < 5000).map((e) => `${e.status} ${e.code}`);
    expect(during.length).toBeGreaterThan(90);
    expect(new Set(during)).toEqual(new Set(['503 ERR_FAULT_INJECTED']));
    expect(routes.filter((e) => e.t >= 5100).every((e) => e.status === 200)).toBe(true);
    expect(r.routes[0]).toMatchObject({ route: '/m' });
    expect(r.routes[0].statusClasses['5xx']).toBeGreaterThan(90);
  });

  it('a crashed device is declared dead by the others and rejoins after a restart', async () => {
    const sim = two({ faults: [{ at: '3s', action: 'crash', device: 'tv' }, { at: '20ms', action: 'network', conditions: { jitterMs: 1 } }] });
    await sim.advanceTo(2900);
    expect(sim.converged()).toBe(true);
    await sim.advanceTo(9000);
    const dead = (sim.events.recent('membership') as SimEvent[]).filter((e) => e.type === 'membership' && e.observer === 'phone' && e.member === 'tv');
    expect(dead.map((e) => e.type === 'membership' && e.change)).toEqual(['joined', 'suspect', 'dead']);
    sim.control({ action: 'restart', device: 'tv' });
    await sim.advanceTo(10000);
    expect(sim.converged()).toBe(true);
    expect(sim.report().devices.find((d) => d.device === 'tv')).toMatchObject({ state: 'up', crashes: 1, restarts: 1 });
  });
});

describe('EventLog', () => {
  it('numbers events, keeps the most recent per type, counts everything and hashes the order', () => {
    const log = new EventLog(3);
    const seen: SimEvent[] = [];
    const off = log.subscribe((e) => seen.push(e), ['device']);
    for (let i = 0; i < 5; i++) log.emit({ type: 'device', t: i, device: `d${i}`, state: 'up' });
    log.emit({ type: 'fault', t: 9, source: 'control', action: 'heal', fault: { action: 'heal', partition: undefined }, detail: 'heal all partitions' });
    expect(log.total).toBe(6);
    expect(log.recent('device').map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(log.recent().map((e) => e.seq)).toEqual([3, 4, 5, 6]);
    expect(log.counts().device).toBe(5);
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    off();
    log.emit({ type: 'device', t: 10, device: 'x', state: 'crashed' });
    expect(seen).toHaveLength(5);
    const a = new EventLog(10);
    const b = new EventLog(10);
    a.emit({ type: 'device', t: 1, device: 'a', state: 'up' });
    a.emit({ type: 'device', t: 1, device: 'b', state: 'up' });
    b.emit({ type: 'device', t: 1, device: 'b', state: 'up' });
    b.emit({ type: 'device', t: 1, device: 'a', state: 'up' });
    expect(a.hash()).toMatch(/^[0-9a-f]{16}$/);
    expect(a.hash()).not.toBe(b.hash());
  });

  it('a throwing subscriber does not stop the others', () => {
    const log = new EventLog(10);
    let got = 0;
    log.subscribe(() => {
      throw new Error('boom');
    });
    log.subscribe(() => got++);
    log.emit({ type: 'device', t: 0, device: 'a', state: 'up' });
    expect(got).toBe(1);
    expect(log.listenerErrors).toBe(1);
  });

  it('keeps memory bounded on a long run: retained events and spans stay at their limits', async () => {
    const sim = Simulation.create(parseScenario({
      name: 'long', seed: 1, duration: '2m', warmup: '1s',
      devices: [{ id: 'a', type: 'phone' }, { id: 'b', type: 'tv', services: [{ name: 's', latency: 1 }] }],
      tracing: { maxSpans: 300 }, events: { maxRetained: 200 },
      workload: { requests: [{ service: 's', from: 'a', rate: 40 }] },
    }));
    const r = await sim.runToEnd(undefined, 10000);
    expect(r.totals.requests).toBeGreaterThan(4500);
    expect(sim.events.recent('call')).toHaveLength(200);
    expect(sim.events.counts().call).toBe(r.totals.requests);
    expect(sim.spans.spans()).toHaveLength(300);
    expect(r.tracing.evicted).toBe(r.tracing.spans - 300);
  }, 60000);
});

describe('DelayQueue', () => {
  it('runs callbacks at their delay rounded up to the quantum, in time then schedule order (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 1, maxLength: 40 }), async (delays) => {
      const clock = new VirtualClock({ startTime: 0 });
      const q = new DelayQueue(clock, 1);
      const fired: { i: number; at: number }[] = [];
      delays.forEach((d, i) => q.schedule(d, () => fired.push({ i, at: clock.now() })));
      expect(q.pending).toBe(delays.length);
      await clock.advance(60);
      expect(fired.map((f) => f.i).sort((a, b) => a - b)).toEqual(delays.map((_, i) => i));
      for (const f of fired) expect(f.at).toBe(Math.ceil(delays[f.i]));
      for (let k = 1; k < fired.length; k++) {
        const a = fired[k - 1];
        const b = fired[k];
        expect(a.at < b.at || (a.at === b.at && a.i < b.i)).toBe(true);
      }
      expect(q.pending).toBe(0);
    }), { numRuns: 60 });
  });

  it('fires everything due in one millisecond from one clock timer', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const q = new DelayQueue(clock, 1);
    for (let i = 0; i < 100; i++) q.schedule(0.1 + i / 200, () => {});
    await clock.advance(5);
    expect(clock.firedTimers).toBe(1);
  });
});
