import { Base64Url } from '../../core/encoding/Base64Url';
import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { KeyAlgorithm, KeyFormat, KeyGenAlgorithm, SignAlgorithm } from '../../platform/crypto/CryptoTypes';
import { EcCurve, EcCurves } from '../../platform/crypto/EcCurve';
import { Jwk } from '../../platform/crypto/Jwk';
import { AsymmetricKeyInfo, KeyDerDecoder } from '../../platform/crypto/KeyDerDecoder';
import { SpkiEncoder } from '../../platform/crypto/SpkiEncoder';
import {
  FrameworkAlgorithmName, FrameworkGeneratePlan, FrameworkImportPlan, FrameworkKeyKind, FrameworkKeySpec, FrameworkSignPlan
} from './FrameworkKeySpec';

/** The smallest RSA modulus the HarmonyOS adapter imports or generates (RFC 7518 section 3.3, as jose enforces). */
export const MIN_RSA_MODULUS_BITS = 2048;
/** RSA sizes cryptoFramework generates (`RSA2048`...); imports accept any size of at least 2048 bits. */
export const RSA_GENERATE_SIZES: number[] = [2048, 3072, 4096, 8192];
/** The only RSA public exponent cryptoFramework generates with: 65537. */
export const RSA_PUBLIC_EXPONENT_HEX = '010001';

const MD_NAMES: Map<string, string> = new Map<string, string>([
  ['SHA-1', 'SHA1'], ['SHA-256', 'SHA256'], ['SHA-384', 'SHA384'], ['SHA-512', 'SHA512']
]);
const HASH_BYTES: Map<string, number> = new Map<string, number>([
  ['SHA-1', 20], ['SHA-256', 32], ['SHA-384', 48], ['SHA-512', 64]
]);
// WebCrypto's default HMAC key length is the hash's block size.
const HASH_BLOCK_BYTES: Map<string, number> = new Map<string, number>([
  ['SHA-1', 64], ['SHA-256', 64], ['SHA-384', 128], ['SHA-512', 128]
]);
const ALGORITHMS: Map<string, FrameworkAlgorithmName> = new Map<string, FrameworkAlgorithmName>([
  ['HMAC', FrameworkAlgorithmName.HMAC], ['ECDSA', FrameworkAlgorithmName.ECDSA],
  ['RSASSA-PKCS1-V1_5', FrameworkAlgorithmName.RSASSA_PKCS1_V1_5], ['RSA-PSS', FrameworkAlgorithmName.RSA_PSS],
  ['ED25519', FrameworkAlgorithmName.ED25519]
]);

const unsupported = (what: string): MeshError => new MeshError(ErrorCode.UNSUPPORTED, `HarmonyOS crypto: ${what}`);
const invalid = (what: string, cause?: Error): MeshError => new MeshError(ErrorCode.CRYPTO, `HarmonyOS crypto: ${what}`, cause);

const jwkAlg = (algorithm: FrameworkAlgorithmName, hash: string | undefined): string | undefined => {
  const bits = hash === undefined ? '' : hash.substring(4);
  switch (algorithm) {
    case FrameworkAlgorithmName.HMAC:
      return `HS${bits}`;
    case FrameworkAlgorithmName.RSASSA_PKCS1_V1_5:
      return `RS${bits}`;
    case FrameworkAlgorithmName.RSA_PSS:
      return `PS${bits}`;
    default:
      return undefined;
  }
};

/**
 * The pure half of the HarmonyOS Crypto adapter: maps WebCrypto-style requests (the `Crypto` port's
 * vocabulary) to cryptoFramework algorithm strings and DER key material, and enforces what
 * cryptoFramework leaves to the caller (2048-bit RSA minimum, curve/JWK consistency, usages).
 * Unknown algorithms fail with `ERR_UNSUPPORTED`, bad keys with `ERR_CRYPTO`.
 */
export class FrameworkAlgorithms {
  /** Canonical WebCrypto name for `name` (case-insensitive, as WebCrypto matches), or ERR_UNSUPPORTED. */
  static algorithm(name: string): FrameworkAlgorithmName {
    const found = typeof name === 'string' ? ALGORITHMS.get(name.toUpperCase()) : undefined;
    if (found === undefined) {
      throw unsupported(`algorithm ${JSON.stringify(name)} is not supported (HMAC, ECDSA, RSASSA-PKCS1-v1_5, RSA-PSS, Ed25519)`);
    }
    return found;
  }

  /** cryptoFramework digest name (`SHA256`) for a WebCrypto hash name (`SHA-256`), or ERR_UNSUPPORTED. */
  static mdName(hash: string | undefined): string {
    const md = hash === undefined ? undefined : MD_NAMES.get(hash.toUpperCase());
    if (md === undefined) {
      throw unsupported(`hash ${JSON.stringify(hash ?? null)} is not supported (SHA-1, SHA-256, SHA-384, SHA-512)`);
    }
    return md;
  }

