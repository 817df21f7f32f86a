import {
  CallOutcome, DEFAULT_VIRTUAL_EPOCH, MeterProvider, NodeState, RedMetrics, SeededRandom, SimNetwork, VirtualClock,
} from '../sdk';
import type {
  BreakerStateChange, CallCompletedEvent, GatewayExchange, JsonValue, MembershipEvent as SdkMembershipEvent, Meter,
  KeyValueStore, ReadableSpan,
} from '../sdk';
import { EventLog } from '../events/EventLog';
import type { CallEvent, MembershipChange, MetricsEvent, QueueEvent, SimEvent } from '../events/SimEvent';
import { buildReport } from '../report/buildReport';
import { callTotals, round, routeWindowMetrics, serviceWindowMetrics } from '../report/metricsReadout';
import type { SimulationReport } from '../report/Report';
import { encodeTraces } from '../report/traceExport';
import type { TraceFormat } from '../report/traceExport';
import type { ScenarioIssue } from '../scenario/Checker';
import type { FaultAction, Scenario } from '../scenario/Scenario';
import { validateControl } from '../scenario/validateControl';
import { DelayQueue } from './DelayQueue';
import { FaultInjector } from './FaultInjector';
import { GatewayHost } from './GatewayHost';
import { linkInit } from './linkConditions';
import { createSettle } from './settle';
import type { SettleMode } from './settle';
import { SimDevice } from './SimDevice';
import { SpanCollector, spanKindName, spanStatusName } from './SpanCollector';
import { MessagingRuntime } from './MessagingRuntime';
import { SagaRuntime } from './SagaRuntime';
import { requestStreams, Workload } from './Workload';
import type { StreamStats } from './Workload';
import type { WorldContext } from './WorldContext';

/** A live control applied during a run, at the virtual time it was applied: replays it. */
export interface ControlRecord {
  atMs: number;
  action: FaultAction;
}

export interface SimulationOptions {
  /** How promise callbacks settle between virtual timers. Default `drain` (see settle.ts). */
  settle?: SettleMode;
  /** Microtask turns per timer for `settle: 'microtask'`. Default 64. */
  settleTurns?: number;
  /** Live controls of an earlier run, re-applied at their times (seek-by-rerun, replay). */
  controls?: readonly ControlRecord[];
  /**
   * The durable store of each device, called once per device when the world is built (default: a
   * MemoryStore each). The app passes IndexedDB-backed stores so a page reload keeps them.
   */
  storeFor?: (deviceId: string) => KeyValueStore;
}

/** Devices the others join through. */
const SEED_COUNT = 3;

/**
 * One run of a scenario on the real SDK: MeshNodes on a SimNetwork, all on one VirtualClock and
 * seeded randomness, with the scenario's services, gateway, workload, faults and expectations.
 * Time only moves when told to (`advanceTo`, `runToEnd`), so the same code runs headless as fast
 * as possible, paced by a wall-clock driver, stepped, or re-run to seek; the same scenario and
 * seed always give the same event log.
 *
 * @example
 * const sim = Simulation.create(parseScenario(text));
 * const report = await sim.runToEnd();
 * console.log(report.passed, report.eventHash);
 */
export class Simulation implements WorldContext {
  readonly scenario: Scenario;
  readonly clock: VirtualClock;
  readonly network: SimNetwork;
  readonly random: SeededRandom;
  readonly delays: DelayQueue;
  readonly events: EventLog;
  readonly spans: SpanCollector;
  readonly metrics: MeterProvider;
  readonly red: RedMetrics;
  readonly devices = new Map<string, SimDevice>();
  readonly gateway: GatewayHost | undefined;
  /** Queues, consumers and publishers (when the scenario has publishers or consumers). */
  readonly messaging: MessagingRuntime | undefined;
  /** Saga orchestrators and streams (when the scenario starts sagas). */
  readonly sagas: SagaRuntime | undefined;
  private readonly _workload: Workload;
  private readonly _faults: FaultInjector;
  private readonly _epoch = DEFAULT_VIRTUAL_EPOCH;
  private readonly _controls: ControlRecord[];
  private _replayAt = 0;
  private readonly _deferred: FaultAction[] = [];
  private _advancing = false;
  private readonly _instances = new Map<string, { service: string; device: string }>();
  private _started = false;
  private _finished = false;
  private _report: SimulationReport | undefined;
  private _wallMs = 0;
  private _callSample = 0;

