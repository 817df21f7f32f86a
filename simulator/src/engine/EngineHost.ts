import { encodeTraces, SimulatorEngine, validateScenario } from '../../engine/index';
import type { EngineOptions, EngineState, Scenario, SimEvent, Simulation, TraceFormat } from '../../engine/index';
import { DeviceStores } from '../persistence/DeviceStores';
import { spanKindName, SpanStatusCode } from '../sdk';
import type { StoreBackend } from '../persistence/StoreBackend';
import { ViewAggregator } from './ViewAggregator';
import type {
  EngineMirror, EngineRequests, Json, RequestKind, ResumeInfo, SnapshotPatch, SpanDetail, StorageInfo,
} from './protocol';

/** Namespace of the devices' stores of the run in progress. */
export const RUN_NAMESPACE = 'sim/active/';
/** Wall-clock ms between two snapshot patches while running (the UI repaints at its own rate). */
export const DEFAULT_PUBLISH_MS = 100;

export interface EngineHostOptions {
  /** Durable medium of the devices' stores (IndexedDB in the app); none: MemoryStores. */
  backend?: StoreBackend;
  /** Options of the SimulatorEngine (wall clock, frame length, settle). */
  engine?: EngineOptions;
  publishMs?: number;
  /** Wall clock (epoch ms) for checkpoint stamps. Default Date.now. */
  now?: () => number;
}

/** A short, stable hash of a scenario's text (FNV-1a, 2 x 32 bits). */
export const hashText = (text: string): string => {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 7);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
};

const mirrorKeys: ReadonlyArray<keyof EngineState & keyof EngineMirror> = [
  'status', 'error', 'issues', 'speed', 'time', 'durationMs', 'progress', 'generation', 'devices', 'breakers', 'partitions',
  'metrics', 'eventCounts', 'events', 'controls', 'eventsPerSecond', 'report',
];

/** The scenario-derived part of the mirror. */
const scenarioFields = (s: Scenario | undefined): Partial<EngineMirror> => {
  const versions: Record<string, string> = {};
  if (s !== undefined) for (const d of s.devices) for (const svc of d.services) versions[`${svc.name}@${d.id}`] = svc.version;
  const gw = s?.gateway;
  return {
    scenarioName: s?.name, scenarioDescription: s?.description ?? '', seed: s?.seed ?? '',
    streams: s === undefined ? [] : s.workload.requests.map((r) => ({ id: r.id, rate: r.rate })),
    gateway: gw === undefined ? undefined : {
      device: gw.device, routes: gw.routes.map((r) => r.id),
      rateLimit: gw.rateLimit === undefined ? undefined
        : gw.rateLimit.kind === 'token-bucket' ? `token bucket ${gw.rateLimit.capacity} / ${gw.rateLimit.refillPerSecond} per s per ${gw.rateLimit.key}`
          : `sliding window ${gw.rateLimit.limit} per ${gw.rateLimit.windowMs} ms per ${gw.rateLimit.key}`,
    },
    instanceVersions: versions,
  };
};

/**
 * Hosts the simulator engine for the UI, in a dedicated worker (or the page itself in tests):
 * runs the SimulatorEngine on per-device stores in IndexedDB (checkpointed after every slice),
 * folds its events into view models ({@link ViewAggregator}), answers the UI's requests and
 * publishes snapshot patches at most every `publishMs` while running. It adds no mesh logic: every
 * number comes from the engine.
 */
export class EngineHost {
  readonly engine: SimulatorEngine;
  private readonly _backend: StoreBackend | undefined;
  private readonly _publish: (patch: SnapshotPatch) => void;
  private readonly _publishMs: number;
  private readonly _now: () => number;
  private _stores: DeviceStores | undefined;
  private _text = '';
  private _hash = '';
  private _aggregator: ViewAggregator | undefined;
  private _generation = -1;
  private _sent: Partial<EngineState> = {};
  private _sentScenario: Scenario | undefined;
  private _pendingReset = true;
  private _resumed: ResumeInfo | undefined;
  private _publishTimer: ReturnType<typeof setTimeout> | undefined;
  private _lastPublish = 0;
  private _checkpointing = false;
  private _checkpointAgain = false;
  private _checkpointedTime = -1;
  private _lastCheckpointError: string | undefined;

