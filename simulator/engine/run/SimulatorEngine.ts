import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { SimEventListener } from '../events/EventLog';
import type { BreakerEvent, MetricsEvent, SimEvent, SimEventType } from '../events/SimEvent';
import type { SimulationReport } from '../report/Report';
import type { TraceFormat } from '../report/traceExport';
import type { ScenarioIssue } from '../scenario/Checker';
import type { FaultAction, Scenario } from '../scenario/Scenario';
import { validateScenario } from '../scenario/validateScenario';
import type { JsonValue, KeyValueStore } from '../sdk';
import { initialEngineState } from '../store/EngineState';
import type { BreakerView, DeviceView, EngineState, RunSpeed } from '../store/EngineState';
import type { SettleMode } from '../world/settle';
import { Simulation } from '../world/Simulation';
import type { ControlRecord } from '../world/Simulation';
import { SYSTEM_WALL_CLOCK } from './WallClock';
import type { WallClock } from './WallClock';

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;
/** Wall-clock ms between two paced advances (and store updates). */
export const DEFAULT_FRAME_MS = 50;
/** Virtual ms `step()` advances by default. */
export const DEFAULT_STEP_MS = 100;
/** Virtual ms per slice at `max` speed (the store updates after each). */
export const DEFAULT_MAX_SLICE_MS = 250;
/** Events kept in `state.recent`. */
export const DEFAULT_RECENT_LIMIT = 200;

export interface EngineOptions {
  /** Wall time and timers for paced runs. Default: performance.now and setTimeout. */
  wallClock?: WallClock;
  frameMs?: number;
  stepMs?: number;
  maxSliceMs?: number;
  recentLimit?: number;
  /** VirtualClock settle of the simulations (default `drain`). */
  settle?: SettleMode;
  /**
   * Called each time a simulation is built (load, reset, backward seek): returns the per-device
   * store factory of that simulation (`SimulationOptions.storeFor`), or undefined for MemoryStores.
   */
  storesFor?: (scenario: Scenario) => ((deviceId: string) => KeyValueStore) | undefined;
}

/** The typed commands of the engine (what the UI's buttons call). */
export interface EngineCommands {
  load(input: unknown): ScenarioIssue[];
  loadScenario(scenario: Scenario, controls?: readonly ControlRecord[]): void;
  play(speed?: RunSpeed): void;
  pause(): Promise<void>;
  step(ms?: number): Promise<void>;
  seek(t: number): Promise<void>;
  reset(): Promise<void>;
  setSpeed(speed: RunSpeed): void;
  runToEnd(): Promise<SimulationReport | undefined>;
  control(action: FaultAction | Record<string, JsonValue>): ScenarioIssue[];
  refreshReport(): SimulationReport | undefined;
  exportTraces(format: TraceFormat): JsonValue | undefined;
}

/**
 * The simulator engine for the UI: loads a scenario, runs it paced to wall time with a speed
 * factor (0.1x .. 100x) or as fast as possible, pauses, steps, seeks (forwards by advancing,
 * backwards by re-running from the start with the same seed and the recorded controls), applies
 * live controls, and publishes its state as a zustand/vanilla store plus a typed event stream.
 * It imports no UI code; React binds with `useStore(engine.store, selector)`.
 *
 * @example
 * const engine = new SimulatorEngine();
 * const issues = engine.load(json);              // [] when valid
 * engine.subscribe((e) => console.log(e.type), ['fault', 'breaker']);
 * engine.play(10);                               // 10 virtual seconds per second
 * engine.control({ action: 'crash', device: 'tv' });
 */
