/**
 * The small event shapes RedMetrics records. They are the metrics module's own types, so any
 * module can feed them: MeshNode's call-completed event, the gateway, the queue, breakers, sagas,
 * membership and transport each map their events onto these in a line or two.
 */

/** A finished call (MeshNode.call), one per logical call (retries are reported separately). */
export interface RedCallEvent {
  /** The called service, e.g. 'media.player'. */
  service: string;
  /** The device that served the call; omit when no instance was reached. */
  device?: string;
  /** True when the call returned a result. */
  ok: boolean;
  /** The ERR_* code of a failed call (e.g. ERR_TIMEOUT, ERR_BREAKER_OPEN). */
  errorCode?: string;
  /** Time from the call to its outcome, in ms. */
  latencyMs: number;
}

/** A request the gateway answered. */
export interface RedRouteEvent {
  /** The matched route pattern (e.g. '/media/:id'), never the raw path; 'unmatched' when none. */
  route: string;
  /** HTTP-style method, e.g. 'GET'. */
  method: string;
  /** Response status, e.g. 200, 503. */
  status: number;
  latencyMs: number;
}

/** What happened to a message delivery. */
export enum RedDeliveryOutcome {
  DELIVERED = 'delivered',
  ACKED = 'acked',
  RETRIED = 'retried',
  DEAD_LETTERED = 'dead_lettered'
}

/** A message delivery step in a consumer group. */
export interface RedDeliveryEvent {
  topic: string;
  group: string;
  outcome: RedDeliveryOutcome;
  /** For ACKED: time from publish to ack, in ms (recorded in mesh.queue.ack.latency). */
  latencyMs?: number;
}

/** The state of one consumer group's queue at collection time. */
export interface RedQueueState {
  topic: string;
  group: string;
  /** Messages waiting to be acked. */
  depth: number;
  /** Age of the oldest waiting message in ms (0 when empty). */
  oldestAgeMs: number;
}

/** A saga that finished. */
export interface RedSagaEvent {
  /** The saga definition's name. */
  saga: string;
  /** 'completed', 'compensated', 'stuck', 'failed', ... */
  outcome: string;
  durationMs: number;
}

/** Members per state as this node sees them. */
export interface RedMembershipCounts {
  alive: number;
  suspect: number;
  dead: number;
}

/** Direction of transport traffic. */
export enum RedDirection {
  SENT = 'sent',
  RECEIVED = 'received'
}

/** An envelope that went over the transport. */
export interface RedTransportEvent {
  direction: RedDirection;
  /** Encoded size in bytes. */
  bytes: number;
  /** The peer device; omit when unknown. */
  device?: string;
  /** Envelopes these bytes are (a batch, e.g. totals since the last sync). Default 1. */
  envelopes?: number;
}

/** Golden signals of one service, route or device over the sliding window (the simulator's "top"). */
export interface RedSummary {
  /** The service, route or device. */
  key: string;
  /** Requests in the window. */
  requests: number;
  /** Failed requests in the window (calls: !ok; routes: 5xx). */
  errors: number;
  /** Requests per second over the window. */
  rps: number;
  /** errors / requests (0 without requests). */
  errorRate: number;
  /** Latency quantiles in ms over the window (NaN without requests). */
  p50: number;
  p90: number;
  p99: number;
  /** History the window covers, in ms. */
  coveredMs: number;
}
