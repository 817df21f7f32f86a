import { CancellationToken } from '../core/cancellation/CancellationToken';
import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { TimeoutError } from '../core/errors/TimeoutError';
import { Disposable } from '../core/events/Disposable';
import { EventEmitter, Listener } from '../core/events/EventEmitter';
import { Clock } from '../platform/Clock';
import { DeadlineScheduler } from './DeadlineScheduler';
import { TimedCall } from './internal/TimedCall';
import { Policy, PolicyTask } from './Policy';
import { PolicyContext } from './PolicyContext';

/** How a {@link TimeoutPolicy} ends a call that outlives its deadline. */
export enum TimeoutStrategy {
  /**
   * At the deadline the token is cancelled and the call rejects at once with `ERR_TIMEOUT`; the
   * task's late outcome is discarded. The default: the caller never waits past the deadline.
   */
  AGGRESSIVE = 'aggressive',
  /**
   * At the deadline only the token is cancelled; the call settles with whatever the task does
   * (a task that honours the token rejects with the token's `ERR_TIMEOUT` reason).
   */
  COOPERATIVE = 'cooperative'
}

/** Options of a {@link TimeoutPolicy}. */
export interface TimeoutOptions {
  /** The time source. Required. */
  clock: Clock;
  /** Time each execution may take, in ms (> 0, finite). Required. */
  timeoutMs: number;
  /** Default {@link DEFAULT_TIMEOUT_STRATEGY} (aggressive). */
  strategy?: TimeoutStrategy;
  /** Name used in errors and events. Default {@link DEFAULT_TIMEOUT_NAME}. */
  name?: string;
  /** Deadline watcher. Default: `DeadlineScheduler.shared(clock)` (one timer per clock). */
  scheduler?: DeadlineScheduler;
}

/** Default strategy of a TimeoutPolicy. */
export const DEFAULT_TIMEOUT_STRATEGY: TimeoutStrategy = TimeoutStrategy.AGGRESSIVE;
/** Default name of a TimeoutPolicy. */
export const DEFAULT_TIMEOUT_NAME = 'timeout';

/** Emitted when a call reaches its deadline. */
export interface TimeoutEvent {
  /** The policy's name. */
  name: string;
  /** The time budget that ran out (the policy's, or less when an outer deadline was tighter). */
  timeoutMs: number;
  /** Attempt number of the context that timed out. */
  attempt: number;
  /** Clock time of the timeout. */
  at: number;
}

let capturing: TimedCall | undefined = undefined;
const CAPTURE = (resolve: (value: Object) => void, reject: (error: Error) => void): void => {
  const call = capturing as TimedCall;
  call.resolve = resolve;
  call.reject = reject;
};

/**
 * Bounds how long a task may run. Each execution gets a child context whose deadline is the
 * tighter of `now + timeoutMs` and the caller's, and whose token is cancelled (with a
 * `TimeoutError`) at that deadline or when the caller's token is cancelled. Tasks should pass the
 * token on (transport requests, nested policies) so that work stops when nobody waits for it.
 *
 * Deadlines are watched by a {@link DeadlineScheduler}: one clock timer for all calls, none
 * created or cleared per call, so a timeout costs a few small allocations on a fast call.
 *
 * @throws TimeoutError (`ERR_TIMEOUT`) when the deadline passes (aggressive), or when the caller's
 *   deadline has already passed before the task starts.
 * @example
 * const timeout = new TimeoutPolicy({ clock, timeoutMs: 2000 });
 * const res = await timeout.execute((ctx) => transport.request(device, req, ctx.token));
 */
export class TimeoutPolicy implements Policy {
  readonly name: string;
  readonly timeoutMs: number;
  readonly strategy: TimeoutStrategy;
  private readonly _clock: Clock;
  private readonly _scheduler: DeadlineScheduler;
  private readonly _onTimeout: EventEmitter<TimeoutEvent> = new EventEmitter<TimeoutEvent>();
  private _timeouts: number = 0;
  private readonly _expire: (call: TimedCall, now: number) => void = (call: TimedCall, now: number): void => {
    this.timedOut(call, now);
  };