export class SimulatorEngine implements EngineCommands {
  readonly store: StoreApi<EngineState>;
  private readonly _wall: WallClock;
  private readonly _frameMs: number;
  private readonly _stepMs: number;
  private readonly _maxSliceMs: number;
  private readonly _recentLimit: number;
  private readonly _settle: SettleMode | undefined;
  private readonly _storesFor: EngineOptions['storesFor'];
  private _sim: Simulation | undefined;
  private _unsubscribe: (() => void) | undefined;
  private readonly _listeners: { listener: SimEventListener; types: ReadonlySet<SimEventType> | undefined }[] = [];
  private _forward = true;
  private _recent: SimEvent[] = [];
  private _breakers = new Map<string, BreakerView>();
  private _latestMetrics: MetricsEvent | undefined;
  private _queue: Promise<void> = Promise.resolve();
  private _playing = false;
  private _cancelFrame: (() => void) | undefined;
  private _anchorWall = 0;
  private _anchorVirtual = 0;
  private _lastFlushWall = 0;
  private _lastFlushEvents = 0;

  constructor(options: EngineOptions = {}) {
    this.store = createStore<EngineState>()(() => initialEngineState());
    this._wall = options.wallClock ?? SYSTEM_WALL_CLOCK;
    this._frameMs = options.frameMs ?? DEFAULT_FRAME_MS;
    this._stepMs = options.stepMs ?? DEFAULT_STEP_MS;
    this._maxSliceMs = options.maxSliceMs ?? DEFAULT_MAX_SLICE_MS;
    this._recentLimit = options.recentLimit ?? DEFAULT_RECENT_LIMIT;
    this._settle = options.settle;
    this._storesFor = options.storesFor;
  }

  /** The current simulation (rebuilt by load, reset and backward seeks). */
  get simulation(): Simulation | undefined {
    return this._sim;
  }

  /** Validates and loads a scenario (JSON text or a parsed value). Returns the issues ([] when loaded). */
  load(input: unknown): ScenarioIssue[] {
    let value = input;
    if (typeof input === 'string') {
      try {
        value = JSON.parse(input);
      } catch (e) {
        const issues = [{ path: '', message: `not valid JSON: ${(e as Error).message}` }];
        this.store.setState({ issues });
        return issues;
      }
    }
    const v = validateScenario(value);
    if (!v.ok) {
      this.store.setState({ issues: v.issues });
      return v.issues;
    }
    this.loadScenario(v.scenario);
    return [];
  }

  /** Loads an already validated scenario (at time 0, not running); `controls` replays a recorded run's live controls. */
  loadScenario(scenario: Scenario, controls: readonly ControlRecord[] = []): void {
    this.stopPlaying();
    this.rebuild(scenario, controls.slice());
    this.store.setState({ status: 'ready', issues: [], error: undefined });
  }

  /**
   * Events of the current and every later simulation (of `types` only, when given). Not called
   * for the events re-emitted while a backward seek re-runs; `state.generation` changes instead.
   */
  subscribe(listener: SimEventListener, types?: readonly SimEventType[]): () => void {
    const entry = { listener, types: types === undefined ? undefined : new Set(types) };
    this._listeners.push(entry);
    return (): void => {
      const i = this._listeners.indexOf(entry);
      if (i >= 0) this._listeners.splice(i, 1);
    };
  }

  /** Runs paced at `speed` (default: the current speed) until paused or finished. */
  play(speed?: RunSpeed): void {
    const sim = this._sim;
    if (sim === undefined || sim.finished) return;
    if (speed !== undefined) this.setSpeed(speed);
    if (this._playing) return;
    this._playing = true;
    this.anchor();
    this.store.setState({ status: 'running' });
    this.scheduleFrame(0);
  }

  /** Stops a paced run after the current slice. */
  async pause(): Promise<void> {
    this.stopPlaying();
    await this._queue;
    if (this._sim !== undefined && !this._sim.finished) this.store.setState({ status: 'paused' });
  }

  /** Changes the speed (clamped to 0.1 .. 100, or `max`), also while playing. */
  setSpeed(speed: RunSpeed): void {
    const s = speed === 'max' ? 'max' : Math.min(MAX_SPEED, Math.max(MIN_SPEED, Number.isFinite(speed) ? speed : 1));
    this.anchor();
    this.store.setState({ speed: s });
  }

  /** Advances `ms` of virtual time (default 100) while not playing. */
  async step(ms?: number): Promise<void> {
    const sim = this._sim;
    if (sim === undefined || this._playing || sim.finished) return;
    await this.run(() => sim.advanceBy(ms ?? this._stepMs));
    this.afterAdvance();
  }

