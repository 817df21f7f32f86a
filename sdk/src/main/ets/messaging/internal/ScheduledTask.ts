/**
 * Something the queue's scheduler runs at a Clock time: a delayed or retrying message becoming
 * ready, a visibility timeout, a TTL expiry, a consumer back-off ending. Subclasses implement
 * `run`. The scheduler keeps the task's heap slot in `heapIndex` (-1 when not scheduled), so
 * rescheduling and cancelling are O(log n) with no allocation.
 */
export abstract class ScheduledTask {
  /** Clock time the task is due. */
  at: number = 0;
  /** Tie-breaker: tasks due at the same time run in scheduling order. */
  order: number = 0;
  /** Position in the scheduler's heap; -1 when not scheduled. */
  heapIndex: number = -1;

  get scheduled(): boolean {
    return this.heapIndex >= 0;
  }

  /** Runs the task; `now` is the Clock time. */
  abstract run(now: number): void;
}
