import { ScheduledTask } from './ScheduledTask';

/** A ScheduledTask that calls a function (for the few timers that are not messages or entries). */
export class CallbackTask extends ScheduledTask {
  private readonly _fn: (now: number) => void;

  constructor(fn: (now: number) => void) {
    super();
    this._fn = fn;
  }

  run(now: number): void {
    this._fn(now);
  }
}
