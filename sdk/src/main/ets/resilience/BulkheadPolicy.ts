import { CancellationToken } from '../core/cancellation/CancellationToken';
import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { TimeoutError } from '../core/errors/TimeoutError';
import { Disposable } from '../core/events/Disposable';
import { EventEmitter, Listener } from '../core/events/EventEmitter';
import { Clock } from '../platform/Clock';
import { DeadlineScheduler } from './DeadlineScheduler';
import { BulkheadFullError } from './errors/BulkheadFullError';
import { QueuedCall } from './internal/QueuedCall';
import { Policy, PolicyTask, runPolicyTask } from './Policy';
import { PolicyContext } from './PolicyContext';

/** Options of a {@link BulkheadPolicy}. */
export interface BulkheadOptions {
  /** The time source (queue waits and deadlines). Required. */
  clock: Clock;
  /** Executions allowed at once (integer >= 1). Default {@link DEFAULT_BULKHEAD_MAX_CONCURRENT}. */
  maxConcurrent?: number;
  /** Calls that may wait for a slot (integer >= 0). Default {@link DEFAULT_BULKHEAD_MAX_QUEUE}. */
  maxQueue?: number;
  /** Longest wait in the queue, in ms. Default: none (the caller's deadline still applies). */
  queueTimeoutMs?: number;
  /** Name in errors and events. Default {@link DEFAULT_BULKHEAD_NAME}. */
  name?: string;
  /** Deadline watcher for queued calls. Default `DeadlineScheduler.shared(clock)`. */
  scheduler?: DeadlineScheduler;
}

/** Default concurrency limit. */
export const DEFAULT_BULKHEAD_MAX_CONCURRENT = 10;
/** Default queue limit: no queue, reject at once when every slot is taken. */
export const DEFAULT_BULKHEAD_MAX_QUEUE = 0;
/** Default name of a BulkheadPolicy. */
export const DEFAULT_BULKHEAD_NAME = 'bulkhead';

/** Emitted when a call is rejected because the bulkhead is full. */
export interface BulkheadRejection {
  name: string;
  executing: number;
  queued: number;
  at: number;
}

/** Counters of a bulkhead. */
export interface BulkheadMetrics {
  name: string;
  executing: number;
  queued: number;
  /** Free execution slots. */
  available: number;
  totalExecuted: number;
  totalRejected: number;
  /** Queued calls that left the queue because of their deadline or cancellation. */
  totalQueueExpired: number;
}

/**
 * Limits how many executions run at once (`maxConcurrent`), with a bounded FIFO queue
 * (`maxQueue`) for the rest; beyond that calls are rejected with a shared
 * {@link BulkheadFullError} (`ERR_BULKHEAD_FULL`), through one shared, already-handled rejected
 * promise (so a call that is never awaited raises no unhandled-rejection warning). A queued call leaves the queue when its token
 * is cancelled (rejecting with the reason) or when its deadline or `queueTimeoutMs` passes
 * (rejecting with `ERR_TIMEOUT`); a freed slot always goes to the oldest waiting call.
 */
export class BulkheadPolicy implements Policy {
  readonly name: string;
  readonly maxConcurrent: number;
  readonly maxQueue: number;
  private readonly _clock: Clock;
  private readonly _queueTimeoutMs: number;
  private readonly _scheduler: DeadlineScheduler;
  private _executing: number = 0;
  private _queue: QueuedCall[] = [];
  private _head: number = 0;
  private _queued: number = 0;
  private _executed: number = 0;
  private _rejected: number = 0;
  private _expired: number = 0;
  private _full: Promise<never> | undefined = undefined;
  private readonly _onRejection: EventEmitter<BulkheadRejection> = new EventEmitter<BulkheadRejection>();
  private readonly _release: () => void = (): void => {
    this.release();
  };
  private readonly _expire: (call: QueuedCall, now: number, error: Error) => void =
    (call: QueuedCall, now: number, error: Error): void => {
      this.leaveQueue(call, error);
    };

  constructor(options: BulkheadOptions) {
    if (options.clock === undefined || options.clock === null) {
      throw new InvalidArgumentError('options.clock', 'is required');
    }
    this._clock = options.clock;
    this.maxConcurrent = options.maxConcurrent ?? DEFAULT_BULKHEAD_MAX_CONCURRENT;
    this.maxQueue = options.maxQueue ?? DEFAULT_BULKHEAD_MAX_QUEUE;
    this._queueTimeoutMs = options.queueTimeoutMs ?? Number.POSITIVE_INFINITY;
    this.name = options.name ?? DEFAULT_BULKHEAD_NAME;
    this._scheduler = options.scheduler ?? DeadlineScheduler.shared(options.clock);
    if (!Number.isInteger(this.maxConcurrent) || this.maxConcurrent < 1) {
      throw new InvalidArgumentError('options.maxConcurrent', 'must be an integer >= 1');
    }
    if (!Number.isInteger(this.maxQueue) || this.maxQueue < 0) {
      throw new InvalidArgumentError('options.maxQueue', 'must be an integer >= 0');
    }
    if (Number.isNaN(this._queueTimeoutMs) || this._queueTimeoutMs <= 0) {
      throw new InvalidArgumentError('options.queueTimeoutMs', 'must be a number > 0');
    }
  }

