import { DeadlineEntry } from '../../resilience/DeadlineScheduler';

/** A whole-saga deadline on the shared DeadlineScheduler (one clock timer for every deadline). */
export class SagaDeadlineEntry extends DeadlineEntry {
  private readonly _onExpire: (now: number) => void;

  constructor(deadline: number, onExpire: (now: number) => void) {
    super();
    this.deadline = deadline;
    this._onExpire = onExpire;
  }

  expire(now: number): void {
    this._onExpire(now);
  }
}
