import { ErrorCode } from '../core/errors/ErrorCode';
import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { MeshError } from '../core/errors/MeshError';
import { Clock } from '../platform/Clock';
import { Breaker } from './breakers/Breaker';
import { ConsecutiveBreaker } from './breakers/ConsecutiveBreaker';
import {
  CountBreaker, DEFAULT_COUNT_WINDOW_SIZE, DEFAULT_FAILURE_RATE_THRESHOLD, DEFAULT_MINIMUM_NUMBER_OF_CALLS,
  DEFAULT_SLOW_CALL_RATE_THRESHOLD
} from './breakers/CountBreaker';
import { DEFAULT_TIME_WINDOW_BUCKETS, DEFAULT_TIME_WINDOW_MS, TimeWindowBreaker } from './breakers/TimeWindowBreaker';
import { BreakerOutcome, CircuitBreakerSnapshot } from './CircuitBreakerTypes';

/** Which built-in trip strategy a breaker uses. */
export enum BreakerWindowType {
  /** {@link ConsecutiveBreaker}: `consecutiveFailures` failures in a row. */
  CONSECUTIVE = 'consecutive',
  /** {@link CountBreaker}: failure or slow-call rate over the last `windowSize` calls. */
  COUNT = 'count',
  /** {@link TimeWindowBreaker}: failure or slow-call rate over the last `windowMs`. */
  TIME = 'time'
}

/** Classifies an error a task rejected with. */
export type ErrorPredicate = (error: Error) => boolean;
/** Classifies a value a task resolved with (e.g. a 5xx MeshResponse). */
export type ResultPredicate = (result: Object | null | undefined) => boolean;

/**
 * Tuning of a circuit breaker; every field is optional (defaults in the `DEFAULT_*` constants).
 * Shared by {@link CircuitBreakerOptions} and the per-key settings of a {@link CircuitBreakerRegistry}.
 */
export interface CircuitBreakerSettings {
  /** Trip strategy. Default {@link DEFAULT_BREAKER_WINDOW} (consecutive). Ignored when `breaker` is set. */
  window?: BreakerWindowType;
  /** CONSECUTIVE: failures in a row that open the circuit. Default {@link DEFAULT_CONSECUTIVE_FAILURES}. */
  consecutiveFailures?: number;
  /** COUNT: calls in the window. Default {@link DEFAULT_COUNT_WINDOW_SIZE}. */
  windowSize?: number;
  /** TIME: window length in ms. Default {@link DEFAULT_TIME_WINDOW_MS}. */
  windowMs?: number;
  /** TIME: buckets of the window. Default {@link DEFAULT_TIME_WINDOW_BUCKETS}. */
  windowBuckets?: number;
  /** COUNT/TIME: calls needed before rates count. Default {@link DEFAULT_MINIMUM_NUMBER_OF_CALLS} (capped at windowSize). */
  minimumNumberOfCalls?: number;
  /** COUNT/TIME: failure rate in (0, 1] that opens. Default {@link DEFAULT_FAILURE_RATE_THRESHOLD}. */
  failureRateThreshold?: number;
  /** COUNT/TIME: slow-call rate in (0, 1] that opens. Default {@link DEFAULT_SLOW_CALL_RATE_THRESHOLD}. */
  slowCallRateThreshold?: number;
  /** A call taking longer than this (ms) is slow. Default `Infinity` (slow calls not tracked). */
  slowCallDurationMs?: number;
  /** Time the circuit stays open before a trial, in ms. Default {@link DEFAULT_OPEN_DURATION_MS}. */
  openDurationMs?: number;
  /** Each reopen without a close in between multiplies the open duration by this (>= 1). Default 1. */
  openDurationMultiplier?: number;
  /** Cap of the growing open duration, in ms. Default {@link DEFAULT_MAX_OPEN_DURATION_MS}. */
  maxOpenDurationMs?: number;
  /** Trial calls admitted in HALF_OPEN. Default {@link DEFAULT_HALF_OPEN_MAX_CALLS}. */
  halfOpenMaxCalls?: number;
  /** Successful trials that close the circuit (<= halfOpenMaxCalls). Default 1. */
  halfOpenSuccessThreshold?: number;
  /** Which rejections count as failures (others count as successes). Default: every error. */
  isFailure?: ErrorPredicate;
  /** Which resolved values count as failures (e.g. 5xx responses). Default: none. */
  isFailureResult?: ResultPredicate;
  /** Errors that count as neither (the trial permit is released). Default {@link DEFAULT_IGNORE_ERROR}. */
  ignoreError?: ErrorPredicate;
  /** A custom trip strategy, built once per breaker. Overrides `window` and its fields. */
  breaker?: () => Breaker;
}

