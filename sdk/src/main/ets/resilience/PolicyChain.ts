import { Policy, PolicyTask, runPolicyTask } from './Policy';
import { PolicyContext } from './PolicyContext';

/**
 * Policies composed outermost first: `new PolicyChain([a, b, c]).execute(task)` runs
 * `a(b(c(task)))`, each policy passing its (possibly derived) context to the next.
 *
 * Recommended order for a remote call, and the one `MeshNode.call` and the gateway use:
 *
 *     wrap(overallTimeout, retry, breaker, bulkhead, attemptTimeout)
 *
 * - the overall timeout bounds everything, sleeps between retries included;
 * - retry sees every failure below it, including `ERR_BREAKER_OPEN` (when each attempt may go
 *   to another instance) and per-attempt timeouts;
 * - the breaker counts each attempt, and a per-attempt timeout inside it counts as a failure;
 * - the bulkhead bounds concurrent attempts only, not calls sleeping between retries.
 *
 * Fallback is typed by result, so it wraps a chain from outside (`FallbackPolicy.policy`).
 */
export class PolicyChain implements Policy {
  private readonly _policies: Policy[];

  constructor(policies: Policy[]) {
    const flat: Policy[] = [];
    for (const p of policies) {
      if (p instanceof PolicyChain) {
        for (const inner of p._policies) {
          flat.push(inner);
        }
      } else {
        flat.push(p);
      }
    }
    this._policies = flat;
  }

  /** The composed policies, outermost first. */
  get policies(): Policy[] {
    return this._policies.slice();
  }

  execute<T>(task: PolicyTask<T>, context?: PolicyContext): Promise<T> {
    return this.run<T>(0, task, context ?? PolicyContext.create());
  }

  private run<T>(index: number, task: PolicyTask<T>, context: PolicyContext): Promise<T> {
    if (index === this._policies.length) {
      return runPolicyTask(task, context);
    }
    if (index === this._policies.length - 1) {
      return this._policies[index].execute<T>(task, context);
    }
    return this._policies[index].execute<T>((c: PolicyContext): Promise<T> => this.run<T>(index + 1, task, c), context);
  }
}

/** Composes policies outermost first (nested chains are flattened). See {@link PolicyChain}. */
export function wrap(...policies: Policy[]): PolicyChain {
  return new PolicyChain(policies);
}
