import { InvalidArgumentError } from '../errors/InvalidArgumentError';

/**
 * UTF-8 without TextEncoder/TextDecoder (HarmonyOS has no such globals). Encoding replaces lone
 * surrogates with U+FFFD, as TextEncoder does; decoding is strict or replacing, as the caller asks.
 */
export class Utf8 {
  static encode(text: string): Uint8Array {
    const n = text.length;
    // ASCII fast path: one byte per code unit.
    let ascii = true;
    for (let i = 0; i < n; i++) {
      if (text.charCodeAt(i) > 127) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        out[i] = text.charCodeAt(i);
      }
      return out;
    }
    const out = new Uint8Array(n * 3);
    let o = 0;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        out[o++] = c;
      } else if (c < 0x800) {
        out[o++] = 0xc0 | (c >> 6);
        out[o++] = 0x80 | (c & 63);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
          if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
            i++;
            out[o++] = 0xf0 | (c >> 18);
            out[o++] = 0x80 | ((c >> 12) & 63);
            out[o++] = 0x80 | ((c >> 6) & 63);
            out[o++] = 0x80 | (c & 63);
            continue;
          }
          c = 0xfffd;
        }
        out[o++] = 0xe0 | (c >> 12);
        out[o++] = 0x80 | ((c >> 6) & 63);
        out[o++] = 0x80 | (c & 63);
      }
    }
    return out.slice(0, o);
  }

  /** Decodes, or returns undefined on malformed input (overlong, surrogates, truncated). */
  static tryDecode(bytes: Uint8Array): string | undefined {
    return Utf8.decodeImpl(bytes, true);
  }

  /** Decodes strictly; throws InvalidArgumentError naming `field` on malformed input. */
  static decode(bytes: Uint8Array, field?: string): string {
    const s = Utf8.decodeImpl(bytes, true);
    if (s === undefined) {
      throw new InvalidArgumentError(field ?? 'utf8', 'malformed UTF-8');
    }
    return s;
  }

  /** Decodes, replacing malformed sequences with U+FFFD (never fails). */
  static decodeLenient(bytes: Uint8Array): string {
    const s = Utf8.decodeImpl(bytes, false);
    return s === undefined ? '' : s;
  }

  private static decodeImpl(bytes: Uint8Array, fatal: boolean): string | undefined {
    const n = bytes.length;
    // ASCII fast path (JSON payloads, headers): one preallocated code array, one fromCharCode.
    if (n <= 4096) {
      const codes: number[] = new Array<number>(n);
      let ascii = true;
      for (let i = 0; i < n; i++) {
        const b = bytes[i];
        if (b > 127) {
          ascii = false;
          break;
        }
        codes[i] = b;
      }
      if (ascii) {
        return String.fromCharCode(...codes);
      }
    }
    const units: number[] = [];
    let out = '';
    let i = 0;
    while (i < n) {
      const b0 = bytes[i];
      let cp = -1;
      let len = 1;
      if (b0 < 0x80) {
        cp = b0;
      } else if (b0 >= 0xc2 && b0 <= 0xdf) {
        len = 2;
        if (i + 1 < n && (bytes[i + 1] & 0xc0) === 0x80) {
          cp = ((b0 & 31) << 6) | (bytes[i + 1] & 63);
        }
      } else if (b0 >= 0xe0 && b0 <= 0xef) {
        len = 3;
        if (i + 2 < n && (bytes[i + 1] & 0xc0) === 0x80 && (bytes[i + 2] & 0xc0) === 0x80) {
          const v = ((b0 & 15) << 12) | ((bytes[i + 1] & 63) << 6) | (bytes[i + 2] & 63);
          if (v >= 0x800 && (v < 0xd800 || v > 0xdfff)) {
            cp = v;
          }
        }
      } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        len = 4;
        if (i + 3 < n && (bytes[i + 1] & 0xc0) === 0x80 && (bytes[i + 2] & 0xc0) === 0x80 &&
          (bytes[i + 3] & 0xc0) === 0x80) {
          const v = ((b0 & 7) << 18) | ((bytes[i + 1] & 63) << 12) | ((bytes[i + 2] & 63) << 6) | (bytes[i + 3] & 63);
          if (v >= 0x10000 && v <= 0x10ffff) {
            cp = v;
          }
        }
      }
      if (cp < 0) {
        if (fatal) {
          return undefined;
        }
        cp = 0xfffd;
        len = 1;
      }
      if (cp >= 0x10000) {
        const v = cp - 0x10000;
        units.push(0xd800 + (v >> 10), 0xdc00 + (v & 1023));
      } else {
        units.push(cp);
      }
      i += len;
      // Flush in chunks: String.fromCharCode with huge argument lists overflows the stack.
      if (units.length >= 4096) {
        out += String.fromCharCode(...units);
        units.length = 0;
      }
    }
    if (units.length > 0) {
      out += String.fromCharCode(...units);
    }
    return out;
  }
}
