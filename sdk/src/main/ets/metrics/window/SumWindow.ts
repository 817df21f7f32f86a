import { SlidingWindow } from './SlidingWindow';

/** A sliding window of sums: what a counter added in the last `windowMs`. */
export class SumWindow extends SlidingWindow {
  private readonly _sums: Float64Array;

  constructor(windowMs: number, slots: number, origin: number) {
    super(windowMs, slots, origin);
    this._sums = new Float64Array(slots);
  }

  /** Adds `value` at time `now`. No allocation. */
  add(value: number, now: number): void {
    this._sums[this.position(now)] += value;
  }

  /** The sum over the window ending at `now`. */
  total(now: number): number {
    this.position(now);
    let sum = 0;
    for (let i = 0; i < this._sums.length; i++) {
      sum += this._sums[i];
    }
    return sum;
  }

  protected override clearSlot(pos: number): void {
    this._sums[pos] = 0;
  }
}
