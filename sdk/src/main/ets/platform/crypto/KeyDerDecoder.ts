import { Base64Url } from '../../core/encoding/Base64Url';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Der, DerElement, DerTag } from './Der';
import { EcCurve, EcCurves, OID_EC_PUBLIC_KEY, OID_ED25519, OID_RSA_ENCRYPTION } from './EcCurve';
import { Jwk } from './Jwk';
import { ED25519_KEY_BYTES } from './SpkiEncoder';

/** What a decoded SPKI or PKCS#8 key is: its JWK form plus the facts import checks need. */
export class AsymmetricKeyInfo {
  /** JWK key type: `RSA`, `EC` or `OKP`. */
  readonly keyType: string;
  /** `P-256`, `P-384`, `P-521` or `Ed25519`; undefined for RSA. */
  readonly curve: string | undefined;
  readonly isPrivate: boolean;
  /** RSA modulus size in bits; 0 for other key types. */
  readonly modulusBits: number;
  /** The key as a JWK (public members, plus private ones for a private key; `x`/`y` may be missing from a private key that does not embed its public part). */
  readonly jwk: Jwk;

  constructor(keyType: string, curve: string | undefined, isPrivate: boolean, modulusBits: number, jwk: Jwk) {
    this.keyType = keyType;
    this.curve = curve;
    this.isPrivate = isPrivate;
    this.modulusBits = modulusBits;
    this.jwk = jwk;
  }
}

const fail = (field: string, problem: string): InvalidArgumentError => new InvalidArgumentError(field, problem);

const childrenOf = (el: DerElement | undefined, tag: number, field: string): DerElement[] => {
  const kids = el !== undefined && el.tag === tag ? Der.children(el) : undefined;
  if (kids === undefined) {
    throw fail(field, 'is not valid DER');
  }
  return kids;
};

const integer = (el: DerElement | undefined, field: string): Uint8Array => {
  const v = el === undefined ? undefined : Der.readUnsignedInteger(el);
  if (v === undefined) {
    throw fail(field, 'is not a non-negative DER INTEGER');
  }
  return v;
};

const b64 = (bytes: Uint8Array): string => Base64Url.encode(bytes);

// Left-pads a big-endian scalar to the curve size (ECPrivateKey may drop leading zeros in old encoders).
const padTo = (bytes: Uint8Array, length: number, field: string): Uint8Array => {
  if (bytes.length > length) {
    throw fail(field, `longer than ${length} bytes`);
  }
  const out = new Uint8Array(length);
  out.set(bytes, length - bytes.length);
  return out;
};

class AlgorithmId {
  readonly oid: string;
  readonly params: DerElement | undefined;

  constructor(oid: string, params: DerElement | undefined) {
    this.oid = oid;
    this.params = params;
  }
}

const readAlgorithm = (el: DerElement | undefined, field: string): AlgorithmId => {
  const kids = childrenOf(el, DerTag.SEQUENCE, field);
  const oid = kids.length >= 1 && kids.length <= 2 ? Der.readObjectIdentifier(kids[0]) : undefined;
  if (oid === undefined) {
    throw fail(field, 'is not an AlgorithmIdentifier');
  }
  return new AlgorithmId(oid, kids.length === 2 ? kids[1] : undefined);
};

const ecCurveOf = (alg: AlgorithmId, field: string): EcCurve => {
  const oid = alg.params === undefined ? undefined : Der.readObjectIdentifier(alg.params);
  const curve = oid === undefined ? undefined : EcCurves.byOid(oid);
  if (curve === undefined) {
    throw fail(field, `unsupported EC curve ${oid ?? '(none)'} (P-256, P-384, P-521)`);
  }
  return curve;
};

const checkRsaParams = (alg: AlgorithmId, field: string): void => {
  if (alg.params !== undefined && (alg.params.tag !== DerTag.NULL || alg.params.content.length !== 0)) {
    throw fail(field, 'rsaEncryption parameters must be NULL');
  }
};

const setPoint = (jwk: Jwk, point: Uint8Array, curve: EcCurve, field: string): void => {
  const n = curve.coordinateBytes;
  if (point.length !== curve.pointBytes || point[0] !== 0x04) {
    throw fail(field, `must be an uncompressed ${curve.name} point of ${curve.pointBytes} bytes (compressed points are not supported)`);
  }
  jwk.x = b64(point.subarray(1, 1 + n));
  jwk.y = b64(point.subarray(1 + n));
};

/**
 * Decodes X.509 SubjectPublicKeyInfo and PKCS#8 PrivateKeyInfo DER (RSA, EC P-256/384/521,
 * Ed25519) into JWK members, so a key imported from DER can be size-checked and exported as a JWK.
 * Malformed or unsupported input throws InvalidArgumentError naming `spki` or `pkcs8`.
 */