  /** The canonical WebCrypto hash name for `hash`. */
  static hashName(hash: string | undefined): string {
    return `SHA-${FrameworkAlgorithms.mdName(hash).substring(3)}`;
  }

  /** Output size of a hash in bytes. */
  static hashBytes(hash: string): number {
    return HASH_BYTES.get(FrameworkAlgorithms.hashName(hash)) as number;
  }

  /** Plans importing binary key material (`raw`, `spki`, `pkcs8`) for `algorithm`. */
  static planImport(format: KeyFormat, keyData: Uint8Array, algorithm: KeyAlgorithm): FrameworkImportPlan {
    const name = FrameworkAlgorithms.algorithm(algorithm.name);
    if (name === FrameworkAlgorithmName.HMAC) {
      if (format !== KeyFormat.RAW) {
        throw unsupported(`HMAC keys import from raw or jwk, not ${format}`);
      }
      return FrameworkAlgorithms.secretPlan(keyData, algorithm);
    }
    if (format === KeyFormat.RAW) {
      return FrameworkAlgorithms.rawPublicPlan(name, keyData, algorithm);
    }
    let info: AsymmetricKeyInfo;
    try {
      info = format === KeyFormat.SPKI ? KeyDerDecoder.parseSpki(keyData) : KeyDerDecoder.parsePkcs8(keyData);
    } catch (e) {
      throw invalid(`${format} key data is invalid: ${(e as Error).message}`, e as Error);
    }
    return new FrameworkImportPlan(FrameworkAlgorithms.specFor(name, info, algorithm), keyData);
  }

  /** Plans importing a JWK for `algorithm`: oct keys stay raw, others become SPKI or PKCS#8 DER. */
  static planImportJwk(jwk: Jwk, algorithm: KeyAlgorithm): FrameworkImportPlan {
    const name = FrameworkAlgorithms.algorithm(algorithm.name);
    try {
      if (name === FrameworkAlgorithmName.HMAC) {
        if (jwk.kty !== 'oct' || typeof jwk.k !== 'string') {
          throw invalid('an HMAC JWK must have kty "oct" and a k member');
        }
        return FrameworkAlgorithms.secretPlan(Base64Url.decode(jwk.k, 'jwk.k'), algorithm);
      }
      const isPrivate = jwk.d !== undefined;
      const der = isPrivate ? SpkiEncoder.pkcs8FromJwk(jwk) : SpkiEncoder.fromJwk(jwk);
      const info = isPrivate ? KeyDerDecoder.parsePkcs8(der) : KeyDerDecoder.parseSpki(der);
      // A private JWK carries its public members too; keep them for export.
      const spec = FrameworkAlgorithms.specFor(name, info, algorithm);
      const expectedAlg = FrameworkAlgorithms.jwkAlg(spec);
      if (jwk.alg !== undefined && expectedAlg !== undefined && jwk.alg !== expectedAlg) {
        throw invalid(`JWK alg ${jwk.alg} does not match ${name} with ${spec.hash}`);
      }
      if (isPrivate && jwk.kty !== 'RSA') {
        spec.jwk.x = jwk.x;
        spec.jwk.y = jwk.y;
      }
      return new FrameworkImportPlan(spec, der);
    } catch (e) {
      throw FrameworkAlgorithms.asCryptoError(e as Error, 'JWK is invalid');
    }
  }

