/**
 * The states of a {@link CircuitBreaker}.
 *
 * - CLOSED: calls run; outcomes are recorded and may trip the breaker.
 * - OPEN: calls are rejected with `ERR_BREAKER_OPEN` until the open duration has passed.
 * - HALF_OPEN: a limited number of trial calls run; enough successes close the circuit, a
 *   failure reopens it.
 * - FORCED_OPEN: held open by hand (`isolate()`); every call is rejected until released.
 * - DISABLED: every call runs and nothing is recorded (`disable()`).
 */
export enum CircuitState {
  CLOSED = 'closed',
  OPEN = 'open',
  HALF_OPEN = 'half-open',
  FORCED_OPEN = 'forced-open',
  DISABLED = 'disabled'
}

/** Why a breaker changed state (carried by state-change events). */
export enum TransitionReason {
  /** The failure rate of the window reached its threshold. */
  FAILURE_RATE = 'failure-rate',
  /** The slow-call rate of the window reached its threshold. */
  SLOW_CALL_RATE = 'slow-call-rate',
  /** Enough consecutive failures. */
  CONSECUTIVE_FAILURES = 'consecutive-failures',
  /** The open duration elapsed (OPEN to HALF_OPEN). */
  OPEN_ELAPSED = 'open-elapsed',
  /** A half-open trial call failed or was slow. */
  TRIAL_FAILED = 'trial-failed',
  /** Enough half-open trial calls succeeded. */
  TRIAL_SUCCEEDED = 'trial-succeeded',
  /** `trip()` was called. */
  MANUAL_TRIP = 'manual-trip',
  /** `isolate()` was called. */
  ISOLATED = 'isolated',
  /** The last isolation handle was released. */
  RELEASED = 'released',
  /** `reset()` was called. */
  RESET = 'reset',
  /** `disable()` was called. */
  DISABLED = 'disabled',
  /** State came from a snapshot (`restore()`). */
  RESTORED = 'restored'
}
