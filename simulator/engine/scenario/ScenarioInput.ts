/**
 * The JSON a scenario file contains, as TypeScript types (for editors, the UI and tests that
 * build scenarios in code). Everything not marked required is optional and has a documented
 * default (docs/simulator.md, "Scenario reference"). `validateScenario` checks a value of this
 * shape field by field and resolves it into a `Scenario`.
 */
import type { DeviceType, HandlerType, RateLimitKeyName, RateLimitKind } from './Scenario';

/** `'250ms'`, `'1.5s'`, `'10m'`, `'1h'`, or a number of milliseconds. */
export type DurationInput = string | number;

/** A fixed number of ms, a named distribution, or `{ p50, p99 }` (a log-normal through both). */
export type LatencyInput =
  | number
  | { dist: 'fixed'; ms: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'normal'; mean: number; stdDev: number; min?: number }
  | { dist: 'lognormal'; median: number; sigma: number }
  | { dist: 'pareto'; scale: number; shape: number; max?: number }
  | { p50: number; p99: number };

export interface LinkInput {
  latency?: LatencyInput;
  jitterMs?: number;
  loss?: number;
  duplicate?: number;
  reorder?: number;
  reorderDelayMs?: number;
  bandwidthBytesPerSec?: number;
}

/** Device references: an id, a glob (`phone-*`), `type:watch`, or `*`. */
export type DeviceRefInput = string | string[];

export interface LinkRuleInput extends LinkInput {
  from: DeviceRefInput;
  to: DeviceRefInput;
  /** Both directions (true). */
  bidirectional?: boolean;
}

export interface NetworkInput extends LinkInput {
  links?: LinkRuleInput[];
  timeQuantumMs?: number;
}

export type HandlerInput =
  | HandlerType
  | { type: HandlerType; status?: number; body?: unknown; stock?: number; declineRate?: number };

export interface ServiceInput {
  /** Required. */
  name: string;
  version?: string;
  handler?: HandlerInput;
  latency?: LatencyInput;
  errorRate?: number;
  errorCode?: string;
  concurrency?: number;
  queue?: number;
  queueTimeout?: DurationInput;
  weight?: number;
  tags?: string[];
}

export interface DeviceInput {
  /** Required. With `count`, `{i}` in the id is replaced by 0..count-1 (else `-<i>` is appended). */
  id: string;
  /** Required. */
  type: DeviceType;
  count?: number;
  zone?: string;
  services?: ServiceInput[];
}

export interface BreakerInput {
  enabled?: boolean;
  window?: 'consecutive' | 'count' | 'time';
  consecutiveFailures?: number;
  windowSize?: number;
  windowMs?: number;
  minimumNumberOfCalls?: number;
  failureRateThreshold?: number;
  slowCallDurationMs?: number;
  openDurationMs?: number;
  openDurationMultiplier?: number;
  maxOpenDurationMs?: number;
  halfOpenMaxCalls?: number;
}

export interface ResilienceInput {
  timeoutMs?: number;
  attemptTimeoutMs?: number;
  maxAttempts?: number;
  retryNonIdempotent?: boolean;
  breaker?: BreakerInput;
  retryBudget?: { retryRatio?: number; minRetriesPerSecond?: number; ttlMs?: number };
}

export interface GatewayRouteInput {
  id?: string;
  method?: string | string[];
  path: string;
  service: string;
  version?: string;
  rewrite?: string;
  stripPrefix?: string;
}

export interface GatewayInput {
  device: string;
  routes: GatewayRouteInput[];
  timeoutMs?: number;
  retryAttempts?: number;
  rateLimit?: {
    kind?: RateLimitKind;
    key?: RateLimitKeyName;
    capacity?: number;
    refillPerSecond?: number;
    limit?: number;
    window?: DurationInput;
  };
  faults?: { delay?: { ms: number; percent: number }; abort?: { status?: number; percent: number } };
}

export type PatternInput =
  | 'constant'
  | { type: 'constant' }
  | { type: 'ramp'; to: number }
  | { type: 'burst'; every: DurationInput; length: DurationInput; rate: number };

export interface RequestStreamInput {
  id?: string;
  /** Source devices (default: every device). Route streams start at the gateway device. */
  from?: DeviceRefInput;
  /** A service to call, or a gateway `route` path: exactly one. */
  service?: string;
  route?: string;
  method?: string;
  path?: string;
  body?: unknown;
  versionRange?: string;
  /** Requests per second over all sources. Required. */
  rate: number;
  pattern?: PatternInput;
  arrival?: 'uniform' | 'poisson';
  start?: DurationInput;
  stop?: DurationInput;
  timeoutMs?: number;
}

export interface PublisherInput {
  id?: string;
  from?: DeviceRefInput;
  topic: string;
  rate: number;
  start?: DurationInput;
  stop?: DurationInput;
}

export interface ConsumerInput {
  id?: string;
  devices: DeviceRefInput;
  topic: string;
  group: string;
  latency?: LatencyInput;
  errorRate?: number;
}

export interface SagaStreamInput {
  id?: string;
  saga: string;
  from: string;
  rate: number;
  count?: number;
  start?: DurationInput;
  stop?: DurationInput;
}

export interface WorkloadInput {
  requests?: RequestStreamInput[];
  publishers?: PublisherInput[];
  consumers?: ConsumerInput[];
  sagas?: SagaStreamInput[];
}

export interface FaultInput {
  /** Required: when, from the start of the run. */
  at: DurationInput;
  /** Required: crash, restart, partition, heal, link, clearLinks, network, gatewayFault, service, workloadRate. */
  action: string;
  duration?: DurationInput;
  device?: string;
  id?: string;
  sideA?: DeviceRefInput;
  sideB?: DeviceRefInput;
  partition?: string;
  from?: DeviceRefInput;
  to?: DeviceRefInput;
  bidirectional?: boolean;
  conditions?: LinkInput;
  delay?: { ms: number; percent: number };
  abort?: { status?: number; percent: number };
  service?: string;
  devices?: DeviceRefInput;
  errorRate?: number;
  latency?: LatencyInput;
  stream?: string;
  rate?: number;
}

export interface ExpectationInput {
  /** Required: successRate, latency, minRequests, breakerOpened, breakerNotOpened, converged, noLostMessages, sagasSettled. */
  type: string;
  service?: string;
  route?: string;
  device?: string;
  min?: number;
  percentile?: number;
  maxMs?: number;
}

export interface ScenarioInput {
  /** Required. */
  name: string;
  description?: string;
  seed?: number | string;
  /** Required. */
  duration: DurationInput;
  warmup?: DurationInput;
  network?: NetworkInput;
  /** Required, at least one. */
  devices: DeviceInput[];
  resilience?: ResilienceInput;
  gateway?: GatewayInput;
  tracing?: { enabled?: boolean; sampleRatio?: number; maxSpans?: number };
  metrics?: { interval?: DurationInput; window?: DurationInput };
  events?: { callSampleRatio?: number; maxRetained?: number };
  workload?: WorkloadInput;
  faults?: FaultInput[];
  expectations?: ExpectationInput[];
}
