import type { Clock, TimerId } from '../sdk';

/** A min-heap of numbers (due times). */
class TimeHeap {
  private readonly _a: number[] = [];

  get size(): number {
    return this._a.length;
  }

  peek(): number | undefined {
    return this._a[0];
  }

  push(v: number): void {
    const a = this._a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= v) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = v;
  }

  pop(): number | undefined {
    const a = this._a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r] < a[l] ? r : l;
        if (a[c] >= last) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

/**
 * Batched delays on a Clock: callbacks due in the same `quantumMs` run from one clock timer, in
 * the order they were scheduled. Service times, request arrivals and auto-reverting faults all go
 * through it, so a busy simulation fires one timer per millisecond of virtual time instead of one
 * per request (a VirtualClock settles promises after every timer, which is the fixed cost).
 */
export class DelayQueue {
  private readonly _buckets = new Map<number, (() => void)[]>();
  private readonly _due = new TimeHeap();
  private _timer: TimerId = -1;
  private _armedAt = Infinity;
  private readonly _onTimer = (): void => this.fire();

  constructor(private readonly _clock: Clock, private readonly _quantumMs: number = 1) {}

  /** Runs `fn` after `delayMs` (rounded up to the quantum). */
  schedule(delayMs: number, fn: () => void): void {
    const now = this._clock.now();
    const q = this._quantumMs;
    const d = delayMs > 0 && Number.isFinite(delayMs) ? delayMs : 0;
    const due = q > 0 ? Math.ceil((now + d) / q) * q : now + d;
    let bucket = this._buckets.get(due);
    if (bucket === undefined) {
      bucket = [];
      this._buckets.set(due, bucket);
      this._due.push(due);
    }
    bucket.push(fn);
    if (due < this._armedAt) this.arm(due, now);
  }

  /** Resolves after `delayMs`. */
  sleep(delayMs: number): Promise<void> {
    return new Promise<void>((resolve) => this.schedule(delayMs, resolve));
  }

  /** Callbacks waiting. */
  get pending(): number {
    let n = 0;
    for (const b of this._buckets.values()) n += b.length;
    return n;
  }

  private arm(due: number, now: number): void {
    if (this._timer !== -1) this._clock.clearTimer(this._timer);
    this._armedAt = due;
    this._timer = this._clock.setTimer(due - now, this._onTimer);
  }

  private fire(): void {
    this._timer = -1;
    this._armedAt = Infinity;
    const now = this._clock.now();
    for (;;) {
      const due = this._due.peek();
      if (due === undefined || due > now) break;
      this._due.pop();
      const bucket = this._buckets.get(due)!;
      this._buckets.delete(due);
      for (let i = 0; i < bucket.length; i++) {
        try {
          bucket[i]();
        } catch {
          // One callback's failure must not cost the others their turn.
        }
      }
    }
    const next = this._due.peek();
    if (next !== undefined) this.arm(next, now);
  }
}
