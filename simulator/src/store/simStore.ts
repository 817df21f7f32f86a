import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { BreakerEvent, DeviceEvent, FaultEvent, MetricsEvent } from '../../engine/index';
import type {
  EngineMirror, QueueView, RateLimitView, ResumeInfo, SagaView, SnapshotPatch, TopologyModel, TraceSummary,
} from '../engine/protocol';

/** Points kept per traffic series (15 minutes of 1 s snapshots). */
export const MAX_SERIES_POINTS = 900;
/** Breaker transitions and event-log entries kept. */
export const MAX_TRANSITIONS = 2000;
export const MAX_LOG = 1000;
/** Traces kept in the list. */
export const MAX_TRACE_LIST = 400;

/** One service's traffic over time (columns for uPlot: time in virtual seconds, then the values). */
export interface ServiceSeries {
  t: number[];
  rps: number[];
  successRate: number[];
  p50: number[];
  p95: number[];
  p99: number[];
}

export interface SimState {
  engine: EngineMirror;
  topology: TopologyModel;
  /** Traffic per service key (and per gateway route under `route:<id>`). */
  series: Map<string, ServiceSeries>;
  /** Increments whenever a series got points (charts redraw on it). */
  seriesVersion: number;
  latestMetrics: MetricsEvent | undefined;
  breakerTransitions: BreakerEvent[];
  log: Array<FaultEvent | DeviceEvent>;
  /** Traces, most recently updated first. */
  traces: TraceSummary[];
  queues: Record<string, QueueView>;
  sagas: Record<string, SagaView>;
  rateLimits: RateLimitView[];
  resumed: ResumeInfo | undefined;
  /** Patches applied (a cheap change counter). */
  patches: number;
}

export const emptyMirror = (): EngineMirror => ({
  status: 'empty', error: undefined, issues: [], scenarioName: undefined, scenarioDescription: '', seed: '', speed: 1, time: 0,
  durationMs: 0, progress: 0, generation: 0, devices: [], breakers: [], partitions: [], metrics: undefined, eventCounts: {}, events: 0,
  controls: [], eventsPerSecond: 0, report: undefined, streams: [], gateway: undefined, instanceVersions: {},
});

const emptyTopology = (): TopologyModel => ({ instances: [], edges: [], members: [], windowMs: 0, hiddenEdges: 0 });

export const initialSimState = (): SimState => ({
  engine: emptyMirror(), topology: emptyTopology(), series: new Map(), seriesVersion: 0, latestMetrics: undefined, breakerTransitions: [],
  log: [], traces: [], queues: {}, sagas: {}, rateLimits: [], resumed: undefined, patches: 0,
});

const trim = <T>(list: T[], max: number): T[] => (list.length > max ? list.slice(list.length - max) : list);

const appendPoint = (series: Map<string, ServiceSeries>, key: string, m: MetricsEvent, v: MetricsEvent['services'][number]): void => {
  let s = series.get(key);
  if (s === undefined) series.set(key, (s = { t: [], rps: [], successRate: [], p50: [], p95: [], p99: [] }));
  s.t.push(m.t / 1000);
  s.rps.push(v.rps);
  s.successRate.push(v.successRate * 100);
  s.p50.push(Number.isFinite(v.p50) ? v.p50 : NaN);
  s.p95.push(Number.isFinite(v.p95) ? v.p95 : NaN);
  s.p99.push(Number.isFinite(v.p99) ? v.p99 : NaN);
  // Trim in chunks so appends stay amortised O(1).
  if (s.t.length > MAX_SERIES_POINTS * 1.25) {
    const drop = s.t.length - MAX_SERIES_POINTS;
    for (const col of [s.t, s.rps, s.successRate, s.p50, s.p95, s.p99]) col.splice(0, drop);
  }
};

/** Applies one snapshot patch to the state (pure except for the series columns, which it owns). */
export const applyPatch = (state: SimState, patch: SnapshotPatch): Partial<SimState> => {
  const base = patch.reset ? initialSimState() : state;
  const out: Partial<SimState> = { patches: state.patches + 1 };
  out.engine = { ...(patch.reset ? emptyMirror() : state.engine), ...patch.engine };
  if (patch.topology !== undefined) out.topology = patch.topology;
  else if (patch.reset) out.topology = base.topology;
  if (patch.reset || patch.metrics.length > 0) {
    const series = patch.reset ? new Map<string, ServiceSeries>() : state.series;
    for (const m of patch.metrics) {
      for (const v of m.services) appendPoint(series, v.key, m, v);
      for (const v of m.routes) appendPoint(series, `route:${v.key}`, m, v);
    }
    out.series = series;
    out.seriesVersion = state.seriesVersion + 1;
    out.latestMetrics = patch.metrics.length > 0 ? patch.metrics[patch.metrics.length - 1] : base.latestMetrics;
  }
  if (patch.reset || patch.breakerTransitions.length > 0) {
    out.breakerTransitions = trim([...base.breakerTransitions, ...patch.breakerTransitions], MAX_TRANSITIONS);
  }
  if (patch.reset || patch.log.length > 0) out.log = trim([...base.log, ...patch.log], MAX_LOG);
  if (patch.reset || patch.traces.length > 0) {
    const byId = new Map<string, TraceSummary>();
    for (const t of base.traces) byId.set(t.traceId, t);
    for (const t of patch.traces) byId.set(t.traceId, t);
    out.traces = [...byId.values()].sort((a, b) => b.updated - a.updated || (a.traceId < b.traceId ? -1 : 1)).slice(0, MAX_TRACE_LIST);
  }
  if (patch.reset || patch.queues.length > 0) {
    const queues = { ...base.queues };
    for (const q of patch.queues) queues[`${q.topic}|${q.group}`] = q;
    out.queues = queues;
  }
  if (patch.reset || patch.sagas.length > 0) {
    const sagas = { ...base.sagas };
    for (const s of patch.sagas) sagas[s.id] = s;
    out.sagas = sagas;
  }
  if (patch.rateLimits !== undefined) out.rateLimits = patch.rateLimits;
  else if (patch.reset) out.rateLimits = [];
  if (patch.reset) out.resumed = patch.resumed;
  return out;
};

export type SimStore = StoreApi<SimState>;

/** The UI's mirror of the engine: what every view reads through selectors. */
export const createSimStore = (): SimStore => createStore<SimState>()(() => initialSimState());

/** Applies a patch to the store. */
export const receivePatch = (store: SimStore, patch: SnapshotPatch): void => {
  store.setState(applyPatch(store.getState(), patch));
};