  private constructor(scenario: Scenario, options: SimulationOptions) {
    this.scenario = scenario;
    // Controls of an earlier run, in time order (stable): re-applied between advances, at their times.
    this._controls = (options.controls ?? []).map((c, i) => ({ c, i })).sort((a, b) => a.c.atMs - b.c.atMs || a.i - b.i).map((x) => x.c);
    this.clock = new VirtualClock({ startTime: this._epoch, settle: createSettle(options.settle, options.settleTurns) });
    this.random = new SeededRandom(scenario.seed);
    this.network = new SimNetwork({
      clock: this.clock, random: this.random.fork('network'), conditions: linkInit(scenario.network.defaults),
      timeQuantumMs: scenario.network.timeQuantumMs,
    });
    for (const rule of scenario.network.links) {
      for (const from of rule.from) {
        for (const to of rule.to) {
          if (from !== to) this.network.setLinkConditions(from, to, linkInit(rule.conditions), rule.bidirectional);
        }
      }
    }
    this.delays = new DelayQueue(this.clock, 1);
    this.events = new EventLog(scenario.events.maxRetained);
    this.spans = new SpanCollector(scenario.tracing.maxSpans, (device: string, span: ReadableSpan): void => this.onSpan(device, span));
    this.metrics = new MeterProvider({ clock: this.clock, resource: { 'service.name': 'arkmesh-sim', 'scenario': scenario.name } });
    this.red = new RedMetrics(this.metrics.getMeter('arkmesh.sim'), { windowMs: scenario.metrics.windowMs });
    const shared = { red: this.red, seeds: scenario.devices.slice(0, SEED_COUNT).map((d) => d.id) };
    for (const spec of scenario.devices) {
      this.devices.set(spec.id, new SimDevice(this, spec, shared, options.storeFor?.(spec.id)));
      for (const s of spec.services) this._instances.set(`${s.name}@${spec.id}`, { service: s.name, device: spec.id });
    }
    const gw = scenario.gateway;
    this.gateway = gw === undefined ? undefined : new GatewayHost(this, gw, this.devices.get(gw.device) as SimDevice);
    this._workload = new Workload(this);
    this._workload.add(requestStreams(scenario.workload.requests, this.devices, this.gateway));
    const w = scenario.workload;
    if (w.publishers.length > 0 || w.consumers.length > 0) {
      this.messaging = new MessagingRuntime(this, this.devices, w.consumers, w.publishers);
      this._workload.add(this.messaging.streams(w.publishers));
    }
    if (w.sagas.length > 0) {
      this.sagas = new SagaRuntime(this, this.devices, w.sagas);
      this._workload.add(this.sagas.streams(w.sagas));
    }
    this._faults = new FaultInjector(this, this.devices, this.gateway, this._workload, scenario.network.links);
  }

  /** Builds the world of a validated scenario (nothing runs until `start`/`advanceTo`). */
  static create(scenario: Scenario, options: SimulationOptions = {}): Simulation {
    return new Simulation(scenario, options);
  }

  /** Virtual ms since the start of the run. */
  elapsed(): number {
    return this.clock.now() - this._epoch;
  }

  /** The clock time (epoch ms) of virtual time `t` of this run. */
  timeOf(t: number): number {
    return this._epoch + t;
  }

  get started(): boolean {
    return this._started;
  }

  get finished(): boolean {
    return this._finished;
  }

  /** Wall-clock ms spent inside `advanceTo` so far. */
  get wallMs(): number {
    return this._wallMs;
  }

  /** Live controls applied so far, replayed ones included, in time order (pass them as `options.controls` to replay). */
  controls(): ControlRecord[] {
    return this._controls.slice(0, this._replayAt);
  }

  /** Starts every device, the workload, the fault schedule and the metric snapshots (at t = 0). */
  async start(): Promise<void> {
    if (this._started) return;
    this._started = true;
    const s = this.scenario;
    this.events.emit({ type: 'run', t: 0, phase: 'started', scenario: s.name, seed: s.seed, durationMs: s.durationMs });
    for (const d of this.devices.values()) {
      await d.start();
      this.events.emit({ type: 'device', t: this.elapsed(), device: d.id, state: 'up' });
    }
    this._workload.start();
    this._faults.schedule(s.faults);
    const every = s.metrics.intervalMs;
    const snapshot = (): void => {
      this.emitMetrics();
      if (this.elapsed() + every <= s.durationMs) this.clock.setTimer(every, snapshot);
    };
    if (every <= s.durationMs) this.clock.setTimer(every, snapshot);
  }

