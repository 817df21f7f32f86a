import { InvalidArgumentError } from '../errors/InvalidArgumentError';

const HEX_BYTE: string[] = [];
for (let i = 0; i < 256; i++) {
  HEX_BYTE.push((i < 16 ? '0' : '') + i.toString(16));
}

const nibble = (c: number): number => {
  if (c >= 48 && c <= 57) {
    return c - 48;
  }
  if (c >= 97 && c <= 102) {
    return c - 87;
  }
  if (c >= 65 && c <= 70) {
    return c - 55;
  }
  return -1;
};

/** Lower-case hexadecimal. */
export class Hex {
  static encode(bytes: Uint8Array): string {
    return Hex.encodePrefix(bytes, bytes.length);
  }

  /** The first `length` bytes of `bytes` as hex (lets callers reuse one scratch buffer). */
  static encodePrefix(bytes: Uint8Array, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) {
      out += HEX_BYTE[bytes[i]];
    }
    return out;
  }

  /** One byte (0..255) as two hex digits. */
  static byte(value: number): string {
    return HEX_BYTE[value & 255];
  }

  /** Decodes hex (either case); throws InvalidArgumentError on odd length or a non-hex digit. */
  static decode(text: string, field?: string): Uint8Array {
    if (text.length % 2 !== 0) {
      throw new InvalidArgumentError(field ?? 'hex', 'odd number of hex digits');
    }
    const out = new Uint8Array(text.length / 2);
    for (let i = 0; i < out.length; i++) {
      const hi = nibble(text.charCodeAt(2 * i));
      const lo = nibble(text.charCodeAt(2 * i + 1));
      if (hi < 0 || lo < 0) {
        throw new InvalidArgumentError(field ?? 'hex', `not a hex digit at ${2 * i}`);
      }
      out[i] = (hi << 4) | lo;
    }
    return out;
  }

  /** True when `text` is `length` lower-case hex digits (the form W3C trace context requires). */
  static isLowerHex(text: string, length: number): boolean {
    if (text.length !== length) {
      return false;
    }
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) {
        return false;
      }
    }
    return true;
  }
}
