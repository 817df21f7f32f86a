import { Clock, TimerId } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { ScheduledTask } from './ScheduledTask';

/**
 * One Clock timer for all of a queue's timed work (delays, retries, visibility timeouts, TTLs):
 * tasks sit in an indexed binary min-heap by (at, order), and the timer is armed for the earliest.
 * Scheduling a task that is not the earliest touches only the heap. A timer that fires early
 * (its task was cancelled) re-arms for the next one.
 */
export class TaskScheduler {
  private readonly _clock: Clock;
  private readonly _logger: Logger;
  private readonly _heap: ScheduledTask[] = [];
  private _order: number = 0;
  private _timer: TimerId | undefined = undefined;
  private _armedAt: number = Infinity;
  private _stopped: boolean = false;
  private _firing: boolean = false;

  constructor(clock: Clock, logger: Logger) {
    this._clock = clock;
    this._logger = logger;
  }

  /** Tasks scheduled. */
  get size(): number {
    return this._heap.length;
  }

  /** Clock time the timer is armed for (Infinity when idle). */
  get armedAt(): number {
    return this._armedAt;
  }

  /** Schedules `task` at `at` (replacing an earlier schedule of the same task). */
  schedule(task: ScheduledTask, at: number): void {
    if (this._stopped) {
      return;
    }
    if (task.heapIndex >= 0) {
      this.removeAt(task.heapIndex);
    }
    task.at = at;
    task.order = this._order++;
    const heap = this._heap;
    task.heapIndex = heap.length;
    heap.push(task);
    this.up(task.heapIndex);
    if (!this._firing && at < this._armedAt) {
      this.arm(at);
    }
  }

  /** Unschedules `task` (no-op when it is not scheduled). */
  cancel(task: ScheduledTask): void {
    if (task.heapIndex >= 0) {
      this.removeAt(task.heapIndex);
    }
  }

  /** Stops for good: clears the timer and forgets every task. */
  stop(): void {
    this._stopped = true;
    if (this._timer !== undefined) {
      this._clock.clearTimer(this._timer);
      this._timer = undefined;
    }
    for (const t of this._heap) {
      t.heapIndex = -1;
    }
    this._heap.length = 0;
    this._armedAt = Infinity;
  }

  private arm(at: number): void {
    if (this._timer !== undefined) {
      this._clock.clearTimer(this._timer);
    }
    this._armedAt = at;
    const delay = at - this._clock.now();
    this._timer = this._clock.setTimer(delay > 0 ? delay : 0, (): void => this.fire());
  }

  private fire(): void {
    this._timer = undefined;
    this._armedAt = Infinity;
    if (this._stopped) {
      return;
    }
    const now = this._clock.now();
    this._firing = true;
    try {
      const heap = this._heap;
      while (heap.length > 0 && heap[0].at <= now) {
        const task = heap[0];
        this.removeAt(0);
        try {
          task.run(now);
        } catch (e) {
          this._logger.error('messaging: scheduled task failed', { 'error': (e as Error).message });
        }
        if (this._stopped) {
          return;
        }
      }
    } finally {
      this._firing = false;
    }
    if (this._heap.length > 0) {
      this.arm(this._heap[0].at);
    }
  }

  private less(a: ScheduledTask, b: ScheduledTask): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  private removeAt(i: number): void {
    const heap = this._heap;
    const task = heap[i];
    task.heapIndex = -1;
    const last = heap.pop() as ScheduledTask;
    if (i < heap.length) {
      heap[i] = last;
      last.heapIndex = i;
      if (i > 0 && this.less(last, heap[(i - 1) >> 1])) {
        this.up(i);
      } else {
        this.down(i);
      }
    }
  }

  private up(start: number): void {
    const heap = this._heap;
    let i = start;
    const task = heap[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p];
      if (!this.less(task, parent)) {
        break;
      }
      heap[i] = parent;
      parent.heapIndex = i;
      i = p;
    }
    heap[i] = task;
    task.heapIndex = i;
  }

  private down(start: number): void {
    const heap = this._heap;
    const n = heap.length;
    let i = start;
    const task = heap[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) {
        break;
      }
      const r = l + 1;
      const c = r < n && this.less(heap[r], heap[l]) ? r : l;
      if (!this.less(heap[c], task)) {
        break;
      }
      heap[i] = heap[c];
      heap[i].heapIndex = i;
      i = c;
    }
    heap[i] = task;
    task.heapIndex = i;
  }
}
