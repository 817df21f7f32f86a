import { Uint32Random } from './internal/Uint32Random';

/** Fills a buffer with cryptographically strong random bytes (`crypto.getRandomValues`, cryptoFramework). */
export type EntropyFill = (out: Uint8Array) => void;

const BUFFER_SIZE = 256;

/**
 * Crypto-strength randomness from a host-supplied entropy function. Buffers 256 bytes per call
 * into the host, since `getRandomValues` costs far more per call than per byte.
 */
export class CryptoRandom extends Uint32Random {
  private readonly _fill: EntropyFill;
  private readonly _buf: Uint8Array = new Uint8Array(BUFFER_SIZE);
  private _pos: number = BUFFER_SIZE;

  constructor(fill: EntropyFill) {
    super();
    this._fill = fill;
  }

  nextUint32(): number {
    if (this._pos + 4 > BUFFER_SIZE) {
      this._fill(this._buf);
      this._pos = 0;
    }
    const b = this._buf;
    const p = this._pos;
    this._pos = p + 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }


  fillBytes(out: Uint8Array): void {
    if (out.length >= BUFFER_SIZE) {
      this._fill(out);
      return;
    }
    if (this._pos + out.length > BUFFER_SIZE) {
      this._fill(this._buf);
      this._pos = 0;
    }
    out.set(this._buf.subarray(this._pos, this._pos + out.length));
    this._pos += out.length;
  }
}
