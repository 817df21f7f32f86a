/**
 * The engine's typed event stream: one union read by the UI, the CLI and the tests. Every event
 * has a `seq` (its position in the run's log, from 1) and `t`, virtual milliseconds since the
 * start of the run. Events are plain JSON-safe objects (no class instances), so they can cross
 * an IPC boundary or be written to a file as they are.
 */
import type { FaultAction, FaultActionName } from '../scenario/Scenario';

export interface EventBase {
  /** Position in the run's event log, from 1. */
  seq: number;
  /** Virtual ms since the start of the run. */
  t: number;
}

/** The run itself: started, finished (with the expectation verdict), seeked (a rerun to `t`). */
export interface RunEvent extends EventBase {
  type: 'run';
  phase: 'started' | 'finished';
  scenario: string;
  seed: string;
  durationMs: number;
  /** finished: true when every expectation held. */
  passed?: boolean;
}

/** One logical call (MeshNode.call) that settled, as the calling device saw it. */
export interface CallEvent extends EventBase {
  type: 'call';
  /** The calling device. */
  from: string;
  service: string;
  /** The serving device of the last attempt (undefined when no instance was reached). */
  device: string | undefined;
  instance: string | undefined;
  outcome: 'ok' | 'error';
  status: number | undefined;
  /** ERR_* code of a failed call. */
  code: string | undefined;
  latencyMs: number;
  attempts: number;
  local: boolean;
}

/** A request the gateway answered. */
export interface RouteEvent extends EventBase {
  type: 'route';
  /** The gateway's device. */
  device: string;
  /** The matched route's id ('unmatched' when none). */
  route: string;
  method: string;
  path: string;
  service: string | undefined;
  status: number;
  code: string | undefined;
  latencyMs: number;
  attempts: number;
}

/** A sampled span that ended. */
export interface SpanEvent extends EventBase {
  type: 'span';
  device: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: 'internal' | 'server' | 'client' | 'producer' | 'consumer';
  /** Virtual ms since the start of the run when the span started. */
  start: number;
  durationMs: number;
  status: 'unset' | 'ok' | 'error';
}

export type MembershipChange = 'joined' | 'suspect' | 'alive' | 'dead' | 'left' | 'updated';

/** A change in one device's view of another (SWIM). */
export interface MembershipEvent extends EventBase {
  type: 'membership';
  observer: string;
  member: string;
  change: MembershipChange;
  incarnation: number;
}

/** A circuit breaker transition on a calling device. Breakers are per instance (`service@device`). */
export interface BreakerEvent extends EventBase {
  type: 'breaker';
  /** The calling device that owns the breaker. */
  device: string;
  /** The breaker's key: the instance id. */
  breaker: string;
  service: string | undefined;
  /** The device of the guarded instance. */
  target: string | undefined;
  from: string;
  to: string;
  reason: string;
}

/** Messaging statistics per topic and consumer group (emitted once messaging is wired in). */
export interface QueueEvent extends EventBase {
  type: 'queue';
  topic: string;
  group: string;
  depth: number;
  published: number;
  acked: number;
  deadLettered: number;
  redelivered: number;
}

/** A saga transition (emitted once sagas are wired in). */
export interface SagaEvent extends EventBase {
  type: 'saga';
  saga: string;
  id: string;
  device: string;
  state: string;
  step: string | undefined;
}

/** A fault from the schedule, or a live control; `fault` replays it. */
export interface FaultEvent extends EventBase {
  type: 'fault';
  source: 'schedule' | 'control' | 'revert';
  action: FaultActionName;
  fault: FaultAction;
  /** Human-readable summary: "crash tv", "partition p1: watch | *". */
  detail: string;
}

/** A device went down or came (back) up. */
export interface DeviceEvent extends EventBase {
  type: 'device';
  device: string;
  state: 'up' | 'crashed' | 'restarted';
}

/** Golden signals of one service or route over the metrics window. */
export interface ServiceMetrics {
  key: string;
  requests: number;
  errors: number;
  rps: number;
  successRate: number;
  p50: number;
  p95: number;
  p99: number;
}

/** A periodic snapshot (every `metrics.interval`) of the sliding-window metrics. */
export interface MetricsEvent extends EventBase {
  type: 'metrics';
  windowMs: number;
  services: ServiceMetrics[];
  routes: ServiceMetrics[];
  /** Calls settled since the start of the run (all, not sampled). */
  calls: number;
  callErrors: number;
  devicesUp: number;
  network: { sent: number; delivered: number; dropped: number; inFlight: number };
}

export type SimEvent =
  | RunEvent | CallEvent | RouteEvent | SpanEvent | MembershipEvent | BreakerEvent | QueueEvent | SagaEvent | FaultEvent
  | DeviceEvent | MetricsEvent;

export type SimEventType = SimEvent['type'];

export const SIM_EVENT_TYPES: readonly SimEventType[] = ['run', 'call', 'route', 'span', 'membership', 'breaker', 'queue',
  'saga', 'fault', 'device', 'metrics'];

/** An event before the log numbers it. */
export type SimEventInit<E extends SimEvent = SimEvent> = E extends SimEvent ? Omit<E, 'seq'> : never;