  constructor(publish: (patch: SnapshotPatch) => void, options: EngineHostOptions = {}) {
    this._publish = publish;
    this._backend = options.backend;
    this._publishMs = options.publishMs ?? DEFAULT_PUBLISH_MS;
    this._now = options.now ?? Date.now;
    this.engine = new SimulatorEngine({
      ...options.engine,
      storesFor: (): ((deviceId: string) => IdbStoreLike) | undefined => {
        const stores = this._stores;
        if (stores === undefined) return undefined;
        stores.rewind();
        return (deviceId: string): IdbStoreLike => stores.store(deviceId);
      },
    });
    this.engine.subscribe((e: SimEvent): void => this._aggregator?.add(e));
    this.engine.store.subscribe((state: EngineState, prev: EngineState): void => this.onState(state, prev));
  }

  /** The current simulation, if a scenario is loaded. */
  get simulation(): Simulation | undefined {
    return this.engine.simulation;
  }

  /** The devices' stores of the run (undefined without a backend). */
  get deviceStores(): DeviceStores | undefined {
    return this._stores;
  }

  /** Handles one request of the UI. */
  async handle<K extends RequestKind>(kind: K, payload: EngineRequests[K]['request']): Promise<EngineRequests[K]['reply']> {
    const result = await this.dispatch(kind, payload as never);
    return result as EngineRequests[K]['reply'];
  }

  /** Publishes a full snapshot now (a UI that attaches or reloads). */
  publishNow(): void {
    this.publish(true);
  }

  /** Commits the devices' stores now (page hidden or closing); resolves when durable. */
  async checkpoint(): Promise<void> {
    this._checkpointAgain = true;
    await this.runCheckpoints();
  }

  dispose(): void {
    this.engine.dispose();
    if (this._publishTimer !== undefined) clearTimeout(this._publishTimer);
  }

  // --- requests ---------------------------------------------------------------------------------

  private async dispatch(kind: RequestKind, p: never): Promise<unknown> {
    const e = this.engine;
    switch (kind) {
      case 'load': {
        const req = p as EngineRequests['load']['request'];
        return this.load(req.text, req.resume, []);
      }
      case 'replay': {
        const req = p as EngineRequests['replay']['request'];
        const r = await this.load(req.text, false, req.controls);
        return { issues: r.issues };
      }
      case 'play':
        e.play((p as EngineRequests['play']['request']).speed);
        return null;
      case 'pause':
        await e.pause();
        await this.checkpoint();
        return null;
      case 'step':
        await e.step((p as EngineRequests['step']['request']).ms);
        return null;
      case 'seek':
        await e.seek((p as EngineRequests['seek']['request']).t);
        return null;
      case 'reset':
        await e.reset();
        return null;
      case 'setSpeed':
        e.setSpeed((p as EngineRequests['setSpeed']['request']).speed);
        return null;
      case 'runToEnd':
        await e.runToEnd();
        await this.checkpoint();
        return null;
      case 'control': {
        const issues = e.control((p as EngineRequests['control']['request']).action as never);
        this.publish(false);
        return { issues };
      }
      case 'exportTraces': {
        const req = p as EngineRequests['exportTraces']['request'];
        return this.exportTraces(req.format, req.traceId);
      }
      case 'trace':
        return this.traceDetails((p as EngineRequests['trace']['request']).traceId);
      case 'report':
        return e.refreshReport();
      case 'recording': {
        const sim = e.simulation;
        if (sim === undefined) return undefined;
        return { events: sim.recentEvents(), controls: sim.controls(), seed: sim.scenario.seed, scenario: sim.scenario.name };
      }
      case 'storage':
        return this.storageInfo();
      case 'clearStorage':
        await this.clearStorage();
        return null;
      case 'checkpoint':
        await this.checkpoint();
        return null;
      case 'hello':
        this.publishNow();
        return null;
    }
  }

