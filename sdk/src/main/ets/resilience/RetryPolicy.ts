import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { Disposable } from '../core/events/Disposable';
import { EventEmitter, Listener } from '../core/events/EventEmitter';
import { Clock } from '../platform/Clock';
import { Backoff } from './backoff/Backoff';
import { ExponentialBackoff } from './backoff/ExponentialBackoff';
import { ErrorPredicate, ResultPredicate } from './CircuitBreakerOptions';
import { isTransientError } from './errorFilters';
import { sleep } from './internal/sleep';
import { Policy, PolicyTask, runPolicyTask } from './Policy';
import { PolicyContext } from './PolicyContext';
import { RetryBudget } from './RetryBudget';
import { TimeoutPolicy } from './TimeoutPolicy';

/** Decides whether a failed attempt is retried (`attempt` is the number of the attempt that failed). */
export type RetryPredicate = (error: Error, attempt: number) => boolean;

/** Options of a {@link RetryPolicy}. */
export interface RetryOptions {
  /** The time source (sleeps between attempts, deadlines). Required. */
  clock: Clock;
  /** Attempts in total, the first included (integer >= 1). Default {@link DEFAULT_RETRY_MAX_ATTEMPTS}. */
  maxAttempts?: number;
  /** Delay schedule. Default: `new ExponentialBackoff()` (100 ms doubling, capped at 10 s, no jitter). */
  backoff?: Backoff;
  /** Which errors are retried. Default {@link isTransientError}. */
  retryOn?: RetryPredicate;
  /** Which resolved values are retried (e.g. a 503 response); the last one is returned on give-up. Default: none. */
  retryOnResult?: ResultPredicate;
  /** Time limit of each attempt in ms (a TimeoutPolicy around every attempt). Default: none. */
  attemptTimeoutMs?: number;
  /** Time limit of all attempts and sleeps together in ms. Default: none (the caller's deadline still applies). */
  overallTimeoutMs?: number;
  /** Shared retry budget; each execution deposits, each retry withdraws. Default: none. */
  budget?: RetryBudget;
  /** Name in events. Default {@link DEFAULT_RETRY_NAME}. */
  name?: string;
}

/** Default attempts in total. */
export const DEFAULT_RETRY_MAX_ATTEMPTS = 3;
/** Default name of a RetryPolicy. */
export const DEFAULT_RETRY_NAME = 'retry';

/** Why a retry loop stopped without a successful attempt. */
export enum RetryGiveUpReason {
  /** `maxAttempts` attempts were made. */
  MAX_ATTEMPTS = 'max-attempts',
  /** The error was not retryable. */
  NOT_RETRYABLE = 'not-retryable',
  /** The next attempt would start after the deadline. */
  DEADLINE = 'deadline',
  /** The caller cancelled (or an enclosing timeout fired). */
  CANCELLED = 'cancelled',
  /** The retry budget was exhausted. */
  BUDGET = 'budget'
}

/** Emitted before each retry. */
export interface RetryEvent {
  name: string;
  /** The attempt that failed (the retry is attempt + 1). */
  attempt: number;
  /** The wait before the retry, in ms. */
  delayMs: number;
  /** Its error, or undefined when a result was retried. */
  error: Error | undefined;
  at: number;
}

/** Emitted when the loop stops without success. */
export interface RetryGiveUpEvent {
  name: string;
  /** Attempts made. */
  attempts: number;
  reason: RetryGiveUpReason;
  /** The last error, or undefined when the last result was returned. */
  error: Error | undefined;
  at: number;
}

/**
 * Runs a task again when it fails with a retryable error (or resolves with a retryable result),
 * up to `maxAttempts` attempts, sleeping a {@link Backoff} delay between them on the Clock.
 * Each attempt gets the context with its attempt number. It never sleeps past the deadline (the
 * caller's, or `overallTimeoutMs`): when the next attempt could not start in time, it gives up at
 * once. A cancelled token stops the loop, also during a sleep. On give-up the last error is
 * rethrown unchanged (or the last retried result returned), so callers see the upstream's code.
 *
 * @example
 * const retry = new RetryPolicy({ clock, maxAttempts: 4,
 *   backoff: new ExponentialBackoff({ initialDelayMs: 50, jitter: BackoffJitter.FULL, random }) });
 */
