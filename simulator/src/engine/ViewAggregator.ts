import type {
  BreakerEvent, BreakerView, CallEvent, DeviceEvent, DeviceView, FaultEvent, MembershipEvent, MetricsEvent, QueueEvent,
  RouteEvent, SagaEvent, Scenario, SimEvent, SpanEvent,
} from '../../engine/index';
import type {
  BreakerLevel, EdgeView, Health, InstanceView, MemberView, QueueView, RateLimitView, SagaView, TopologyModel, TraceSummary,
} from './protocol';

/** Width of the buckets the edge and rate-limit windows are counted in, virtual ms. */
export const BUCKET_MS = 1000;
/** Busiest edges the topology keeps. */
export const MAX_EDGES = 240;
/** Traces the list keeps (most recently updated). */
export const MAX_TRACES = 400;
/** Sagas kept, and transitions kept per saga. */
export const MAX_SAGAS = 500;
export const MAX_SAGA_TRANSITIONS = 40;
/** Error share from which an instance counts as degraded, and as unhealthy. */
export const DEGRADED_ERROR_RATE = 0.05;
export const UNHEALTHY_ERROR_RATE = 0.5;

/** Counts of one window bucket. */
class Bucket {
  index = 0;
  calls = 0;
  errors = 0;
  latency = 0;
}

/** Calls over a sliding window of whole buckets (virtual time). */
class WindowStats {
  private readonly _buckets: Bucket[];

  constructor(size: number) {
    this._buckets = Array.from({ length: size }, () => new Bucket());
    for (const b of this._buckets) b.index = -1;
  }

  add(t: number, ok: boolean, latencyMs: number, weight: number): void {
    const index = Math.floor(t / BUCKET_MS);
    const b = this._buckets[index % this._buckets.length];
    if (b.index !== index) {
      b.index = index;
      b.calls = 0;
      b.errors = 0;
      b.latency = 0;
    }
    b.calls += weight;
    if (!ok) b.errors += weight;
    b.latency += latencyMs * weight;
  }

  /** Calls, errors and latency sum in the window ending at `now` (whole buckets, the current one partly). */
  read(now: number): { calls: number; errors: number; latency: number } {
    const last = Math.floor(now / BUCKET_MS);
    const first = last - this._buckets.length + 1;
    let calls = 0;
    let errors = 0;
    let latency = 0;
    for (const b of this._buckets) {
      if (b.index >= first && b.index <= last) {
        calls += b.calls;
        errors += b.errors;
        latency += b.latency;
      }
    }
    return { calls, errors, latency };
  }
}

class EdgeAccumulator {
  readonly stats: WindowStats;
  constructor(readonly from: string, readonly instance: string, readonly service: string, buckets: number) {
    this.stats = new WindowStats(buckets);
  }
}

class TraceAccumulator {
  root = '';
  rootStart = Number.POSITIVE_INFINITY;
  start = Number.POSITIVE_INFINITY;
  end = 0;
  spans = 0;
  errors = 0;
  updated = 0;
  readonly services = new Set<string>();
  readonly devices = new Set<string>();
  constructor(readonly traceId: string) {}
}

const breakerLevel = (state: string): BreakerLevel => {
  if (state === 'open' || state === 'forced-open') return 'open';
  if (state === 'half-open') return 'half-open';
  if (state === 'closed') return 'closed';
  return 'none';
};

const LEVEL_RANK: Record<BreakerLevel, number> = { none: 0, closed: 1, 'half-open': 2, open: 3 };

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The service a span belongs to. RPC spans are named `service METHOD path` by the SDK; spans that
 * start with an HTTP method are the gateway's.
 */
export const spanService = (name: string): string => {
  const first = name.split(' ')[0];
  return HTTP_METHODS.has(first) ? 'gateway' : first;
};

/**
 * Folds the engine's event stream into what the views draw: live topology edges (calls per
 * calling device and instance over a sliding window), instance health, membership as the mesh
 * sees each device, trace summaries, queue and saga views, breaker transitions and rate limits.
 * It only counts and groups events; every number it starts from is the engine's (and so the SDK's).
 * Runs next to the engine (in the worker), so the UI thread only receives the results.
 */
