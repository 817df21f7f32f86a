import { CancellationToken } from '../../core/cancellation/CancellationToken';
import { Disposable } from '../../core/events/Disposable';
import { DeadlineEntry } from '../DeadlineScheduler';

/** Called when a timed call's deadline passes while it is still running. */
export type TimedCallExpiry = (call: TimedCall, now: number) => void;

/** One execution under a TimeoutPolicy: its deadline entry, child token and settlement state. */
export class TimedCall extends DeadlineEntry {
  readonly token: CancellationToken = new CancellationToken();
  readonly budgetMs: number;
  readonly attempt: number;
  private readonly _onExpire: TimedCallExpiry;
  /** True once the call has an outcome (the task's, or the timeout for an aggressive call). */
  settled: boolean = false;
  /** Resolves the caller's promise (aggressive strategy only). */
  resolve: ((value: Object) => void) | undefined = undefined;
  /** Rejects the caller's promise (aggressive strategy only). */
  reject: ((error: Error) => void) | undefined = undefined;
  /** Subscription to the caller's token, when it can be cancelled. */
  parentLink: Disposable | undefined = undefined;

  constructor(deadline: number, budgetMs: number, attempt: number, onExpire: TimedCallExpiry) {
    super();
    this.deadline = deadline;
    this.budgetMs = budgetMs;
    this.attempt = attempt;
    this._onExpire = onExpire;
  }

  expire(now: number): void {
    if (!this.settled) {
      this._onExpire(this, now);
    }
  }
}
