import { Clock } from '../../platform/Clock';
import { Random } from '../../platform/Random';
import { BackoffJitter, ExponentialBackoff } from '../../resilience/backoff/ExponentialBackoff';
import { BulkheadPolicy } from '../../resilience/BulkheadPolicy';
import { DEFAULT_CALL_ATTEMPT_TIMEOUT_MS, DEFAULT_CALL_MAX_ATTEMPTS, DEFAULT_CALL_TIMEOUT_MS } from '../../resilience/CallResilience';
import { CircuitBreakerSettings } from '../../resilience/CircuitBreakerOptions';
import { isRetryableResponse } from '../../resilience/PolicyInterceptor';
import { RetryBudget } from '../../resilience/RetryBudget';
import { RetryPolicy } from '../../resilience/RetryPolicy';
import { isRetryableCallError, MeshResilienceProfile } from './ResiliencePluginOptions';

/** First backoff delay between attempts of a call (then doubling, full jitter). */
export const DEFAULT_MESH_BACKOFF_INITIAL_MS = 50;
/** Longest backoff delay between attempts of a call. */
export const DEFAULT_MESH_BACKOFF_MAX_MS = 1000;

/**
 * The resilience of one service (or one gateway route) on one node, compiled from its merged
 * profile: the timeouts as numbers (MeshNode enforces deadlines itself, so a timeout here only
 * tightens the call's or the attempt's deadline), CallResilience's retry policy (502/503/504 and
 * transient errors, backoff, budget), the bulkhead, and the per-instance breaker settings.
 */
export class ServiceResilience {
  /** The service (or `<route>` profile's service) these policies belong to. */
  readonly service: string;
  /** The gateway route id of a route profile, else undefined. */
  readonly route: string | undefined;
  readonly timeoutMs: number;
  readonly attemptTimeoutMs: number;
  /** Undefined when calls get a single attempt (`maxAttempts` 1). */
  readonly retry: RetryPolicy | undefined;
  readonly retryNonIdempotent: boolean;
  readonly bulkhead: BulkheadPolicy | undefined;
  /** False when the profile turns breakers off (`breaker: false`). */
  readonly breakerEnabled: boolean;
  /** The profile's own breaker settings; undefined: the registry's defaults. */
  readonly breaker: CircuitBreakerSettings | undefined;
  readonly budget: RetryBudget | undefined;

  constructor(service: string, route: string | undefined, p: MeshResilienceProfile, clock: Clock, random: Random) {
    this.service = service;
    this.route = route;
    const name = route === undefined ? service : `${service}@${route}`;
    this.timeoutMs = p.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.attemptTimeoutMs = Math.min(p.attemptTimeoutMs ?? DEFAULT_CALL_ATTEMPT_TIMEOUT_MS, this.timeoutMs);
    this.retryNonIdempotent = p.retryNonIdempotent === true;
    const budget = p.budget;
    this.budget = budget === false ? undefined : (budget ?? new RetryBudget({ clock: clock }));
    const attempts = p.maxAttempts ?? DEFAULT_CALL_MAX_ATTEMPTS;
    this.retry = attempts <= 1 ? undefined : new RetryPolicy({
      clock: clock, maxAttempts: attempts, retryOn: isRetryableCallError, retryOnResult: isRetryableResponse, budget: this.budget, name: `${name}.retry`,
      backoff: p.backoff ?? new ExponentialBackoff({
        initialDelayMs: DEFAULT_MESH_BACKOFF_INITIAL_MS, maxDelayMs: DEFAULT_MESH_BACKOFF_MAX_MS, jitter: BackoffJitter.FULL,
        random: random
      })
    });
    this.bulkhead = p.maxConcurrent === undefined ? undefined : new BulkheadPolicy({
      clock: clock, maxConcurrent: p.maxConcurrent, maxQueue: p.maxQueue ?? 0, name: `${name}.bulkhead`
    });
    const breaker = p.breaker;
    this.breakerEnabled = breaker !== false;
    this.breaker = breaker === false ? undefined : breaker;
  }
}