  /** Executions running now. */
  get executing(): number {
    return this._executing;
  }

  /** Calls waiting for a slot. */
  get queued(): number {
    return this._queued;
  }

  /** Subscribes to rejections. */
  onRejection(listener: Listener<BulkheadRejection>): Disposable {
    return this._onRejection.on(listener);
  }

  metrics(): BulkheadMetrics {
    const m: BulkheadMetrics = {
      name: this.name, executing: this._executing, queued: this._queued,
      available: this.maxConcurrent - this._executing, totalExecuted: this._executed,
      totalRejected: this._rejected, totalQueueExpired: this._expired
    };
    return m;
  }

  execute<T>(task: PolicyTask<T>, context?: PolicyContext): Promise<T> {
    const ctx = context ?? PolicyContext.create();
    if (ctx.token.isCancelled) {
      return Promise.reject(ctx.token.reason);
    }
    if (this._executing < this.maxConcurrent && this._queued === 0) {
      return this.run(task, ctx);
    }
    if (this._queued >= this.maxQueue) {
      return this.reject();
    }
    const now = this._clock.now();
    const deadline = Math.min(ctx.deadline, now + this._queueTimeoutMs);
    if (deadline <= now) {
      this._expired++;
      return Promise.reject(new TimeoutError(`${this.name}: deadline passed before a slot was free`, 0));
    }
    return new Promise<T>((resolve: (value: T) => void, reject: (error: Error) => void): void => {
      const call = new QueuedCall(deadline, deadline - now, this._expire, (): void => {
        this.run(task, ctx).then(resolve, reject);
      }, reject);
      this.enqueue(call, ctx.token);
    });
  }

  private run<T>(task: PolicyTask<T>, ctx: PolicyContext): Promise<T> {
    this._executing++;
    this._executed++;
    const pending = runPolicyTask(task, ctx);
    pending.then(this._release, this._release);
    return pending;
  }

  /** One pre-handled rejected promise serves every rejection (see CircuitBreaker: no per-call Error). */
  private reject(): Promise<never> {
    this._rejected++;
    if (this._onRejection.size > 0) {
      const event: BulkheadRejection = { name: this.name, executing: this._executing, queued: this._queued, at: this._clock.now() };
      this._onRejection.emit(event);
    }
    let full = this._full;
    if (full === undefined) {
      full = Promise.reject(new BulkheadFullError(this.name, this.maxConcurrent, this.maxQueue));
      full.catch((error: Error): void => {});
      this._full = full;
    }
    return full;
  }

  private enqueue(call: QueuedCall, token: CancellationToken): void {
    if (this._queue.length - this._head > 2 * this.maxQueue + 64) {
      // Calls that left the queue early (deadline, cancellation) while no slot freed up.
      this._queue = this._queue.slice(this._head).filter((c: QueuedCall): boolean => !c.done);
      this._head = 0;
    }
    this._queue.push(call);
    this._queued++;
    if (call.deadline !== Number.POSITIVE_INFINITY) {
      this._scheduler.add(call);
    }
    if (token !== CancellationToken.NONE) {
      call.link = token.onCancelled((reason: Error): void => {
        this.leaveQueue(call, reason);
      });
    }
  }

  /** A queued call gives up its place (deadline or cancellation). */
  private leaveQueue(call: QueuedCall, error: Error): void {
    if (call.done) {
      return;
    }
    call.finish(this._scheduler);
    this._queued--;
    this._expired++;
    call.fail(error);
  }

  private release(): void {
    this._executing--;
    while (this._queued > 0 && this._executing < this.maxConcurrent) {
      const next = this.dequeue();
      if (next === undefined) {
        break;
      }
      next.finish(this._scheduler);
      this._queued--;
      next.start();
    }
  }

  private dequeue(): QueuedCall | undefined {
    const queue = this._queue;
    while (this._head < queue.length) {
      const call = queue[this._head];
      this._head++;
      if (!call.done) {
        this.compact();
        return call;
      }
    }
    this.compact();
    return undefined;
  }

  private compact(): void {
    // Amortised O(1): drop the consumed prefix once it dominates the array.
    if (this._head > 64 && this._head * 2 > this._queue.length) {
      this._queue = this._queue.slice(this._head);
      this._head = 0;
    } else if (this._head === this._queue.length) {
      this._queue = [];
      this._head = 0;
    }
  }
}