  /**
   * Runs virtual time up to `t` ms from the start (at most the duration); finishes the run there.
   * Controls being replayed are applied between advances at exactly their times, and live
   * controls issued during an advance at its end, so a replay reproduces a live run's event log.
   */
  async advanceTo(t: number): Promise<void> {
    if (!this._started) await this.start();
    if (this._advancing) throw new Error('Simulation.advanceTo: an advance is already running; await it first');
    const target = Math.min(Math.max(t, this.elapsed()), this.scenario.durationMs);
    const wall = performance.now();
    this._advancing = true;
    try {
      for (;;) {
        const next = this._replayAt < this._controls.length ? this._controls[this._replayAt] : undefined;
        if (next === undefined || next.atMs > target) break;
        if (next.atMs > this.elapsed()) await this.clock.advanceTo(this._epoch + next.atMs);
        this._replayAt++;
        this.applyControl(next.action);
      }
      await this.clock.advanceTo(this._epoch + target);
    } finally {
      this._advancing = false;
      this._wallMs += performance.now() - wall;
    }
    while (this._deferred.length > 0) this.record(this._deferred.shift() as FaultAction);
    if (target >= this.scenario.durationMs && !this._finished) this.finish();
  }

  /** Runs `ms` more of virtual time. */
  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(this.elapsed() + ms);
  }

  /**
   * Runs headless to the end, as fast as possible, in slices of `sliceMs` virtual ms (calling
   * `onProgress` after each), and returns the report.
   */
  async runToEnd(onProgress?: (sim: Simulation) => void, sliceMs = 1000): Promise<SimulationReport> {
    while (!this._finished) {
      await this.advanceTo(this.elapsed() + sliceMs);
      if (onProgress !== undefined) onProgress(this);
    }
    return this.report();
  }

  /**
   * Applies a live control (crash/restart a device, partition/heal, link conditions, gateway
   * faults, service behaviour, workload rate) now — or, when called during an advance, at the
   * advance's end: checked like a scenario fault, recorded in the event log and in `controls()`
   * for replay. Returns the issues when it is invalid (and then does nothing).
   */
  control(input: FaultAction | Record<string, JsonValue>): ScenarioIssue[] {
    const v = validateControl(this.scenario, input);
    if (!v.ok) return v.issues;
    if (this._advancing) this._deferred.push(v.action);
    else this.record(v.action);
    return [];
  }

  /** Every control of this run, including replayed ones still ahead: the script a seek re-runs with. */
  script(): ControlRecord[] {
    return this._controls.slice();
  }

  private record(action: FaultAction): void {
    // Live controls come after every replayed one at or before now; later replayed ones are dropped
    // (history was rewritten from here).
    this._controls.splice(this._replayAt, this._controls.length - this._replayAt, { atMs: this.elapsed(), action });
    this._replayAt = this._controls.length;
    this.applyControl(action);
  }

  /** The summary of the run so far (final once finished). */
  report(): SimulationReport {
    if (this._report !== undefined) return this._report;
    return buildReport({
      scenario: this.scenario, meter: this.red.meter, devices: [...this.devices.values()], workload: this.workloadStats(),
      network: this.network, spans: this.spans, events: this.events, elapsedMs: this.elapsed(), finished: this._finished,
      wallMs: this._wallMs, converged: this.converged(), messages: this.messaging?.audit(), sagas: this.sagas?.counts(),
      instanceOf: (id: string): { service: string; device: string } | undefined => this._instances.get(id),
    });
  }

  /** The kept sampled spans as an OTLP JSON, Jaeger JSON or Zipkin document. */
  exportTraces(format: TraceFormat): JsonValue {
    return encodeTraces(this.spans.spans(), format);
  }

  /** Named partitions in force (from faults and controls). */
  partitions(): { id: string; sideA: string[]; sideB: string[] | undefined }[] {
    return this._faults.partitions();
  }

  workloadStats(): StreamStats[] {
    return this._workload.stats();
  }

  /** The RED meter every number of the reports comes from. */
  get meter(): Meter {
    return this.red.meter;
  }

  /** The service and device of an instance id (breaker key). */
  instanceOf(id: string): { service: string; device: string } | undefined {
    return this._instances.get(id);
  }

  /**
   * True when every running device sees every other running device as a live member and knows
   * the instances of all their services.
   */
  converged(): boolean {
    const up = [...this.devices.values()].filter((d) => d.runningNode !== undefined);
    for (const d of up) {
      const node = d.runningNode!;
      const live = new Set(node.membership.liveMembers().map((m) => m.id));
      for (const e of up) {
        if (e === d) continue;
        if (!live.has(e.id)) return false;
        for (const s of e.spec.services) {
          if (node.registry.get(`${s.name}@${e.id}`) === undefined) return false;
        }
      }
    }
    return true;
  }

  // --- WorldContext: what the devices, gateway and workload report -----------------------------

  onCall(device: string, e: CallCompletedEvent): void {
    // The SDK's metrics plugin records the call; the engine puts a sample on the event stream.
    const ok = e.outcome === CallOutcome.OK;
    this._callSample += this.scenario.events.callSampleRatio;
    if (this._callSample >= 1) {
      this._callSample -= 1;
      this.events.emit<CallEvent>({
        type: 'call', t: e.at - this._epoch, from: device, service: e.serviceName, device: e.deviceId, instance: e.instanceId,
        outcome: ok ? 'ok' : 'error', status: e.status, code: e.code, latencyMs: round(e.latencyMs), attempts: e.attempts, local: e.local,
      });
    }
  }

  onMembership(observer: string, e: SdkMembershipEvent): void {
    this.events.emit({
      type: 'membership', t: e.at - this._epoch, observer, member: e.member.id, change: e.type as string as MembershipChange,
      incarnation: e.member.incarnation,
    });
  }

  onBreaker(device: string, e: BreakerStateChange): void {
    const inst = this._instances.get(e.name);
    this.events.emit({
      type: 'breaker', t: e.at - this._epoch, device, breaker: e.name, service: inst?.service, target: inst?.device,
      from: e.from, to: e.to, reason: e.reason,
    });
  }

  onExchange(device: string, e: GatewayExchange): void {
    const route = e.routeId ?? 'unmatched';
    this.events.emit({
      type: 'route', t: this.elapsed(), device, route, method: e.method, path: e.path, service: e.service === '' ? undefined : e.service,
      status: e.status, code: e.errorCode, latencyMs: round(e.durationMs), attempts: e.attempts,
    });
  }

  onSpan(device: string, span: ReadableSpan): void {
    const ctx = span.spanContext();
    this.events.emit({
      type: 'span', t: span.endTime - this._epoch, device, traceId: ctx.traceId, spanId: ctx.spanId, parentSpanId: span.parentSpanId,
      name: span.name, kind: spanKindName(span.kind), start: round(span.startTime - this._epoch), durationMs: round(span.duration()),
      status: spanStatusName(span.status.code),
    });
  }

  // --- internals --------------------------------------------------------------------------------

  private applyControl(action: FaultAction): void {
    this._faults.apply(action, 'control');
  }

  private emitMetrics(): MetricsEvent {
    for (const d of this.devices.values()) d.syncMetrics();
    if (this.messaging !== undefined) for (const q of this.messaging.queueEvents()) this.events.emit<QueueEvent>(q);
    const totals = callTotals(this.red.meter);
    const stats = this.network.stats;
    let up = 0;
    for (const d of this.devices.values()) if (d.node !== undefined && d.node.state === NodeState.RUNNING) up++;
    return this.events.emit<MetricsEvent>({
      type: 'metrics', t: this.elapsed(), windowMs: this.scenario.metrics.windowMs, services: serviceWindowMetrics(this.red),
      routes: routeWindowMetrics(this.red), calls: totals.calls, callErrors: totals.errors, devicesUp: up,
      network: { sent: stats.sent, delivered: stats.delivered, dropped: stats.dropped, inFlight: this.network.inFlight },
    });
  }

  private finish(): void {
    this._workload.stop();
    this._finished = true;
    const report = this.report();
    this.events.emit({
      type: 'run', t: this.elapsed(), phase: 'finished', scenario: this.scenario.name, seed: this.scenario.seed,
      durationMs: this.scenario.durationMs, passed: report.passed,
    });
    // The report's event count and hash include the final event.
    this._report = { ...report, events: this.events.total, eventCounts: this.events.counts(), eventHash: this.events.hash() };
  }

  /** Every event retained so far (for tests and tools). */
  recentEvents(): SimEvent[] {
    return this.events.recent();
  }
}

