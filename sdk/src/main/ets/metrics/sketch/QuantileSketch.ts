import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { BucketStore } from './BucketStore';
import { ExponentialMapping } from './ExponentialMapping';

/** Default scale: 64 buckets per power of two, so every quantile is within 0.55% of the true value. */
export const DEFAULT_SKETCH_SCALE = 6;
/** Default buckets kept per sign: 2048 at scale 6 span 32 powers of two (e.g. 1 µs to 4,000 s). */
export const DEFAULT_SKETCH_MAX_BUCKETS = 2048;

/** Options of a {@link QuantileSketch}. */
export interface QuantileSketchOptions {
  /** 2^scale buckets per power of two; higher is finer. Default {@link DEFAULT_SKETCH_SCALE}. */
  scale?: number;
  /** Most buckets kept per sign; the lowest are folded beyond it. Default {@link DEFAULT_SKETCH_MAX_BUCKETS}. */
  maxBuckets?: number;
}

/** Non-zero buckets of one sign: `counts[i]` is the count of bucket `offset + i`. */
export interface SketchBuckets {
  offset: number;
  counts: number[];
}

/** A sketch as plain data (JSON-safe), to ship it to another device and merge it there. */
export interface QuantileSketchData {
  scale: number;
  maxBuckets: number;
  count: number;
  sum: number;
  /** Smallest value recorded; 0 when `count` is 0. */
  min: number;
  /** Largest value recorded; 0 when `count` is 0. */
  max: number;
  zeroCount: number;
  positive: SketchBuckets;
  negative: SketchBuckets;
}

const mappings: Map<number, ExponentialMapping> = new Map<number, ExponentialMapping>();

const mappingFor = (scale: number): ExponentialMapping => {
  let m = mappings.get(scale);
  if (m === undefined) {
    m = new ExponentialMapping(scale);
    mappings.set(scale, m);
  }
  return m;
};

const storeBuckets = (store: BucketStore): SketchBuckets => {
  const lo = store.lowestIndex();
  const hi = store.highestIndex();
  const counts: number[] = [];
  if (lo === undefined || hi === undefined) {
    return { offset: 0, counts: counts };
  }
  for (let i = lo; i <= hi; i++) {
    counts.push(store.countAt(i));
  }
  return { offset: lo, counts: counts };
};

/**
 * A relative-error quantile sketch (DDSketch-style, on OpenTelemetry's base-2 exponential buckets):
 * any quantile it reports is within `relativeAccuracy` of the exact one (0.55% at the default
 * scale), memory is bounded by `maxBuckets` per sign whatever the number of values, and sketches
 * merge exactly, across series, devices and time windows (`merge(a, b)` equals the sketch of a ∪ b).
 *
 * @example
 * const s = new QuantileSketch();
 * for (const ms of latencies) s.add(ms);
 * const p99 = s.quantile(0.99);
 */
export class QuantileSketch {
  private _mapping: ExponentialMapping;
  private _positive: BucketStore;
  private _negative: BucketStore;
  private _zeroCount: number = 0;
  private _count: number = 0;
  private _sum: number = 0;
  private _min: number = Number.POSITIVE_INFINITY;
  private _max: number = Number.NEGATIVE_INFINITY;

  /** @throws ERR_INVALID_ARGUMENT when `scale` or `maxBuckets` is out of range. */
  constructor(options?: QuantileSketchOptions) {
    const maxBuckets = options?.maxBuckets ?? DEFAULT_SKETCH_MAX_BUCKETS;
    if (!Number.isInteger(maxBuckets) || maxBuckets < 1 || maxBuckets > 1 << 20) {
      throw new InvalidArgumentError('options.maxBuckets', 'must be an integer in [1, 1048576]');
    }
    this._mapping = mappingFor(options?.scale ?? DEFAULT_SKETCH_SCALE);
    this._positive = new BucketStore(maxBuckets);
    this._negative = new BucketStore(maxBuckets);
  }

  get scale(): number {
    return this._mapping.scale;
  }

  /** Worst-case relative error of a reported quantile (while nothing was folded). */
  get relativeAccuracy(): number {
    return this._mapping.relativeAccuracy;
  }

  get maxBuckets(): number {
    return this._positive.maxBuckets;
  }

  /** Number of values recorded. */
  get count(): number {
    return this._count;
  }

  get sum(): number {
    return this._sum;
  }

  /** Smallest value (exact); NaN when empty. */
  get min(): number {
    return this._count === 0 ? NaN : this._min;
  }

  /** Largest value (exact); NaN when empty. */
  get max(): number {
    return this._count === 0 ? NaN : this._max;
  }

