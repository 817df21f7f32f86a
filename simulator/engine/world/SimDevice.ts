import {
  AlwaysOffSampler, AlwaysOnSampler, BreakerWindowType, DEFAULT_MESH_INSTANCE_BREAKER, MemoryStore, MeshNode, MetricsPlugin, NodeState,
  ParentBasedSampler, ResiliencePlugin, RetryBudget, TraceIdRatioSampler, TraceResource, TracerProvider,
} from '../sdk';
import type {
  BreakerStateChange, CircuitBreakerSettings, KeyValueStore, MembershipEvent, MeshGatewayOptions, MeshPlugin, MeshResilienceProfile,
  RedMetrics, Sampler, SeededRandom, Tracer,
} from '../sdk';
import type { BreakerSpec, DeviceSpec } from '../scenario/Scenario';
import { callEventsPlugin } from './meshPlugins';
import { ServiceBehaviour } from './ServiceBehaviour';
import type { WorldContext } from './WorldContext';

export type DeviceState = 'down' | 'up' | 'crashed';

const WINDOWS: Record<BreakerSpec['window'], BreakerWindowType> = {
  consecutive: BreakerWindowType.CONSECUTIVE, count: BreakerWindowType.COUNT, time: BreakerWindowType.TIME,
};

/**
 * The SDK breaker settings of a scenario breaker spec: the mesh's per-instance breaker
 * (DEFAULT_MESH_INSTANCE_BREAKER: instance failures and 5xx count, cancellations and full
 * bulkheads are ignored) with the scenario's trip rule and durations.
 */
export const breakerSettings = (b: BreakerSpec): CircuitBreakerSettings => ({
  ...DEFAULT_MESH_INSTANCE_BREAKER,
  window: WINDOWS[b.window],
  consecutiveFailures: b.consecutiveFailures,
  windowSize: b.windowSize,
  windowMs: b.windowMs,
  minimumNumberOfCalls: Math.min(b.minimumNumberOfCalls, b.windowSize),
  failureRateThreshold: b.failureRateThreshold,
  slowCallDurationMs: b.slowCallDurationMs,
  openDurationMs: b.openDurationMs,
  openDurationMultiplier: b.openDurationMultiplier,
  maxOpenDurationMs: b.maxOpenDurationMs,
  halfOpenMaxCalls: b.halfOpenMaxCalls,
});

const sampler = (ratio: number): Sampler => {
  const root = ratio >= 1 ? new AlwaysOnSampler() : ratio <= 0 ? new AlwaysOffSampler() : new TraceIdRatioSampler(ratio);
  return new ParentBasedSampler({ root });
};

/** Called with each new life of a device's node, after its plugins are installed and before it starts. */
export type LifeHook = (node: MeshNode, random: SeededRandom) => void;

/** Builds a plugin for one life of a device (messaging, sagas). */
export type PluginFactory = (life: { random: SeededRandom; tracer: Tracer | undefined }) => MeshPlugin;

/** What every device's node shares: the fleet's RED metrics. */
export interface DeviceShared {
  red: RedMetrics;
  /** Seeds the devices join through. */
  seeds: string[];
}

/**
 * One simulated device: its durable store (survives crashes), the behaviour of the services it
 * hosts, and — while it is up — a real MeshNode on the SimNetwork with the SDK's standard plugins
 * (tracing, resilience, metrics into the fleet's shared RedMetrics) and its gateway when it hosts one. A crash closes its transport (the node becomes CRASHED, volatile state
 * is gone); a restart builds a new node on the same store, as an app restarting would.
 */
export class SimDevice {
  /** The device's durable store (a MemoryStore unless the simulation was given `storeFor`). */
  readonly store: KeyValueStore;
  readonly behaviours = new Map<string, ServiceBehaviour>();
  readonly lifeHooks: LifeHook[] = [];
  readonly pluginFactories: PluginFactory[] = [];
  /** Called once each life's node has started (saga recovery). */
  readonly startedHooks: LifeHook[] = [];
  /** The node's gateway routes and middleware, per life (set by the GatewayHost of this device). */
  gatewayOptions: (() => MeshGatewayOptions) | undefined;
  private _node: MeshNode | undefined;
  private _state: DeviceState = 'down';
  private _lives = 0;
  private _crashes = 0;
  /** Calls made and failed by earlier lives (the SDK counts per node). */
  private _pastCalls = 0;
  private _pastFailures = 0;