  constructor(options: TimeoutOptions) {
    if (options.clock === undefined || options.clock === null) {
      throw new InvalidArgumentError('options.clock', 'is required');
    }
    if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
      throw new InvalidArgumentError('options.timeoutMs', 'must be a finite number > 0');
    }
    this._clock = options.clock;
    this.timeoutMs = options.timeoutMs;
    this.strategy = options.strategy ?? DEFAULT_TIMEOUT_STRATEGY;
    this.name = options.name ?? DEFAULT_TIMEOUT_NAME;
    this._scheduler = options.scheduler ?? DeadlineScheduler.shared(options.clock);
  }

  /** Calls that reached their deadline so far. */
  get timeouts(): number {
    return this._timeouts;
  }

  /** Subscribes to timeouts. */
  onTimeout(listener: Listener<TimeoutEvent>): Disposable {
    return this._onTimeout.on(listener);
  }

  execute<T>(task: PolicyTask<T>, context?: PolicyContext): Promise<T> {
    const parent = context ?? PolicyContext.create();
    const parentToken = parent.token;
    if (parentToken.isCancelled) {
      return Promise.reject(parentToken.reason);
    }
    const now = this._clock.now();
    let deadline = now + this.timeoutMs;
    if (parent.deadline < deadline) {
      deadline = parent.deadline;
      if (deadline <= now) {
        this._timeouts++;
        return Promise.reject(new TimeoutError(`${this.name}: deadline passed before the call started`, 0));
      }
    }
    const call = new TimedCall(deadline, deadline - now, parent.attempt, this._expire);
    if (parentToken !== CancellationToken.NONE) {
      call.parentLink = parentToken.onCancelled((reason: Error): void => {
        this.parentCancelled(call, reason);
      });
    }
    this._scheduler.add(call);
    const child = parent.withDeadline(deadline, call.token);
    let pending: Promise<T>;
    try {
      pending = task(child);
    } catch (e) {
      pending = Promise.reject(e);
    }
    if (this.strategy === TimeoutStrategy.COOPERATIVE) {
      return pending.then((value: T): T => {
        this.finish(call);
        return value;
      }, (error: Error): T => {
        this.finish(call);
        throw error;
      });
    }
    // The executor runs synchronously: a module-level slot hands it the call, saving a closure.
    capturing = call;
    const outcome = new Promise<Object>(CAPTURE);
    capturing = undefined;
    pending.then((value: T): void => {
      if (this.finish(call)) {
        (call.resolve as (value: Object) => void)(value as Object);
      }
    }, (error: Error): void => {
      if (this.finish(call)) {
        (call.reject as (error: Error) => void)(error);
      }
    });
    return outcome as Promise<T>;
  }

  private timedOut(call: TimedCall, now: number): void {
    this._timeouts++;
    const error: Error = new TimeoutError(`${this.name}: timed out after ${call.budgetMs} ms`, call.budgetMs) as Error;
    this.end(call, error);
    if (this._onTimeout.size > 0) {
      const event: TimeoutEvent = { name: this.name, timeoutMs: call.budgetMs, attempt: call.attempt, at: now };
      this._onTimeout.emit(event);
    }
  }

  private parentCancelled(call: TimedCall, reason: Error): void {
    if (!call.settled) {
      this._scheduler.remove(call);
      this.end(call, reason);
    }
  }

  /** Cancels the child token; an aggressive call rejects now. */
  private end(call: TimedCall, error: Error): void {
    const reject = call.reject;
    if (reject !== undefined) {
      call.settled = true;
      this.unlink(call);
      call.token.cancelWith(error);
      reject(error);
    } else {
      // Cooperative: the task decides when the call settles; only the token is cancelled.
      call.token.cancelWith(error);
    }
  }

  /** Marks the call done; false when it had already been settled by its deadline. */
  private finish(call: TimedCall): boolean {
    if (call.settled) {
      return false;
    }
    call.settled = true;
    this._scheduler.remove(call);
    this.unlink(call);
    return true;
  }

  private unlink(call: TimedCall): void {
    const link = call.parentLink;
    if (link !== undefined) {
      call.parentLink = undefined;
      link.dispose();
    }
  }
}