  /** Mean value; NaN when empty. */
  get mean(): number {
    return this._count === 0 ? NaN : this._sum / this._count;
  }

  /** Values exactly 0. */
  get zeroCount(): number {
    return this._zeroCount;
  }

  /** True once low buckets were folded (quantiles in the folded range lose their guarantee). */
  get collapsed(): boolean {
    return this._positive.collapsed || this._negative.collapsed;
  }

  /** Records a value. Returns false (and records nothing) for NaN or ±Infinity. No allocation. */
  add(value: number): boolean {
    if (value > 0) {
      if (value === Number.POSITIVE_INFINITY) {
        return false;
      }
      this._positive.add(this._mapping.indexOf(value), 1);
    } else if (value < 0) {
      if (value === Number.NEGATIVE_INFINITY) {
        return false;
      }
      this._negative.add(this._mapping.indexOf(-value), 1);
    } else if (value === 0) {
      this._zeroCount++;
    } else {
      return false;
    }
    this._count++;
    this._sum += value;
    if (value < this._min) {
      this._min = value;
    }
    if (value > this._max) {
      this._max = value;
    }
    return true;
  }

  /**
   * Adds every value of `other` to this sketch. Sketches of different scales merge at the coarser
   * one (this sketch is downscaled when `other` is coarser).
   */
  merge(other: QuantileSketch): void {
    if (other._count === 0) {
      return;
    }
    if (other.scale < this.scale) {
      this.downscale(this.scale - other.scale);
    }
    const shift = other.scale - this.scale;
    this._positive.addStore(other._positive, shift, 1);
    this._negative.addStore(other._negative, shift, 1);
    this._zeroCount += other._zeroCount;
    this._count += other._count;
    this._sum += other._sum;
    this._min = Math.min(this._min, other._min);
    this._max = Math.max(this._max, other._max);
  }

  /**
   * The values added since `earlier`, a copy of this sketch taken before (a delta between two
   * cumulative states). Counts and sum are exact; min and max are estimated from the buckets and
   * clamped to this sketch's exact extremes.
   */
  minus(earlier: QuantileSketch): QuantileSketch {
    const out = this.copy();
    if (earlier._count === 0) {
      return out;
    }
    if (earlier.scale < out.scale) {
      out.downscale(out.scale - earlier.scale);
    }
    const shift = earlier.scale - out.scale;
    out._positive.addStore(earlier._positive, shift, -1);
    out._negative.addStore(earlier._negative, shift, -1);
    out._zeroCount -= earlier._zeroCount;
    out._count -= earlier._count;
    out._sum -= earlier._sum;
    out.estimateExtremes(this._min, this._max);
    return out;
  }

  /**
   * The value at quantile `q` in [0, 1] (0.99 for p99): within `relativeAccuracy` of the exact
   * order statistic of rank `floor(q · (count - 1))`. NaN when empty or when `q` is out of range.
   */
  quantile(q: number): number {
    return this.valueAtRank(q);
  }

  /** Several quantiles at once (same contract as {@link quantile}). */
  quantiles(qs: number[]): number[] {
    const out: number[] = [];
    for (let i = 0; i < qs.length; i++) {
      out.push(this.valueAtRank(qs[i]));
    }
    return out;
  }

  /** An independent copy. */
  copy(): QuantileSketch {
    const out = new QuantileSketch({ scale: this.scale, maxBuckets: this.maxBuckets });
    out._positive = this._positive.copy();
    out._negative = this._negative.copy();
    out._zeroCount = this._zeroCount;
    out._count = this._count;
    out._sum = this._sum;
    out._min = this._min;
    out._max = this._max;
    return out;
  }

  /** Forgets every value (keeps allocated buckets for reuse). */
  clear(): void {
    this._positive.clear();
    this._negative.clear();
    this._zeroCount = 0;
    this._count = 0;
    this._sum = 0;
    this._min = Number.POSITIVE_INFINITY;
    this._max = Number.NEGATIVE_INFINITY;
  }

  /** The non-zero positive buckets (OTLP exponential histogram `positive`). */
  positiveBuckets(): SketchBuckets {
    return storeBuckets(this._positive);
  }

  /** The non-zero negative buckets, indexed by magnitude (OTLP `negative`). */
  negativeBuckets(): SketchBuckets {
    return storeBuckets(this._negative);
  }

  /** The sketch as JSON-safe data. */
  toData(): QuantileSketchData {
    const empty = this._count === 0;
    return {
      scale: this.scale,
      maxBuckets: this.maxBuckets,
      count: this._count,
      sum: this._sum,
      min: empty ? 0 : this._min,
      max: empty ? 0 : this._max,
      zeroCount: this._zeroCount,
      positive: this.positiveBuckets(),
      negative: this.negativeBuckets()
    };
  }