  private async load(text: string, resume: boolean, controls: EngineRequests['replay']['request']['controls'])
    : Promise<EngineRequests['load']['reply']> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { issues: this.engine.load(text), resumed: undefined };
    }
    const v = validateScenario(value);
    if (!v.ok) return { issues: this.engine.load(value), resumed: undefined };
    await this.checkpointIdle();
    const hash = hashText(text);
    let resumed: ResumeInfo | undefined;
    if (this._backend !== undefined) {
      const stores = await DeviceStores.open(this._backend, RUN_NAMESPACE);
      const meta = stores.meta;
      if (resume && meta !== undefined && meta.scenarioHash === hash && stores.initialKeyCount() > 0) {
        resumed = { checkpointTime: meta.time, savedAt: meta.savedAt, devices: stores.initialDevices().length, keys: stores.initialKeyCount() };
      } else {
        stores.startEmpty();
      }
      this._stores = stores;
    }
    this._text = text;
    this._hash = hash;
    this._resumed = resumed;
    this._checkpointedTime = -1;
    this.engine.loadScenario(v.scenario, controls);
    this.publish(true);
    return { issues: [], resumed };
  }

  private async clearStorage(): Promise<void> {
    await this.checkpointIdle();
    if (this._stores !== undefined) {
      await this._stores.clear();
    }
    const sim = this.engine.simulation;
    if (sim !== undefined && this._text !== '') await this.load(this._text, false, []);
  }

  private exportTraces(format: TraceFormat, traceId: string | undefined): Json | undefined {
    const sim = this.engine.simulation;
    if (sim === undefined) return undefined;
    if (traceId === undefined) return sim.exportTraces(format) as Json;
    return encodeTraces(sim.spans.spans().filter((s) => s.spanContext().traceId === traceId), format) as Json;
  }

  private traceDetails(traceId: string): SpanDetail[] {
    const sim = this.engine.simulation;
    if (sim === undefined) return [];
    const t0 = sim.timeOf(0);
    const out: SpanDetail[] = [];
    for (const s of sim.spans.spans()) {
      const ctx = s.spanContext();
      if (ctx.traceId !== traceId) continue;
      const res = s.resource.attributes;
      const device = String(res['device.id'] ?? res['service.name'] ?? '');
      out.push({
        traceId, spanId: ctx.spanId, parentSpanId: s.parentSpanId, name: s.name, kind: spanKindName(s.kind), device,
        start: round(s.startTime - t0), durationMs: round(s.duration()),
        status: s.status.code === SpanStatusCode.ERROR ? 'error' : s.status.code === SpanStatusCode.OK ? 'ok' : 'unset', statusMessage: s.status.message,
        attributes: { ...s.attributes } as Record<string, Json>,
        events: s.events.map((ev) => ({ name: ev.name, time: round(ev.time - t0), attributes: { ...ev.attributes } as Record<string, Json> })),
        links: s.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId })),
        remoteParent: s.parentIsRemote,
      });
    }
    return out.sort((a, b) => a.start - b.start || a.spanId.localeCompare(b.spanId));
  }

  private storageInfo(): StorageInfo {
    const stores = this._stores;
    if (stores === undefined) return { backend: 'memory', devices: 0, keys: 0, pendingWrites: 0, checkpoints: 0, perDevice: [] };
    const stats = stores.stats();
    const perDevice: StorageInfo['perDevice'] = [];
    for (const [device, store] of stores.stores()) {
      const prefixes: Record<string, number> = {};
      const entries = store.dump();
      for (const e of entries) {
        const m = /^[^/:]*/.exec(e.key);
        const p = m === null || m[0] === '' ? '(root)' : m[0];
        prefixes[p] = (prefixes[p] ?? 0) + 1;
      }
      if (entries.length > 0) perDevice.push({ device, keys: entries.length, prefixes });
    }
    perDevice.sort((a, b) => a.device.localeCompare(b.device));
    return {
      backend: this._backend?.kind ?? 'memory', devices: stats.devices, keys: stats.keys, pendingWrites: stats.pendingWrites,
      checkpoints: stats.checkpoints, perDevice,
    };
  }

  // --- state, patches and checkpoints -----------------------------------------------------------

  private onState(state: EngineState, prev: EngineState): void {
    if (state.generation !== this._generation) this.newGeneration(state);
    const immediate = state.status !== prev.status || state.generation !== prev.generation || state.speed !== prev.speed ||
      state.issues !== prev.issues;
    if (state.time !== prev.time || (state.status !== prev.status && state.status !== 'running')) this.requestCheckpoint();
    if (immediate) this.publish(false);
    else this.schedulePublish();
  }

  private newGeneration(state: EngineState): void {
    this._generation = state.generation;
    const sim = this.engine.simulation;
    this._aggregator = sim === undefined ? undefined : new ViewAggregator(sim.scenario);
    // A backward seek re-ran the simulation without forwarding its events: start from what it retained.
    if (sim !== undefined && this._aggregator !== undefined) for (const e of sim.recentEvents()) this._aggregator.add(e);
    this._pendingReset = true;
  }

  private schedulePublish(): void {
    if (this._publishTimer !== undefined) return;
    const wait = Math.max(0, this._lastPublish + this._publishMs - performance.now());
    this._publishTimer = setTimeout((): void => {
      this._publishTimer = undefined;
      this.publish(false);
    }, wait);
  }

  private publish(full: boolean): void {
    if (this._publishTimer !== undefined) {
      clearTimeout(this._publishTimer);
      this._publishTimer = undefined;
    }
    this._lastPublish = performance.now();
    const state = this.engine.store.getState();
    if (state.generation !== this._generation) this.newGeneration(state);
    const reset = this._pendingReset || full;
    this._pendingReset = false;
    const engine: Partial<EngineMirror> = {};
    const target = engine as Record<string, unknown>;
    for (const k of mirrorKeys) {
      if (reset || state[k] !== this._sent[k]) target[k] = state[k];
    }
    this._sent = { ...state };
    if (reset || state.scenario !== this._sentScenario) {
      Object.assign(engine, scenarioFields(state.scenario));
      this._sentScenario = state.scenario;
    }
    const agg = this._aggregator;
    const devicesChanged = 'devices' in engine || 'breakers' in engine;
    const topology = agg !== undefined && (reset || agg.topologyDirty || devicesChanged)
      ? agg.topology(state.time, state.devices, state.breakers) : undefined;
    const appended = agg?.takeAppended() ?? { metrics: [], breakerTransitions: [], log: [], traces: [], queues: [], sagas: [] };
    if (reset && agg !== undefined) appended.traces = agg.allTraces();
    this._publish({
      generation: state.generation, reset, engine, topology, metrics: appended.metrics, breakerTransitions: appended.breakerTransitions,
      log: appended.log, traces: appended.traces, queues: appended.queues, sagas: appended.sagas,
      rateLimits: agg?.rateLimits(state.time), resumed: reset ? this._resumed : undefined,
    });
  }

  private requestCheckpoint(): void {
    if (this._stores === undefined) return;
    this._checkpointAgain = true;
    if (!this._checkpointing) void this.runCheckpoints();
  }

  /** Commits until nothing new happened meanwhile (one transaction at a time). */
  private async runCheckpoints(): Promise<void> {
    if (this._checkpointing) {
      await this.checkpointIdle();
      return;
    }
    this._checkpointing = true;
    try {
      while (this._checkpointAgain && this._stores !== undefined) {
        this._checkpointAgain = false;
        const sim = this.engine.simulation;
        if (sim === undefined) break;
        const time = sim.elapsed();
        try {
          await this._stores.checkpoint({ scenario: sim.scenario.name, scenarioHash: this._hash, time, savedAt: this._now() });
          this._checkpointedTime = time;
          this._lastCheckpointError = undefined;
        } catch (err) {
          this._lastCheckpointError = err instanceof Error ? err.message : String(err);
        }
      }
    } finally {
      this._checkpointing = false;
    }
  }

  private async checkpointIdle(): Promise<void> {
    while (this._checkpointing) await new Promise<void>((resolve) => setTimeout(resolve, 1));
  }

  /** Virtual time of the last durable checkpoint (-1: none yet), and the last failure. */
  get checkpointState(): { time: number; error: string | undefined } {
    return { time: this._checkpointedTime, error: this._lastCheckpointError };
  }
}

/** What `storesFor` hands the engine (the SDK's KeyValueStore, implemented by IdbStore). */
type IdbStoreLike = ReturnType<DeviceStores['store']>;

const round = (v: number): number => Math.round(v * 1000) / 1000;
