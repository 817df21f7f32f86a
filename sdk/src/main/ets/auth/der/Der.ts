/** DER tags ArkMesh reads and writes (universal, primitive or constructed as DER requires). */
export enum DerTag {
  INTEGER = 0x02,
  BIT_STRING = 0x03,
  OCTET_STRING = 0x04,
  NULL = 0x05,
  OID = 0x06,
  SEQUENCE = 0x30,
  /** `[0]` constructed, context-specific (EC private key parameters). */
  CONTEXT_0 = 0xa0,
  /** `[1]` constructed, context-specific (EC private key public point). */
  CONTEXT_1 = 0xa1
}

/** One parsed TLV: its tag and where its content lies in the input. */
export class DerElement {
  readonly tag: number;
  /** Offset of the first content byte. */
  readonly start: number;
  /** Offset after the last content byte (also where the next sibling starts). */
  readonly end: number;

  constructor(tag: number, start: number, end: number) {
    this.tag = tag;
    this.start = start;
    this.end = end;
  }

  get length(): number {
    return this.end - this.start;
  }
}

/**
 * A strict, minimal DER codec: the subset keys and ECDSA signatures use (single-byte tags, definite
 * minimal lengths). Portable, so the HarmonyOS Crypto adapter can build SPKI/PKCS#8 blobs and DER
 * ECDSA signatures with it. Reading never throws: malformed input gives undefined.
 */
export class Der {
  /** Reads the element at `offset` that must end by `limit`; undefined when malformed. */
  static read(bytes: Uint8Array, offset: number, limit: number): DerElement | undefined {
    if (offset + 2 > limit || limit > bytes.length) {
      return undefined;
    }
    const tag = bytes[offset];
    if ((tag & 0x1f) === 0x1f) {
      return undefined; // multi-byte tags never occur in the structures we read
    }
    let len = bytes[offset + 1];
    let p = offset + 2;
    if (len >= 0x80) {
      const count = len & 0x7f;
      if (count === 0 || count > 3 || p + count > limit) {
        return undefined; // indefinite or absurd lengths
      }
      len = 0;
      for (let i = 0; i < count; i++) {
        len = len * 256 + bytes[p + i];
      }
      p += count;
      // DER: long form only when needed, and with no leading zero byte.
      if (len < 0x80 || bytes[offset + 2] === 0) {
        return undefined;
      }
    }
    if (p + len > limit) {
      return undefined;
    }
    return new DerElement(tag, p, p + len);
  }

  /** Reads the element at `offset` and checks its tag. */
  static expect(bytes: Uint8Array, offset: number, limit: number, tag: number): DerElement | undefined {
    const e = Der.read(bytes, offset, limit);
    return e !== undefined && e.tag === tag ? e : undefined;
  }

  /** The unsigned big-endian value of a DER INTEGER, without its sign byte; undefined if negative or not minimal. */
  static unsignedInteger(bytes: Uint8Array, e: DerElement): Uint8Array | undefined {
    if (e.tag !== DerTag.INTEGER || e.length === 0) {
      return undefined;
    }
    const first = bytes[e.start];
    if ((first & 0x80) !== 0) {
      return undefined;
    }
    if (first === 0 && e.length > 1) {
      if ((bytes[e.start + 1] & 0x80) === 0) {
        return undefined; // a leading zero is only allowed before a set high bit
      }
      return bytes.slice(e.start + 1, e.end);
    }
    return bytes.slice(e.start, e.end);
  }

  /** Encodes one TLV. */
  static encode(tag: number, content: Uint8Array): Uint8Array {
    const n = content.length;
    const head: number[] = [tag];
    if (n < 0x80) {
      head.push(n);
    } else if (n < 0x100) {
      head.push(0x81, n);
    } else if (n < 0x10000) {
      head.push(0x82, n >> 8, n & 255);
    } else {
      head.push(0x83, n >> 16, (n >> 8) & 255, n & 255);
    }
    const out = new Uint8Array(head.length + n);
    out.set(head, 0);
    out.set(content, head.length);
    return out;
  }

  /** Concatenates byte arrays. */
  static concat(parts: Uint8Array[]): Uint8Array {
    let n = 0;
    for (const p of parts) {
      n += p.length;
    }
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  static sequence(parts: Uint8Array[]): Uint8Array {
    return Der.encode(DerTag.SEQUENCE, Der.concat(parts));
  }

  /** A non-negative INTEGER from big-endian magnitude bytes (leading zeros stripped, sign byte added). */
  static unsigned(magnitude: Uint8Array): Uint8Array {
    let i = 0;
    while (i < magnitude.length - 1 && magnitude[i] === 0) {
      i++;
    }
    const body = magnitude.length === 0 ? new Uint8Array([0]) : magnitude.subarray(i);
    if ((body[0] & 0x80) !== 0) {
      const padded = new Uint8Array(body.length + 1);
      padded.set(body, 1);
      return Der.encode(DerTag.INTEGER, padded);
    }
    return Der.encode(DerTag.INTEGER, body);
  }

  /** A small non-negative INTEGER (versions). */
  static smallInteger(value: number): Uint8Array {
    return Der.encode(DerTag.INTEGER, new Uint8Array([value & 0x7f]));
  }

  static bitString(content: Uint8Array): Uint8Array {
    const body = new Uint8Array(content.length + 1);
    body.set(content, 1); // zero unused bits
    return Der.encode(DerTag.BIT_STRING, body);
  }

  static octetString(content: Uint8Array): Uint8Array {
    return Der.encode(DerTag.OCTET_STRING, content);
  }

  static nullValue(): Uint8Array {
    return new Uint8Array([DerTag.NULL, 0]);
  }

  /** An OID TLV from its encoded content bytes. */
  static oid(content: Uint8Array): Uint8Array {
    return Der.encode(DerTag.OID, content);
  }

  /** True when the content of `e` equals `expected`. */
  static contentEquals(bytes: Uint8Array, e: DerElement, expected: Uint8Array): boolean {
    if (e.length !== expected.length) {
      return false;
    }
    for (let i = 0; i < expected.length; i++) {
      if (bytes[e.start + i] !== expected[i]) {
        return false;
      }
    }
    return true;
  }
}
