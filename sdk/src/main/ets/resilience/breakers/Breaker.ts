import { JsonObject } from '../../core/json/JsonValue';
import { TransitionReason } from '../CircuitState';

/** What a {@link Breaker} has recorded since its last reset. */
export interface BreakerWindow {
  /** Calls in the window. */
  calls: number;
  /** Failed calls in the window. */
  failures: number;
  /** Slow calls (failed or not) in the window. */
  slowCalls: number;
  /** Failures since the last success (or reset). */
  consecutiveFailures: number;
}

/**
 * The trip strategy of a circuit breaker: it records the outcomes of calls made while the circuit
 * is closed and says when the circuit should open. The breaker resets it on every state change.
 * Built-in: {@link ConsecutiveBreaker}, {@link CountBreaker} (last N calls) and
 * {@link TimeWindowBreaker} (last T ms); implement this interface for another policy.
 */
export interface Breaker {
  /** True when `record` and `window` need the current time (the breaker then reads its clock). */
  readonly usesTime: boolean;
  /**
   * Records one call: `failed` as classified by the breaker's `isFailure`, `slow` when it took
   * longer than the slow-call threshold. Returns why the circuit should open, or undefined.
   */
  record(failed: boolean, slow: boolean, now: number): TransitionReason | undefined;
  /** Forgets every recorded call. */
  reset(now: number): void;
  /** Counts of the current window at `now`. */
  window(now: number): BreakerWindow;
  /** JSON-safe state, for {@link Breaker.restore}. */
  snapshot(): JsonObject;
  /** Restores a snapshot of the same kind of breaker; throws InvalidArgumentError when malformed. */
  restore(snapshot: JsonObject, now: number): void;
}
