import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Random } from '../Random';

/** Derives floats and bounded integers from a generator of uniform 32-bit words. */
export abstract class Uint32Random implements Random {
  abstract nextUint32(): number;

  abstract fillBytes(out: Uint8Array): void;

  next(): number {
    // 53 random bits: as fine-grained as a double in [0, 1) allows.
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  nextInt(bound: number): number {
    if (!(bound >= 1) || bound > 4294967296 || Math.floor(bound) !== bound) {
      throw new InvalidArgumentError('bound', `must be an integer in [1, 2^32], got ${bound}`);
    }
    // Rejection sampling removes modulo bias.
    const limit = 4294967296 - (4294967296 % bound);
    for (;;) {
      const v = this.nextUint32();
      if (v < limit) {
        return v % bound;
      }
    }
  }
}