export class RetryPolicy implements Policy {
  readonly name: string;
  readonly maxAttempts: number;
  private readonly _clock: Clock;
  private readonly _backoff: Backoff;
  private readonly _retryOn: RetryPredicate;
  private readonly _retryOnResult: ResultPredicate | undefined;
  private readonly _attemptTimeout: TimeoutPolicy | undefined;
  private readonly _overallTimeout: TimeoutPolicy | undefined;
  private readonly _budget: RetryBudget | undefined;
  private readonly _onRetry: EventEmitter<RetryEvent> = new EventEmitter<RetryEvent>();
  private readonly _onGiveUp: EventEmitter<RetryGiveUpEvent> = new EventEmitter<RetryGiveUpEvent>();

  constructor(options: RetryOptions) {
    if (options.clock === undefined || options.clock === null) {
      throw new InvalidArgumentError('options.clock', 'is required');
    }
    this._clock = options.clock;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_RETRY_MAX_ATTEMPTS;
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) {
      throw new InvalidArgumentError('options.maxAttempts', 'must be an integer >= 1');
    }
    this.name = options.name ?? DEFAULT_RETRY_NAME;
    this._backoff = options.backoff ?? new ExponentialBackoff();
    const retryOn = options.retryOn;
    this._retryOn = retryOn !== undefined ? retryOn : (error: Error, attempt: number): boolean => isTransientError(error);
    this._retryOnResult = options.retryOnResult;
    this._budget = options.budget;
    const attemptMs = options.attemptTimeoutMs;
    this._attemptTimeout = attemptMs === undefined ? undefined
      : new TimeoutPolicy({ clock: this._clock, timeoutMs: attemptMs, name: `${this.name}.attempt` });
    const overallMs = options.overallTimeoutMs;
    this._overallTimeout = overallMs === undefined ? undefined
      : new TimeoutPolicy({ clock: this._clock, timeoutMs: overallMs, name: `${this.name}.overall` });
  }

  /** Subscribes to retries. */
  onRetry(listener: Listener<RetryEvent>): Disposable {
    return this._onRetry.on(listener);
  }

  /** Subscribes to give-ups. */
  onGiveUp(listener: Listener<RetryGiveUpEvent>): Disposable {
    return this._onGiveUp.on(listener);
  }

  execute<T>(task: PolicyTask<T>, context?: PolicyContext): Promise<T> {
    const ctx = context ?? PolicyContext.create();
    if (ctx.token.isCancelled) {
      return Promise.reject(ctx.token.reason);
    }
    const overall = this._overallTimeout;
    if (overall !== undefined) {
      return overall.execute<T>((c: PolicyContext): Promise<T> => this.start(task, c), ctx);
    }
    return this.start(task, ctx);
  }

  private start<T>(task: PolicyTask<T>, ctx: PolicyContext): Promise<T> {
    const budget = this._budget;
    if (budget !== undefined) {
      budget.deposit();
    }
    // Fast path: the first attempt needs no async frame; the loop starts only after a failure.
    const first = ctx.attempt === 1 ? ctx : ctx.withAttempt(1);
    const pending = this.attempt(task, first);
    const onResult = this._retryOnResult;
    if (onResult === undefined) {
      return pending.catch((error: Error): Promise<T> => this.loop(task, ctx, error, undefined, false));
    }
    return pending.then((value: T): Promise<T> | T => {
      return this.wantsRetry(onResult, value as Object) ? this.loop(task, ctx, undefined, value, true) : value;
    }, (error: Error): Promise<T> => this.loop(task, ctx, error, undefined, false));
  }

  private attempt<T>(task: PolicyTask<T>, ctx: PolicyContext): Promise<T> {
    const timeout = this._attemptTimeout;
    return timeout === undefined ? runPolicyTask(task, ctx) : timeout.execute<T>(task, ctx);
  }

  private wantsRetry(predicate: ResultPredicate, value: Object | null | undefined): boolean {
    try {
      return predicate(value);
    } catch (e) {
      return false;
    }
  }

  /** Retries after attempt 1 failed with `error` (or resolved with a retryable `value`). */
  private async loop<T>(task: PolicyTask<T>, ctx: PolicyContext, firstError: Error | undefined, firstValue: T | undefined,
    firstIsValue: boolean): Promise<T> {
    let error = firstError;
    let value = firstValue;
    let isValue = firstIsValue;
    let previousDelay = 0;
    for (let attempt = 1; ; attempt++) {
      const reason = this.stopReason(ctx, attempt, error, isValue);
      let delay = 0;
      if (reason === undefined) {
        delay = this.delayFor(attempt, previousDelay);
      }
      const stop = reason ?? this.deadlineOrBudget(ctx, delay);
      if (stop !== undefined) {
        this.giveUp(attempt, stop, isValue ? undefined : error);
        if (isValue) {
          return value as T;
        }
        throw error as Error;
      }
      if (this._onRetry.size > 0) {
        const event: RetryEvent = { name: this.name, attempt: attempt, delayMs: delay, error: isValue ? undefined : error, at: this._clock.now() };
        this._onRetry.emit(event);
      }
      previousDelay = delay;
      try {
        if (delay > 0) {
          await sleep(this._clock, delay, ctx.token);
        } else {
          ctx.token.throwIfCancelled();
        }
      } catch (e) {
        // Cancelled while waiting: the caller gets the cancellation reason (ERR_CANCELLED/ERR_TIMEOUT).
        this.giveUp(attempt, RetryGiveUpReason.CANCELLED, isValue ? undefined : error);
        throw e as Error;
      }
      try {
        const result = await this.attempt(task, ctx.withAttempt(attempt + 1));
        const onResult = this._retryOnResult;
        if (onResult === undefined || !this.wantsRetry(onResult, result as Object)) {
          return result;
        }
        value = result;
        isValue = true;
        error = undefined;
      } catch (e) {
        error = e as Error;
        isValue = false;
      }
    }
  }

  private stopReason(ctx: PolicyContext, attempt: number, error: Error | undefined, isValue: boolean): RetryGiveUpReason | undefined {
    if (ctx.token.isCancelled) {
      return RetryGiveUpReason.CANCELLED;
    }
    if (!isValue) {
      let retryable = false;
      try {
        retryable = this._retryOn(error as Error, attempt);
      } catch (e) {
        retryable = false;
      }
      if (!retryable) {
        return RetryGiveUpReason.NOT_RETRYABLE;
      }
    }
    return attempt >= this.maxAttempts ? RetryGiveUpReason.MAX_ATTEMPTS : undefined;
  }

  private delayFor(attempt: number, previousDelay: number): number {
    const d = this._backoff.delayMs(attempt, previousDelay);
    return Number.isFinite(d) && d > 0 ? d : 0;
  }

  /** DEADLINE when the retry could not start before the deadline; BUDGET when no retry is left. */
  private deadlineOrBudget(ctx: PolicyContext, delay: number): RetryGiveUpReason | undefined {
    if (ctx.deadline !== Number.POSITIVE_INFINITY && this._clock.now() + delay >= ctx.deadline) {
      return RetryGiveUpReason.DEADLINE;
    }
    const budget = this._budget;
    if (budget !== undefined && !budget.tryWithdraw()) {
      return RetryGiveUpReason.BUDGET;
    }
    return undefined;
  }

  private giveUp(attempts: number, reason: RetryGiveUpReason, error: Error | undefined): void {
    if (this._onGiveUp.size > 0) {
      const event: RetryGiveUpEvent = { name: this.name, attempts: attempts, reason: reason, error: error, at: this._clock.now() };
      this._onGiveUp.emit(event);
    }
  }
}
