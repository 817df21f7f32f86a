/**
 * A validated, fully resolved scenario: what `validateScenario` returns and what the engine runs.
 * Durations are virtual milliseconds from the start of the run, device groups are expanded into
 * single devices, device patterns are resolved to ids, and every default is filled in. The JSON
 * a user writes is described by `ScenarioInput` (scenario/ScenarioInput.ts) and docs/simulator.md.
 */

/** Device kinds a scenario may declare. */
export type DeviceType = 'phone' | 'tablet' | 'watch' | 'tv' | 'car' | 'pc';
export const DEVICE_TYPES: readonly DeviceType[] = ['phone', 'tablet', 'watch', 'tv', 'car', 'pc'];

/** A latency distribution in milliseconds (maps onto the SDK's LatencyModel classes). */
export type LatencySpec =
  | { dist: 'fixed'; ms: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'normal'; mean: number; stdDev: number; min: number }
  | { dist: 'lognormal'; median: number; sigma: number }
  | { dist: 'pareto'; scale: number; shape: number; max: number };

/** Link conditions; fields left out keep the base conditions' values (SDK LinkConditionsInit). */
export interface LinkSpec {
  latency?: LatencySpec;
  jitterMs?: number;
  loss?: number;
  duplicate?: number;
  reorder?: number;
  reorderDelayMs?: number;
  bandwidthBytesPerSec?: number;
}

/** Conditions for the links between every device of `from` and every device of `to`. */
export interface LinkRule {
  from: string[];
  to: string[];
  bidirectional: boolean;
  conditions: LinkSpec;
}

export interface NetworkSpec {
  /** Default conditions of every link. */
  defaults: LinkSpec;
  /** Per-link overrides, applied in order. */
  links: LinkRule[];
  /** SimNetwork delivery quantum in ms (1). */
  timeQuantumMs: number;
}

/** Built-in service handlers. */
export type HandlerType = 'echo' | 'static' | 'kv' | 'inventory' | 'payment' | 'shipping';
export const HANDLER_TYPES: readonly HandlerType[] = ['echo', 'static', 'kv', 'inventory', 'payment', 'shipping'];

export interface HandlerSpec {
  type: HandlerType;
  /** static: response status (200). */
  status: number;
  /** static: response body (null). */
  body: unknown;
  /** inventory: units in stock per item (100). */
  stock: number;
  /** payment: probability that a charge is declined (0). */
  declineRate: number;
}

/** A service a device hosts, with its simulated behaviour. */
export interface ServiceSpec {
  name: string;
  version: string;
  handler: HandlerSpec;
  /** Service time per request (fixed 1 ms when not given). */
  latency: LatencySpec;
  /** Probability that a request fails with `errorCode`. */
  errorRate: number;
  errorCode: string;
  /** Requests served at once; undefined = unlimited. */
  concurrency: number | undefined;
  /** Requests waiting for a slot beyond `concurrency` (0); more are refused with ERR_BULKHEAD_FULL. */
  queue: number;
  /** How long a request may wait in the queue (undefined: until its deadline). */
  queueTimeoutMs: number | undefined;
  weight: number;
  tags: string[];
}

export interface DeviceSpec {
  id: string;
  type: DeviceType;
  zone: string | undefined;
  services: ServiceSpec[];
  /** Index of the entry in the scenario's `devices` array this device came from. */
  group: number;
}

export type BreakerWindow = 'consecutive' | 'count' | 'time';

/** Per-instance circuit breaker settings (SDK CircuitBreakerSettings). */
export interface BreakerSpec {
  enabled: boolean;
  window: BreakerWindow;
  consecutiveFailures: number;
  windowSize: number;
  windowMs: number;
  minimumNumberOfCalls: number;
  failureRateThreshold: number;
  slowCallDurationMs: number | undefined;
  openDurationMs: number;
  openDurationMultiplier: number;
  maxOpenDurationMs: number;
  halfOpenMaxCalls: number;
}

export interface RetryBudgetSpec {
  retryRatio: number;
  minRetriesPerSecond: number;
  ttlMs: number;
}

/** Resilience applied to calls (SDK CallResilience profile + breaker registry). */
export interface ResilienceSpec {
  timeoutMs: number;
  attemptTimeoutMs: number;
  maxAttempts: number;
  retryNonIdempotent: boolean;
  breaker: BreakerSpec;
  retryBudget: RetryBudgetSpec | undefined;
}

export interface GatewayRouteSpec {
  id: string;
  methods: string[] | 'ALL';
  path: string;
  service: string;
  version: string | undefined;
  rewrite: string | undefined;
  stripPrefix: string | undefined;
}

export type RateLimitKind = 'token-bucket' | 'sliding-window';
export type RateLimitKeyName = 'global' | 'client' | 'route' | 'client-route' | 'device';

export interface RateLimitSpec {
  kind: RateLimitKind;
  key: RateLimitKeyName;
  /** token-bucket */
  capacity: number;
  refillPerSecond: number;
  /** sliding-window */
  limit: number;
  windowMs: number;
}

