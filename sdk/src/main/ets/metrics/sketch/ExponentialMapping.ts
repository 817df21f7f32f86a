import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';

/** Smallest scale a {@link QuantileSketch} accepts (base 2: one bucket per power of two). */
export const MIN_SKETCH_SCALE = 0;
/** Largest scale a {@link QuantileSketch} accepts (4096 buckets per power of two). */
export const MAX_SKETCH_SCALE = 12;

const MIN_NORMAL_EXPONENT = -1022;
const MAX_NORMAL_EXPONENT = 1023;
const MIN_NORMAL_VALUE = Math.pow(2, MIN_NORMAL_EXPONENT);

/**
 * Maps positive values to base-2 exponential bucket indexes at a scale, the way OpenTelemetry's
 * exponential histograms do: bucket `i` holds `(base^i, base^(i+1)]` with `base = 2^(2^-scale)`.
 * Indexes agree with `@opentelemetry/sdk-metrics`' LogarithmMapping value for value (exact powers
 * of two land in the bucket they close), so sketches export as OTLP exponential histograms as is.
 */
export class ExponentialMapping {
  /** The scale: 2^scale buckets per power of two. */
  readonly scale: number;
  /** The ratio between a bucket's upper and lower bound. */
  readonly base: number;
  /** Worst-case relative error of a value estimated by its bucket: (base - 1) / (base + 1). */
  readonly relativeAccuracy: number;
  private readonly _size: number;
  private readonly _scaleFactor: number;
  private readonly _inverseFactor: number;
  private readonly _mask: number;
  private readonly _minIndex: number;
  private readonly _maxIndex: number;
  private readonly _representative: number;

  constructor(scale: number) {
    if (!Number.isInteger(scale) || scale < MIN_SKETCH_SCALE || scale > MAX_SKETCH_SCALE) {
      throw new InvalidArgumentError('scale', `must be an integer in [${MIN_SKETCH_SCALE}, ${MAX_SKETCH_SCALE}]`);
    }
    this.scale = scale;
    this._size = Math.pow(2, scale);
    this._scaleFactor = Math.LOG2E * this._size;
    this._inverseFactor = Math.LN2 / this._size;
    this._mask = this._size - 1;
    this._minIndex = MIN_NORMAL_EXPONENT * this._size - 1;
    this._maxIndex = (MAX_NORMAL_EXPONENT + 1) * this._size - 1;
    this.base = Math.pow(2, 1 / this._size);
    this.relativeAccuracy = (this.base - 1) / (this.base + 1);
    // 2·L·U / (L + U): the point of (L, U] whose relative distance to both ends is the same.
    this._representative = (2 * this.base) / (1 + this.base);
  }

  /** The bucket index of a positive finite value. Hot path: no allocation. */
  indexOf(value: number): number {
    if (value <= MIN_NORMAL_VALUE) {
      return this._minIndex;
    }
    const index = Math.floor(Math.log(value) * this._scaleFactor);
    // Only next to a power of two can the rounded logarithm pick the wrong side of a boundary, and
    // only an exact power of two needs the exact answer (it closes the bucket below it).
    const pos = index & this._mask;
    if (pos === 0 || pos === this._mask) {
      return this.nearPowerOfTwo(value, index);
    }
    return index >= this._maxIndex ? this._maxIndex : index;
  }

  /** The exclusive lower bound of bucket `index`. */
  lowerBound(index: number): number {
    return Math.exp(index * this._inverseFactor);
  }

  /** The inclusive upper bound of bucket `index`. */
  upperBound(index: number): number {
    return Math.exp((index + 1) * this._inverseFactor);
  }

  /** The value reported for bucket `index`: within `relativeAccuracy` of every value in it. */
  valueOf(index: number): number {
    return this.lowerBound(index) * this._representative;
  }

  private nearPowerOfTwo(value: number, index: number): number {
    if (((index + 1) & this._mask) === 0 && value === Math.pow(2, (index + 1) / this._size)) {
      return index;
    }
    if ((index & this._mask) === 0 && value === Math.pow(2, index / this._size)) {
      return index - 1;
    }
    return index >= this._maxIndex ? this._maxIndex : index;
  }
}
