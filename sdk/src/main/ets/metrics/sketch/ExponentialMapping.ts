import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';

/** Smallest scale a {@link QuantileSketch} accepts (base 2: one bucket per power of two). */
export const MIN_SKETCH_SCALE = 0;
/** Largest scale a {@link QuantileSketch} accepts (4096 buckets per power of two). */
export const MAX_SKETCH_SCALE = 12;

const MIN_NORMAL_EXPONENT = -1022;
const MAX_NORMAL_EXPONENT = 1023;
const MIN_NORMAL_VALUE = Math.pow(2, MIN_NORMAL_EXPONENT);

// Scratch views for reading a double's bits (endianness detected once).
const SCRATCH_F64 = new Float64Array(1);
const SCRATCH_U32 = new Uint32Array(SCRATCH_F64.buffer);
SCRATCH_F64[0] = 1;
const HI_WORD = SCRATCH_U32[1] === 0x3ff00000 ? 1 : 0;
const MANTISSA_HI_MASK = 0xfffff;
const ONE_HI = 0x3ff00000;

/**
 * Maps positive values to base-2 exponential bucket indexes at a scale, the layout of
 * OpenTelemetry's exponential histograms: bucket `i` holds `(base^i, base^(i+1)]` with
 * `base = 2^(2^-scale)`, and exact powers of two close the bucket below them. The index comes from
 * the value's bits (exponent, plus a table lookup and one comparison on the mantissa) rather than
 * a logarithm: faster, and exact up to the rounding of the boundaries themselves. OpenTelemetry's
 * `Math.log`-based mapping agrees everywhere except for values within a few ulps of a boundary.
 */
export class ExponentialMapping {
  /** The scale: 2^scale buckets per power of two. */
  readonly scale: number;
  /** The ratio between a bucket's upper and lower bound. */
  readonly base: number;
  /** Worst-case relative error of a value estimated by its bucket: (base - 1) / (base + 1). */
  readonly relativeAccuracy: number;
  private readonly _size: number;
  private readonly _inverseFactor: number;
  private readonly _minIndex: number;
  private readonly _maxIndex: number;
  private readonly _representative: number;
  /** Mantissa bits (of the top 20) that index `_table`. */
  private readonly _tableShift: number;
  /** `_thresholds[j]`: the smallest mantissa (1 + m) in sub-bucket j of an octave; [0] is just above 1. */
  private readonly _thresholds: Float64Array;
  /** Per cell of the mantissa range: the sub-bucket of the cell's lowest mantissa (-1: the octave below). */
  private readonly _table: Int32Array;

  constructor(scale: number) {
    if (!Number.isInteger(scale) || scale < MIN_SKETCH_SCALE || scale > MAX_SKETCH_SCALE) {
      throw new InvalidArgumentError('scale', `must be an integer in [${MIN_SKETCH_SCALE}, ${MAX_SKETCH_SCALE}]`);
    }
    this.scale = scale;
    this._size = Math.pow(2, scale);
    this._inverseFactor = Math.LN2 / this._size;
    this._minIndex = MIN_NORMAL_EXPONENT * this._size - 1;
    this._maxIndex = (MAX_NORMAL_EXPONENT + 1) * this._size - 1;
    this.base = Math.pow(2, 1 / this._size);
    this.relativeAccuracy = (this.base - 1) / (this.base + 1);
    // 2·L·U / (L + U): the point of (L, U] whose relative distance to both ends is the same.
    this._representative = (2 * this.base) / (1 + this.base);
    // Cells 4x narrower than the narrowest sub-bucket hold at most one threshold each.
    const tableBits = scale + 2;
    this._tableShift = 20 - tableBits;
    const thresholds = new Float64Array(this._size + 1);
    thresholds[0] = 1 + Number.EPSILON;
    for (let j = 1; j <= this._size; j++) {
      thresholds[j] = Math.pow(2, j / this._size);
    }
    const cells = Math.pow(2, tableBits);
    const table = new Int32Array(cells);
    let j = -1;
    for (let t = 0; t < cells; t++) {
      const low = 1 + t / cells;
      while (j + 1 < this._size && thresholds[j + 1] <= low) {
        j++;
      }
      table[t] = j;
    }
    this._thresholds = thresholds;
    this._table = table;
  }

  /** The bucket index of a positive finite value. Hot path: no allocation, no logarithm. */
  indexOf(value: number): number {
    if (value <= MIN_NORMAL_VALUE) {
      return this._minIndex;
    }
    const f = SCRATCH_F64;
    const u = SCRATCH_U32;
    f[0] = value;
    const hi = u[HI_WORD];
    const exponent = (hi >>> 20) - 1023;
    const mantissaHi = hi & MANTISSA_HI_MASK;
    // 1 + mantissa as a double: the value with its exponent replaced by 0.
    u[HI_WORD] = mantissaHi | ONE_HI;
    const m1 = f[0];
    let j = this._table[mantissaHi >>> this._tableShift];
    if (m1 >= this._thresholds[j + 1]) {
      j++;
    }
    return exponent * this._size + j;
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
}