export interface GatewayFaultSpec {
  delay: { ms: number; percent: number } | undefined;
  abort: { status: number; percent: number } | undefined;
}

export interface GatewaySpec {
  device: string;
  routes: GatewayRouteSpec[];
  timeoutMs: number | undefined;
  retryAttempts: number | undefined;
  rateLimit: RateLimitSpec | undefined;
  faults: GatewayFaultSpec | undefined;
}

export interface TracingSpec {
  enabled: boolean;
  /** Share of new traces sampled (1). */
  sampleRatio: number;
  /** Most recent spans kept for exports (5000). */
  maxSpans: number;
}

export interface MetricsSpec {
  /** Period of metric snapshot events (1000 ms). */
  intervalMs: number;
  /** Sliding window of the snapshot rates and quantiles (10000 ms). */
  windowMs: number;
}

export interface EventsSpec {
  /** Share of call events put on the event stream (1 = all; counters and metrics always see all). */
  callSampleRatio: number;
  /** Events kept in memory per category (20000). */
  maxRetained: number;
}

export type RatePattern =
  | { type: 'constant' }
  | { type: 'ramp'; to: number }
  | { type: 'burst'; everyMs: number; lengthMs: number; rate: number };

export type RequestTarget =
  | { kind: 'service'; service: string; method: string; path: string; body: unknown; versionRange: string | undefined }
  | { kind: 'route'; method: string; path: string; body: unknown };

/** An open-loop request stream. */
export interface RequestStreamSpec {
  id: string;
  /** Devices the requests start from, in turn (route streams start at the gateway device). */
  from: string[];
  target: RequestTarget;
  /** Requests per second over all sources. */
  rate: number;
  pattern: RatePattern;
  arrival: 'uniform' | 'poisson';
  startMs: number;
  stopMs: number;
  timeoutMs: number | undefined;
}

/** Messaging and sagas: validated shapes, run once the SDK modules exist (see capabilities). */
export interface PublisherSpec {
  id: string;
  from: string[];
  topic: string;
  rate: number;
  startMs: number;
  stopMs: number;
}

export interface ConsumerSpec {
  id: string;
  devices: string[];
  topic: string;
  group: string;
  latency: LatencySpec;
  errorRate: number;
}

export interface SagaStreamSpec {
  id: string;
  saga: string;
  from: string;
  rate: number;
  count: number | undefined;
  startMs: number;
  stopMs: number;
}

export interface WorkloadSpec {
  requests: RequestStreamSpec[];
  publishers: PublisherSpec[];
  consumers: ConsumerSpec[];
  sagas: SagaStreamSpec[];
}

/** What a fault or a live control does (the same shapes: a control is a fault at "now"). */
export type FaultAction =
  | { action: 'crash'; device: string; durationMs?: number }
  | { action: 'restart'; device: string }
  | { action: 'partition'; id: string; sideA: string[]; sideB: string[] | undefined; durationMs?: number }
  | { action: 'heal'; partition: string | undefined }
  | { action: 'link'; from: string[]; to: string[]; bidirectional: boolean; conditions: LinkSpec; durationMs?: number }
  | { action: 'clearLinks'; from: string | undefined; to: string | undefined }
  | { action: 'network'; conditions: LinkSpec }
  | { action: 'gatewayFault'; delay: { ms: number; percent: number } | undefined; abort: { status: number; percent: number } | undefined; durationMs?: number }
  | { action: 'service'; service: string; devices: string[]; errorRate: number | undefined; latency: LatencySpec | undefined; durationMs?: number }
  | { action: 'workloadRate'; stream: string; rate: number };

export type FaultActionName = FaultAction['action'];

/** A fault at a point of virtual time. */
export type FaultSpec = FaultAction & { atMs: number };

export type ExpectationSpec =
  | { type: 'successRate'; service: string | undefined; route: string | undefined; device: string | undefined; min: number }
  | { type: 'latency'; service: string | undefined; route: string | undefined; percentile: number; maxMs: number }
  | { type: 'minRequests'; service: string | undefined; route: string | undefined; min: number }
  | { type: 'breakerOpened'; service: string; min: number }
  | { type: 'breakerNotOpened'; service: string }
  | { type: 'converged' }
  | { type: 'noLostMessages' }
  | { type: 'sagasSettled' };

export interface Scenario {
  name: string;
  description: string;
  seed: string;
  durationMs: number;
  /** Time the nodes get to find each other before request streams start by default (2000). */
  warmupMs: number;
  network: NetworkSpec;
  devices: DeviceSpec[];
  resilience: ResilienceSpec;
  gateway: GatewaySpec | undefined;
  tracing: TracingSpec;
  metrics: MetricsSpec;
  events: EventsSpec;
  workload: WorkloadSpec;
  faults: FaultSpec[];
  expectations: ExpectationSpec[];
}
