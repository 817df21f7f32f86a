/** How many sequence numbers below the highest seen a SeqWindow remembers. */
export const SEQ_WINDOW = 1024;

/**
 * Duplicate detection for one sender (the anti-replay window of IPsec/DTLS): remembers the
 * highest sequence number seen and which of the SEQ_WINDOW below it arrived. Constant memory
 * per sender, no strings kept. A new origin (the sender restarted) resets it.
 */
export class SeqWindow {
  origin: string;
  private _top: number = 0;
  private readonly _bits: Uint32Array = new Uint32Array(SEQ_WINDOW / 32);

  constructor(origin: string) {
    this.origin = origin;
  }

  /** Resets for a new life of the sender. */
  reset(origin: string): void {
    this.origin = origin;
    this._top = 0;
    this._bits.fill(0);
  }

  /** True the first time `seq` is seen; false for a repeat or one too old to judge. */
  accept(seq: number): boolean {
    const bits = this._bits;
    if (seq > this._top) {
      const gap = seq - this._top;
      if (gap >= SEQ_WINDOW) {
        bits.fill(0);
      } else {
        this.clear(this._top + 1, seq);
      }
      this._top = seq;
      const j = seq % SEQ_WINDOW;
      bits[j >>> 5] |= 1 << (j & 31);
      return true;
    }
    if (this._top - seq >= SEQ_WINDOW) {
      return false;
    }
    const k = seq % SEQ_WINDOW;
    const mask = 1 << (k & 31);
    if ((bits[k >>> 5] & mask) !== 0) {
      return false;
    }
    bits[k >>> 5] |= mask;
    return true;
  }

  // Clears the bits of sequence numbers [from, to) (fewer than SEQ_WINDOW of them), word by word.
  private clear(from: number, to: number): void {
    const bits = this._bits;
    let s = from;
    while (s < to) {
      const i = s % SEQ_WINDOW;
      const word = i >>> 5;
      const bit = i & 31;
      const n = Math.min(32 - bit, to - s);
      if (n === 32) {
        bits[word] = 0;
      } else {
        bits[word] &= ~(((1 << n) - 1) << bit);
      }
      s += n;
    }
  }
}
