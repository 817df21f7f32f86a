import { EcCurve } from '../../platform/crypto/EcCurve';
import { Jwk } from '../../platform/crypto/Jwk';

/** WebCrypto key types, as `CryptoKeyHandle.type` reports them. */
export enum FrameworkKeyKind {
  SECRET = 'secret',
  PUBLIC = 'public',
  PRIVATE = 'private'
}

/** The WebCrypto algorithm names the HarmonyOS Crypto adapter implements. */
export enum FrameworkAlgorithmName {
  HMAC = 'HMAC',
  ECDSA = 'ECDSA',
  RSASSA_PKCS1_V1_5 = 'RSASSA-PKCS1-v1_5',
  RSA_PSS = 'RSA-PSS',
  ED25519 = 'Ed25519'
}

/**
 * Everything the adapter must remember about one key besides the cryptoFramework object itself:
 * which WebCrypto algorithm it is bound to, its hash (HMAC, RSA) or curve (ECDSA), its size, the
 * cryptoFramework generator name that converts it, and its JWK members for export.
 */
export class FrameworkKeySpec {
  readonly algorithm: FrameworkAlgorithmName;
  readonly kind: FrameworkKeyKind;
  /** WebCrypto hash name (`SHA-256`) for HMAC and RSA keys; undefined otherwise. */
  readonly hash: string | undefined;
  readonly curve: EcCurve | undefined;
  /** RSA modulus bits; HMAC key bits; 0 otherwise. */
  readonly bits: number;
  /** cryptoFramework generator name: `HMAC`, `RSA2048`, `ECC256`, `Ed25519`. */
  readonly generatorName: string;
  /** The key's JWK members known so far (public members, private ones for private and secret keys). */
  readonly jwk: Jwk;

  constructor(algorithm: FrameworkAlgorithmName, kind: FrameworkKeyKind, hash: string | undefined, curve: EcCurve | undefined,
    bits: number, generatorName: string, jwk: Jwk) {
    this.algorithm = algorithm;
    this.kind = kind;
    this.hash = hash;
    this.curve = curve;
    this.bits = bits;
    this.generatorName = generatorName;
    this.jwk = jwk;
  }

  /** The same key description for the other half of a pair (`kind` changed, private members dropped for a public half). */
  withKind(kind: FrameworkKeyKind, jwk: Jwk): FrameworkKeySpec {
    return new FrameworkKeySpec(this.algorithm, kind, this.hash, this.curve, this.bits, this.generatorName, jwk);
  }
}

/** What to hand cryptoFramework to import a key: the spec plus the bytes (`raw` secret, SPKI DER or PKCS#8 DER). */
export class FrameworkImportPlan {
  readonly spec: FrameworkKeySpec;
  readonly keyBytes: Uint8Array;

  constructor(spec: FrameworkKeySpec, keyBytes: Uint8Array) {
    this.spec = spec;
    this.keyBytes = keyBytes;
  }
}

/** How to run one sign or verify on cryptoFramework. */
export class FrameworkSignPlan {
  /** `createSign`/`createVerify` algorithm string (`ECC256|SHA256`), or the `createMac` digest name for HMAC. */
  readonly spec: string;
  readonly isHmac: boolean;
  /** PSS salt length to set with `setSignSpec(PSS_SALT_LEN_NUM, n)`; -1 when not PSS. */
  readonly saltLength: number;
  /** Set for ECDSA, whose signatures are converted between JOSE r||s and DER. */
  readonly curve: EcCurve | undefined;

  constructor(spec: string, isHmac: boolean, saltLength: number, curve: EcCurve | undefined) {
    this.spec = spec;
    this.isHmac = isHmac;
    this.saltLength = saltLength;
    this.curve = curve;
  }
}

/** How to generate a key pair or secret on cryptoFramework. */
export class FrameworkGeneratePlan {
  /** Template for the generated keys (kind is set per half). */
  readonly spec: FrameworkKeySpec;
  /** Secret length in bytes for HMAC; 0 for key pairs. */
  readonly secretBytes: number;

  constructor(spec: FrameworkKeySpec, secretBytes: number) {
    this.spec = spec;
    this.secretBytes = secretBytes;
  }
}
