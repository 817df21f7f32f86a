import { InvalidArgumentError } from '../errors/InvalidArgumentError';

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const STD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// Decoding tables indexed by char code (< 128); -1 marks a character outside the alphabet.
const buildDecodeTable = (alphabet: string): Int8Array => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) {
    table[alphabet.charCodeAt(i)] = i;
  }
  return table;
};

// Pairs of output characters per 12-bit group: halves the table lookups when encoding.
const buildPairTable = (alphabet: string): string[] => {
  const pairs: string[] = new Array<string>(4096);
  for (let i = 0; i < 4096; i++) {
    pairs[i] = alphabet.charAt(i >> 6) + alphabet.charAt(i & 63);
  }
  return pairs;
};

const URL_DECODE = buildDecodeTable(URL_ALPHABET);
const STD_DECODE = buildDecodeTable(STD_ALPHABET);
const URL_PAIRS = buildPairTable(URL_ALPHABET);
const STD_PAIRS = buildPairTable(STD_ALPHABET);

const encodeWith = (bytes: Uint8Array, pairs: string[], alphabet: string, pad: boolean): string => {
  const n = bytes.length;
  const full = n - (n % 3);
  let out = '';
  let i = 0;
  for (; i < full; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += pairs[v >> 12] + pairs[v & 4095];
  }
  const rest = n - full;
  if (rest === 1) {
    const v = bytes[i] << 4;
    out += pairs[v];
    if (pad) {
      out += '==';
    }
  } else if (rest === 2) {
    const v = (bytes[i] << 8) | bytes[i + 1];
    out += pairs[v >> 4] + alphabet.charAt((v & 15) << 2);
    if (pad) {
      out += '=';
    }
  }
  return out;
};

// Strict decoding: only alphabet characters, no padding, no whitespace, and the unused low bits of
// the last character must be zero (so every byte string has exactly one valid encoding).
const decodeWith = (text: string, table: Int8Array, end: number): Uint8Array | undefined => {
  const rest = end % 4;
  if (rest === 1) {
    return undefined;
  }
  const outLen = (end >> 2) * 3 + (rest === 0 ? 0 : rest - 1);
  const out = new Uint8Array(outLen);
  const full = end - rest;
  let o = 0;
  let i = 0;
  for (; i < full; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) > 127) {
      return undefined;
    }
    const a = table[c0];
    const b = table[c1];
    const c = table[c2];
    const d = table[c3];
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
      const code = text.charCodeAt(i + k);
      const d = code > 127 ? -1 : table[code];
      if (d < 0) {
        return undefined;
      }
      v = (v << 6) | d;
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

/** Base64url without padding (RFC 4648 section 5), as JOSE uses it. Strict on decode. */
export class Base64Url {
  static encode(bytes: Uint8Array): string {
    return encodeWith(bytes, URL_PAIRS, URL_ALPHABET, false);
  }

  /** Decodes, or returns undefined for anything but canonical unpadded base64url. Never throws. */
  static tryDecode(text: string): Uint8Array | undefined {
    return decodeWith(text, URL_DECODE, text.length);
  }

  /** Decodes canonical unpadded base64url; throws InvalidArgumentError otherwise. */
  static decode(text: string, field?: string): Uint8Array {
    const out = decodeWith(text, URL_DECODE, text.length);
    if (out === undefined) {
      throw new InvalidArgumentError(field ?? 'base64url', 'not canonical unpadded base64url');
    }
    return out;
  }
}

/** Standard base64 with padding (RFC 4648 section 4), for PEM bodies and `x5c` certificates. */
export class Base64 {
  static encode(bytes: Uint8Array): string {
    return encodeWith(bytes, STD_PAIRS, STD_ALPHABET, true);
  }

  /** Decodes padded standard base64 (padding required when the length is not a multiple of 4). */
  static tryDecode(text: string): Uint8Array | undefined {
    if (text.length % 4 !== 0) {
      return undefined;
    }
    let end = text.length;
    if (end > 0 && text.charCodeAt(end - 1) === 61) {
      end--;
      if (end > 0 && text.charCodeAt(end - 1) === 61) {
        end--;
      }
    }
    return decodeWith(text, STD_DECODE, end);
  }

  static decode(text: string, field?: string): Uint8Array {
    const out = Base64.tryDecode(text);
    if (out === undefined) {
      throw new InvalidArgumentError(field ?? 'base64', 'not canonical padded base64');
    }
    return out;
  }
}
