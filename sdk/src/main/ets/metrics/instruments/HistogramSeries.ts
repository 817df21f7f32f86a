import { InstrumentCore } from '../internal/InstrumentCore';
import { MetricValueType } from '../InstrumentKind';
import { MetricLabels } from '../MetricLabels';
import { QuantileSketch, QuantileSketchOptions } from '../sketch/QuantileSketch';
import { SketchWindow } from '../window/SketchWindow';
import { BoundHistogram } from './BoundInstruments';

/**
 * One series of a histogram; also its bound handle. Each value goes to a quantile sketch (accurate
 * quantiles, mergeable) and to the explicit buckets (exact Prometheus `le` counts), and to the
 * sliding window when the histogram has one.
 */
export class HistogramSeries implements BoundHistogram {
  readonly labels: MetricLabels;
  readonly key: string;
  readonly overflow: boolean;
  readonly startTime: number;
  private readonly _core: InstrumentCore;
  private readonly _sketch: QuantileSketch;
  private readonly _bounds: number[];
  private readonly _buckets: Float64Array;
  private readonly _int: boolean;
  private readonly _window: SketchWindow | undefined;

  constructor(core: InstrumentCore, labels: MetricLabels, key: string, overflow: boolean) {
    this._core = core;
    this.labels = labels;
    this.key = key;
    this.overflow = overflow;
    this.startTime = core.clock.now();
    const d = core.descriptor;
    const options: QuantileSketchOptions = { scale: d.scale, maxBuckets: d.maxBuckets };
    this._sketch = new QuantileSketch(options);
    this._bounds = d.boundaries;
    this._buckets = new Float64Array(d.boundaries.length + 1);
    this._int = d.valueType === MetricValueType.INT;
    this._window = d.windowMs > 0 ? new SketchWindow(d.windowMs, d.windowSlots, core.createdAt, options) : undefined;
  }

  /** Values recorded. */
  get count(): number {
    return this._sketch.count;
  }

  get sum(): number {
    return this._sketch.sum;
  }

  /** Hot path: a range check, a sketch bucket increment and a binary search over the boundaries. */
  record(value: number): void {
    if (!(value >= 0) || value === Number.POSITIVE_INFINITY) {
      this._core.drop(value, 'histogram values must be finite and >= 0');
      return;
    }
    const v = this._int ? Math.trunc(value) : value;
    this._sketch.add(v);
    const bounds = this._bounds;
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v <= bounds[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    this._buckets[lo]++;
    const w = this._window;
    if (w !== undefined) {
      w.record(v, this._core.clock.now());
    }
  }

  /** The value at quantile `q` of everything recorded (NaN when empty). */
  quantile(q: number): number {
    return this._sketch.quantile(q);
  }

  /** A copy of the cumulative sketch. */
  sketch(): QuantileSketch {
    return this._sketch.copy();
  }

  /** A sketch of the sliding window ending now; undefined without a window. */
  windowSketch(): QuantileSketch | undefined {
    const w = this._window;
    return w === undefined ? undefined : w.merged(this._core.clock.now());
  }

  /** Count per explicit bucket (not cumulative; the last is the +Inf bucket). */
  bucketCounts(): number[] {
    return Array.from(this._buckets);
  }

  /** The sliding window, when configured (internal: collection). */
  window(): SketchWindow | undefined {
    return this._window;
  }
}
