/**
 * A sliding "last N milliseconds" window on a Clock's time, made of `slots` sub-windows of
 * `windowMs / slots` each, kept in a ring. Time only moves the ring forward: a value lands in the
 * sub-window of the time it is recorded at, and sub-windows older than the window are cleared
 * lazily, on the next record or read. A read covers the current (partial) sub-window and the
 * `slots - 1` before it, so between `windowMs - windowMs / slots` and `windowMs` of history.
 */
export abstract class SlidingWindow {
  /** Length of the window in ms. */
  readonly windowMs: number;
  /** Number of sub-windows. */
  readonly slots: number;
  /** Length of a sub-window in ms. */
  readonly slotMs: number;
  private readonly _origin: number;
  private _head: number = Number.NEGATIVE_INFINITY;
  private _headPos: number = 0;

  /** `origin`: when recording started (nothing happened before it, which bounds `coveredMs`). */
  constructor(windowMs: number, slots: number, origin: number) {
    this.windowMs = windowMs;
    this.slots = slots;
    this.slotMs = windowMs / slots;
    this._origin = origin;
  }

  /**
   * How many ms of history a read at `now` covers: from the start of the oldest sub-window (or the
   * origin, if later) to `now`, at least one sub-window. Divide a windowed count by it for a rate.
   */
  coveredMs(now: number): number {
    const start = (Math.floor(now / this.slotMs) - this.slots + 1) * this.slotMs;
    return Math.max(now - Math.max(start, this._origin), this.slotMs);
  }

  /** The ring position for `now`, clearing the sub-windows that fell out of the window. */
  protected position(now: number): number {
    const slot = Math.floor(now / this.slotMs);
    if (slot > this._head) {
      this.rotate(slot);
    }
    return this._headPos;
  }

  /** Zeroes the sub-window at ring position `pos`. */
  protected abstract clearSlot(pos: number): void;

  private rotate(slot: number): void {
    const n = this.slots;
    if (this._head !== Number.NEGATIVE_INFINITY) {
      const steps = Math.min(slot - this._head, n);
      for (let i = 1; i <= steps; i++) {
        this.clearSlot((this._headPos + i) % n);
      }
    }
    this._head = slot;
    this._headPos = ((slot % n) + n) % n;
  }
}
