import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualWallClock, parseScenario, Simulation, SimulatorEngine } from '../../simulator/engine/index';
import type { Scenario, SimulationReport } from '../../simulator/engine/index';

const bundled = (name: string): Scenario =>
  parseScenario(fs.readFileSync(path.resolve(__dirname, '../../simulator/scenarios', `${name}.json`), 'utf8'));

const small = (seed: number): Scenario => parseScenario({
  name: 'det', seed, duration: '8s', warmup: '1s',
  network: { latency: { dist: 'lognormal', median: 3, sigma: 0.5 }, jitterMs: 1, loss: 0.02 },
  devices: [
    { id: 'phone', type: 'phone', services: [{ name: 'kv', handler: 'kv', latency: 1 }] },
    { id: 'tv', type: 'tv', services: [{ name: 'media', latency: { p50: 5, p99: 30 }, errorRate: 0.05, concurrency: 2, queue: 2 }] },
    { id: 'watch', type: 'watch' },
  ],
  gateway: { device: 'phone', routes: [{ id: 'm', path: '/m/*', service: 'media' }] },
  tracing: { sampleRatio: 0.5 },
  workload: {
    requests: [
      { service: 'media', from: ['phone', 'watch'], rate: 40, arrival: 'poisson' },
      { service: 'kv', from: 'watch', method: 'PUT', path: '/a', rate: 10, body: { x: 1 } },
      { route: '/m/x', rate: 10 },
    ],
  },
  faults: [{ at: '4s', action: 'crash', device: 'tv', duration: '2s' }, { at: '3s', action: 'link', from: 'watch', to: '*', loss: 0.3, duration: '1s' }],
});

/** The report without the wall-clock figures (which differ run to run). */
const stable = (r: SimulationReport): unknown => ({ ...r, wallMs: 0, totals: { ...r.totals, callsPerWallSecond: 0 } });

describe('determinism', () => {
  it('the same scenario and seed give the same event log and report (bundled smart-home scenario)', async () => {
    const a = await Simulation.create(bundled('smart-home-handoff')).runToEnd();
    const b = await Simulation.create(bundled('smart-home-handoff')).runToEnd();
    expect(a.events).toBeGreaterThan(1000);
    expect(b.eventHash).toBe(a.eventHash);
    expect(stable(b)).toEqual(stable(a));
  }, 60000);

  it('another seed gives another run', async () => {
    const a = await Simulation.create(small(1)).runToEnd();
    const b = await Simulation.create(small(2)).runToEnd();
    expect(b.eventHash).not.toBe(a.eventHash);
  });

  it('slicing virtual time differently does not change the run (property)', async () => {
    const reference = (await Simulation.create(small(9)).runToEnd()).eventHash;
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 1500 }), { minLength: 1, maxLength: 12 }), async (slices) => {
      const sim = Simulation.create(small(9));
      let i = 0;
      while (!sim.finished) await sim.advanceBy(slices[i++ % slices.length]);
      expect(sim.report().eventHash).toBe(reference);
    }), { numRuns: 6 });
  }, 60000);

  it('the microtask settle gives the same log as the draining settle for these scenarios', async () => {
    const a = await Simulation.create(small(4), { settle: 'drain' }).runToEnd();
    const b = await Simulation.create(small(4), { settle: 'microtask' }).runToEnd();
    expect(b.eventHash).toBe(a.eventHash);
  });

  it('live controls are recorded and replay to the same event log', async () => {
    const live = Simulation.create(small(5));
    await live.advanceTo(2500);
    expect(live.control({ action: 'partition', id: 'cut', sideA: ['watch'] })).toEqual([]);
    await live.advanceTo(3300);
    expect(live.control({ action: 'workloadRate', stream: 'media#0', rate: 80 })).toEqual([]);
    expect(live.control({ action: 'heal', partition: 'cut' })).toEqual([]);
    await live.advanceTo(5100);
    expect(live.control({ action: 'crash', device: 'watch' })).toEqual([]);
    const liveReport = await live.runToEnd();
    const script = live.controls();
    expect(script.map((c) => [c.atMs, c.action.action])).toEqual([[2500, 'partition'], [3300, 'workloadRate'], [3300, 'heal'], [5100, 'crash']]);
    const faults = live.events.recent('fault').filter((e) => e.type === 'fault' && e.source === 'control');
    expect(faults.map((e) => e.t)).toEqual([2500, 3300, 3300, 5100]);
    const replay = await Simulation.create(small(5), { controls: script }).runToEnd();
    expect(replay.eventHash).toBe(liveReport.eventHash);
    expect(replay.eventHash).not.toBe((await Simulation.create(small(5)).runToEnd()).eventHash);
  });

  it('a paced run of the engine gives the same log as a headless run', async () => {
    const headless = await Simulation.create(small(6)).runToEnd();
    const wall = new ManualWallClock();
    const engine = new SimulatorEngine({ wallClock: wall, frameMs: 50 });
    expect(engine.load(small6Input())).toEqual([]);
    engine.play(20);
    // Each 50 ms of wall time is 1 s of virtual time at 20x; let each frame's advance finish.
    for (let i = 0; i < 400 && engine.store.getState().status !== 'finished'; i++) {
      wall.advance(50);
      await waitFor(() => wall.pending > 0 || engine.store.getState().status === 'finished');
    }
    expect(engine.store.getState().report?.eventHash).toBe(headless.eventHash);
  }, 60000);

  it('seeking backwards re-runs to the same state as a fresh run to that time', async () => {
    const engine = new SimulatorEngine();
    engine.loadScenario(small(7));
    await engine.seek(6000);
    const generation = engine.store.getState().generation;
    await engine.seek(2500);
    expect(engine.store.getState().time).toBe(2500);
    expect(engine.store.getState().generation).toBe(generation + 1);
    const fresh = Simulation.create(small(7));
    await fresh.advanceTo(2500);
    expect(engine.simulation?.events.hash()).toBe(fresh.events.hash());
    expect(engine.store.getState().events).toBe(fresh.events.total);
  });
});

function small6Input(): unknown {
  // The same scenario as small(6), as JSON input to the engine.
  return {
    name: 'det', seed: 6, duration: '8s', warmup: '1s',
    network: { latency: { dist: 'lognormal', median: 3, sigma: 0.5 }, jitterMs: 1, loss: 0.02 },
    devices: [
      { id: 'phone', type: 'phone', services: [{ name: 'kv', handler: 'kv', latency: 1 }] },
      { id: 'tv', type: 'tv', services: [{ name: 'media', latency: { p50: 5, p99: 30 }, errorRate: 0.05, concurrency: 2, queue: 2 }] },
      { id: 'watch', type: 'watch' },
    ],
    gateway: { device: 'phone', routes: [{ id: 'm', path: '/m/*', service: 'media' }] },
    tracing: { sampleRatio: 0.5 },
    workload: {
      requests: [
        { service: 'media', from: ['phone', 'watch'], rate: 40, arrival: 'poisson' },
        { service: 'kv', from: 'watch', method: 'PUT', path: '/a', rate: 10, body: { x: 1 } },
        { route: '/m/x', rate: 10 },
      ],
    },
    faults: [{ at: '4s', action: 'crash', device: 'tv', duration: '2s' }, { at: '3s', action: 'link', from: 'watch', to: '*', loss: 0.3, duration: '1s' }],
  };
}

async function waitFor(done: () => boolean, limit = 2000): Promise<void> {
  for (let i = 0; i < limit && !done(); i++) await new Promise((r) => setImmediate(r));
}