export class ViewAggregator {
  private readonly _scenario: Scenario;
  private readonly _buckets: number;
  private readonly _weight: number;
  private readonly _edges = new Map<string, EdgeAccumulator>();
  private readonly _instances = new Map<string, WindowStats>();
  private readonly _membership = new Map<string, Map<string, 'alive' | 'suspect' | 'dead' | 'left'>>();
  private readonly _traces = new Map<string, TraceAccumulator>();
  private readonly _dirtyTraces = new Set<string>();
  private readonly _queues = new Map<string, QueueView>();
  private readonly _dirtyQueues = new Set<string>();
  private readonly _sagas = new Map<string, SagaView>();
  private readonly _dirtySagas = new Set<string>();
  private readonly _routes = new Map<string, { all: WindowStats; lastLimitedAt: number | undefined }>();
  private _routesDirty = false;
  private _metrics: MetricsEvent[] = [];
  private _breakerTransitions: BreakerEvent[] = [];
  private _log: Array<FaultEvent | DeviceEvent> = [];
  private _topologyDirty = true;

  constructor(scenario: Scenario) {
    this._scenario = scenario;
    this._buckets = Math.max(1, Math.round(Math.min(scenario.metrics.windowMs, 10_000) / BUCKET_MS));
    const ratio = scenario.events.callSampleRatio;
    this._weight = ratio > 0 ? 1 / ratio : 1;
  }

  /** The window rates are measured over, virtual ms. */
  get windowMs(): number {
    return this._buckets * BUCKET_MS;
  }

  /** Takes one engine event into account. */
  add(e: SimEvent): void {
    switch (e.type) {
      case 'call':
        this.onCall(e);
        break;
      case 'span':
        this.onSpan(e);
        break;
      case 'membership':
        this.onMembership(e);
        break;
      case 'breaker':
        this._breakerTransitions.push(e);
        this._topologyDirty = true;
        break;
      case 'metrics':
        this._metrics.push(e);
        this._topologyDirty = true;
        break;
      case 'fault':
      case 'device':
        this._log.push(e);
        this._topologyDirty = true;
        break;
      case 'queue':
        this.onQueue(e);
        break;
      case 'saga':
        this.onSaga(e);
        break;
      case 'route':
        this.onRoute(e);
        break;
      default:
        break;
    }
  }

  /** True when the topology changed since it was last built. */
  get topologyDirty(): boolean {
    return this._topologyDirty;
  }

