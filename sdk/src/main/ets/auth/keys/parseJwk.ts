import { Base64Url } from '../../core/encoding/Base64Url';
import { CryptoKeyHandle } from '../../platform/crypto/CryptoTypes';
import { Jwk } from '../../platform/crypto/Jwk';
import { Der } from '../../platform/crypto/Der';
import { AsymmetricKeyInfo } from '../../platform/crypto/KeyDerDecoder';
import { JoseNotSupportedError, JwkInvalidError } from '../errors/JoseErrors';
import { JwkKeyType, JwsAlgorithmEntry, JwsAlgorithms, MIN_RSA_MODULUS_BITS } from '../jwa/JwsAlgorithms';
import { looksLikeKeyMaterial } from './secretChecks';

const EC_COORDINATE_BYTES: Map<string, number> = new Map<string, number>([['P-256', 32], ['P-384', 48], ['P-521', 66]]);
const MIN_SECRET_BYTES = 32;

/** Validated key material and usage of one JoseKey (internal). */
export class JoseKeyMaterial {
  keyType: JwkKeyType = JwkKeyType.OCT;
  curve: string | undefined = undefined;
  kid: string | undefined = undefined;
  alg: string | undefined = undefined;
  use: string | undefined = undefined;
  keyOps: string[] | undefined = undefined;
  modulusBits: number = 0;
  canVerify: boolean = false;
  canSign: boolean = false;
  secret: Uint8Array | undefined = undefined;
  /** Only the members WebCrypto needs to import the public key (no alg/use/key_ops that could conflict). */
  publicJwk: Jwk | undefined = undefined;
  privateJwk: Jwk | undefined = undefined;
  pkcs8: Uint8Array | undefined = undefined;
  handle: CryptoKeyHandle | undefined = undefined;

  static secret(secret: Uint8Array, kid: string | undefined, alg: string | undefined): JoseKeyMaterial {
    if (!(secret instanceof Uint8Array)) {
      throw new JwkInvalidError('an HMAC secret must be a Uint8Array');
    }
    if (secret.length < MIN_SECRET_BYTES) {
      throw new JwkInvalidError(`an HMAC secret must have at least ${MIN_SECRET_BYTES} bytes, this one has ${secret.length}`);
    }
    if (looksLikeKeyMaterial(secret)) {
      throw new JwkInvalidError('refusing public-key material (PEM, DER or JWK) as an HMAC secret');
    }
    const m = new JoseKeyMaterial();
    m.keyType = JwkKeyType.OCT;
    m.secret = secret.slice();
    m.kid = kid;
    m.alg = checkAlg(alg, JwkKeyType.OCT, undefined);
    if (m.alg !== undefined) {
      const entry = JwsAlgorithms.get(m.alg) as JwsAlgorithmEntry;
      if (secret.length < entry.minSecretBytes) {
        throw new JwkInvalidError(`"${m.alg}" needs a secret of at least ${entry.minSecretBytes} bytes`);
      }
    }
    m.canVerify = true;
    m.canSign = true;
    return m;
  }

  static pkcs8(der: Uint8Array, info: AsymmetricKeyInfo, kid: string | undefined, alg: string | undefined): JoseKeyMaterial {
    if (info.keyType === JwkKeyType.RSA && info.modulusBits < MIN_RSA_MODULUS_BITS) {
      throw new JwkInvalidError(`RSA keys must have at least ${MIN_RSA_MODULUS_BITS} bits, this one has ${info.modulusBits}`);
    }
    const m = new JoseKeyMaterial();
    m.keyType = info.keyType as JwkKeyType;
    m.curve = info.curve;
    m.modulusBits = info.modulusBits;
    m.pkcs8 = der;
    m.kid = kid;
    m.alg = checkAlg(alg, m.keyType, info.curve);
    m.canSign = true;
    return m;
  }

  static handle(handle: CryptoKeyHandle, entry: JwsAlgorithmEntry, kid: string | undefined): JoseKeyMaterial {
    const m = new JoseKeyMaterial();
    m.keyType = entry.keyType;
    m.curve = entry.curve;
    m.alg = entry.alg;
    m.kid = kid;
    m.handle = handle;
    m.canVerify = handle.type !== 'private';
    m.canSign = handle.type !== 'public';
    return m;
  }
}

const checkAlg = (alg: string | undefined, keyType: JwkKeyType, curve: string | undefined): string | undefined => {
  if (alg === undefined) {
    return undefined;
  }
  const entry = typeof alg === 'string' ? JwsAlgorithms.get(alg) : undefined;
  if (entry === undefined) {
    throw new JoseNotSupportedError(`"alg" ${JSON.stringify(alg)} is not a JWS algorithm ArkMesh supports`);
  }
  if (entry.keyType !== keyType || (entry.curve !== undefined && entry.curve !== curve)) {
    throw new JwkInvalidError(`"alg" ${alg} does not fit a ${keyType} key${curve !== undefined ? ` on ${curve}` : ''}`);
  }
  return alg;
};

const member = (jwk: Jwk, name: string, value: string | undefined, size: number): string => {
  if (typeof value !== 'string') {
    throw new JwkInvalidError(`${jwk.kty} JWK member "${name}" is missing or not a string`);
  }
  const bytes = Base64Url.tryDecode(value);
  if (bytes === undefined || bytes.length === 0) {
    throw new JwkInvalidError(`JWK member "${name}" is not canonical base64url`);
  }
  if (size > 0 && bytes.length !== size) {
    throw new JwkInvalidError(`JWK member "${name}" must be ${size} bytes, not ${bytes.length}`);
  }
  return value;
};