  /** Rebuilds a sketch from {@link toData} output (e.g. received from another device). */
  static fromData(data: QuantileSketchData): QuantileSketch {
    const out = new QuantileSketch({ scale: data.scale, maxBuckets: data.maxBuckets });
    const numbers: number[] = [data.count, data.sum, data.min, data.max, data.zeroCount];
    for (let i = 0; i < numbers.length; i++) {
      if (typeof numbers[i] !== 'number' || !Number.isFinite(numbers[i])) {
        throw new InvalidArgumentError('data', 'count, sum, min, max and zeroCount must be finite numbers');
      }
    }
    let bucketTotal = QuantileSketch.loadBuckets(out._positive, data.positive, 'data.positive');
    bucketTotal += QuantileSketch.loadBuckets(out._negative, data.negative, 'data.negative');
    if (data.zeroCount < 0 || bucketTotal + data.zeroCount !== data.count) {
      throw new InvalidArgumentError('data.count', 'must equal zeroCount plus the bucket counts');
    }
    out._zeroCount = data.zeroCount;
    out._count = data.count;
    out._sum = data.sum;
    if (data.count > 0) {
      out._min = data.min;
      out._max = data.max;
    }
    return out;
  }

  private static loadBuckets(store: BucketStore, buckets: SketchBuckets, field: string): number {
    if (buckets === undefined || buckets === null || !Number.isInteger(buckets.offset) || !Array.isArray(buckets.counts)) {
      throw new InvalidArgumentError(field, 'must be { offset: integer, counts: number[] }');
    }
    let total = 0;
    for (let i = 0; i < buckets.counts.length; i++) {
      const c = buckets.counts[i];
      if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) {
        throw new InvalidArgumentError(`${field}.counts`, 'must hold non-negative integers');
      }
      if (c > 0) {
        store.add(buckets.offset + i, c);
        total += c;
      }
    }
    return total;
  }

  private valueAtRank(q: number): number {
    if (this._count === 0 || !(q >= 0 && q <= 1)) {
      return NaN;
    }
    if (q === 0) {
      return this._min;
    }
    if (q === 1) {
      return this._max;
    }
    const rank = q * (this._count - 1);
    let seen = 0;
    const neg = this._negative;
    if (neg.total > 0) {
      const hi = neg.highestIndex() as number;
      const lo = neg.lowestIndex() as number;
      for (let i = hi; i >= lo; i--) {
        seen += neg.countAt(i);
        if (seen > rank) {
          return this.clamp(-this._mapping.valueOf(i));
        }
      }
    }
    seen += this._zeroCount;
    if (seen > rank) {
      return this.clamp(0);
    }
    const pos = this._positive;
    const lo = pos.lowestIndex();
    const hi = pos.highestIndex();
    if (lo !== undefined && hi !== undefined) {
      for (let i = lo; i <= hi; i++) {
        seen += pos.countAt(i);
        if (seen > rank) {
          return this.clamp(this._mapping.valueOf(i));
        }
      }
    }
    return this._max;
  }

  private clamp(v: number): number {
    return v < this._min ? this._min : v > this._max ? this._max : v;
  }

  private downscale(by: number): void {
    const positive = new BucketStore(this.maxBuckets);
    const negative = new BucketStore(this.maxBuckets);
    positive.addStore(this._positive, by, 1);
    negative.addStore(this._negative, by, 1);
    this._positive = positive;
    this._negative = negative;
    this._mapping = mappingFor(this.scale - by);
  }

  private estimateExtremes(min: number, max: number): void {
    if (this._count <= 0) {
      this._min = Number.POSITIVE_INFINITY;
      this._max = Number.NEGATIVE_INFINITY;
      return;
    }
    const m = this._mapping;
    const negHi = this._negative.highestIndex();
    const negLo = this._negative.lowestIndex();
    const posLo = this._positive.lowestIndex();
    const posHi = this._positive.highestIndex();
    let lo = negHi !== undefined ? -m.upperBound(negHi) : posLo !== undefined && this._zeroCount === 0 ? m.lowerBound(posLo) : 0;
    let hi = posHi !== undefined ? m.upperBound(posHi) : negLo !== undefined && this._zeroCount === 0 ? -m.lowerBound(negLo) : 0;
    lo = Math.min(Math.max(lo, min), max);
    hi = Math.max(Math.min(hi, max), min);
    this._min = lo;
    this._max = hi;
  }
}
