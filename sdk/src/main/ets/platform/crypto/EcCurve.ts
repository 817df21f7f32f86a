import { Hex } from '../../core/encoding/Hex';

/** Object identifier of `id-ecPublicKey` (RFC 5480), the SPKI/PKCS#8 algorithm of every EC key. */
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
/** Object identifier of `rsaEncryption` (RFC 8017), the SPKI/PKCS#8 algorithm of RSA keys. */
export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
/** Object identifier of `id-Ed25519` (RFC 8410). */
export const OID_ED25519 = '1.3.101.112';

/**
 * One NIST curve as the key formats, JOSE and the HarmonyOS crypto framework name it. Curves are
 * data: every conversion (JWK, SPKI, PKCS#8, ECDSA r||s) looks them up here.
 */
export class EcCurve {
  /** JOSE/WebCrypto name: `P-256`. */
  readonly name: string;
  /** Named-curve object identifier in SPKI/PKCS#8. */
  readonly oid: string;
  /** Bytes per field element and per ECDSA scalar (r, s): 32, 48, 66. */
  readonly coordinateBytes: number;
  /** Group order n, big-endian, `coordinateBytes` long: ECDSA r and s must lie in [1, n-1]. */
  readonly order: Uint8Array;
  /** HarmonyOS cryptoFramework key generator name: `ECC256`. */
  readonly frameworkName: string;
  /** Hash JOSE pairs with the curve (ES256 -> SHA-256); ES512 uses P-521. */
  readonly hash: string;

  constructor(name: string, oid: string, coordinateBytes: number, orderHex: string, frameworkName: string, hash: string) {
    this.name = name;
    this.oid = oid;
    this.coordinateBytes = coordinateBytes;
    this.order = Hex.decode(orderHex);
    this.frameworkName = frameworkName;
    this.hash = hash;
  }

  /** Length of an uncompressed point `04 || x || y`. */
  get pointBytes(): number {
    return 1 + 2 * this.coordinateBytes;
  }
}

const CURVES: EcCurve[] = [
  new EcCurve('P-256', '1.2.840.10045.3.1.7', 32,
    'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'ECC256', 'SHA-256'),
  new EcCurve('P-384', '1.3.132.0.34', 48,
    'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973', 'ECC384', 'SHA-384'),
  new EcCurve('P-521', '1.3.132.0.35', 66,
    '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409',
    'ECC521', 'SHA-512')
];

const BY_NAME: Map<string, EcCurve> = new Map<string, EcCurve>();
const BY_OID: Map<string, EcCurve> = new Map<string, EcCurve>();
for (const c of CURVES) {
  BY_NAME.set(c.name, c);
  BY_OID.set(c.oid, c);
}

/** Lookup of the supported curves (P-256, P-384, P-521). */
export class EcCurves {
  /** The curve called `name` (`P-256`...), or undefined. */
  static byName(name: string): EcCurve | undefined {
    return BY_NAME.get(name);
  }

  /** The curve with named-curve object identifier `oid`, or undefined. */
  static byOid(oid: string): EcCurve | undefined {
    return BY_OID.get(oid);
  }

  /** Every supported curve. */
  static all(): EcCurve[] {
    return CURVES.slice();
  }
}
