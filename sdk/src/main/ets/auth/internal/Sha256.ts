// A synchronous, portable SHA-256 (FIPS 180-4). The Crypto port is asynchronous, and the verified-
// token cache must hash every token it is asked about without a promise hop; it is also the base
// of the deterministic HMAC the hypium suites verify HS256 tokens with.

const K: Int32Array = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
]);
const IV: Int32Array = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
]);

/** SHA-256 over byte sources, with reusable scratch space (not re-entrant; JS is single-threaded). */
export class Sha256 {
  private static readonly _w: Int32Array = new Int32Array(64);
  private static readonly _tail: Uint8Array = new Uint8Array(128);

  /** The digest of `bytes`. */
  static digest(bytes: Uint8Array): Uint8Array {
    const h = new Int32Array(IV);
    const w = Sha256._w;
    const n = bytes.length;
    const full = n - (n & 63);
    for (let block = 0; block < full; block += 64) {
      for (let t = 0; t < 16; t++) {
        const i = block + 4 * t;
        w[t] = (bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3];
      }
      Sha256.compress(h, w);
    }
    const tail = Sha256._tail;
    for (let i = full; i < n; i++) {
      tail[i - full] = bytes[i];
    }
    Sha256.finish(h, n, n - full);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      const v = h[i];
      out[4 * i] = v >>> 24;
      out[4 * i + 1] = (v >>> 16) & 255;
      out[4 * i + 2] = (v >>> 8) & 255;
      out[4 * i + 3] = v & 255;
    }
    return out;
  }

  /**
   * The digest of `text` as eight 32-bit words, one byte per character, or undefined when `text`
   * has a character above 127 (callers hash ASCII tokens only; that check makes the mapping from
   * strings to byte strings one-to-one). Allocates no intermediate byte array.
   */
  static hashAscii(text: string): Int32Array | undefined {
    const h = new Int32Array(IV);
    const w = Sha256._w;
    const n = text.length;
    const full = n - (n & 63);
    let seen = 0;
    for (let block = 0; block < full; block += 64) {
      for (let t = 0; t < 16; t++) {
        const i = block + 4 * t;
        const c0 = text.charCodeAt(i);
        const c1 = text.charCodeAt(i + 1);
        const c2 = text.charCodeAt(i + 2);
        const c3 = text.charCodeAt(i + 3);
        seen |= c0 | c1 | c2 | c3;
        w[t] = (c0 << 24) | (c1 << 16) | (c2 << 8) | c3;
      }
      Sha256.compress(h, w);
    }
    const tail = Sha256._tail;
    for (let i = full; i < n; i++) {
      const c = text.charCodeAt(i);
      seen |= c;
      tail[i - full] = c;
    }
    if (seen > 127) {
      return undefined;
    }
    Sha256.finish(h, n, n - full);
    return h;
  }

  /** HMAC-SHA-256 (RFC 2104). */
  static hmac(key: Uint8Array, data: Uint8Array): Uint8Array {
    const block = new Uint8Array(64);
    block.set(key.length > 64 ? Sha256.digest(key) : key);
    const inner = new Uint8Array(64 + data.length);
    const outer = new Uint8Array(64 + 32);
    for (let i = 0; i < 64; i++) {
      inner[i] = block[i] ^ 0x36;
      outer[i] = block[i] ^ 0x5c;
    }
    inner.set(data, 64);
    outer.set(Sha256.digest(inner), 64);
    return Sha256.digest(outer);
  }

  // Pads the `rest` bytes already in the tail buffer (0x80, zeros, 64-bit big-endian bit length)
  // and compresses the one or two final blocks.
  private static finish(h: Int32Array, length: number, rest: number): void {
    const tail = Sha256._tail;
    const blocks = rest < 56 ? 1 : 2;
    const end = blocks * 64;
    tail[rest] = 0x80;
    tail.fill(0, rest + 1, end - 8);
    const high = Math.floor(length / 0x20000000);
    const low = (length * 8) >>> 0;
    tail[end - 8] = high >>> 24;
    tail[end - 7] = (high >>> 16) & 255;
    tail[end - 6] = (high >>> 8) & 255;
    tail[end - 5] = high & 255;
    tail[end - 4] = low >>> 24;
    tail[end - 3] = (low >>> 16) & 255;
    tail[end - 2] = (low >>> 8) & 255;
    tail[end - 1] = low & 255;
    const w = Sha256._w;
    for (let block = 0; block < end; block += 64) {
      for (let t = 0; t < 16; t++) {
        const i = block + 4 * t;
        w[t] = (tail[i] << 24) | (tail[i + 1] << 16) | (tail[i + 2] << 8) | tail[i + 3];
      }
      Sha256.compress(h, w);
    }
  }

  private static compress(h: Int32Array, w: Int32Array): void {
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15];
      const y = w[t - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    let a = h[0];
    let b = h[1];
    let c = h[2];
    let d = h[3];
    let e = h[4];
    let f = h[5];
    let g = h[6];
    let hh = h[7];
    for (let t = 0; t < 64; t++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + s1 + ch + K[t] + w[t]) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0;
    h[1] = (h[1] + b) | 0;
    h[2] = (h[2] + c) | 0;
    h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0;
    h[5] = (h[5] + f) | 0;
    h[6] = (h[6] + g) | 0;
    h[7] = (h[7] + hh) | 0;
  }
}
