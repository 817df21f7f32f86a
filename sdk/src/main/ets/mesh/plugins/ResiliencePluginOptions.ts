import { ErrorCode } from '../../core/errors/ErrorCode';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { MeshError } from '../../core/errors/MeshError';
import { Random } from '../../platform/Random';
import { NoHealthyInstanceError } from '../../registry/errors/NoHealthyInstanceError';
import { ResilienceProfile } from '../../resilience/CallResilience';
import { BreakerWindowType, CircuitBreakerSettings } from '../../resilience/CircuitBreakerOptions';
import { CircuitBreakerRegistry } from '../../resilience/CircuitBreakerRegistry';
import { isTransientError } from '../../resilience/errorFilters';
import { isServerErrorResponse } from '../../resilience/PolicyInterceptor';
import { RetryBudget } from '../../resilience/RetryBudget';
import { isInstanceFailure } from '../internal/failures';

/**
 * Errors a call's retry policy retries: transient errors (`isTransientError`) and
 * `ERR_SERVICE_NOT_FOUND` (the chosen device stopped providing the instance: another one may
 * still serve the call), but not `ERR_NO_HEALTHY_INSTANCE` for a service this node knows no
 * instance of at all (that fails at once, as without the plugin).
 */
export const isRetryableCallError = (error: Error, attempt: number): boolean => {
  if (error instanceof NoHealthyInstanceError) {
    return error.known > 0;
  }
  return isTransientError(error) || (error instanceof MeshError && error.code === ErrorCode.SERVICE_NOT_FOUND);
};

/**
 * The per-instance breaker of the resilience plugin: CallResilience's `DEFAULT_INSTANCE_BREAKER`
 * (open after 5 consecutive failures for 5 s, doubling per failed trial up to 60 s, one trial
 * call, 5xx responses are failures) with the node's own notion of an instance failure (the one
 * passive health uses: timeouts, unreachable devices, transport closure, `ERR_INTERNAL`,
 * `ERR_UPSTREAM`, `ERR_SERVICE_NOT_FOUND`, non-MeshErrors), so a refusal such as `ERR_FORBIDDEN`
 * counts as an answer; the caller's cancellation and a full local bulkhead count as nothing.
 */
export const DEFAULT_MESH_INSTANCE_BREAKER: CircuitBreakerSettings = {
  window: BreakerWindowType.CONSECUTIVE,
  consecutiveFailures: 5,
  openDurationMs: 5000,
  openDurationMultiplier: 2,
  maxOpenDurationMs: 60000,
  halfOpenMaxCalls: 1,
  isFailureResult: isServerErrorResponse,
  isFailure: isInstanceFailure,
  ignoreError: (error: Error): boolean => error instanceof MeshError &&
    (error.code === ErrorCode.CANCELLED || error.code === ErrorCode.BULKHEAD_FULL)
};

/**
 * The resilience of one service or route on a MeshNode: CallResilience's profile (overall and
 * attempt timeouts, attempts for idempotent methods, backoff, bulkhead) plus the per-instance
 * breaker and the retry budget. Every field is optional; unset fields inherit (route, then
 * service, then the plugin's `profile`, then the defaults).
 */
export interface MeshResilienceProfile extends ResilienceProfile {
  /**
   * Breaker settings of each instance of the service, or `false` for no breaker.
   * Default {@link DEFAULT_MESH_INSTANCE_BREAKER} (5 consecutive failures, 5 s open doubling to 60 s).
   */
  breaker?: CircuitBreakerSettings | false;
  /**
   * Retry budget of the service's retries, or `false` for none. Default: one budget per service
   * (and per route with a profile of its own) with the RetryBudget defaults (20 % of requests plus
   * 10 retries/s over 10 s).
   */
  budget?: RetryBudget | false;
}

/** Options of the {@link ResiliencePlugin}. Every field is optional. */
export interface ResiliencePluginOptions {
  /** Profile of every service. Default: every default (see {@link MeshResilienceProfile}). */
  profile?: MeshResilienceProfile;
  /** Overrides per service name, field by field over `profile`. */
  services?: Record<string, MeshResilienceProfile>;
  /** Overrides per gateway route id, field by field over the service's. */
  routes?: Record<string, MeshResilienceProfile>;
  /**
   * The breaker registry (keys: instance ids; `gateway:<service>` for the gateway middleware). A
   * given registry's defaults apply to services whose profile names no breaker settings. One
   * registry shared by several nodes shares their breakers (and the passive health they feed).
   * Default: a new registry whose defaults are `profile.breaker` or {@link DEFAULT_MESH_INSTANCE_BREAKER}.
   */
  breakers?: CircuitBreakerRegistry;
  /** Randomness of backoff jitter. Default: the node's Random. */
  random?: Random;
  /**
   * Feed breaker states into this node's registry: an open breaker takes its instance out of
   * discovery (while another instance of the service stays usable) until the open time has
   * passed, half-open lets trials through, closed restores it. Default true.
   */
  passiveHealth?: boolean;
  /** Install an {@link UpstreamBreakerMiddleware} (a breaker per upstream service) on `node.gateway`. Default false. */
  gatewayBreaker?: boolean;
}

const checkPositive = (value: number | undefined, field: string): void => {
  if (value !== undefined && (typeof value !== 'number' || Number.isNaN(value) || value <= 0)) {
    throw new InvalidArgumentError(field, 'must be a number > 0');
  }
};

const checkCount = (value: number | undefined, field: string, min: number): void => {
  if (value !== undefined && (!Number.isInteger(value) || value < min)) {
    throw new InvalidArgumentError(field, `must be an integer >= ${min}`);
  }
};

/** Validates the numbers of a profile; throws InvalidArgumentError naming the field. */
export const checkResilienceProfile = (p: MeshResilienceProfile | undefined, field: string): void => {
  if (p === undefined) {
    return;
  }
  if (p === null || typeof p !== 'object') {
    throw new InvalidArgumentError(field, 'must be a resilience profile');
  }
  checkPositive(p.timeoutMs, `${field}.timeoutMs`);
  checkPositive(p.attemptTimeoutMs, `${field}.attemptTimeoutMs`);
  checkCount(p.maxAttempts, `${field}.maxAttempts`, 1);
  checkCount(p.maxConcurrent, `${field}.maxConcurrent`, 1);
  checkCount(p.maxQueue, `${field}.maxQueue`, 0);
};

/** `over`'s fields where set, else `base`'s (no spread in ArkTS: field by field). */
export const mergeResilienceProfiles = (base: MeshResilienceProfile, over: MeshResilienceProfile | undefined): MeshResilienceProfile => {
  if (over === undefined) {
    return base;
  }
  const merged: MeshResilienceProfile = {
    timeoutMs: over.timeoutMs ?? base.timeoutMs,
    attemptTimeoutMs: over.attemptTimeoutMs ?? base.attemptTimeoutMs,
    maxAttempts: over.maxAttempts ?? base.maxAttempts,
    retryNonIdempotent: over.retryNonIdempotent ?? base.retryNonIdempotent,
    backoff: over.backoff ?? base.backoff,
    maxConcurrent: over.maxConcurrent ?? base.maxConcurrent,
    maxQueue: over.maxQueue ?? base.maxQueue,
    breaker: over.breaker ?? base.breaker,
    budget: over.budget ?? base.budget
  };
  return merged;
};
