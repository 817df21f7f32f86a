import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { Uint32Random } from './internal/Uint32Random';

// splitmix32 step: spreads any 32-bit seed over the generator state.
const splitmix32 = (x: number): number => {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
};

// FNV-1a over the UTF-16 code units of a label, for string seeds and fork labels.
const hashString = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
};

/**
 * A seedable PRNG (sfc32: small, fast, passes PractRand to 2^40+). Pure 32-bit integer arithmetic
 * with Math.imul, so the same seed gives the same sequence on every engine (V8, ArkCompiler,
 * JavaScriptCore). Not for keys or tokens: use CryptoRandom for those.
 */
export class SeededRandom extends Uint32Random {
  private _a: number;
  private _b: number;
  private _c: number;
  private _d: number;
  readonly seed: number;

  /** `seed`: any finite number (its low 32 bits are used) or a string label. */
  constructor(seed: number | string) {
    super();
    let s: number;
    if (typeof seed === 'string') {
      s = hashString(seed);
    } else {
      if (!Number.isFinite(seed)) {
        throw new InvalidArgumentError('seed', 'must be a finite number or a string');
      }
      s = Math.floor(seed) >>> 0;
    }
    this.seed = s;
    this._a = splitmix32(s);
    this._b = splitmix32(this._a);
    this._c = splitmix32(this._b);
    this._d = splitmix32(this._c) | 1;
    // Discard the first outputs so that similar seeds diverge at once.
    for (let i = 0; i < 12; i++) {
      this.nextUint32();
    }
  }

  nextUint32(): number {
    const t = (((this._a + this._b) | 0) + this._d) | 0;
    this._d = (this._d + 1) | 0;
    this._a = this._b ^ (this._b >>> 9);
    this._b = (this._c + (this._c << 3)) | 0;
    this._c = (this._c << 21) | (this._c >>> 11);
    this._c = (this._c + t) | 0;
    return t >>> 0;
  }


  fillBytes(out: Uint8Array): void {
    let i = 0;
    for (; i + 4 <= out.length; i += 4) {
      const v = this.nextUint32();
      out[i] = v & 255;
      out[i + 1] = (v >>> 8) & 255;
      out[i + 2] = (v >>> 16) & 255;
      out[i + 3] = v >>> 24;
    }
    if (i < out.length) {
      let v = this.nextUint32();
      for (; i < out.length; i++) {
        out[i] = v & 255;
        v >>>= 8;
      }
    }
  }

  /**
   * An independent generator derived from this one's seed and a label (e.g. a device id): forks
   * do not consume this generator's sequence, so adding a device does not reshuffle the others.
   */
  fork(label: string): SeededRandom {
    return new SeededRandom((Math.imul(this.seed ^ 0x5bd1e995, 0x27d4eb2d) ^ hashString(label)) >>> 0);
  }
}