  /** Plans generating a key pair (ECDSA, RSA, Ed25519) or an HMAC secret. */
  static planGenerate(algorithm: KeyGenAlgorithm): FrameworkGeneratePlan {
    const name = FrameworkAlgorithms.algorithm(algorithm.name);
    const empty: Jwk = {};
    switch (name) {
      case FrameworkAlgorithmName.HMAC: {
        const hash = FrameworkAlgorithms.hashName(algorithm.hash);
        const bits = algorithm.length ?? (HASH_BLOCK_BYTES.get(hash) as number) * 8;
        if (!(bits > 0 && bits % 8 === 0 && bits <= 32768)) {
          throw unsupported(`HMAC key length ${bits} must be a positive multiple of 8 up to 32768 bits`);
        }
        const spec = new FrameworkKeySpec(name, FrameworkKeyKind.SECRET, hash, undefined, bits, 'HMAC', empty);
        return new FrameworkGeneratePlan(spec, bits / 8);
      }
      case FrameworkAlgorithmName.ECDSA: {
        const curve = FrameworkAlgorithms.curve(algorithm.namedCurve);
        return new FrameworkGeneratePlan(new FrameworkKeySpec(name, FrameworkKeyKind.PRIVATE, undefined, curve, 0,
          curve.frameworkName, empty), 0);
      }
      case FrameworkAlgorithmName.ED25519:
        return new FrameworkGeneratePlan(new FrameworkKeySpec(name, FrameworkKeyKind.PRIVATE, undefined, undefined, 0,
          'Ed25519', empty), 0);
      default: {
        const hash = FrameworkAlgorithms.hashName(algorithm.hash);
        const bits = algorithm.modulusLength ?? 0;
        if (RSA_GENERATE_SIZES.indexOf(bits) < 0) {
          throw unsupported(`RSA modulusLength ${bits} is not one of ${RSA_GENERATE_SIZES.join(', ')}`);
        }
        const e = algorithm.publicExponent;
        if (e !== undefined && FrameworkAlgorithms.hex(e) !== RSA_PUBLIC_EXPONENT_HEX) {
          throw unsupported('cryptoFramework generates RSA keys with public exponent 65537 only');
        }
        return new FrameworkGeneratePlan(new FrameworkKeySpec(name, FrameworkKeyKind.PRIVATE, hash, undefined, bits,
          `RSA${bits}`, empty), 0);
      }
    }
  }

  /** Plans a sign or verify with a key described by `key`; checks the algorithm matches the key. */
  static planSign(key: FrameworkKeySpec, algorithm: SignAlgorithm): FrameworkSignPlan {
    const name = FrameworkAlgorithms.algorithm(algorithm.name);
    if (name !== key.algorithm) {
      throw invalid(`a ${key.algorithm} key cannot be used with ${name}`);
    }
    switch (name) {
      case FrameworkAlgorithmName.HMAC:
        return new FrameworkSignPlan(FrameworkAlgorithms.mdName(key.hash), true, -1, undefined);
      case FrameworkAlgorithmName.ECDSA: {
        const curve = key.curve as EcCurve;
        return new FrameworkSignPlan(`${curve.frameworkName}|${FrameworkAlgorithms.mdName(algorithm.hash)}`, false, -1, curve);
      }
      case FrameworkAlgorithmName.ED25519:
        return new FrameworkSignPlan('Ed25519', false, -1, undefined);
      case FrameworkAlgorithmName.RSASSA_PKCS1_V1_5:
        return new FrameworkSignPlan(`RSA|PKCS1|${FrameworkAlgorithms.mdName(key.hash)}`, false, -1, undefined);
      default: {
        const md = FrameworkAlgorithms.mdName(key.hash);
        // JOSE's PS256/384/512 use a salt as long as the hash (RFC 7518 section 3.5); that is the default.
        const salt = algorithm.saltLength ?? FrameworkAlgorithms.hashBytes(key.hash as string);
        if (!(salt >= 0 && Math.floor(salt) === salt)) {
          throw invalid(`RSA-PSS saltLength ${salt} must be a non-negative integer`);
        }
        return new FrameworkSignPlan(`RSA|PSS|${md}|MGF1_${md}`, false, salt, undefined);
      }
    }
  }

  /**
   * Checks `usages` the way WebCrypto does for a key of `kind`: secret keys sign and verify, public
   * keys only verify, private keys only sign; secret and private keys need at least one usage.
   */
  static checkUsages(kind: FrameworkKeyKind, usages: string[]): void {
    const allowed: string[] = kind === FrameworkKeyKind.SECRET ? ['sign', 'verify']
      : kind === FrameworkKeyKind.PUBLIC ? ['verify'] : ['sign'];
    for (const u of usages) {
      if (allowed.indexOf(u) < 0) {
        throw invalid(`usage ${JSON.stringify(u)} is not valid for a ${kind} key (${allowed.join(', ')})`);
      }
    }
    if (usages.length === 0 && kind !== FrameworkKeyKind.PUBLIC) {
      throw invalid(`a ${kind} key needs at least one usage`);
    }
  }

  /** The usages of the public and private halves of a generated pair, as WebCrypto splits them. */
  static splitPairUsages(usages: string[]): string[][] {
    for (const u of usages) {
      if (u !== 'sign' && u !== 'verify') {
        throw invalid(`usage ${JSON.stringify(u)} is not valid for a signing key pair (sign, verify)`);
      }
    }
    const pub = usages.filter((u: string): boolean => u === 'verify');
    const pri = usages.filter((u: string): boolean => u === 'sign');
    if (pri.length === 0) {
      throw invalid('a generated key pair needs the sign usage for its private key');
    }
    return [pub, pri];
  }

