import { describe, expect, it } from 'vitest';
import { ManualWallClock, SimulatorEngine } from '../../simulator/engine/index';
import type { SimEvent } from '../../simulator/engine/index';

const scenario = {
  name: 'engine', seed: 2, duration: '10s', warmup: '1s',
  devices: [
    { id: 'phone', type: 'phone' },
    { id: 'tv', type: 'tv', services: [{ name: 'media', latency: 3 }] },
    { id: 'watch', type: 'watch', services: [{ name: 'hr', latency: 2 }] },
  ],
  resilience: { attemptTimeoutMs: 200, breaker: { consecutiveFailures: 2, openDurationMs: 1000 } },
  workload: { requests: [{ id: 'play', service: 'media', from: ['phone', 'watch'], rate: 50 }, { id: 'hr', service: 'hr', from: 'phone', rate: 20 }] },
  expectations: [{ type: 'minRequests', service: 'media', min: 10 }],
};

const settle = async (engine: SimulatorEngine, wall: ManualWallClock, done: () => boolean, frames = 1000): Promise<void> => {
  for (let i = 0; i < frames && !done(); i++) {
    wall.advance(50);
    for (let k = 0; k < 200 && wall.pending === 0 && !done(); k++) await new Promise((r) => setImmediate(r));
  }
};