/** Options of a {@link CircuitBreaker}: its settings plus the clock, a name and a saved state. */
export interface CircuitBreakerOptions extends CircuitBreakerSettings {
  /** The time source. Required. */
  clock: Clock;
  /** Name in errors, events and metrics. Default {@link DEFAULT_BREAKER_NAME}. */
  name?: string;
  /** A state saved with `snapshot()` to start from (survives restarts). */
  initialState?: CircuitBreakerSnapshot;
}

/** Default breaker name. */
export const DEFAULT_BREAKER_NAME = 'breaker';
/** Default trip strategy. */
export const DEFAULT_BREAKER_WINDOW: BreakerWindowType = BreakerWindowType.CONSECUTIVE;
/** Default consecutive failures that open the circuit. */
export const DEFAULT_CONSECUTIVE_FAILURES = 5;
/** Default open duration: 10 s. */
export const DEFAULT_OPEN_DURATION_MS = 10000;
/** Default cap of a growing open duration: 5 min. */
export const DEFAULT_MAX_OPEN_DURATION_MS = 300000;
/** Default trial calls in HALF_OPEN. */
export const DEFAULT_HALF_OPEN_MAX_CALLS = 1;
/** Default: a call cancelled by its own caller (`ERR_CANCELLED`) says nothing about the upstream. */
export const DEFAULT_IGNORE_ERROR: ErrorPredicate = (error: Error): boolean =>
  MeshError.hasCode(error, ErrorCode.CANCELLED);

const ALWAYS: ErrorPredicate = (error: Error): boolean => true;

/** Settings with every default filled in and validated (the breaker's internal form). */
export class ResolvedBreakerSettings {
  readonly slowCallDurationMs: number;
  readonly openDurationMs: number;
  readonly openDurationMultiplier: number;
  readonly maxOpenDurationMs: number;
  readonly halfOpenMaxCalls: number;
  readonly halfOpenSuccessThreshold: number;
  readonly isFailure: ErrorPredicate;
  readonly isFailureResult: ResultPredicate | undefined;
  readonly ignoreError: ErrorPredicate;
  readonly createBreaker: () => Breaker;

  constructor(s: CircuitBreakerSettings) {
    this.slowCallDurationMs = s.slowCallDurationMs ?? Number.POSITIVE_INFINITY;
    if (Number.isNaN(this.slowCallDurationMs) || this.slowCallDurationMs < 0) {
      throw new InvalidArgumentError('options.slowCallDurationMs', 'must be a number >= 0');
    }
    this.openDurationMs = positive('options.openDurationMs', s.openDurationMs ?? DEFAULT_OPEN_DURATION_MS);
    this.openDurationMultiplier = s.openDurationMultiplier ?? 1;
    if (!Number.isFinite(this.openDurationMultiplier) || this.openDurationMultiplier < 1) {
      throw new InvalidArgumentError('options.openDurationMultiplier', 'must be a finite number >= 1');
    }
    this.maxOpenDurationMs = positive('options.maxOpenDurationMs',
      s.maxOpenDurationMs ?? Math.max(DEFAULT_MAX_OPEN_DURATION_MS, this.openDurationMs));
    if (this.maxOpenDurationMs < this.openDurationMs) {
      throw new InvalidArgumentError('options.maxOpenDurationMs', 'must be >= openDurationMs');
    }
    this.halfOpenMaxCalls = s.halfOpenMaxCalls ?? DEFAULT_HALF_OPEN_MAX_CALLS;
    if (!Number.isInteger(this.halfOpenMaxCalls) || this.halfOpenMaxCalls < 1) {
      throw new InvalidArgumentError('options.halfOpenMaxCalls', 'must be an integer >= 1');
    }
    this.halfOpenSuccessThreshold = s.halfOpenSuccessThreshold ?? 1;
    if (!Number.isInteger(this.halfOpenSuccessThreshold) || this.halfOpenSuccessThreshold < 1 ||
      this.halfOpenSuccessThreshold > this.halfOpenMaxCalls) {
      throw new InvalidArgumentError('options.halfOpenSuccessThreshold', 'must be an integer in [1, halfOpenMaxCalls]');
    }
    this.isFailure = s.isFailure ?? ALWAYS;
    this.isFailureResult = s.isFailureResult;
    this.ignoreError = s.ignoreError ?? DEFAULT_IGNORE_ERROR;
    this.createBreaker = ResolvedBreakerSettings.strategy(s);
    // Build one now so that bad window options fail at construction, not at the first call.
    this.createBreaker();
  }

  /** How a resolved value counts (`isFailureResult`); a throwing predicate counts as a failure. */
  classifyValue(value: Object | null | undefined): BreakerOutcome {
    const predicate = this.isFailureResult;
    if (predicate === undefined) {
      return BreakerOutcome.SUCCESS;
    }
    try {
      return predicate(value) ? BreakerOutcome.FAILURE : BreakerOutcome.SUCCESS;
    } catch (e) {
      return BreakerOutcome.FAILURE;
    }
  }

