import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';

/** The ASN.1 tags (universal class, plus the context-specific ones key formats use) ArkMesh reads and writes. */
export enum DerTag {
  INTEGER = 0x02,
  BIT_STRING = 0x03,
  OCTET_STRING = 0x04,
  NULL = 0x05,
  OBJECT_IDENTIFIER = 0x06,
  SEQUENCE = 0x30,
  CONTEXT_0 = 0xa0,
  CONTEXT_1 = 0xa1
}

/** One decoded DER element: its tag and the bytes of its contents (a view, not a copy). */
export class DerElement {
  readonly tag: number;
  readonly content: Uint8Array;
  /** Offset just past this element in the buffer it was read from. */
  readonly end: number;

  constructor(tag: number, content: Uint8Array, end: number) {
    this.tag = tag;
    this.content = content;
    this.end = end;
  }
}

const EMPTY = new Uint8Array(0);

const lengthBytes = (length: number): number[] => {
  if (length < 0x80) {
    return [length];
  }
  const out: number[] = [];
  let n = length;
  while (n > 0) {
    out.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  out.unshift(0x80 | out.length);
  return out;
};

const concat = (parts: Uint8Array[]): Uint8Array => {
  let total = 0;
  for (const p of parts) {
    total += p.length;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/**
 * Distinguished Encoding Rules, as far as key formats (SPKI, PKCS#8, RSA and EC key structures) and
 * ECDSA signatures need them. Reading is strict: definite minimal lengths only, no trailing bytes
 * where a structure must end, and malformed input yields undefined instead of an exception.
 */
export class Der {
  /** One tag-length-value element. */
  static element(tag: number, content: Uint8Array): Uint8Array {
    const len = lengthBytes(content.length);
    const out = new Uint8Array(1 + len.length + content.length);
    out[0] = tag;
    out.set(len, 1);
    out.set(content, 1 + len.length);
    return out;
  }

  static sequence(parts: Uint8Array[]): Uint8Array {
    return Der.element(DerTag.SEQUENCE, concat(parts));
  }

  /** An INTEGER from an unsigned big-endian magnitude (leading zeros stripped, a 0x00 added when the top bit is set). */
  static unsignedInteger(magnitude: Uint8Array): Uint8Array {
    let start = 0;
    while (start < magnitude.length - 1 && magnitude[start] === 0) {
      start++;
    }
    const body = magnitude.length === 0 ? new Uint8Array([0]) : magnitude.subarray(start);
    if ((body[0] & 0x80) !== 0) {
      const padded = new Uint8Array(body.length + 1);
      padded.set(body, 1);
      return Der.element(DerTag.INTEGER, padded);
    }
    return Der.element(DerTag.INTEGER, body);
  }

  /** A small non-negative INTEGER (version fields). */
  static smallInteger(value: number): Uint8Array {
    if (!(value >= 0 && value < 128 && Math.floor(value) === value)) {
      throw new InvalidArgumentError('value', 'must be an integer in [0, 127]');
    }
    return Der.element(DerTag.INTEGER, new Uint8Array([value]));
  }

  static octetString(bytes: Uint8Array): Uint8Array {
    return Der.element(DerTag.OCTET_STRING, bytes);
  }

  /** A BIT STRING with no unused bits. */
  static bitString(bytes: Uint8Array): Uint8Array {
    const body = new Uint8Array(bytes.length + 1);
    body.set(bytes, 1);
    return Der.element(DerTag.BIT_STRING, body);
  }

  static nullValue(): Uint8Array {
    return Der.element(DerTag.NULL, EMPTY);
  }

  /** An OBJECT IDENTIFIER from dotted notation, e.g. `1.2.840.10045.2.1`. */
  static objectIdentifier(dotted: string): Uint8Array {
    const arcs = dotted.split('.').map((s: string): number => Number(s));
    if (arcs.length < 2 || arcs.some((a: number): boolean => !(a >= 0) || Math.floor(a) !== a) || arcs[0] > 2) {
      throw new InvalidArgumentError('oid', `not a dotted object identifier: ${dotted}`);
    }
    const out: number[] = [];
    const push = (arc: number): void => {
      const groups: number[] = [arc & 0x7f];
      let n = Math.floor(arc / 128);
      while (n > 0) {
        groups.unshift((n & 0x7f) | 0x80);
        n = Math.floor(n / 128);
      }
      for (const g of groups) {
        out.push(g);
      }
    };
    push(arcs[0] * 40 + arcs[1]);
    for (let i = 2; i < arcs.length; i++) {
      push(arcs[i]);
    }
    return Der.element(DerTag.OBJECT_IDENTIFIER, new Uint8Array(out));
  }

  /** Wraps an encoded element in an explicit context tag (`[0]`, `[1]`). */
  static explicit(tag: number, encoded: Uint8Array): Uint8Array {
    return Der.element(tag, encoded);
  }

  /** Reads the element starting at `offset`, or undefined when the bytes are not valid DER there. */
  static read(bytes: Uint8Array, offset: number): DerElement | undefined {
    if (offset + 2 > bytes.length) {
      return undefined;
    }
    const tag = bytes[offset];
    if ((tag & 0x1f) === 0x1f) {
      return undefined; // multi-byte tags never occur in the structures we read
    }
    let pos = offset + 1;
    let length = bytes[pos++];
    if (length === 0x80 || length === 0xff) {
      return undefined; // indefinite or reserved length
    }
    if ((length & 0x80) !== 0) {
      const count = length & 0x7f;
      if (count > 4 || pos + count > bytes.length || bytes[pos] === 0) {
        return undefined;
      }
      length = 0;
      for (let i = 0; i < count; i++) {
        length = length * 256 + bytes[pos++];
      }
      if (length < 0x80) {
        return undefined; // long form where the short form was required
      }
    }
    if (pos + length > bytes.length) {
      return undefined;
    }
    return new DerElement(tag, bytes.subarray(pos, pos + length), pos + length);
  }

  /** Reads exactly one element spanning all of `bytes` with the expected tag. */
  static readWhole(bytes: Uint8Array, tag: number): DerElement | undefined {
    const el = Der.read(bytes, 0);
    return el !== undefined && el.tag === tag && el.end === bytes.length ? el : undefined;
  }

  /** The elements that make up a constructed element's contents, or undefined when they do not parse exactly. */
  static children(parent: DerElement): DerElement[] | undefined {
    const out: DerElement[] = [];
    const c = parent.content;
    let pos = 0;
    while (pos < c.length) {
      const el = Der.read(c, pos);
      if (el === undefined) {
        return undefined;
      }
      out.push(el);
      pos = el.end;
    }
    return out;
  }

  /** The magnitude of a non-negative INTEGER (minimal encoding required), or undefined. */
  static readUnsignedInteger(el: DerElement): Uint8Array | undefined {
    const c = el.content;
    if (el.tag !== DerTag.INTEGER || c.length === 0 || (c[0] & 0x80) !== 0) {
      return undefined;
    }
    if (c.length > 1 && c[0] === 0 && (c[1] & 0x80) === 0) {
      return undefined; // non-minimal
    }
    return c[0] === 0 && c.length > 1 ? c.subarray(1) : c;
  }

  /** The bytes of a BIT STRING with no unused bits, or undefined. */
  static readBitString(el: DerElement): Uint8Array | undefined {
    if (el.tag !== DerTag.BIT_STRING || el.content.length === 0 || el.content[0] !== 0) {
      return undefined;
    }
    return el.content.subarray(1);
  }

  /** Dotted notation of an OBJECT IDENTIFIER element, or undefined. */
  static readObjectIdentifier(el: DerElement): string | undefined {
    const c = el.content;
    if (el.tag !== DerTag.OBJECT_IDENTIFIER || c.length === 0 || (c[c.length - 1] & 0x80) !== 0) {
      return undefined;
    }
    const arcs: number[] = [];
    let value = 0;
    let first = true;
    for (let i = 0; i < c.length; i++) {
      if (value === 0 && c[i] === 0x80) {
        return undefined; // non-minimal arc
      }
      value = value * 128 + (c[i] & 0x7f);
      if ((c[i] & 0x80) === 0) {
        if (first) {
          const top = value < 80 ? Math.floor(value / 40) : 2;
          arcs.push(top);
          arcs.push(value - top * 40);
          first = false;
        } else {
          arcs.push(value);
        }
        value = 0;
      }
    }
    return arcs.join('.');
  }

  /** Bit length of an unsigned big-endian magnitude (RSA modulus size). */
  static bitLength(magnitude: Uint8Array): number {
    let i = 0;
    while (i < magnitude.length && magnitude[i] === 0) {
      i++;
    }
    if (i === magnitude.length) {
      return 0;
    }
    let top = magnitude[i];
    let bits = 0;
    while (top > 0) {
      bits++;
      top = top >> 1;
    }
    return (magnitude.length - i - 1) * 8 + bits;
  }
}