describe('SimulatorEngine', () => {
  it('starts empty; an invalid scenario leaves issues and no simulation', () => {
    const engine = new SimulatorEngine();
    expect(engine.store.getState()).toMatchObject({ status: 'empty', time: 0, generation: 0 });
    const issues = engine.load({ ...scenario, duration: 'soon' });
    expect(issues.map((i) => i.path)).toEqual(['duration']);
    expect(engine.store.getState()).toMatchObject({ status: 'empty', issues });
    expect(engine.simulation).toBeUndefined();
    expect(engine.load('{ nope').map((i) => i.message)).toEqual([expect.stringMatching(/^not valid JSON/)]);
    expect(engine.control({ action: 'crash', device: 'tv' })).toEqual([{ path: '', message: 'no scenario loaded' }]);
  });

  it('loads, steps and publishes state to the store', async () => {
    const engine = new SimulatorEngine({ stepMs: 250 });
    expect(engine.load(JSON.stringify(scenario))).toEqual([]);
    const s0 = engine.store.getState();
    expect(s0).toMatchObject({ status: 'ready', time: 0, durationMs: 10000, generation: 1, issues: [] });
    expect(s0.scenario?.name).toBe('engine');
    await engine.step();
    await engine.step(1750);
    const s = engine.store.getState();
    expect(s).toMatchObject({ status: 'paused', time: 2000, progress: 0.2 });
    expect(s.devices.map((d) => [d.id, d.state, d.liveMembers])).toEqual([['phone', 'up', 3], ['tv', 'up', 3], ['watch', 'up', 3]]);
    expect(s.metrics?.type).toBe('metrics');
    expect(s.metrics?.t).toBe(2000);
    expect(s.recent.length).toBeGreaterThan(0);
    expect(s.events).toBe(engine.simulation?.events.total);
    expect(s.eventCounts.membership).toBeGreaterThan(0);
  });

  it('plays paced to a wall clock at the requested speed, pauses, and changes speed', async () => {
    const wall = new ManualWallClock();
    const engine = new SimulatorEngine({ wallClock: wall, frameMs: 50 });
    engine.load(scenario);
    engine.play(2);                        // 2 virtual s per wall s
    expect(engine.store.getState()).toMatchObject({ status: 'running', speed: 2 });
    await settle(engine, wall, () => engine.store.getState().time >= 1000, 40);
    // 500 ms of wall time at 2x is 1 s of virtual time.
    expect(engine.store.getState().time).toBeGreaterThanOrEqual(1000);
    expect(engine.store.getState().time).toBeLessThanOrEqual(1200);
    await engine.pause();
    const paused = engine.store.getState().time;
    expect(engine.store.getState().status).toBe('paused');
    wall.advance(1000);
    expect(engine.store.getState().time).toBe(paused);
    engine.setSpeed(1000);
    expect(engine.store.getState().speed).toBe(100);
    engine.setSpeed(0.001);
    expect(engine.store.getState().speed).toBe(0.1);
    engine.play('max');
    await settle(engine, wall, () => engine.store.getState().status === 'finished');
    const done = engine.store.getState();
    expect(done.status).toBe('finished');
    expect(done.time).toBe(10000);
    expect(done.report?.passed).toBe(true);
  });

  it('streams typed events, filtered by type, and applies live controls', async () => {
    const engine = new SimulatorEngine();
    engine.load(scenario);
    const seen: SimEvent[] = [];
    const off = engine.subscribe((e) => seen.push(e), ['fault', 'device', 'breaker']);
    await engine.step(3000);
    expect(engine.control({ action: 'crash', device: 'watch' })).toEqual([]);
    expect(engine.control({ action: 'crash', device: 'fridge' }).map((i) => i.message)).toEqual(["no device 'fridge'"]);
    await engine.step(3000);
    expect(engine.control({ action: 'restart', device: 'watch' })).toEqual([]);
    await engine.step(500);
    expect(seen.every((e) => ['fault', 'device', 'breaker'].includes(e.type))).toBe(true);
    expect(seen.filter((e) => e.type === 'fault').map((e) => e.type === 'fault' && e.detail)).toEqual(['crash watch', 'restart watch']);
    expect(seen.filter((e) => e.type === 'device').map((e) => e.type === 'device' && `${e.device} ${e.state}`)).toEqual([
      'phone up', 'tv up', 'watch up', 'watch crashed', 'watch restarted',
    ]);
    // The phone's breaker for hr@watch opened while the watch was down.
    const breakers = engine.store.getState().breakers.filter((b) => b.breaker === 'hr@watch');
    expect(breakers.length).toBeGreaterThan(0);
    expect(seen.some((e) => e.type === 'breaker' && e.to === 'open' && e.service === 'hr')).toBe(true);
    const s = engine.store.getState();
    expect(s.controls.map((c) => [c.atMs, c.action.action])).toEqual([[3000, 'crash'], [6000, 'restart']]);
    expect(s.devices.find((d) => d.id === 'watch')).toMatchObject({ crashes: 1, restarts: 1 });
    off();
    await engine.step(100);
    const count = seen.length;
    engine.control({ action: 'crash', device: 'tv' });
    await engine.step(100);
    expect(seen.length).toBe(count);
  });

  it('reset starts over without controls; runToEnd finishes with the report', async () => {
    const engine = new SimulatorEngine();
    engine.load(scenario);
    await engine.step(2000);
    engine.control({ action: 'partition', sideA: ['watch'] });
    expect(engine.store.getState().partitions).toEqual([{ id: 'live1', sideA: ['watch'], sideB: undefined }]);
    await engine.reset();
    expect(engine.store.getState()).toMatchObject({ status: 'ready', time: 0, generation: 2, controls: [], partitions: [] });
    const report = await engine.runToEnd();
    expect(report?.finished).toBe(true);
    expect(engine.store.getState()).toMatchObject({ status: 'finished', time: 10000 });
    expect(engine.store.getState().report).toBe(report);
    const traces = engine.exportTraces('otlp') as { resourceSpans: unknown[] };
    expect(traces.resourceSpans.length).toBeGreaterThan(0);
  });

  it('refreshReport gives a report of the run so far', async () => {
    const engine = new SimulatorEngine();
    engine.load(scenario);
    await engine.step(4000);
    const r = engine.refreshReport();
    expect(r).toMatchObject({ finished: false, elapsedMs: 4000 });
    expect(r?.services.find((s) => s.service === 'media')?.requests).toBeGreaterThan(50);
    expect(engine.store.getState().report).toBe(r);
  });
});
