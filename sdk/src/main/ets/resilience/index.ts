// The public names of the resilience module (listed by hand: no `export *` inside modules).
export type { Policy, PolicyTask } from './Policy';
export { runPolicyTask } from './Policy';
export { PolicyContext } from './PolicyContext';
export type { PolicyContextInit } from './PolicyContext';
export { PolicyChain, wrap } from './PolicyChain';
export { NoopPolicy } from './NoopPolicy';
export { DeadlineScheduler, DeadlineEntry } from './DeadlineScheduler';
export { TimeoutPolicy, TimeoutStrategy, DEFAULT_TIMEOUT_STRATEGY, DEFAULT_TIMEOUT_NAME } from './TimeoutPolicy';
export type { TimeoutOptions, TimeoutEvent } from './TimeoutPolicy';
export { RetryPolicy, RetryGiveUpReason, DEFAULT_RETRY_MAX_ATTEMPTS, DEFAULT_RETRY_NAME } from './RetryPolicy';
export type { RetryOptions, RetryEvent, RetryGiveUpEvent, RetryPredicate } from './RetryPolicy';
export {
  RetryBudget, DEFAULT_RETRY_RATIO, DEFAULT_MIN_RETRIES_PER_SECOND, DEFAULT_RETRY_BUDGET_TTL_MS
} from './RetryBudget';
export type { RetryBudgetOptions } from './RetryBudget';
export {
  BulkheadPolicy, DEFAULT_BULKHEAD_MAX_CONCURRENT, DEFAULT_BULKHEAD_MAX_QUEUE, DEFAULT_BULKHEAD_NAME
} from './BulkheadPolicy';
export type { BulkheadOptions, BulkheadRejection, BulkheadMetrics } from './BulkheadPolicy';
export { FallbackPolicy } from './FallbackPolicy';
export type { FallbackOptions, FallbackHandler, FallbackEvent } from './FallbackPolicy';
export { CircuitState, TransitionReason } from './CircuitState';
export { CircuitBreaker, NO_PERMIT, UNTRACKED_PERMIT } from './CircuitBreaker';
export {
  BreakerWindowType, ResolvedBreakerSettings, breakerOptions, DEFAULT_BREAKER_NAME, DEFAULT_BREAKER_WINDOW,
  DEFAULT_CONSECUTIVE_FAILURES, DEFAULT_OPEN_DURATION_MS, DEFAULT_MAX_OPEN_DURATION_MS, DEFAULT_HALF_OPEN_MAX_CALLS,
  DEFAULT_IGNORE_ERROR
} from './CircuitBreakerOptions';
export type {
  CircuitBreakerSettings, CircuitBreakerOptions, ErrorPredicate, ResultPredicate
} from './CircuitBreakerOptions';
export { BreakerOutcome } from './CircuitBreakerTypes';
export type {
  BreakerStateChange, BreakerRejection, BreakerCallResult, CircuitBreakerMetrics, CircuitBreakerSnapshot
} from './CircuitBreakerTypes';
export { CircuitBreakerRegistry, DEFAULT_MAX_BREAKERS } from './CircuitBreakerRegistry';
export type { CircuitBreakerRegistryOptions, BreakerSettingsResolver } from './CircuitBreakerRegistry';
export type { Breaker, BreakerWindow } from './breakers/Breaker';
export { ConsecutiveBreaker } from './breakers/ConsecutiveBreaker';
export {
  CountBreaker, DEFAULT_COUNT_WINDOW_SIZE, DEFAULT_MINIMUM_NUMBER_OF_CALLS, DEFAULT_FAILURE_RATE_THRESHOLD,
  DEFAULT_SLOW_CALL_RATE_THRESHOLD
} from './breakers/CountBreaker';
export type { CountBreakerOptions } from './breakers/CountBreaker';
export { TimeWindowBreaker, DEFAULT_TIME_WINDOW_MS, DEFAULT_TIME_WINDOW_BUCKETS } from './breakers/TimeWindowBreaker';
export type { TimeWindowBreakerOptions } from './breakers/TimeWindowBreaker';
export { RateThresholds } from './breakers/RateThresholds';
export type { Backoff } from './backoff/Backoff';
export { ConstantBackoff } from './backoff/ConstantBackoff';
export {
  ExponentialBackoff, BackoffJitter, DEFAULT_BACKOFF_INITIAL_DELAY_MS, DEFAULT_BACKOFF_MULTIPLIER, DEFAULT_BACKOFF_MAX_DELAY_MS
} from './backoff/ExponentialBackoff';
export type { ExponentialBackoffOptions } from './backoff/ExponentialBackoff';
export { DecorrelatedJitterBackoff } from './backoff/DecorrelatedJitterBackoff';
export type { DecorrelatedJitterBackoffOptions } from './backoff/DecorrelatedJitterBackoff';
export { BreakerOpenError } from './errors/BreakerOpenError';
export { BulkheadFullError } from './errors/BulkheadFullError';
export { isTransientError, errorCodeIn, errorCodeNotIn, NON_TRANSIENT_CODES } from './errorFilters';
export {
  policyInterceptor, meshPolicyInterceptor, meshRequestContext, meshRequestForContext, isServerErrorResponse,
  isRetryableResponse
} from './PolicyInterceptor';
export type { ResilienceInterceptor, ResilienceNext, PolicyInterceptorOptions } from './PolicyInterceptor';
export {
  CallResilience, DEFAULT_CALL_TIMEOUT_MS, DEFAULT_CALL_ATTEMPT_TIMEOUT_MS, DEFAULT_CALL_MAX_ATTEMPTS,
  DEFAULT_INSTANCE_BREAKER
} from './CallResilience';
export type { ResilienceProfile, CallResilienceOptions } from './CallResilience';
