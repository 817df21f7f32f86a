/** Width of one rate bucket, ms. */
const BUCKET_MS = 1000;

/**
 * Events per second over a sliding window of whole seconds on the Clock: a ring of per-second
 * counters, so marking is O(1) and reading is O(buckets). Used for the publish, deliver and ack
 * rates of the queue's statistics.
 */
export class RateMeter {
  private readonly _counts: number[];
  private readonly _seconds: number[];
  private _slot: number = 0;
  private _from: number = 0;
  private _to: number = 0;

  constructor(windowSeconds: number) {
    this._counts = new Array<number>(windowSeconds).fill(0);
    this._seconds = new Array<number>(windowSeconds).fill(-1);
  }

  /** Counts `n` events at Clock time `now`. */
  mark(now: number, n: number): void {
    // Hot path: still in the current second (the usual case), no division.
    if (now >= this._from && now < this._to) {
      this._counts[this._slot] += n;
      return;
    }
    const second = Math.floor(now / BUCKET_MS);
    const i = second % this._counts.length;
    if (this._seconds[i] !== second) {
      this._seconds[i] = second;
      this._counts[i] = 0;
    }
    this._counts[i] += n;
    this._slot = i;
    this._from = second * BUCKET_MS;
    this._to = this._from + BUCKET_MS;
  }

  /** Events per second over the last window (the current, partial second included). */
  rate(now: number): number {
    const second = Math.floor(now / BUCKET_MS);
    const w = this._counts.length;
    let sum = 0;
    for (let i = 0; i < w; i++) {
      const s = this._seconds[i];
      if (s > second - w && s <= second) {
        sum += this._counts[i];
      }
    }
    return sum / w;
  }
}