  /** Compares two byte strings in time that depends only on their lengths (HMAC verification). */
  static constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
    if (a.length !== b.length) {
      return false;
    }
    let diff = 0;
    for (let i = 0; i < a.length; i++) {
      diff |= a[i] ^ b[i];
    }
    return diff === 0;
  }

  /** The JWK `alg` WebCrypto writes on export (HS256, RS256, PS256), or undefined. */
  static jwkAlg(spec: FrameworkKeySpec): string | undefined {
    return jwkAlg(spec.algorithm, spec.hash);
  }

  /** The curve named `name` (P-256, P-384, P-521), or ERR_UNSUPPORTED. */
  static curve(name: string | undefined): EcCurve {
    const curve = EcCurves.byName(name ?? '');
    if (curve === undefined) {
      throw unsupported(`namedCurve ${JSON.stringify(name ?? null)} is not supported (P-256, P-384, P-521)`);
    }
    return curve;
  }

  private static secretPlan(keyData: Uint8Array, algorithm: KeyAlgorithm): FrameworkImportPlan {
    const hash = FrameworkAlgorithms.hashName(algorithm.hash);
    if (keyData.length === 0) {
      throw invalid('an HMAC key must not be empty');
    }
    const jwk: Jwk = { kty: 'oct', k: Base64Url.encode(keyData) };
    return new FrameworkImportPlan(new FrameworkKeySpec(FrameworkAlgorithmName.HMAC, FrameworkKeyKind.SECRET, hash, undefined,
      keyData.length * 8, 'HMAC', jwk), keyData);
  }

  private static rawPublicPlan(name: FrameworkAlgorithmName, keyData: Uint8Array, algorithm: KeyAlgorithm): FrameworkImportPlan {
    try {
      let der: Uint8Array;
      if (name === FrameworkAlgorithmName.ECDSA) {
        der = SpkiEncoder.fromEcPoint(keyData, FrameworkAlgorithms.curve(algorithm.namedCurve));
      } else if (name === FrameworkAlgorithmName.ED25519) {
        der = SpkiEncoder.fromEd25519Raw(keyData);
      } else {
        throw unsupported(`${name} keys do not import from raw`);
      }
      return new FrameworkImportPlan(FrameworkAlgorithms.specFor(name, KeyDerDecoder.parseSpki(der), algorithm), der);
    } catch (e) {
      throw FrameworkAlgorithms.asCryptoError(e as Error, 'raw key data is invalid');
    }
  }

  // Checks that a decoded key fits the requested algorithm and builds its spec.
  private static specFor(name: FrameworkAlgorithmName, info: AsymmetricKeyInfo, algorithm: KeyAlgorithm): FrameworkKeySpec {
    const kind = info.isPrivate ? FrameworkKeyKind.PRIVATE : FrameworkKeyKind.PUBLIC;
    switch (name) {
      case FrameworkAlgorithmName.ECDSA: {
        const curve = FrameworkAlgorithms.curve(algorithm.namedCurve);
        if (info.keyType !== 'EC' || info.curve !== curve.name) {
          throw invalid(`key is ${info.curve ?? info.keyType}, not an ECDSA ${curve.name} key`);
        }
        return new FrameworkKeySpec(name, kind, undefined, curve, 0, curve.frameworkName, info.jwk);
      }
      case FrameworkAlgorithmName.ED25519:
        if (info.keyType !== 'OKP') {
          throw invalid(`key is ${info.curve ?? info.keyType}, not an Ed25519 key`);
        }
        return new FrameworkKeySpec(name, kind, undefined, undefined, 0, 'Ed25519', info.jwk);
      default: {
        if (info.keyType !== 'RSA') {
          throw invalid(`key is ${info.curve ?? info.keyType}, not an RSA key`);
        }
        if (info.modulusBits < MIN_RSA_MODULUS_BITS) {
          throw invalid(`RSA modulus of ${info.modulusBits} bits is below the ${MIN_RSA_MODULUS_BITS}-bit minimum`);
        }
        const hash = FrameworkAlgorithms.hashName(algorithm.hash);
        // Any RSA generator converts keys of any size; the name only matters for generation.
        return new FrameworkKeySpec(name, kind, hash, undefined, info.modulusBits, 'RSA2048', info.jwk);
      }
    }
  }

  // Keeps coded errors from the planner; turns bad-input errors from the encoders into ERR_CRYPTO.
  private static asCryptoError(e: Error, what: string): MeshError {
    if (e instanceof MeshError && e.code !== ErrorCode.INVALID_ARGUMENT) {
      return e;
    }
    return invalid(`${what}: ${e.message}`, e);
  }

  private static hex(bytes: Uint8Array): string {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) {
      start++;
    }
    let out = '';
    for (let i = start; i < bytes.length; i++) {
      out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    }
    return out;
  }
}