  /**
   * Moves to virtual time `t`: forwards by advancing; backwards by re-running from the start with
   * the same seed and the recorded controls (the result is identical to the first run up to `t`).
   */
  async seek(t: number): Promise<void> {
    const sim = this._sim;
    if (sim === undefined) return;
    const wasPlaying = this._playing;
    this.stopPlaying();
    await this._queue;
    if (t >= sim.elapsed()) {
      await this.run(() => sim.advanceTo(t));
    } else {
      const fresh = this.rebuild(sim.scenario, sim.script());
      this._forward = false;
      try {
        await this.run(() => fresh.advanceTo(t));
      } finally {
        this._forward = true;
      }
      this._recent = this._recent.slice(-this._recentLimit);
    }
    this.afterAdvance();
    if (wasPlaying && this._sim !== undefined && !this._sim.finished) this.play();
  }

  /** Back to time 0 with no controls (a fresh run of the scenario). */
  async reset(): Promise<void> {
    const sim = this._sim;
    if (sim === undefined) return;
    this.stopPlaying();
    await this._queue;
    this.rebuild(sim.scenario, []);
    this.store.setState({ status: 'ready', error: undefined });
  }

  /** Runs the rest of the scenario as fast as possible (no pacing) and returns the report. */
  async runToEnd(): Promise<SimulationReport | undefined> {
    const sim = this._sim;
    if (sim === undefined) return undefined;
    this.stopPlaying();
    await this._queue;
    this.store.setState({ status: 'running' });
    while (!sim.finished && this.store.getState().status === 'running') {
      await this.run(() => sim.advanceBy(this._maxSliceMs * 4));
      this.flush();
    }
    this.afterAdvance();
    return sim.finished ? sim.report() : undefined;
  }

  /** A live control (crash/restart, partition/heal, link conditions, workload rate, ...). Returns the issues. */
  control(action: FaultAction | Record<string, JsonValue>): ScenarioIssue[] {
    const sim = this._sim;
    if (sim === undefined) return [{ path: '', message: 'no scenario loaded' }];
    const issues = sim.control(action);
    if (issues.length === 0) this.flush();
    return issues;
  }

  /** Takes a report of the run so far into `state.report` (final reports arrive by themselves). */
  refreshReport(): SimulationReport | undefined {
    const report = this._sim?.report();
    this.store.setState({ report });
    return report;
  }

  exportTraces(format: TraceFormat): JsonValue | undefined {
    return this._sim?.exportTraces(format);
  }

  /** Stops playing and detaches from the simulation. */
  dispose(): void {
    this.stopPlaying();
    this._unsubscribe?.();
    this._listeners.length = 0;
  }

  // --- internals --------------------------------------------------------------------------------

  private rebuild(scenario: Scenario, controls: ControlRecord[]): Simulation {
    this._unsubscribe?.();
    const sim = Simulation.create(scenario, { settle: this._settle, controls, storeFor: this._storesFor?.(scenario) });
    this._sim = sim;
    this._recent = [];
    this._breakers = new Map();
    this._latestMetrics = undefined;
    this._unsubscribe = sim.events.subscribe((e: SimEvent): void => this.onEvent(e));
    const s = this.store.getState();
    this.store.setState({
      scenario, time: 0, durationMs: scenario.durationMs, progress: 0, generation: s.generation + 1, devices: [], breakers: [],
      partitions: [], metrics: undefined, recent: [], eventCounts: {}, events: 0, controls: [], report: undefined, eventsPerSecond: 0,
    });
    this._lastFlushEvents = 0;
    this._lastFlushWall = this._wall.now();
    return sim;
  }

  private onEvent(e: SimEvent): void {
    if (e.type === 'breaker') this.trackBreaker(e);
    else if (e.type === 'metrics') this._latestMetrics = e;
    this._recent.push(e);
    if (this._recent.length > this._recentLimit * 2) this._recent = this._recent.slice(-this._recentLimit);
    if (!this._forward) return;
    for (let i = 0; i < this._listeners.length; i++) {
      const l = this._listeners[i];
      if (l.types !== undefined && !l.types.has(e.type)) continue;
      try {
        l.listener(e);
      } catch {
        // A UI listener's failure must not stop the run.
      }
    }
  }