export class KeyDerDecoder {
  static parseSpki(der: Uint8Array): AsymmetricKeyInfo {
    const top = childrenOf(Der.readWhole(der, DerTag.SEQUENCE), DerTag.SEQUENCE, 'spki');
    if (top.length !== 2) {
      throw fail('spki', 'must hold an AlgorithmIdentifier and a BIT STRING');
    }
    const alg = readAlgorithm(top[0], 'spki.algorithm');
    const key = Der.readBitString(top[1]);
    if (key === undefined) {
      throw fail('spki.subjectPublicKey', 'is not a BIT STRING');
    }
    if (alg.oid === OID_RSA_ENCRYPTION) {
      checkRsaParams(alg, 'spki.algorithm');
      const rsa = childrenOf(Der.readWhole(key, DerTag.SEQUENCE), DerTag.SEQUENCE, 'spki.subjectPublicKey');
      if (rsa.length !== 2) {
        throw fail('spki.subjectPublicKey', 'must be RSAPublicKey { n, e }');
      }
      const n = integer(rsa[0], 'spki.n');
      const jwk: Jwk = { kty: 'RSA', n: b64(n), e: b64(integer(rsa[1], 'spki.e')) };
      return new AsymmetricKeyInfo('RSA', undefined, false, Der.bitLength(n), jwk);
    }
    if (alg.oid === OID_EC_PUBLIC_KEY) {
      const curve = ecCurveOf(alg, 'spki.algorithm');
      const jwk: Jwk = { kty: 'EC', crv: curve.name };
      setPoint(jwk, key, curve, 'spki.subjectPublicKey');
      return new AsymmetricKeyInfo('EC', curve.name, false, 0, jwk);
    }
    if (alg.oid === OID_ED25519) {
      if (alg.params !== undefined || key.length !== ED25519_KEY_BYTES) {
        throw fail('spki.subjectPublicKey', `an Ed25519 key has no parameters and ${ED25519_KEY_BYTES} bytes`);
      }
      const jwk: Jwk = { kty: 'OKP', crv: 'Ed25519', x: b64(key) };
      return new AsymmetricKeyInfo('OKP', 'Ed25519', false, 0, jwk);
    }
    throw fail('spki.algorithm', `unsupported key algorithm ${alg.oid}`);
  }

  static parsePkcs8(der: Uint8Array): AsymmetricKeyInfo {
    const top = childrenOf(Der.readWhole(der, DerTag.SEQUENCE), DerTag.SEQUENCE, 'pkcs8');
    const version = top.length >= 3 ? Der.readUnsignedInteger(top[0]) : undefined;
    if (version === undefined || version.length !== 1 || version[0] > 1 || top[2].tag !== DerTag.OCTET_STRING) {
      throw fail('pkcs8', 'must be PrivateKeyInfo { version, AlgorithmIdentifier, OCTET STRING, ... }');
    }
    const alg = readAlgorithm(top[1], 'pkcs8.algorithm');
    const inner = top[2].content;
    if (alg.oid === OID_RSA_ENCRYPTION) {
      checkRsaParams(alg, 'pkcs8.algorithm');
      const k = childrenOf(Der.readWhole(inner, DerTag.SEQUENCE), DerTag.SEQUENCE, 'pkcs8.privateKey');
      if (k.length !== 9) {
        throw fail('pkcs8.privateKey', 'must be a two-prime RSAPrivateKey');
      }
      const names: string[] = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];
      const v: string[] = [];
      for (let i = 0; i < names.length; i++) {
        v.push(b64(integer(k[i + 1], `pkcs8.${names[i]}`)));
      }
      const jwk: Jwk = { kty: 'RSA', n: v[0], e: v[1], d: v[2], p: v[3], q: v[4], dp: v[5], dq: v[6], qi: v[7] };
      return new AsymmetricKeyInfo('RSA', undefined, true, Der.bitLength(integer(k[1], 'pkcs8.n')), jwk);
    }
    if (alg.oid === OID_EC_PUBLIC_KEY) {
      const curve = ecCurveOf(alg, 'pkcs8.algorithm');
      const k = childrenOf(Der.readWhole(inner, DerTag.SEQUENCE), DerTag.SEQUENCE, 'pkcs8.privateKey');
      const ver = k.length >= 2 ? Der.readUnsignedInteger(k[0]) : undefined;
      if (ver === undefined || ver.length !== 1 || ver[0] !== 1 || k[1].tag !== DerTag.OCTET_STRING) {
        throw fail('pkcs8.privateKey', 'must be ECPrivateKey { 1, OCTET STRING, ... }');
      }
      const jwk: Jwk = { kty: 'EC', crv: curve.name, d: b64(padTo(k[1].content, curve.coordinateBytes, 'pkcs8.d')) };
      for (let i = 2; i < k.length; i++) {
        if (k[i].tag === DerTag.CONTEXT_0) {
          const inParams = Der.read(k[i].content, 0);
          const oid = inParams === undefined ? undefined : Der.readObjectIdentifier(inParams);
          if (oid !== curve.oid) {
            throw fail('pkcs8.privateKey', 'curve parameters disagree with the AlgorithmIdentifier');
          }
        } else if (k[i].tag === DerTag.CONTEXT_1) {
          const bits = Der.read(k[i].content, 0);
          const point = bits === undefined ? undefined : Der.readBitString(bits);
          if (point === undefined) {
            throw fail('pkcs8.publicKey', 'is not a BIT STRING');
          }
          setPoint(jwk, point, curve, 'pkcs8.publicKey');
        }
      }
      return new AsymmetricKeyInfo('EC', curve.name, true, 0, jwk);
    }
    if (alg.oid === OID_ED25519) {
      const seed = Der.readWhole(inner, DerTag.OCTET_STRING);
      if (alg.params !== undefined || seed === undefined || seed.content.length !== ED25519_KEY_BYTES) {
        throw fail('pkcs8.privateKey', `an Ed25519 private key is an OCTET STRING of ${ED25519_KEY_BYTES} bytes`);
      }
      const jwk: Jwk = { kty: 'OKP', crv: 'Ed25519', d: b64(seed.content) };
      for (let i = 3; i < top.length; i++) {
        if (top[i].tag === 0x81) {
          // OneAsymmetricKey (RFC 5958) [1] IMPLICIT publicKey: a BIT STRING body.
          const c = top[i].content;
          if (c.length === ED25519_KEY_BYTES + 1 && c[0] === 0) {
            jwk.x = b64(c.subarray(1));
          }
        }
      }
      return new AsymmetricKeyInfo('OKP', 'Ed25519', true, 0, jwk);
    }
    throw fail('pkcs8.algorithm', `unsupported key algorithm ${alg.oid}`);
  }
}
