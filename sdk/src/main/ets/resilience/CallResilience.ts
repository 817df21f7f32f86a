import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { Clock } from '../platform/Clock';
import { Random } from '../platform/Random';
import { MeshRequest } from '../transport/MeshRequest';
import { MeshResponse } from '../transport/MeshResponse';
import { Backoff } from './backoff/Backoff';
import { ExponentialBackoff, BackoffJitter } from './backoff/ExponentialBackoff';
import { BulkheadPolicy } from './BulkheadPolicy';
import { BreakerWindowType, CircuitBreakerSettings } from './CircuitBreakerOptions';
import { CircuitBreakerRegistry } from './CircuitBreakerRegistry';
import { Policy } from './Policy';
import { PolicyChain } from './PolicyChain';
import { PolicyContext } from './PolicyContext';
import { ResilienceInterceptor, ResilienceNext, isIdempotentMethod, isRetryableResponse, isServerErrorResponse, meshPolicyInterceptor } from './PolicyInterceptor';
import { RetryBudget } from './RetryBudget';
import { RetryPolicy } from './RetryPolicy';
import { TimeoutPolicy } from './TimeoutPolicy';

/**
 * Resilience of one route or service. Every field is optional; `DEFAULT_CALL_*` are the defaults.
 */
export interface ResilienceProfile {
  /** Time limit of the whole call, retries and waits included, in ms. Default {@link DEFAULT_CALL_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Time limit of each attempt, in ms (at most timeoutMs). Default {@link DEFAULT_CALL_ATTEMPT_TIMEOUT_MS}. */
  attemptTimeoutMs?: number;
  /** Attempts for idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE). Default {@link DEFAULT_CALL_MAX_ATTEMPTS}. */
  maxAttempts?: number;
  /** Retry non-idempotent methods (POST, PATCH) too. Default false: they get one attempt. */
  retryNonIdempotent?: boolean;
  /** Delay between attempts. Default: exponential 50 ms doubling to 1 s, full jitter when a Random is given. */
  backoff?: Backoff;
  /** Concurrent attempts allowed on this route (a bulkhead). Default: unlimited. */
  maxConcurrent?: number;
  /** Attempts that may wait for a bulkhead slot. Default 0. */
  maxQueue?: number;
}

/** Options of {@link CallResilience}. */
export interface CallResilienceOptions {
  /** The time source. Required. */
  clock: Clock;
  /** Randomness for backoff jitter (SeededRandom in the simulator). Default: no jitter. */
  random?: Random;
  /** The per-upstream breakers, shared across routes. Default: a new registry with {@link DEFAULT_INSTANCE_BREAKER}. */
  breakers?: CircuitBreakerRegistry;
  /** The route's profile. Default: every DEFAULT_CALL_* value. */
  profile?: ResilienceProfile;
  /** Shared retry budget (Linkerd-style cap on retries). Default: none. */
  budget?: RetryBudget;
  /** Name prefix of the policies (in events). Default 'call'. */
  name?: string;
}

/** Default time limit of a call: 10 s. */
export const DEFAULT_CALL_TIMEOUT_MS = 10000;
/** Default time limit of one attempt: 3 s. */
export const DEFAULT_CALL_ATTEMPT_TIMEOUT_MS = 3000;
/** Default attempts for idempotent calls. */
export const DEFAULT_CALL_MAX_ATTEMPTS = 3;

/**
 * Default breaker of one instance: open after 5 consecutive failures (errors, timeouts, 5xx),
 * for 5 s doubling on every failed trial up to 60 s; one trial call.
 */
export const DEFAULT_INSTANCE_BREAKER: CircuitBreakerSettings = {
  window: BreakerWindowType.CONSECUTIVE,
  consecutiveFailures: 5,
  openDurationMs: 5000,
  openDurationMultiplier: 2,
  maxOpenDurationMs: 60000,
  halfOpenMaxCalls: 1,
  isFailureResult: isServerErrorResponse
};

/**
 * The policies of `MeshNode.call` and the gateway for one route, in the documented order:
 *
 *     call:    timeout(timeoutMs) -> retry(maxAttempts, backoff; 502/503/504 and transient errors)
 *     attempt: breaker(per instance, from the registry) -> bulkhead -> timeout(attemptTimeoutMs)
 *
 * `callInterceptor()` belongs to `node.useCall` (each retry calls `next` again, which re-selects
 * an instance), `attemptInterceptor(keyOf)` to `node.useAttempt` (keyed by instance id). The
 * registry's `onStateChange` is the passive-health feed for the service registry.
 */
