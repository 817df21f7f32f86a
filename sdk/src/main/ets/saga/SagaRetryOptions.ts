import { ErrorCode } from '../core/errors/ErrorCode';
import { MeshError } from '../core/errors/MeshError';
import { Backoff } from '../resilience/backoff/Backoff';
import { isTransientError } from '../resilience/errorFilters';
import { RetryPredicate } from '../resilience/RetryPolicy';

/** How a step (or its compensation) is retried; every field optional. */
export interface SagaRetryOptions {
  /**
   * Attempts in total, the first included (integer >= 1). Defaults:
   * {@link DEFAULT_SAGA_STEP_MAX_ATTEMPTS} for compensable steps and the pivot,
   * {@link DEFAULT_SAGA_RETRIABLE_MAX_ATTEMPTS} for steps after the pivot,
   * {@link DEFAULT_SAGA_COMPENSATION_MAX_ATTEMPTS} for compensations.
   */
  maxAttempts?: number;
  /**
   * Delay before each retry. Default: exponential from {@link DEFAULT_SAGA_RETRY_INITIAL_DELAY_MS}
   * (steps) or {@link DEFAULT_SAGA_COMPENSATION_INITIAL_DELAY_MS} (compensations), doubling, capped
   * at {@link DEFAULT_SAGA_RETRY_MAX_DELAY_MS}, with equal jitter from the orchestrator's Random.
   */
  backoff?: Backoff;
  /** Which errors are retried. Default: {@link isSagaStepRetryable} for steps, every error for compensations. */
  retryOn?: RetryPredicate;
}

/** Attempts of a compensable step or the pivot: 3. */
export const DEFAULT_SAGA_STEP_MAX_ATTEMPTS = 3;
/** Attempts of a step after the commit point before the saga is STUCK: 10. */
export const DEFAULT_SAGA_RETRIABLE_MAX_ATTEMPTS = 10;
/** Attempts of a compensation before the saga is STUCK: 10. */
export const DEFAULT_SAGA_COMPENSATION_MAX_ATTEMPTS = 10;
/** First retry delay of a step: 100 ms. */
export const DEFAULT_SAGA_RETRY_INITIAL_DELAY_MS = 100;
/** First retry delay of a compensation: 200 ms. */
export const DEFAULT_SAGA_COMPENSATION_INITIAL_DELAY_MS = 200;
/** Cap of the default retry delays: 10 s. */
export const DEFAULT_SAGA_RETRY_MAX_DELAY_MS = 10000;
/** Time limit of one attempt of a step or compensation without `timeoutMs`: 30 s. */
export const DEFAULT_SAGA_STEP_TIMEOUT_MS = 30000;

/** Codes a step is never retried on: refusals, bad input, the saga's own cancellation. */
const NOT_RETRIED: Set<string> = new Set<string>([
  ErrorCode.SAGA_STEP_REJECTED, ErrorCode.SAGA_CANCELLED, ErrorCode.SAGA_DEFINITION, ErrorCode.SAGA_INVALID_STATE
]);

/**
 * The default retry predicate of steps: resilience's {@link isTransientError} (everything but
 * bad input, refused authorisation, cancellation, ...) minus refusals by a participant
 * (`ERR_SAGA_STEP_REJECTED`, e.g. a 4xx answer) and the saga's own errors.
 */
export const isSagaStepRetryable: RetryPredicate = (error: Error, attempt: number): boolean =>
  isTransientError(error) && !(error instanceof MeshError && NOT_RETRIED.has(error.code));

/** The default retry predicate of compensations: every error (a compensation must eventually succeed). */
export const retryEveryError: RetryPredicate = (error: Error, attempt: number): boolean => true;