  /** Builds the topology at virtual time `now` from the devices' and breakers' current views. */
  topology(now: number, devices: readonly DeviceView[], breakers: readonly BreakerView[]): TopologyModel {
    this._topologyDirty = false;
    // The window is the current (partial) bucket and the whole ones before it, from the run's start.
    const first = Math.max(0, Math.floor(now / BUCKET_MS) - this._buckets + 1);
    const seconds = Math.max(BUCKET_MS / 2, now - first * BUCKET_MS) / 1000;
    const deviceState = new Map<string, DeviceView['state']>();
    for (const d of devices) deviceState.set(d.id, d.state);
    const worstBreaker = new Map<string, BreakerLevel>();
    for (const b of breakers) {
      const level = breakerLevel(b.state);
      const prev = worstBreaker.get(b.breaker) ?? 'none';
      if (LEVEL_RANK[level] > LEVEL_RANK[prev]) worstBreaker.set(b.breaker, level);
    }
    const instances: InstanceView[] = [];
    for (const d of this._scenario.devices) {
      for (const s of d.services) {
        const id = `${s.name}@${d.id}`;
        const w = this._instances.get(id)?.read(now) ?? { calls: 0, errors: 0, latency: 0 };
        const errorRate = w.calls > 0 ? w.errors / w.calls : 0;
        const breaker = worstBreaker.get(id) ?? 'none';
        const state = deviceState.get(d.id) ?? 'down';
        let health: Health;
        if (state !== 'up') health = 'down';
        else if (breaker === 'open' || (w.calls > 0 && errorRate >= UNHEALTHY_ERROR_RATE)) health = 'unhealthy';
        else if (breaker === 'half-open' || (w.calls > 0 && errorRate >= DEGRADED_ERROR_RATE)) health = 'degraded';
        else if (w.calls === 0) health = 'idle';
        else health = 'healthy';
        instances.push({
          id, service: s.name, device: d.id, version: s.version, health, breaker,
          rps: round(w.calls / seconds), errorRate: round(errorRate, 4), latencyMs: w.calls > 0 ? round(w.latency / w.calls) : 0,
        });
      }
    }
    const edges: EdgeView[] = [];
    for (const [id, e] of this._edges) {
      const w = e.stats.read(now);
      if (w.calls === 0) continue;
      edges.push({
        id, from: e.from, to: e.instance, service: e.service, rps: round(w.calls / seconds), errorRate: round(w.errors / w.calls, 4),
        latencyMs: round(w.latency / w.calls),
      });
    }
    edges.sort((a, b) => b.rps - a.rps || (a.id < b.id ? -1 : 1));
    const hiddenEdges = Math.max(0, edges.length - MAX_EDGES);
    const members: MemberView[] = [];
    for (const [device, observers] of this._membership) {
      let suspectBy = 0;
      let deadBy = 0;
      let leftBy = 0;
      for (const [observer, state] of observers) {
        if (deviceState.get(observer) !== 'up') continue;
        if (state === 'suspect') suspectBy++;
        else if (state === 'dead') deadBy++;
        else if (state === 'left') leftBy++;
      }
      const state = deadBy > 0 ? 'dead' : suspectBy > 0 ? 'suspect' : leftBy > 0 ? 'left' : 'alive';
      members.push({ device, suspectBy, deadBy, leftBy, state });
    }
    return { instances, edges: edges.slice(0, MAX_EDGES), members, windowMs: this.windowMs, hiddenEdges };
  }

  /** Rate limiting per route over the window (undefined when nothing changed). */
  rateLimits(now: number): RateLimitView[] | undefined {
    if (!this._routesDirty) return undefined;
    this._routesDirty = false;
    const out: RateLimitView[] = [];
    for (const [route, r] of this._routes) {
      const w = r.all.read(now);
      out.push({ route, requests: w.calls, limited: w.errors, lastLimitedAt: r.lastLimitedAt });
    }
    return out.sort((a, b) => a.route.localeCompare(b.route));
  }

  /** Everything appended since the last call (and clears it). */
  takeAppended(): {
    metrics: MetricsEvent[]; breakerTransitions: BreakerEvent[]; log: Array<FaultEvent | DeviceEvent>; traces: TraceSummary[];
    queues: QueueView[]; sagas: SagaView[];
  } {
    const traces: TraceSummary[] = [];
    for (const id of this._dirtyTraces) {
      const t = this._traces.get(id);
      if (t !== undefined) traces.push(summarize(t));
    }
    this._dirtyTraces.clear();
    const queues = [...this._dirtyQueues].map((k) => this._queues.get(k)).filter((q): q is QueueView => q !== undefined);
    this._dirtyQueues.clear();
    const sagas = [...this._dirtySagas].map((k) => this._sagas.get(k)).filter((s): s is SagaView => s !== undefined)
      .map((s) => ({ ...s, transitions: s.transitions.slice() }));
    this._dirtySagas.clear();
    const out = { metrics: this._metrics, breakerTransitions: this._breakerTransitions, log: this._log, traces, queues, sagas };
    this._metrics = [];
    this._breakerTransitions = [];
    this._log = [];
    return out;
  }

  /** Everything kept so far (for a client that attaches late), as summaries. */
  allTraces(): TraceSummary[] {
    return [...this._traces.values()].map(summarize);
  }

  // --- event handlers ---------------------------------------------------------------------------

  private onCall(e: CallEvent): void {
    const ok = e.outcome === 'ok';
    if (e.instance !== undefined) {
      let inst = this._instances.get(e.instance);
      if (inst === undefined) this._instances.set(e.instance, (inst = new WindowStats(this._buckets)));
      inst.add(e.t, ok, e.latencyMs, this._weight);
      const key = `${e.from}>${e.instance}`;
      let edge = this._edges.get(key);
      if (edge === undefined) this._edges.set(key, (edge = new EdgeAccumulator(e.from, e.instance, e.service, this._buckets)));
      edge.stats.add(e.t, ok, e.latencyMs, this._weight);
    }
    this._topologyDirty = true;
  }