const optionalMember = (jwk: Jwk, name: string, value: string | undefined, size: number): string | undefined => {
  return value === undefined ? undefined : member(jwk, name, value, size);
};

/** Validates a JWK and extracts what JoseKey needs. Throws JwkInvalidError or JoseNotSupportedError. */
export const parseJwk = (jwk: Jwk): JoseKeyMaterial => {
  if (jwk === null || typeof jwk !== 'object') {
    throw new JwkInvalidError('a JWK must be an object');
  }
  const kty = jwk.kty;
  if (typeof kty !== 'string') {
    throw new JwkInvalidError('JWK "kty" is missing');
  }
  if (jwk.kid !== undefined && typeof jwk.kid !== 'string') {
    throw new JwkInvalidError('JWK "kid" must be a string');
  }
  if (jwk.use !== undefined && typeof jwk.use !== 'string') {
    throw new JwkInvalidError('JWK "use" must be a string');
  }
  const ops = jwk.key_ops;
  if (ops !== undefined && (!Array.isArray(ops) || ops.some((o: string): boolean => typeof o !== 'string'))) {
    throw new JwkInvalidError('JWK "key_ops" must be an array of strings');
  }
  if (kty === JwkKeyType.OCT) {
    const secret = Base64Url.tryDecode(member(jwk, 'k', jwk.k, 0));
    const m = JoseKeyMaterial.secret(secret as Uint8Array, jwk.kid, jwk.alg);
    return finish(m, jwk, true);
  }
  const m = new JoseKeyMaterial();
  m.kid = jwk.kid;
  if (kty === JwkKeyType.RSA) {
    const n = member(jwk, 'n', jwk.n, 0);
    const e = member(jwk, 'e', jwk.e, 0);
    m.keyType = JwkKeyType.RSA;
    m.modulusBits = Der.bitLength(Base64Url.tryDecode(n) as Uint8Array);
    if (m.modulusBits < MIN_RSA_MODULUS_BITS) {
      throw new JwkInvalidError(`RSA keys must have at least ${MIN_RSA_MODULUS_BITS} bits, this one has ${m.modulusBits}`);
    }
    const pub: Jwk = { kty: kty, n: n, e: e };
    m.publicJwk = pub;
    if (jwk.d !== undefined) {
      const priv: Jwk = {
        kty: kty, n: n, e: e, d: member(jwk, 'd', jwk.d, 0),
        p: optionalMember(jwk, 'p', jwk.p, 0), q: optionalMember(jwk, 'q', jwk.q, 0),
        dp: optionalMember(jwk, 'dp', jwk.dp, 0), dq: optionalMember(jwk, 'dq', jwk.dq, 0),
        qi: optionalMember(jwk, 'qi', jwk.qi, 0)
      };
      m.privateJwk = priv;
    }
  } else if (kty === JwkKeyType.EC) {
    const crv = jwk.crv;
    const size = typeof crv === 'string' ? EC_COORDINATE_BYTES.get(crv) : undefined;
    if (size === undefined) {
      throw new JoseNotSupportedError(`unsupported EC curve ${JSON.stringify(crv ?? null)}`);
    }
    m.keyType = JwkKeyType.EC;
    m.curve = crv;
    const pub: Jwk = { kty: kty, crv: crv, x: member(jwk, 'x', jwk.x, size), y: member(jwk, 'y', jwk.y, size) };
    m.publicJwk = pub;
    if (jwk.d !== undefined) {
      const priv: Jwk = { kty: kty, crv: crv, x: pub.x, y: pub.y, d: member(jwk, 'd', jwk.d, size) };
      m.privateJwk = priv;
    }
  } else if (kty === JwkKeyType.OKP) {
    if (jwk.crv !== 'Ed25519') {
      throw new JoseNotSupportedError(`unsupported OKP curve ${JSON.stringify(jwk.crv ?? null)} (only Ed25519 signs)`);
    }
    m.keyType = JwkKeyType.OKP;
    m.curve = 'Ed25519';
    const pub: Jwk = { kty: kty, crv: 'Ed25519', x: member(jwk, 'x', jwk.x, 32) };
    m.publicJwk = pub;
    if (jwk.d !== undefined) {
      const priv: Jwk = { kty: kty, crv: 'Ed25519', x: pub.x, d: member(jwk, 'd', jwk.d, 32) };
      m.privateJwk = priv;
    }
  } else {
    throw new JoseNotSupportedError(`unsupported JWK key type ${JSON.stringify(kty)}`);
  }
  m.alg = checkAlg(jwk.alg, m.keyType, m.curve);
  return finish(m, jwk, m.privateJwk !== undefined);
};

// Applies `use` and `key_ops`: a key marked for encryption, or without sign/verify operations, is refused.
const finish = (m: JoseKeyMaterial, jwk: Jwk, hasPrivate: boolean): JoseKeyMaterial => {
  m.use = jwk.use;
  m.keyOps = jwk.key_ops === undefined ? undefined : jwk.key_ops.slice();
  const forSignatures = jwk.use === undefined || jwk.use === 'sig';
  const ops = jwk.key_ops;
  m.canVerify = forSignatures && (ops === undefined || ops.includes('verify'));
  m.canSign = forSignatures && hasPrivate && (ops === undefined || ops.includes('sign'));
  if (!m.canVerify && !m.canSign) {
    throw new JwkInvalidError(`the JWK is not usable for signatures (use ${JSON.stringify(jwk.use ?? null)}, key_ops ${JSON.stringify(ops ?? null)})`);
  }
  return m;
};