  constructor(private readonly _world: WorldContext, readonly spec: DeviceSpec, private readonly _shared: DeviceShared,
    store: KeyValueStore = new MemoryStore()) {
    this.store = store;
    for (const s of spec.services) this.behaviours.set(s.name, new ServiceBehaviour(s, _world.clock, _world.delays));
  }

  get id(): string {
    return this.spec.id;
  }

  get state(): DeviceState {
    return this._state;
  }

  /** The current node (undefined before the first start). */
  get node(): MeshNode | undefined {
    return this._node;
  }

  /** The node when it is running. */
  get runningNode(): MeshNode | undefined {
    return this._node !== undefined && this._node.state === NodeState.RUNNING ? this._node : undefined;
  }

  get crashes(): number {
    return this._crashes;
  }

  get restarts(): number {
    return Math.max(0, this._lives - 1);
  }

  /** Calls this device made over all its lives, and how many failed. */
  callStats(): { calls: number; failures: number } {
    const n = this._node;
    return {
      calls: this._pastCalls + (n === undefined ? 0 : n.stats.calls),
      failures: this._pastFailures + (n === undefined ? 0 : n.stats.callFailures),
    };
  }

  /** Starts the first life, or the next one after a crash. */
  async start(): Promise<void> {
    if (this._state === 'up') {
      return;
    }
    const w = this._world;
    const life = this._lives++;
    if (this._node !== undefined) {
      this._pastCalls += this._node.stats.calls;
      this._pastFailures += this._node.stats.callFailures;
    }
    const random = w.random.fork(`device:${this.id}:${life}`);
    const transport = life === 0 ? w.network.attach(this.id) : w.network.restart(this.id);
    const scenario = w.scenario;
    const r = scenario.resilience;
    const profile: MeshResilienceProfile = {
      timeoutMs: r.timeoutMs, attemptTimeoutMs: r.attemptTimeoutMs, maxAttempts: r.maxAttempts, retryNonIdempotent: r.retryNonIdempotent,
      breaker: r.breaker.enabled ? breakerSettings(r.breaker) : false,
      budget: r.retryBudget === undefined ? undefined : new RetryBudget({ clock: w.clock, ...r.retryBudget }),
    };
    const tracer = scenario.tracing.enabled
      ? new TracerProvider({
        random: random.fork('trace'), clock: w.clock, sampler: sampler(scenario.tracing.sampleRatio),
        processors: [w.spans.processorFor(this.id)], resource: TraceResource.forService(this.id, this.id),
      })
      : undefined;
    const node = MeshNode.create({
      deviceId: this.id, deviceType: this.spec.type, transport, clock: w.clock, random: random.fork('node'), store: this.store,
      zone: this.spec.zone, seeds: this._shared.seeds.filter((s) => s !== this.id), defaultTimeoutMs: r.timeoutMs,
      tracing: tracer === undefined ? undefined : { tracer },
      resilience: { profile, random: random.fork('retry') },
      // Transport totals are pushed by the engine's one snapshot timer (syncMetrics), not a timer per node.
      metrics: { red: this._shared.red, transportSyncMs: 0 },
      gateway: this.gatewayOptions?.(),
      plugins: [
        callEventsPlugin((_node, e): void => w.onCall(this.id, e)),
        ...this.pluginFactories.map((f) => f({ random, tracer: tracer?.getTracer('arkmesh-sim') })),
      ],
    });
    const resilience = node.plugin('resilience');
    if (resilience instanceof ResiliencePlugin) {
      resilience.breakers.onStateChange((e: BreakerStateChange): void => w.onBreaker(this.id, e));
    }
    node.onMembership((e: MembershipEvent): void => w.onMembership(this.id, e));
    for (const b of this.behaviours.values()) {
      node.provide(b.spec.name, b.handlerForLife(random.fork(`service:${b.spec.name}`), this.store, life === 0), {
        version: b.spec.version, weight: b.spec.weight, tags: b.spec.tags,
      });
    }
    this._node = node;
    this._state = 'up';
    for (const hook of this.lifeHooks) hook(node, random);
    await node.start();
    for (const hook of this.startedHooks) hook(node, random);
  }

  /** Pushes the node's transport totals into the RED metrics (MetricsPlugin.syncTransport). */
  syncMetrics(): void {
    const m = this._node?.plugin('metrics');
    if (m instanceof MetricsPlugin && this.runningNode !== undefined) m.syncTransport();
  }

  /** Crashes the device: its transport closes with CRASHED and its node loses everything volatile. */
  crash(): boolean {
    if (this._state !== 'up') {
      return false;
    }
    this._world.network.crash(this.id);
    this._state = 'crashed';
    this._crashes++;
    return true;
  }
}
