import { PolicyContext } from './PolicyContext';

/**
 * The operation a policy runs: an async function that receives the {@link PolicyContext} of its
 * attempt (attempt number, deadline, cancellation token, attributes) and should honour its token.
 */
export type PolicyTask<T> = (context: PolicyContext) => Promise<T>;

/**
 * One resilience policy (timeout, retry, circuit breaker, bulkhead, or a chain of them). A policy
 * runs `task` under its rules and resolves or rejects with the task's outcome, or rejects with its
 * own coded error (`ERR_TIMEOUT`, `ERR_BREAKER_OPEN`, `ERR_BULKHEAD_FULL`). Policies never throw
 * synchronously: a task that throws before returning its promise is treated as a rejection.
 *
 * `context` defaults to a fresh root context (attempt 1, no deadline, never cancelled).
 */
export interface Policy {
  execute<T>(task: PolicyTask<T>, context?: PolicyContext): Promise<T>;
}

/**
 * Calls `task(context)`, turning a synchronous throw into a rejected promise (policies never
 * throw synchronously).
 */
export function runPolicyTask<T>(task: PolicyTask<T>, context: PolicyContext): Promise<T> {
  try {
    return task(context);
  } catch (e) {
    return Promise.reject(e);
  }
}
