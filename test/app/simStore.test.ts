import { describe, expect, it } from 'vitest';
import type { MetricsEvent } from '../../simulator/engine/index';
import type { SnapshotPatch, TraceSummary } from '../../simulator/src/engine/protocol';
import { createSimStore, MAX_SERIES_POINTS, receivePatch } from '../../simulator/src/store/simStore';

const patch = (change: Partial<SnapshotPatch>): SnapshotPatch => ({
  generation: 1, reset: false, engine: {}, topology: undefined, metrics: [], breakerTransitions: [], log: [], traces: [], queues: [], sagas: [],
  rateLimits: undefined, resumed: undefined, ...change,
});
const metrics = (t: number, rps: number): MetricsEvent => ({
  type: 'metrics', seq: t, t, windowMs: 10000, calls: t, callErrors: 0, devicesUp: 2, routes: [{ key: 'r', requests: 1, errors: 0, rps: 1, successRate: 1, p50: 1, p95: 2, p99: 3 }],
  services: [{ key: 'media', requests: 10, errors: 1, rps, successRate: 0.9, p50: 5, p95: Number.NaN, p99: 9 }],
  network: { sent: 0, delivered: 0, dropped: 0, inFlight: 0 },
});
const trace = (id: string, updated: number): TraceSummary => ({
  traceId: id, root: 'r', services: [], devices: [], start: 0, durationMs: 1, spans: 1, errors: 0, status: 'ok', updated,
});

describe('simStore', () => {
  it('merges engine fields, appends series columns and bounds them', () => {
    const store = createSimStore();
    receivePatch(store, patch({ reset: true, engine: { status: 'ready', scenarioName: 's' } }));
    receivePatch(store, patch({ engine: { status: 'running' } }));
    expect(store.getState().engine).toMatchObject({ status: 'running', scenarioName: 's' });
    for (let i = 1; i <= MAX_SERIES_POINTS * 1.3; i++) receivePatch(store, patch({ metrics: [metrics(i * 1000, i)] }));
    const s = store.getState().series.get('media')!;
    expect(s.t.length).toBeLessThanOrEqual(MAX_SERIES_POINTS * 1.25);
    expect(s.t.length).toBe(s.rps.length);
    expect(s.t[s.t.length - 1]).toBe(Math.floor(MAX_SERIES_POINTS * 1.3));
    expect(s.successRate[0]).toBe(90);
    expect(Number.isNaN(s.p95[0])).toBe(true);
    expect(store.getState().series.has('route:r')).toBe(true);
    expect(store.getState().latestMetrics?.t).toBe(Math.floor(MAX_SERIES_POINTS * 1.3) * 1000);
  });

  it('keeps traces newest first, updating in place', () => {
    const store = createSimStore();
    receivePatch(store, patch({ traces: [trace('a', 1), trace('b', 2)] }));
    receivePatch(store, patch({ traces: [trace('a', 3)] }));
    expect(store.getState().traces.map((t) => t.traceId)).toEqual(['a', 'b']);
  });

  it('drops everything accumulated when the simulation is rebuilt', () => {
    const store = createSimStore();
    receivePatch(store, patch({ metrics: [metrics(1000, 1)], traces: [trace('a', 1)], engine: { status: 'running', time: 5 } }));
    receivePatch(store, patch({ reset: true, generation: 2, engine: { status: 'ready' }, resumed: { checkpointTime: 5, savedAt: 1, devices: 1, keys: 2 } }));
    const s = store.getState();
    expect(s.series.size).toBe(0);
    expect(s.traces).toEqual([]);
    expect(s.engine.time).toBe(0);
    expect(s.resumed?.keys).toBe(2);
  });
});
