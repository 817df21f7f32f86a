import { Base64Url } from '../../core/encoding/Base64Url';
import { Utf8 } from '../../core/encoding/Utf8';
import { takeBytes } from './ByteSlab';

// The JWT payload decoder of the verify hot path. Payloads are almost always ASCII JSON, so this
// decodes base64url straight into a string (one pass, no intermediate bytes, no UTF-8 decoder),
// with exactly the strictness of core Base64Url (canonical, unpadded, alphabet only). The first
// non-ASCII byte sends the input to core Base64Url + Utf8 instead.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const TABLE: Int8Array = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) {
  TABLE[ALPHABET.charCodeAt(i)] = i;
}
const CHUNK = 3072;
const scratch: number[] = [];

/** Why a payload could not be decoded. */
export enum TextDecodeFailure {
  NONE = 0,
  /** Not canonical unpadded base64url. */
  BASE64 = 1,
  /** Valid base64url of bytes that are not UTF-8. */
  UTF8 = 2
}

/** The outcome of {@link decodeBase64UrlText}: text, or the failure. */
export class DecodedText {
  readonly text: string;
  readonly failure: TextDecodeFailure;

  constructor(text: string, failure: TextDecodeFailure) {
    this.text = text;
    this.failure = failure;
  }
}

const flush = (out: string, count: number): string => {
  scratch.length = count;
  return out + String.fromCharCode(...scratch);
};

const slowPath = (source: string, start: number, end: number, mirror: Uint8Array | undefined): DecodedText => {
  if (mirror !== undefined) {
    for (let i = start; i < end; i++) {
      mirror[i] = source.charCodeAt(i);
    }
  }
  const bytes = Base64Url.tryDecode(source.substring(start, end));
  if (bytes === undefined) {
    return new DecodedText('', TextDecodeFailure.BASE64);
  }
  const text = Utf8.tryDecode(bytes);
  return text === undefined ? new DecodedText('', TextDecodeFailure.UTF8) : new DecodedText(text, TextDecodeFailure.NONE);
};

/**
 * Decodes the base64url in `source[start, end)` to UTF-8 text. When `mirror` is given, the
 * characters read are also stored in it as bytes at the same indices (the JWS signing input is
 * those very characters), saving a second pass. Never throws.
 */
export const decodeBase64UrlText = (source: string, start: number, end: number, mirror?: Uint8Array): DecodedText => {
  const rest = (end - start) & 3;
  if (rest === 1) {
    return new DecodedText('', TextDecodeFailure.BASE64);
  }
  const full = end - rest;
  let out = '';
  let o = 0;
  for (let i = start; i < full; i += 4) {
    const c0 = source.charCodeAt(i);
    const c1 = source.charCodeAt(i + 1);
    const c2 = source.charCodeAt(i + 2);
    const c3 = source.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) > 127) {
      return new DecodedText('', TextDecodeFailure.BASE64);
    }
    if (mirror !== undefined) {
      mirror[i] = c0;
      mirror[i + 1] = c1;
      mirror[i + 2] = c2;
      mirror[i + 3] = c3;
    }
    const a = TABLE[c0];
    const b = TABLE[c1];
    const c = TABLE[c2];
    const d = TABLE[c3];
    if ((a | b | c | d) < 0) {
      return new DecodedText('', TextDecodeFailure.BASE64);
    }
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    if ((v & 0x808080) !== 0) {
      return slowPath(source, start, end, mirror);
    }
    scratch[o] = v >> 16;
    scratch[o + 1] = (v >> 8) & 255;
    scratch[o + 2] = v & 255;
    o += 3;
    if (o >= CHUNK) {
      out = flush(out, o);
      o = 0;
    }
  }
  if (rest > 0) {
    let v = 0;
    for (let k = 0; k < rest; k++) {
      const code = source.charCodeAt(full + k);
      const digit = code > 127 ? -1 : TABLE[code];
      if (digit < 0) {
        return new DecodedText('', TextDecodeFailure.BASE64);
      }
      if (mirror !== undefined) {
        mirror[full + k] = code;
      }
      v = (v << 6) | digit;
    }
    if (rest === 2) {
      if ((v & 15) !== 0) {
        return new DecodedText('', TextDecodeFailure.BASE64);
      }
      if ((v >> 4) > 127) {
        return slowPath(source, start, end, mirror);
      }
      scratch[o++] = v >> 4;
    } else {
      if ((v & 3) !== 0) {
        return new DecodedText('', TextDecodeFailure.BASE64);
      }
      if (((v >> 2) & 0x8080) !== 0) {
        return slowPath(source, start, end, mirror);
      }
      scratch[o++] = v >> 10;
      scratch[o++] = (v >> 2) & 255;
    }
  }
  return new DecodedText(o > 0 ? flush(out, o) : out, TextDecodeFailure.NONE);
};

/**
 * Decodes the base64url in `source[start, end)` to bytes (in a slab view, see ByteSlab), with the
 * strictness of core Base64Url; undefined when it is not canonical unpadded base64url.
 */
export const decodeBase64UrlBytes = (source: string, start: number, end: number): Uint8Array | undefined => {
  const rest = (end - start) & 3;
  if (rest === 1) {
    return undefined;
  }
  const full = end - rest;
  const out = takeBytes(((full - start) >> 2) * 3 + (rest === 0 ? 0 : rest - 1));
  let o = 0;
  for (let i = start; i < full; i += 4) {
    const c0 = source.charCodeAt(i);
    const c1 = source.charCodeAt(i + 1);
    const c2 = source.charCodeAt(i + 2);
    const c3 = source.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) > 127) {
      return undefined;
    }
    const a = TABLE[c0];
    const b = TABLE[c1];
    const c = TABLE[c2];
    const d = TABLE[c3];
    if ((a | b | c | d) < 0) {
      return undefined;
    }
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o] = v >> 16;
    out[o + 1] = (v >> 8) & 255;
    out[o + 2] = v & 255;
    o += 3;
  }
  if (rest > 0) {
    let v = 0;
    for (let k = 0; k < rest; k++) {
      const code = source.charCodeAt(full + k);
      const digit = code > 127 ? -1 : TABLE[code];
      if (digit < 0) {
        return undefined;
      }
      v = (v << 6) | digit;
    }
    if (rest === 2) {
      if ((v & 15) !== 0) {
        return undefined;
      }
      out[o] = v >> 4;
    } else {
      if ((v & 3) !== 0) {
        return undefined;
      }
      out[o] = v >> 10;
      out[o + 1] = (v >> 2) & 255;
    }
  }
  return out;
};
