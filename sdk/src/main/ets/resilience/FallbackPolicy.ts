import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { Disposable } from '../core/events/Disposable';
import { EventEmitter, Listener } from '../core/events/EventEmitter';
import { ErrorPredicate } from './CircuitBreakerOptions';
import { Policy, PolicyTask, runPolicyTask } from './Policy';
import { PolicyContext } from './PolicyContext';

/** Produces the fallback for an error (sync value or promise). */
export type FallbackHandler<T> = (error: Error, context: PolicyContext) => Promise<T>;

/** Options of a {@link FallbackPolicy}. */
export interface FallbackOptions<T> {
  /** Produces the fallback. Required (use `FallbackPolicy.value` for a constant). */
  fallback: FallbackHandler<T>;
  /** Which errors fall back (others are rethrown). Default: every error. */
  handle?: ErrorPredicate;
  /** The policy whose failures fall back (it runs the task). Default: the task runs directly. */
  policy?: Policy;
}

/** Emitted when the fallback is used. */
export interface FallbackEvent {
  error: Error;
  attempt: number;
}

/**
 * Turns chosen failures into a fallback value. Typed by its result (`FallbackPolicy<MeshResponse>`),
 * so it is not a {@link Policy} itself: it goes outermost and wraps one (`options.policy`), e.g.
 * `new FallbackPolicy({ policy: wrap(timeout, retry, breaker), handle: errorCodeIn([...]), fallback })`.
 * A fallback that fails rejects with its own error.
 */
export class FallbackPolicy<T> {
  private readonly _fallback: FallbackHandler<T>;
  private readonly _handle: ErrorPredicate | undefined;
  private readonly _policy: Policy | undefined;
  private readonly _onFallback: EventEmitter<FallbackEvent> = new EventEmitter<FallbackEvent>();

  constructor(options: FallbackOptions<T>) {
    if (typeof options.fallback !== 'function') {
      throw new InvalidArgumentError('options.fallback', 'must be a function');
    }
    this._fallback = options.fallback;
    this._handle = options.handle;
    this._policy = options.policy;
  }

  /** A fallback to a constant value. */
  static value<V>(value: V, handle?: ErrorPredicate, policy?: Policy): FallbackPolicy<V> {
    return new FallbackPolicy<V>({
      fallback: (error: Error, context: PolicyContext): Promise<V> => Promise.resolve(value),
      handle: handle,
      policy: policy
    });
  }

  /** Subscribes to fallbacks. */
  onFallback(listener: Listener<FallbackEvent>): Disposable {
    return this._onFallback.on(listener);
  }

  execute(task: PolicyTask<T>, context?: PolicyContext): Promise<T> {
    const ctx = context ?? PolicyContext.create();
    const policy = this._policy;
    const pending = policy === undefined ? runPolicyTask(task, ctx) : policy.execute<T>(task, ctx);
    return pending.catch((error: Error): Promise<T> => {
      let handled = true;
      const handle = this._handle;
      if (handle !== undefined) {
        try {
          handled = handle(error);
        } catch (e) {
          handled = false;
        }
      }
      if (!handled) {
        return Promise.reject(error);
      }
      if (this._onFallback.size > 0) {
        const event: FallbackEvent = { error: error, attempt: ctx.attempt };
        this._onFallback.emit(event);
      }
      try {
        return this._fallback(error, ctx);
      } catch (e) {
        return Promise.reject(e);
      }
    });
  }
}
