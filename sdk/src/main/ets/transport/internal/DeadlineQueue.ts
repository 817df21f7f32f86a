import { Clock, TimerId } from '../../platform/Clock';

/** Something that expires at `deadline` unless removed first. */
export abstract class Deadline {
  /** Absolute Clock ms. Set before `add`, not changed while queued. */
  deadline: number = 0;
  /** Position in the queue's heap, -1 when not queued. */
  heapIndex: number = -1;

  /** Called once when the deadline passes while queued. */
  abstract expire(): void;
}

/**
 * Many deadlines on one Clock timer: an indexed binary min-heap (so removal on completion is
 * O(log n) and frees the entry at once) plus a single timer armed at the earliest deadline.
 * A completed request costs a heap push and remove, never a Clock timer of its own; the timer
 * fires early at worst (the entry it was armed for completed) and simply re-arms.
 */
export class DeadlineQueue {
  private readonly _clock: Clock;
  private _heap: Deadline[] = [];
  private _timer: TimerId = -1;
  private _armedAt: number = Infinity;
  private readonly _onTimer: () => void;

  constructor(clock: Clock) {
    this._clock = clock;
    this._onTimer = (): void => this.fire();
  }

  get size(): number {
    return this._heap.length;
  }

  add(entry: Deadline): void {
    const heap = this._heap;
    entry.heapIndex = heap.length;
    heap.push(entry);
    this.up(entry.heapIndex);
    if (entry.deadline < this._armedAt) {
      this.arm(entry.deadline);
    }
  }

  /** Removes a queued entry; false when it was not queued (already expired or removed). */
  remove(entry: Deadline): boolean {
    const i = entry.heapIndex;
    const heap = this._heap;
    if (i < 0 || i >= heap.length || heap[i] !== entry) {
      return false;
    }
    entry.heapIndex = -1;
    const last = heap.pop() as Deadline;
    if (i < heap.length) {
      heap[i] = last;
      last.heapIndex = i;
      this.down(i);
      this.up(last.heapIndex);
    }
    // The timer stays armed even when the queue empties: the next entry (usually with a later
    // deadline) then costs no Clock timer at all; a stale timer fires once and does nothing.
    return true;
  }

  /** Empties the queue without expiring anything; returns the entries that were queued. */
  drain(): Deadline[] {
    const out = this._heap;
    this._heap = [];
    for (const e of out) {
      e.heapIndex = -1;
    }
    this.disarm();
    return out;
  }

  private fire(): void {
    this._timer = -1;
    this._armedAt = Infinity;
    const now = this._clock.now();
    const heap = this._heap;
    while (heap.length > 0 && heap[0].deadline <= now) {
      const top = heap[0];
      this.remove(top);
      top.expire();
    }
    if (heap.length > 0 && heap[0].deadline < this._armedAt) {
      this.arm(heap[0].deadline);
    }
  }

  private arm(at: number): void {
    if (this._timer !== -1) {
      this._clock.clearTimer(this._timer);
    }
    this._armedAt = at;
    this._timer = this._clock.setTimer(at - this._clock.now(), this._onTimer);
  }

  private disarm(): void {
    if (this._timer !== -1) {
      this._clock.clearTimer(this._timer);
      this._timer = -1;
    }
    this._armedAt = Infinity;
  }

  private up(start: number): void {
    const heap = this._heap;
    let i = start;
    const item = heap[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p];
      if (parent.deadline <= item.deadline) {
        break;
      }
      heap[i] = parent;
      parent.heapIndex = i;
      i = p;
    }
    heap[i] = item;
    item.heapIndex = i;
  }

  private down(start: number): void {
    const heap = this._heap;
    const n = heap.length;
    let i = start;
    const item = heap[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) {
        break;
      }
      const r = l + 1;
      const c = r < n && heap[r].deadline < heap[l].deadline ? r : l;
      if (heap[c].deadline >= item.deadline) {
        break;
      }
      heap[i] = heap[c];
      heap[i].heapIndex = i;
      i = c;
    }
    heap[i] = item;
    item.heapIndex = i;
  }
}
