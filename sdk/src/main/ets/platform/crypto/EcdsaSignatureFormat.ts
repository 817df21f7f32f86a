import { ByteSlab } from './ByteSlab';
import { Der, DerElement, DerTag } from './Der';
import { EcCurve } from './EcCurve';

// Compares two equal-length big-endian magnitudes: <0, 0, >0.
const compare = (a: Uint8Array, aOff: number, b: Uint8Array, len: number): number => {
  for (let i = 0; i < len; i++) {
    const d = a[aOff + i] - b[i];
    if (d !== 0) {
      return d;
    }
  }
  return 0;
};

const isZero = (a: Uint8Array, off: number, len: number): boolean => {
  for (let i = 0; i < len; i++) {
    if (a[off + i] !== 0) {
      return false;
    }
  }
  return true;
};

/**
 * Converts ECDSA signatures between JOSE's fixed-size `r || s` (RFC 7518 section 3.4) and the
 * ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }` that X.509 APIs such as HarmonyOS cryptoFramework
 * take and produce. Rejects what a verifier must never pass on: a wrong length, r or s equal to 0,
 * and r or s not below the curve order. Never throws: invalid input yields undefined.
 */
export class EcdsaSignatureFormat {
  /** True when the `len`-byte scalar at `off` lies in [1, n-1] for the curve. */
  static isScalarInRange(bytes: Uint8Array, off: number, curve: EcCurve): boolean {
    const len = curve.coordinateBytes;
    return !isZero(bytes, off, len) && compare(bytes, off, curve.order, len) < 0;
  }

  /** DER for a JOSE `r || s` signature on `curve`, or undefined when the signature cannot be valid. */
  static rawToDer(raw: Uint8Array, curve: EcCurve): Uint8Array | undefined {
    const n = curve.coordinateBytes;
    if (raw.length !== 2 * n) {
      return undefined;
    }
    if (!EcdsaSignatureFormat.isScalarInRange(raw, 0, curve) || !EcdsaSignatureFormat.isScalarInRange(raw, n, curve)) {
      return undefined;
    }
    // Hot path (every ECDSA verification on HarmonyOS): one allocation, no intermediate arrays.
    // Scalars are at most 66 bytes, so each INTEGER has a one-byte length; the SEQUENCE may need two.
    let rStart = 0;
    while (raw[rStart] === 0) {
      rStart++;
    }
    let sStart = n;
    while (raw[sStart] === 0) {
      sStart++;
    }
    const rPad = (raw[rStart] & 0x80) !== 0 ? 1 : 0;
    const sPad = (raw[sStart] & 0x80) !== 0 ? 1 : 0;
    const rLen = n - rStart + rPad;
    const sLen = 2 * n - sStart + sPad;
    const body = 4 + rLen + sLen;
    const head = body < 0x80 ? 2 : 3;
    const out = ByteSlab.take(head + body);
    out[0] = DerTag.SEQUENCE;
    if (head === 2) {
      out[1] = body;
    } else {
      out[1] = 0x81;
      out[2] = body;
    }
    let o = head;
    out[o++] = DerTag.INTEGER;
    out[o++] = rLen;
    o += rPad;
    for (let i = rStart; i < n; i++) {
      out[o++] = raw[i];
    }
    out[o++] = DerTag.INTEGER;
    out[o++] = sLen;
    o += sPad;
    for (let i = sStart; i < 2 * n; i++) {
      out[o++] = raw[i];
    }
    return out;
  }

  /**
   * JOSE `r || s` (each left-padded to the curve's size) for a DER signature, or undefined when the
   * DER is malformed, has trailing bytes, or holds r or s outside [1, n-1].
   */
  static derToRaw(der: Uint8Array, curve: EcCurve): Uint8Array | undefined {
    const seq = Der.readWhole(der, DerTag.SEQUENCE);
    if (seq === undefined) {
      return undefined;
    }
    const parts: DerElement[] | undefined = Der.children(seq);
    if (parts === undefined || parts.length !== 2) {
      return undefined;
    }
    const n = curve.coordinateBytes;
    const out = ByteSlab.take(2 * n);
    out.fill(0);
    for (let i = 0; i < 2; i++) {
      const magnitude = Der.readUnsignedInteger(parts[i]);
      if (magnitude === undefined) {
        return undefined;
      }
      let start = 0;
      while (start < magnitude.length - 1 && magnitude[start] === 0) {
        start++;
      }
      const len = magnitude.length - start;
      if (len > n) {
        return undefined;
      }
      out.set(magnitude.subarray(start), i * n + n - len);
      if (!EcdsaSignatureFormat.isScalarInRange(out, i * n, curve)) {
        return undefined;
      }
    }
    return out;
  }
}