export class CallResilience {
  readonly breakers: CircuitBreakerRegistry;
  /** Overall timeout and retry, for idempotent requests. */
  readonly idempotentCall: Policy;
  /** Overall timeout only (one attempt), for other requests unless `retryNonIdempotent`. */
  readonly singleCall: Policy;
  /** Breaker (keyed by `context.key`), bulkhead, attempt timeout. */
  readonly attempt: Policy;
  readonly retry: RetryPolicy;

  constructor(options: CallResilienceOptions) {
    const clock = options.clock;
    if (clock === undefined || clock === null) {
      throw new InvalidArgumentError('options.clock', 'is required');
    }
    const p: ResilienceProfile = options.profile ?? {};
    const name = options.name ?? 'call';
    const timeoutMs = p.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const attemptMs = Math.min(p.attemptTimeoutMs ?? DEFAULT_CALL_ATTEMPT_TIMEOUT_MS, timeoutMs);
    const random = options.random;
    const backoff = p.backoff ?? new ExponentialBackoff({
      initialDelayMs: 50, maxDelayMs: 1000, jitter: random === undefined ? BackoffJitter.NONE : BackoffJitter.FULL, random: random
    });
    this.breakers = options.breakers ?? new CircuitBreakerRegistry({ clock: clock, defaults: DEFAULT_INSTANCE_BREAKER });
    const overall = new TimeoutPolicy({ clock: clock, timeoutMs: timeoutMs, name: `${name}.timeout` });
    this.retry = new RetryPolicy({
      clock: clock, maxAttempts: p.maxAttempts ?? DEFAULT_CALL_MAX_ATTEMPTS, backoff: backoff,
      retryOnResult: isRetryableResponse, budget: options.budget, name: `${name}.retry`
    });
    this.idempotentCall = new PolicyChain([overall, this.retry]);
    this.singleCall = p.retryNonIdempotent === true ? this.idempotentCall : overall;
    const attempt: Policy[] = [this.breakers];
    if (p.maxConcurrent !== undefined) {
      attempt.push(new BulkheadPolicy({
        clock: clock, maxConcurrent: p.maxConcurrent, maxQueue: p.maxQueue ?? 0, name: `${name}.bulkhead`
      }));
    }
    attempt.push(new TimeoutPolicy({ clock: clock, timeoutMs: attemptMs, name: `${name}.attempt-timeout` }));
    this.attempt = new PolicyChain(attempt);
  }

  /** The call-level policy for a request method. */
  callPolicyFor(method: string): Policy {
    return isIdempotentMethod(method) ? this.idempotentCall : this.singleCall;
  }

  /** For `node.useCall`: overall timeout and retries, per the request's method. */
  callInterceptor(): ResilienceInterceptor<MeshRequest, MeshResponse> {
    const idempotent = meshPolicyInterceptor(this.idempotentCall);
    const single = meshPolicyInterceptor(this.singleCall);
    return (request: MeshRequest, next: ResilienceNext<MeshRequest, MeshResponse>): Promise<MeshResponse> =>
      isIdempotentMethod(request.method) ? idempotent(request, next) : single(request, next);
  }

  /** For `node.useAttempt`: the breaker of `keyOf(request)` (an instance id), bulkhead, attempt timeout. */
  attemptInterceptor(keyOf: (request: MeshRequest) => string | undefined): ResilienceInterceptor<MeshRequest, MeshResponse> {
    return meshPolicyInterceptor(this.attempt, keyOf);
  }

  /** Runs one call for `key` with everything composed (for callers without interceptors). */
  execute(method: string, key: string, task: (context: PolicyContext) => Promise<MeshResponse>,
    context?: PolicyContext): Promise<MeshResponse> {
    const ctx = (context ?? PolicyContext.create()).withKey(key);
    return this.callPolicyFor(method).execute<MeshResponse>((c: PolicyContext): Promise<MeshResponse> =>
      this.attempt.execute<MeshResponse>(task, c), ctx);
  }
}
