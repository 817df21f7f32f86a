import { Base64Url } from '../../core/encoding/Base64Url';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Der, DerTag } from './Der';
import { EcCurve, EcCurves, OID_EC_PUBLIC_KEY, OID_ED25519, OID_RSA_ENCRYPTION } from './EcCurve';
import { Jwk } from './Jwk';

/** Bytes of an Ed25519 public key or private seed (RFC 8032). */
export const ED25519_KEY_BYTES = 32;

const member = (value: string | undefined, field: string): Uint8Array => {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidArgumentError(field, 'is required');
  }
  return Base64Url.decode(value, field);
};

const sized = (value: string | undefined, field: string, length: number): Uint8Array => {
  const bytes = member(value, field);
  if (bytes.length !== length) {
    throw new InvalidArgumentError(field, `must be ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
};

const curveOf = (jwk: Jwk): EcCurve => {
  const curve = EcCurves.byName(jwk.crv ?? '');
  if (curve === undefined) {
    throw new InvalidArgumentError('jwk.crv', `unsupported EC curve ${JSON.stringify(jwk.crv ?? null)} (P-256, P-384, P-521)`);
  }
  return curve;
};

const requireOkp = (jwk: Jwk): void => {
  if (jwk.crv !== 'Ed25519') {
    throw new InvalidArgumentError('jwk.crv', `unsupported OKP curve ${JSON.stringify(jwk.crv ?? null)} (Ed25519)`);
  }
};

const ecPoint = (jwk: Jwk, curve: EcCurve): Uint8Array => {
  const n = curve.coordinateBytes;
  const point = new Uint8Array(curve.pointBytes);
  point[0] = 0x04;
  point.set(sized(jwk.x, 'jwk.x', n), 1);
  point.set(sized(jwk.y, 'jwk.y', n), 1 + n);
  return point;
};

const algorithm = (oid: string, params: Uint8Array | undefined): Uint8Array => {
  return params === undefined ? Der.sequence([Der.objectIdentifier(oid)]) : Der.sequence([Der.objectIdentifier(oid), params]);
};

/**
 * Builds X.509 SubjectPublicKeyInfo (RFC 5280) and PKCS#8 PrivateKeyInfo (RFC 5208) DER from JWKs
 * (RFC 7517/7518/8037), for platforms whose crypto API imports keys from DER only (HarmonyOS
 * cryptoFramework on API 12 has no JWK import). Supports RSA, EC P-256/P-384/P-521 and Ed25519.
 * Bad members throw InvalidArgumentError naming the member (`jwk.x`).
 */
export class SpkiEncoder {
  /** SubjectPublicKeyInfo DER for the public part of `jwk`. */
  static fromJwk(jwk: Jwk): Uint8Array {
    switch (jwk.kty) {
      case 'EC': {
        const curve = curveOf(jwk);
        return Der.sequence([algorithm(OID_EC_PUBLIC_KEY, Der.objectIdentifier(curve.oid)), Der.bitString(ecPoint(jwk, curve))]);
      }
      case 'OKP':
        requireOkp(jwk);
        return Der.sequence([algorithm(OID_ED25519, undefined), Der.bitString(sized(jwk.x, 'jwk.x', ED25519_KEY_BYTES))]);
      case 'RSA': {
        const rsaKey = Der.sequence([Der.unsignedInteger(member(jwk.n, 'jwk.n')), Der.unsignedInteger(member(jwk.e, 'jwk.e'))]);
        return Der.sequence([algorithm(OID_RSA_ENCRYPTION, Der.nullValue()), Der.bitString(rsaKey)]);
      }
      default:
        throw new InvalidArgumentError('jwk.kty', `unsupported key type ${JSON.stringify(jwk.kty ?? null)} (RSA, EC, OKP)`);
    }
  }

  /** PKCS#8 PrivateKeyInfo DER for a private JWK (`d` and, for RSA, every CRT member). */
  static pkcs8FromJwk(jwk: Jwk): Uint8Array {
    switch (jwk.kty) {
      case 'EC': {
        const curve = curveOf(jwk);
        const parts: Uint8Array[] = [Der.smallInteger(1), Der.octetString(sized(jwk.d, 'jwk.d', curve.coordinateBytes))];
        if (jwk.x !== undefined || jwk.y !== undefined) {
          parts.push(Der.explicit(DerTag.CONTEXT_1, Der.bitString(ecPoint(jwk, curve))));
        }
        return SpkiEncoder.privateKeyInfo(algorithm(OID_EC_PUBLIC_KEY, Der.objectIdentifier(curve.oid)), Der.sequence(parts));
      }
      case 'OKP': {
        requireOkp(jwk);
        const seed = Der.octetString(sized(jwk.d, 'jwk.d', ED25519_KEY_BYTES));
        return SpkiEncoder.privateKeyInfo(algorithm(OID_ED25519, undefined), seed);
      }
      case 'RSA': {
        const names: string[] = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];
        const values: (string | undefined)[] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi];
        const parts: Uint8Array[] = [Der.smallInteger(0)];
        for (let i = 0; i < names.length; i++) {
          parts.push(Der.unsignedInteger(member(values[i], `jwk.${names[i]}`)));
        }
        return SpkiEncoder.privateKeyInfo(algorithm(OID_RSA_ENCRYPTION, Der.nullValue()), Der.sequence(parts));
      }
      default:
        throw new InvalidArgumentError('jwk.kty', `unsupported key type ${JSON.stringify(jwk.kty ?? null)} (RSA, EC, OKP)`);
    }
  }

  /** SubjectPublicKeyInfo DER for a raw Ed25519 public key (32 bytes). */
  static fromEd25519Raw(publicKey: Uint8Array): Uint8Array {
    if (publicKey.length !== ED25519_KEY_BYTES) {
      throw new InvalidArgumentError('keyData', `an Ed25519 public key is ${ED25519_KEY_BYTES} bytes, got ${publicKey.length}`);
    }
    return Der.sequence([algorithm(OID_ED25519, undefined), Der.bitString(publicKey)]);
  }

  /** SubjectPublicKeyInfo DER for a raw uncompressed EC point (`04 || x || y`) on `curve`. */
  static fromEcPoint(point: Uint8Array, curve: EcCurve): Uint8Array {
    if (point.length !== curve.pointBytes || point[0] !== 0x04) {
      throw new InvalidArgumentError('keyData', `a raw ${curve.name} public key is an uncompressed point of ${curve.pointBytes} bytes`);
    }
    return Der.sequence([algorithm(OID_EC_PUBLIC_KEY, Der.objectIdentifier(curve.oid)), Der.bitString(point)]);
  }

  private static privateKeyInfo(algorithmIdentifier: Uint8Array, privateKey: Uint8Array): Uint8Array {
    return Der.sequence([Der.smallInteger(0), algorithmIdentifier, Der.octetString(privateKey)]);
  }
}
