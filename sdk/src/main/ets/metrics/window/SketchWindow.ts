import { QuantileSketch, QuantileSketchOptions } from '../sketch/QuantileSketch';
import { SlidingWindow } from './SlidingWindow';

/** A sliding window of quantile sketches: the distribution of the last `windowMs` (e.g. p99 of the last 10 s). */
export class SketchWindow extends SlidingWindow {
  private readonly _sketches: QuantileSketch[] = [];
  private readonly _options: QuantileSketchOptions;

  constructor(windowMs: number, slots: number, origin: number, options: QuantileSketchOptions) {
    super(windowMs, slots, origin);
    this._options = options;
    for (let i = 0; i < slots; i++) {
      this._sketches.push(new QuantileSketch(options));
    }
  }

  /** Records `value` at time `now`. No allocation once the sub-window's buckets exist. */
  record(value: number, now: number): void {
    this._sketches[this.position(now)].add(value);
  }

  /** A new sketch merging the window ending at `now`. */
  merged(now: number): QuantileSketch {
    this.position(now);
    const out = new QuantileSketch(this._options);
    for (let i = 0; i < this._sketches.length; i++) {
      out.merge(this._sketches[i]);
    }
    return out;
  }

  /** Values recorded in the window ending at `now`. */
  count(now: number): number {
    this.position(now);
    let n = 0;
    for (let i = 0; i < this._sketches.length; i++) {
      n += this._sketches[i].count;
    }
    return n;
  }

  protected override clearSlot(pos: number): void {
    this._sketches[pos].clear();
  }
}