  private onSpan(e: SpanEvent): void {
    let t = this._traces.get(e.traceId);
    if (t === undefined) {
      t = new TraceAccumulator(e.traceId);
      this._traces.set(e.traceId, t);
      if (this._traces.size > MAX_TRACES) this.evictTraces();
    }
    t.spans++;
    if (e.status === 'error') t.errors++;
    t.start = Math.min(t.start, e.start);
    t.end = Math.max(t.end, e.start + e.durationMs);
    if (e.parentSpanId === undefined || e.start < t.rootStart) {
      if (e.parentSpanId === undefined || t.root === '') {
        t.root = e.name;
        t.rootStart = e.start;
      }
    }
    t.services.add(spanService(e.name));
    t.devices.add(e.device);
    t.updated = e.t;
    this._dirtyTraces.add(e.traceId);
  }

  private evictTraces(): void {
    const ordered = [...this._traces.values()].sort((a, b) => a.updated - b.updated);
    for (const t of ordered.slice(0, this._traces.size - MAX_TRACES)) {
      this._traces.delete(t.traceId);
      this._dirtyTraces.delete(t.traceId);
    }
  }

  private onMembership(e: MembershipEvent): void {
    let observers = this._membership.get(e.member);
    if (observers === undefined) this._membership.set(e.member, (observers = new Map()));
    const state = e.change === 'suspect' ? 'suspect' : e.change === 'dead' ? 'dead' : e.change === 'left' ? 'left' : 'alive';
    if (observers.get(e.observer) !== state) {
      observers.set(e.observer, state);
      this._topologyDirty = true;
    }
  }

  private onQueue(e: QueueEvent): void {
    const key = `${e.topic}|${e.group}`;
    const prev = this._queues.get(key);
    const dt = prev === undefined ? 0 : (e.t - prev.t) / 1000;
    this._queues.set(key, {
      ...e,
      publishRate: prev !== undefined && dt > 0 ? round((e.published - prev.published) / dt) : 0,
      ackRate: prev !== undefined && dt > 0 ? round((e.acked - prev.acked) / dt) : 0,
    });
    this._dirtyQueues.add(key);
  }

  private onSaga(e: SagaEvent): void {
    let s = this._sagas.get(e.id);
    if (s === undefined) {
      s = { id: e.id, saga: e.saga, device: e.device, state: e.state, step: e.step, started: e.t, updated: e.t, transitions: [] };
      this._sagas.set(e.id, s);
      if (this._sagas.size > MAX_SAGAS) {
        const oldest = [...this._sagas.values()].sort((a, b) => a.updated - b.updated)[0];
        this._sagas.delete(oldest.id);
        this._dirtySagas.delete(oldest.id);
      }
    }
    s.state = e.state;
    s.step = e.step;
    s.updated = e.t;
    s.transitions.push({ t: e.t, state: e.state, step: e.step });
    if (s.transitions.length > MAX_SAGA_TRANSITIONS) s.transitions.splice(0, s.transitions.length - MAX_SAGA_TRANSITIONS);
    this._dirtySagas.add(e.id);
  }

  private onRoute(e: RouteEvent): void {
    let r = this._routes.get(e.route);
    if (r === undefined) this._routes.set(e.route, (r = { all: new WindowStats(this._buckets), lastLimitedAt: undefined }));
    const limited = e.status === 429 || e.code === 'ERR_RATE_LIMITED';
    r.all.add(e.t, !limited, e.latencyMs, 1);
    if (limited) r.lastLimitedAt = e.t;
    this._routesDirty = true;
  }
}

const summarize = (t: TraceAccumulator): TraceSummary => ({
  traceId: t.traceId, root: t.root, services: [...t.services].sort(), devices: [...t.devices].sort(), start: round(t.start),
  durationMs: round(t.end - t.start), spans: t.spans, errors: t.errors, status: t.errors > 0 ? 'error' : 'ok', updated: t.updated,
});

const round = (v: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
