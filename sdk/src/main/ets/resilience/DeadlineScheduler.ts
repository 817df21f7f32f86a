import { Clock, TimerId } from '../platform/Clock';

/**
 * Something with a deadline a {@link DeadlineScheduler} watches: a timed call, a queued bulkhead
 * call. `expire(now)` runs once when the deadline passes while the entry is still scheduled.
 */
export abstract class DeadlineEntry {
  /** Absolute deadline in Clock epoch ms. Set before `add`. */
  deadline: number = 0;
  /** Position in the scheduler's heap, -1 when not scheduled. Managed by the scheduler. */
  heapIndex: number = -1;
  /** Insertion order, so equal deadlines expire first-in first-out. Managed by the scheduler. */
  seq: number = 0;

  /** Called once, from the scheduler's timer, when the deadline has passed. */
  abstract expire(now: number): void;
}

const earlier = (a: DeadlineEntry, b: DeadlineEntry): boolean =>
  a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);

/** The schedulers shared per clock (one timer per clock for every timeout). */
const sharedSchedulers: WeakMap<Clock, DeadlineScheduler> = new WeakMap<Clock, DeadlineScheduler>();

/**
 * Watches many deadlines with ONE clock timer, armed for the earliest pending deadline. Adding and
 * removing an entry is O(log n) heap work and never touches the clock's timers in the common case
 * (a call that finishes before its deadline): the timer is only re-armed when a deadline earlier
 * than the armed one arrives, and a timer that fires with nothing due simply re-arms for the new
 * earliest entry (or stays idle when none is left). This is what keeps a per-call timeout cheap
 * on SystemClock, where a host timer per call would dominate the cost of a fast call.
 *
 * Entries expire in deadline order, equal deadlines in insertion order. Under a VirtualClock the
 * schedule is deterministic.
 */
export class DeadlineScheduler {
  private readonly _clock: Clock;
  private readonly _heap: DeadlineEntry[] = [];
  private _seq: number = 0;
  private _timer: TimerId = 0;
  private _armedAt: number = Number.POSITIVE_INFINITY;
  private _expiring: boolean = false;
  private readonly _onTimer: () => void = (): void => {
    this.fire();
  };

  constructor(clock: Clock) {
    this._clock = clock;
  }

  /** The scheduler shared by every policy on `clock` (created on first use). */
  static shared(clock: Clock): DeadlineScheduler {
    let scheduler = sharedSchedulers.get(clock);
    if (scheduler === undefined) {
      scheduler = new DeadlineScheduler(clock);
      sharedSchedulers.set(clock, scheduler);
    }
    return scheduler;
  }

  get clock(): Clock {
    return this._clock;
  }

  /** Entries waiting for their deadline. */
  get size(): number {
    return this._heap.length;
  }

  /** Deadline the clock timer is armed for, `Infinity` when idle. */
  get armedAt(): number {
    return this._armedAt;
  }

  /** Starts watching `entry` (its `deadline` must be set). Adding a scheduled entry is a no-op. */
  add(entry: DeadlineEntry): void {
    if (entry.heapIndex >= 0) {
      return;
    }
    entry.seq = this._seq++;
    const heap = this._heap;
    entry.heapIndex = heap.length;
    heap.push(entry);
    this.siftUp(entry.heapIndex);
    if (entry.deadline < this._armedAt && !this._expiring) {
      this.arm(entry.deadline);
    }
  }

  /** Stops watching `entry`; false when it was not scheduled. Never touches the clock timer. */
  remove(entry: DeadlineEntry): boolean {
    const i = entry.heapIndex;
    const heap = this._heap;
    if (i < 0 || i >= heap.length || heap[i] !== entry) {
      return false;
    }
    entry.heapIndex = -1;
    const last = heap.pop() as DeadlineEntry;
    if (i < heap.length) {
      heap[i] = last;
      last.heapIndex = i;
      if (i > 0 && earlier(last, heap[(i - 1) >> 1])) {
        this.siftUp(i);
      } else {
        this.siftDown(i);
      }
    }
    return true;
  }

  private arm(deadline: number): void {
    if (this._armedAt !== Number.POSITIVE_INFINITY) {
      this._clock.clearTimer(this._timer);
    }
    this._armedAt = deadline;
    this._timer = this._clock.setTimer(deadline - this._clock.now(), this._onTimer);
  }

  private fire(): void {
    this._armedAt = Number.POSITIVE_INFINITY;
    const heap = this._heap;
    this._expiring = true;
    try {
      const now = this._clock.now();
      while (heap.length > 0 && heap[0].deadline <= now) {
        const entry = heap[0];
        this.remove(entry);
        try {
          entry.expire(now);
        } catch (e) {
          // An entry's expiry handler must not stop the others from expiring.
        }
      }
    } finally {
      this._expiring = false;
    }
    if (heap.length > 0) {
      this.arm(heap[0].deadline);
    }
  }

  private siftUp(start: number): void {
    const heap = this._heap;
    let i = start;
    const entry = heap[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (!earlier(entry, p)) {
        break;
      }
      heap[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    heap[i] = entry;
    entry.heapIndex = i;
  }

  private siftDown(start: number): void {
    const heap = this._heap;
    const n = heap.length;
    let i = start;
    const entry = heap[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) {
        break;
      }
      const r = l + 1;
      const c = r < n && earlier(heap[r], heap[l]) ? r : l;
      const child = heap[c];
      if (!earlier(child, entry)) {
        break;
      }
      heap[i] = child;
      child.heapIndex = i;
      i = c;
    }
    heap[i] = entry;
    entry.heapIndex = i;
  }
}
