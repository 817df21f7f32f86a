/** Buckets a store allocates first; it doubles as the range of values grows. */
const INITIAL_CAPACITY = 32;

/**
 * Counts per bucket index for one sign of a {@link QuantileSketch}: a dense window of at most
 * `maxBuckets` consecutive indexes (DDSketch's "collapsing lowest dense store"). When values span
 * more buckets than that, the lowest buckets are folded into the lowest kept one, so memory stays
 * bounded and the high quantiles (p99, p99.9) keep their accuracy; only quantiles that fall in the
 * folded range lose it, and `collapsed` says that happened.
 */
export class BucketStore {
  private _counts: Float64Array = new Float64Array(0);
  private _base: number = 0;
  private _total: number = 0;
  private _collapsed: boolean = false;
  private readonly _maxBuckets: number;

  constructor(maxBuckets: number) {
    this._maxBuckets = maxBuckets;
  }

  /** Sum of all counts. */
  get total(): number {
    return this._total;
  }

  /** True once buckets were folded to respect `maxBuckets`. */
  get collapsed(): boolean {
    return this._collapsed;
  }

  /** The most buckets this store keeps. */
  get maxBuckets(): number {
    return this._maxBuckets;
  }

  /** Adds `count` to bucket `index`. Hot path: no allocation unless the range grows. */
  add(index: number, count: number): void {
    let pos = index - this._base;
    if (pos < 0 || pos >= this._counts.length) {
      pos = this.place(index);
    }
    this._counts[pos] += count;
    this._total += count;
  }

  /** Count in bucket `index` (0 outside the kept range). */
  countAt(index: number): number {
    const pos = index - this._base;
    return pos >= 0 && pos < this._counts.length ? this._counts[pos] : 0;
  }

  /** Lowest index with a non-zero count; undefined when empty. */
  lowestIndex(): number | undefined {
    const counts = this._counts;
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] !== 0) {
        return this._base + i;
      }
    }
    return undefined;
  }

  /** Highest index with a non-zero count; undefined when empty. */
  highestIndex(): number | undefined {
    const counts = this._counts;
    for (let i = counts.length - 1; i >= 0; i--) {
      if (counts[i] !== 0) {
        return this._base + i;
      }
    }
    return undefined;
  }

  /** Adds every bucket of `other`, its indexes shifted right by `downscale` bits (0: same scale). */
  addStore(other: BucketStore, downscale: number, sign: number): void {
    const lo = other.lowestIndex();
    const hi = other.highestIndex();
    if (lo === undefined || hi === undefined) {
      return;
    }
    for (let index = lo; index <= hi; index++) {
      const c = other.countAt(index);
      if (c !== 0) {
        this.add(index >> downscale, sign * c);
      }
    }
  }

  /** A copy holding only the non-zero range. */
  copy(): BucketStore {
    const out = new BucketStore(this._maxBuckets);
    out._collapsed = this._collapsed;
    const lo = this.lowestIndex();
    const hi = this.highestIndex();
    if (lo !== undefined && hi !== undefined) {
      out._counts = this._counts.slice(lo - this._base, hi - this._base + 1);
      out._base = lo;
      out._total = this._total;
    }
    return out;
  }

  /** Zeroes every count, keeping the allocated window for reuse. */
  clear(): void {
    this._counts.fill(0);
    this._total = 0;
    this._collapsed = false;
  }

  /** Makes room for `index` (growing, re-centring or folding) and returns its position. */
  private place(index: number): number {
    const old = this._counts;
    const oldBase = this._base;
    const lo = this.lowestIndex();
    const hi = this.highestIndex();
    if (lo === undefined || hi === undefined) {
      const size = Math.min(Math.max(old.length, INITIAL_CAPACITY), this._maxBuckets);
      if (old.length !== size) {
        this._counts = new Float64Array(size);
      }
      this._base = index - (size >> 1);
      return index - this._base;
    }
    if (this._collapsed && index < oldBase) {
      return 0;
    }
    const newLo = Math.min(lo, index);
    const newHi = Math.max(hi, index);
    const span = newHi - newLo + 1;
    let size = Math.max(old.length, INITIAL_CAPACITY);
    let base = 0;
    if (span <= this._maxBuckets) {
      while (size < span * 2 && size < this._maxBuckets) {
        size *= 2;
      }
      size = Math.min(size, this._maxBuckets);
      base = newLo - Math.floor((size - span) / 2);
    } else {
      // Fold the lowest buckets: keep the top `maxBuckets` indexes ending at the highest value.
      this._collapsed = true;
      size = this._maxBuckets;
      base = newHi - size + 1;
    }
    const counts = new Float64Array(size);
    for (let i = lo; i <= hi; i++) {
      const c = old[i - oldBase];
      if (c !== 0) {
        const p = i - base;
        counts[p < 0 ? 0 : p] += c;
      }
    }
    this._counts = counts;
    this._base = base;
    const pos = index - base;
    return pos < 0 ? 0 : pos;
  }
}
