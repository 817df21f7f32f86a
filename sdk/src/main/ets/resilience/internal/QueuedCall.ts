import { TimeoutError } from '../../core/errors/TimeoutError';
import { Disposable } from '../../core/events/Disposable';
import { DeadlineEntry, DeadlineScheduler } from '../DeadlineScheduler';

/** Called when a queued call's deadline passes, with the timeout error to reject it with. */
export type QueuedCallExpiry = (call: QueuedCall, now: number, error: Error) => void;

/** A call waiting in a bulkhead queue. */
export class QueuedCall extends DeadlineEntry {
  readonly budgetMs: number;
  private readonly _onExpire: QueuedCallExpiry;
  private readonly _start: () => void;
  private readonly _fail: (error: Error) => void;
  /** True once it left the queue (started, expired or cancelled). */
  done: boolean = false;
  /** Subscription to the caller's token. */
  link: Disposable | undefined = undefined;

  constructor(deadline: number, budgetMs: number, onExpire: QueuedCallExpiry, start: () => void, fail: (error: Error) => void) {
    super();
    this.deadline = deadline;
    this.budgetMs = budgetMs;
    this._onExpire = onExpire;
    this._start = start;
    this._fail = fail;
  }

  expire(now: number): void {
    if (!this.done) {
      const error: Error = new TimeoutError(`waited ${this.budgetMs} ms in the bulkhead queue`, this.budgetMs) as Error;
      this._onExpire(this, now, error);
    }
  }

  /** Leaves the queue: stops watching the deadline and the token. */
  finish(scheduler: DeadlineScheduler): void {
    this.done = true;
    scheduler.remove(this);
    const link = this.link;
    if (link !== undefined) {
      this.link = undefined;
      link.dispose();
    }
  }

  start(): void {
    this._start();
  }

  fail(error: Error): void {
    this._fail(error);
  }
}