  private trackBreaker(e: BreakerEvent): void {
    this._breakers.set(`${e.device}|${e.breaker}`, {
      device: e.device, breaker: e.breaker, service: e.service, target: e.target, state: e.to, since: e.t,
    });
  }

  /** Serialises everything that advances the clock. */
  private run(op: () => Promise<void>): Promise<void> {
    const next = this._queue.then(op);
    this._queue = next.catch((): void => {});
    return next.catch((e: unknown): void => {
      this.stopPlaying();
      this.store.setState({ status: 'error', error: e instanceof Error ? e.message : String(e) });
    });
  }

  private anchor(): void {
    this._anchorWall = this._wall.now();
    this._anchorVirtual = this._sim?.elapsed() ?? 0;
  }

  private stopPlaying(): void {
    this._playing = false;
    this._cancelFrame?.();
    this._cancelFrame = undefined;
  }

  private scheduleFrame(ms: number): void {
    this._cancelFrame = this._wall.schedule((): void => {
      this._cancelFrame = undefined;
      void this.frame();
    }, ms);
  }

  private async frame(): Promise<void> {
    const sim = this._sim;
    if (!this._playing || sim === undefined) return;
    const speed = this.store.getState().speed;
    let target: number;
    if (speed === 'max') {
      target = sim.elapsed() + this._maxSliceMs;
    } else {
      target = this._anchorVirtual + (this._wall.now() - this._anchorWall) * speed;
      // When the simulation cannot keep up, fall behind gracefully instead of piling up work.
      const limit = sim.elapsed() + Math.max(this._frameMs * speed * 4, 1);
      if (target > limit) {
        target = limit;
        this._anchorVirtual = limit;
        this._anchorWall = this._wall.now();
      }
    }
    await this.run(() => sim.advanceTo(target));
    this.flush();
    if (sim.finished || this.store.getState().status === 'error') {
      this._playing = false;
      this.afterAdvance();
      return;
    }
    if (this._playing) this.scheduleFrame(speed === 'max' ? 0 : this._frameMs);
  }

  private afterAdvance(): void {
    const sim = this._sim;
    if (sim === undefined) return;
    this.flush();
    const status = this.store.getState().status;
    if (sim.finished) this.store.setState({ status: 'finished', report: sim.report() });
    else if (!this._playing && status !== 'error') this.store.setState({ status: status === 'ready' && sim.elapsed() === 0 ? 'ready' : 'paused' });
  }

  /** Publishes the simulation's current state to the store. */
  private flush(): void {
    const sim = this._sim;
    if (sim === undefined) return;
    const devices: DeviceView[] = [...sim.devices.values()].map((d) => {
      const node = d.runningNode;
      const calls = d.callStats();
      return {
        id: d.id, type: d.spec.type, zone: d.spec.zone, state: d.state, services: d.spec.services.map((s) => s.name),
        crashes: d.crashes, restarts: d.restarts, liveMembers: node === undefined ? 0 : node.membership.liveCount,
        callsMade: calls.calls, callsFailed: calls.failures,
      };
    });
    const recent = this._recent.length > this._recentLimit ? this._recent.slice(-this._recentLimit) : this._recent.slice();
    const now = this._wall.now();
    const events = sim.events.total;
    const dt = now - this._lastFlushWall;
    const eventsPerSecond = dt > 0 ? ((events - this._lastFlushEvents) * 1000) / dt : 0;
    this._lastFlushWall = now;
    this._lastFlushEvents = events;
    this.store.setState({
      time: sim.elapsed(), progress: sim.scenario.durationMs > 0 ? sim.elapsed() / sim.scenario.durationMs : 1, devices,
      breakers: [...this._breakers.values()], partitions: sim.partitions(),
      metrics: this._latestMetrics,
      recent, eventCounts: sim.events.counts(), events, controls: sim.controls(), eventsPerSecond,
    });
  }
}
