import type { SimEventType } from '../events/SimEvent';
import type { ExpectationSpec } from '../scenario/Scenario';

/** Latency quantiles in ms (null without data), from the metrics module's quantile sketches. */
export interface LatencySummary {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

/** Calls to one service over the whole run (from the RED call metrics). */
export interface ServiceReport {
  service: string;
  requests: number;
  ok: number;
  errors: number;
  /** ok / requests (1 without requests). */
  successRate: number;
  latency: LatencySummary;
  /** Failed calls per ERR_* code. */
  errorCodes: Record<string, number>;
  /** Retry attempts recorded for calls to the service. */
  retries: number;
  /** Times a breaker guarding one of its instances opened. */
  breakerTrips: number;
}

/** One device: what it served (as the serving device of calls), what it called, its life. */
export interface DeviceReport {
  device: string;
  type: string;
  state: 'up' | 'crashed' | 'down';
  crashes: number;
  restarts: number;
  served: number;
  servedErrors: number;
  successRate: number;
  latency: LatencySummary;
  /** Calls this device made (all its lives) and how many failed (MeshNode stats). */
  callsMade: number;
  callsFailed: number;
}

/** Gateway requests of one route. */
export interface RouteReport {
  route: string;
  requests: number;
  /** Requests per status class (1xx..5xx, other). */
  statusClasses: Record<string, number>;
  /** 5xx responses. */
  errors: number;
  successRate: number;
  latency: LatencySummary;
}

export interface BreakerReport {
  /** Transitions into `open`, over every device's breakers. */
  trips: number;
  transitions: number;
  /** Trips per service of the guarded instance. */
  byService: Record<string, number>;
  /** Calls refused by an open breaker. */
  rejections: number;
}

export interface ExpectationResult {
  expectation: ExpectationSpec;
  /** e.g. `successRate(media.player) >= 0.99`. */
  description: string;
  passed: boolean;
  /** What was measured, e.g. `0.9934 (1503 of 1513)`. */
  actual: string;
}

/** A feature the engine cannot run yet reports this instead of numbers. */
export interface NotAvailable {
  available: false;
  reason: string;
}

/** Messages over the run: counts from the RED queue metrics, the rest from the engine's audit of every publication. */
export interface MessagingReport {
  available: true;
  /** Publications stored by their publishers (RED mesh.queue.published). */
  published: number;
  /** Deliveries acked, retried and dead-lettered (RED mesh.queue.deliveries by outcome). */
  acked: number;
  retried: number;
  deadLettered: number;
  /** Messages every consumer group of their topic processed. */
  delivered: number;
  /** Held by a running publisher at the end (not yet acked by every group). */
  pending: number;
  /** Held on a publisher that is down at the end (durable; resumed when it restarts). */
  pendingOnCrashedPublisher: number;
  /** Neither delivered everywhere, nor held, nor dead-lettered. */
  lost: number;
  /** Repeated deliveries to a group that had processed the message (at-least-once). */
  duplicates: number;
  lostIds: string[];
}

/** Sagas over the run: outcomes and durations from the RED saga metrics; started/unsettled from the engine. */
export interface SagaReport {
  available: true;
  started: number;
  /** Settled executions per final status (completed, compensated, stuck, ...). */
  byOutcome: Record<string, number>;
  /** Started and not settled at the end (running or compensating). */
  unsettled: number;
  /** Duration of settled sagas. */
  duration: LatencySummary;
}

export interface SimulationReport {
  scenario: string;
  seed: string;
  durationMs: number;
  /** Virtual ms the run reached (durationMs when finished). */
  elapsedMs: number;
  finished: boolean;
  /** Wall-clock ms spent advancing the simulation. */
  wallMs: number;
  events: number;
  eventCounts: Record<SimEventType, number>;
  /** Hash of the whole event log: equal for two runs of the same scenario and seed. */
  eventHash: string;
  totals: {
    requests: number;
    ok: number;
    errors: number;
    successRate: number;
    latency: LatencySummary;
    /** Calls per virtual second, and per wall-clock second of advancing. */
    callsPerVirtualSecond: number;
    callsPerWallSecond: number;
  };
  services: ServiceReport[];
  devices: DeviceReport[];
  routes: RouteReport[];
  breakers: BreakerReport;
  /** Per request stream: requests issued, skipped (source down), settled by the end (the rest were in flight). */
  workload: { id: string; issued: number; skipped: number; settled: number; rate: number }[];
  messaging: MessagingReport;
  sagas: SagaReport;
  network: {
    sent: number;
    delivered: number;
    dropped: number;
    droppedLoss: number;
    droppedPartition: number;
    droppedCrashed: number;
    duplicated: number;
    inFlight: number;
  };
  membership: {
    /** Membership changes seen, per new state. */
    transitions: Record<string, number>;
    /** Every running device sees every other running device alive and all their services. */
    converged: boolean;
  };
  tracing: { spans: number; kept: number; evicted: number };
  expectations: ExpectationResult[];
  /** Every expectation held. */
  passed: boolean;
}
