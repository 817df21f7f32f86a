import { JsonObject } from '../core/json/JsonValue';
import { CircuitState, TransitionReason } from './CircuitState';

/** How a completed call was counted by a breaker. */
export enum BreakerOutcome {
  SUCCESS = 'success',
  FAILURE = 'failure',
  /** Neither (an ignored error, e.g. the caller's own cancellation). */
  IGNORED = 'ignored'
}

/** Emitted on every state change of a breaker. */
export interface BreakerStateChange {
  /** Breaker name (the registry key for registry breakers). */
  name: string;
  from: CircuitState;
  to: CircuitState;
  reason: TransitionReason;
  /** Clock time of the change. */
  at: number;
  /** When `to` is OPEN: the time from which a trial call is admitted; otherwise `Infinity`. */
  openUntil: number;
}

/** Emitted when a breaker rejects a call without running it. */
export interface BreakerRejection {
  name: string;
  /** The rejecting state: OPEN, HALF_OPEN (no trial permit left) or FORCED_OPEN. */
  state: CircuitState;
  at: number;
}

/** Emitted when a call a breaker admitted completes (only built when someone listens). */
export interface BreakerCallResult {
  name: string;
  outcome: BreakerOutcome;
  /** True when the call took longer than `slowCallDurationMs`. */
  slow: boolean;
  /** Duration in ms of Clock time. */
  durationMs: number;
  /** The error the call rejected with, if any. */
  error: Error | undefined;
  /** State after the outcome was recorded. */
  state: CircuitState;
  at: number;
}

/** A point-in-time view of a breaker, for dashboards and the simulator. */
export interface CircuitBreakerMetrics {
  name: string;
  state: CircuitState;
  /** Calls in the current window (since the last state change for CONSECUTIVE). */
  windowCalls: number;
  windowFailures: number;
  windowSlowCalls: number;
  /** `windowFailures / windowCalls`, 0 for an empty window. */
  failureRate: number;
  /** `windowSlowCalls / windowCalls`, 0 for an empty window. */
  slowCallRate: number;
  consecutiveFailures: number;
  /** Admitted calls still running. */
  inFlight: number;
  /** Completed calls since creation, by outcome. */
  totalSuccesses: number;
  totalFailures: number;
  totalIgnored: number;
  totalSlowCalls: number;
  /** Calls rejected without running since creation. */
  totalRejected: number;
  /** Clock time of the last state change (creation counts). */
  lastTransitionAt: number;
  /** OPEN: when a trial is admitted; otherwise `Infinity`. */
  openUntil: number;
  /** Openings since the circuit last closed (drives the open-duration growth). */
  openCount: number;
  /** HALF_OPEN: trial calls running and trial successes so far. */
  halfOpenInFlight: number;
  halfOpenSuccesses: number;
}

/**
 * A breaker's state as plain JSON (`JSON.stringify`-safe: `Infinity` is stored as `null`), saved
 * with `snapshot()` and given back through `restore()` or `options.initialState`, so a breaker
 * survives an app restart (cockatiel's `toJSON`/`initialState`).
 */
export interface CircuitBreakerSnapshot {
  /** Format version, currently 1. */
  version: number;
  /** A {@link CircuitState} value. */
  state: string;
  /** OPEN: when a trial is admitted; `null` otherwise. */
  openUntil: number | null;
  openCount: number;
  lastTransitionAt: number;
  /** The trip strategy's own state (only kept for CLOSED). */
  window: JsonObject;
}