  /** How an error counts (`ignoreError`, then `isFailure`); a throwing predicate counts as a failure. */
  classifyError(error: Error): BreakerOutcome {
    try {
      if (this.ignoreError(error)) {
        return BreakerOutcome.IGNORED;
      }
      return this.isFailure(error) ? BreakerOutcome.FAILURE : BreakerOutcome.SUCCESS;
    } catch (e) {
      // A throwing predicate is the predicate's bug: the call still counts, as a failure.
      return BreakerOutcome.FAILURE;
    }
  }

  /** The open duration of the `openCount`-th consecutive opening (1 for the first). */
  openDuration(openCount: number): number {
    if (this.openDurationMultiplier === 1 || openCount <= 1) {
      return this.openDurationMs;
    }
    const grown = this.openDurationMs * Math.pow(this.openDurationMultiplier, openCount - 1);
    return grown < this.maxOpenDurationMs ? grown : this.maxOpenDurationMs;
  }

  private static strategy(s: CircuitBreakerSettings): () => Breaker {
    const custom = s.breaker;
    if (custom !== undefined) {
      return custom;
    }
    const window = s.window ?? DEFAULT_BREAKER_WINDOW;
    switch (window) {
      case BreakerWindowType.CONSECUTIVE: {
        const threshold = s.consecutiveFailures ?? DEFAULT_CONSECUTIVE_FAILURES;
        return (): Breaker => new ConsecutiveBreaker(threshold);
      }
      case BreakerWindowType.COUNT: {
        const size = s.windowSize ?? DEFAULT_COUNT_WINDOW_SIZE;
        const min = s.minimumNumberOfCalls ?? Math.min(size, DEFAULT_MINIMUM_NUMBER_OF_CALLS);
        const failureRate = s.failureRateThreshold ?? DEFAULT_FAILURE_RATE_THRESHOLD;
        const slowRate = s.slowCallRateThreshold ?? DEFAULT_SLOW_CALL_RATE_THRESHOLD;
        return (): Breaker => new CountBreaker({
          windowSize: size, minimumNumberOfCalls: min, failureRateThreshold: failureRate, slowCallRateThreshold: slowRate
        });
      }
      case BreakerWindowType.TIME: {
        const windowMs = s.windowMs ?? DEFAULT_TIME_WINDOW_MS;
        const buckets = s.windowBuckets ?? DEFAULT_TIME_WINDOW_BUCKETS;
        const min = s.minimumNumberOfCalls ?? DEFAULT_MINIMUM_NUMBER_OF_CALLS;
        const failureRate = s.failureRateThreshold ?? DEFAULT_FAILURE_RATE_THRESHOLD;
        const slowRate = s.slowCallRateThreshold ?? DEFAULT_SLOW_CALL_RATE_THRESHOLD;
        return (): Breaker => new TimeWindowBreaker({
          windowMs: windowMs, windowBuckets: buckets, minimumNumberOfCalls: min, failureRateThreshold: failureRate,
          slowCallRateThreshold: slowRate
        });
      }
      default:
        throw new InvalidArgumentError('options.window', `unknown window type '${String(window)}'`);
    }
  }
}

const positive = (field: string, value: number): number => {
  if (!Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(field, 'must be a finite number > 0');
  }
  return value;
};

/** Copies `settings` into breaker options with the given clock and name (no spread in ArkTS). */
export function breakerOptions(settings: CircuitBreakerSettings, clock: Clock, name: string): CircuitBreakerOptions {
  const o: CircuitBreakerOptions = {
    clock: clock,
    name: name,
    window: settings.window,
    consecutiveFailures: settings.consecutiveFailures,
    windowSize: settings.windowSize,
    windowMs: settings.windowMs,
    windowBuckets: settings.windowBuckets,
    minimumNumberOfCalls: settings.minimumNumberOfCalls,
    failureRateThreshold: settings.failureRateThreshold,
    slowCallRateThreshold: settings.slowCallRateThreshold,
    slowCallDurationMs: settings.slowCallDurationMs,
    openDurationMs: settings.openDurationMs,
    openDurationMultiplier: settings.openDurationMultiplier,
    maxOpenDurationMs: settings.maxOpenDurationMs,
    halfOpenMaxCalls: settings.halfOpenMaxCalls,
    halfOpenSuccessThreshold: settings.halfOpenSuccessThreshold,
    isFailure: settings.isFailure,
    isFailureResult: settings.isFailureResult,
    ignoreError: settings.ignoreError,
    breaker: settings.breaker
  };
  return o;
}
