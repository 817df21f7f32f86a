import { Der, DerElement, DerTag } from './Der';

/**
 * Conversions between the two ECDSA signature encodings: JOSE's raw `r || s` (each integer
 * left-padded to the curve's coordinate size: 32, 48, 66 bytes) and the ASN.1 DER
 * `SEQUENCE { INTEGER r, INTEGER s }` that cryptoFramework and OpenSSL use. Portable, for the
 * HarmonyOS Crypto adapter (API 12 has no SignatureUtils). Also the r/s range check JWS
 * verification runs before any signature reaches a provider.
 */
export class EcdsaSignature {
  /** Raw `r || s` to DER. Throws nothing; an odd-length input gives undefined. */
  static rawToDer(raw: Uint8Array): Uint8Array | undefined {
    if (raw.length === 0 || raw.length % 2 !== 0) {
      return undefined;
    }
    const half = raw.length / 2;
    return Der.sequence([Der.unsigned(raw.subarray(0, half)), Der.unsigned(raw.subarray(half))]);
  }

  /**
   * Strict DER to raw `r || s` with `coordinateBytes` per integer; undefined when the input is not
   * exactly one minimal DER sequence of two positive integers that fit.
   */
  static derToRaw(der: Uint8Array, coordinateBytes: number): Uint8Array | undefined {
    const seq = Der.expect(der, 0, der.length, DerTag.SEQUENCE);
    if (seq === undefined || seq.end !== der.length) {
      return undefined;
    }
    const r = Der.expect(der, seq.start, seq.end, DerTag.INTEGER);
    if (r === undefined) {
      return undefined;
    }
    const s = Der.expect(der, r.end, seq.end, DerTag.INTEGER);
    if (s === undefined || s.end !== seq.end) {
      return undefined;
    }
    const out = new Uint8Array(coordinateBytes * 2);
    if (!EcdsaSignature.place(der, r, out, 0, coordinateBytes) || !EcdsaSignature.place(der, s, out, coordinateBytes, coordinateBytes)) {
      return undefined;
    }
    return out;
  }

  /**
   * True when `raw` is `r || s` of exactly `2 * order.length` bytes with 1 <= r, s < order. Rejects
   * the all-zero "psychic" signature (CVE-2022-21449) and out-of-range values before any provider
   * sees them.
   */
  static inRange(raw: Uint8Array, order: Uint8Array): boolean {
    const n = order.length;
    if (raw.length !== 2 * n) {
      return false;
    }
    return EcdsaSignature.scalarInRange(raw, 0, order) && EcdsaSignature.scalarInRange(raw, n, order);
  }

  private static scalarInRange(raw: Uint8Array, offset: number, order: Uint8Array): boolean {
    const n = order.length;
    let nonZero = false;
    let decided = false;
    let less = false;
    for (let i = 0; i < n; i++) {
      const a = raw[offset + i];
      if (a !== 0) {
        nonZero = true;
      }
      if (!decided && a !== order[i]) {
        decided = true;
        less = a < order[i];
      }
    }
    return nonZero && decided && less;
  }

  private static place(der: Uint8Array, e: DerElement, out: Uint8Array, offset: number, size: number): boolean {
    const value = Der.unsignedInteger(der, e);
    if (value === undefined) {
      return false;
    }
    let i = 0;
    while (i < value.length && value[i] === 0) {
      i++;
    }
    const len = value.length - i;
    if (len > size) {
      return false;
    }
    out.set(value.subarray(i), offset + size - len);
    return true;
  }
}
