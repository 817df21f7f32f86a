import { Hex } from '../encoding/Hex';
import { RandomBytes } from './RandomBytes';

/**
 * Generates identifiers from a random source: a crypto-strength one in production, a seeded one in
 * the simulator (so runs replay). Ids are lower-case hex; trace and span ids are never all zero.
 */
export class IdGenerator {
  private readonly _random: RandomBytes;
  private readonly _buf: Uint8Array = new Uint8Array(16);

  constructor(random: RandomBytes) {
    this._random = random;
  }

  /** `bytes` random bytes as 2*bytes hex digits. */
  hex(bytes: number): string {
    const buf = bytes <= 16 ? this._buf : new Uint8Array(bytes);
    this._random.fillBytes(buf);
    return Hex.encodePrefix(buf, bytes);
  }

  /** 128-bit W3C trace id (32 hex digits, never all zero). */
  traceId(): string {
    return this.nonZeroHex(16);
  }

  /** 64-bit W3C span id (16 hex digits, never all zero). */
  spanId(): string {
    return this.nonZeroHex(8);
  }

  /** A random (version 4) UUID. */
  uuid(): string {
    const b = this._buf;
    this._random.fillBytes(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let out = '';
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) {
        out += '-';
      }
      out += Hex.byte(b[i]);
    }
    return out;
  }

  private nonZeroHex(bytes: number): string {
    for (;;) {
      const id = this.hex(bytes);
      for (let i = 0; i < id.length; i++) {
        if (id.charCodeAt(i) !== 48) {
          return id;
        }
      }
    }
  }
}
