import { KeyAlgorithm, SignAlgorithm } from '../../platform/crypto/CryptoTypes';
import { EcCurve, EcCurves } from '../../platform/crypto/EcCurve';

/** The JWS algorithms ArkMesh signs and verifies (RFC 7518 section 3, RFC 8037, RFC 9864 `Ed25519`). */
export enum JwsAlgorithm {
  HS256 = 'HS256',
  HS384 = 'HS384',
  HS512 = 'HS512',
  RS256 = 'RS256',
  RS384 = 'RS384',
  RS512 = 'RS512',
  PS256 = 'PS256',
  PS384 = 'PS384',
  PS512 = 'PS512',
  ES256 = 'ES256',
  ES384 = 'ES384',
  ES512 = 'ES512',
  EdDSA = 'EdDSA',
  Ed25519 = 'Ed25519'
}

/** JWK key types (`kty`). */
export enum JwkKeyType {
  OCT = 'oct',
  RSA = 'RSA',
  EC = 'EC',
  OKP = 'OKP'
}

/** The smallest RSA modulus ArkMesh accepts, in bits (RFC 7518 section 3.3). */
export const MIN_RSA_MODULUS_BITS = 2048;

/**
 * Everything the verify and sign paths need about one `alg`, resolved once: which key type and
 * curve it needs, how to import the key and call the Crypto port, and the signature rules.
 * Entries are immutable and shared: algorithms are data, not branches.
 */
export class JwsAlgorithmEntry {
  readonly alg: string;
  readonly keyType: JwkKeyType;
  /** `crv` the key must have (EC and OKP), undefined for oct and RSA. */
  readonly curve: string | undefined;
  /** WebCrypto algorithm for `Crypto.importKey`/`importJwk`. */
  readonly importAlgorithm: KeyAlgorithm;
  /** WebCrypto algorithm for `Crypto.sign`/`verify`. */
  readonly signAlgorithm: SignAlgorithm;
  /** Hash name (`SHA-256`, ...), undefined for EdDSA. */
  readonly hash: string | undefined;
  /** Exact signature length in bytes; 0 when it depends on the key (RSA). */
  readonly signatureLength: number;
  /** Minimum HMAC secret length in bytes (the hash size); 0 for asymmetric algorithms. */
  readonly minSecretBytes: number;
  /** The ECDSA curve (coordinate size and group order: r and s must lie in [1, n-1]); undefined otherwise. */
  readonly ecCurve: EcCurve | undefined;

  constructor(alg: string, keyType: JwkKeyType, curve: string | undefined, importAlgorithm: KeyAlgorithm,
    signAlgorithm: SignAlgorithm, hash: string | undefined, signatureLength: number, minSecretBytes: number,
    ecCurve: EcCurve | undefined) {
    this.alg = alg;
    this.keyType = keyType;
    this.curve = curve;
    this.importAlgorithm = importAlgorithm;
    this.signAlgorithm = signAlgorithm;
    this.hash = hash;
    this.signatureLength = signatureLength;
    this.minSecretBytes = minSecretBytes;
    this.ecCurve = ecCurve;
  }

  /** True for ECDSA, whose raw r||s signatures get a range check before the Crypto port sees them. */
  get isEcdsa(): boolean {
    return this.ecCurve !== undefined;
  }
}

const hmac = (alg: string, bits: number): JwsAlgorithmEntry => {
  const hash = `SHA-${bits}`;
  const params: KeyAlgorithm = { name: 'HMAC', hash: hash };
  const sign: SignAlgorithm = { name: 'HMAC' };
  return new JwsAlgorithmEntry(alg, JwkKeyType.OCT, undefined, params, sign, hash, bits / 8, bits / 8, undefined);
};

const rsa = (alg: string, bits: number, pss: boolean): JwsAlgorithmEntry => {
  const hash = `SHA-${bits}`;
  const name = pss ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5';
  const params: KeyAlgorithm = { name: name, hash: hash };
  // PSS salt length equals the hash length (RFC 7518 section 3.5).
  const sign: SignAlgorithm = pss ? { name: name, saltLength: bits / 8 } : { name: name };
  return new JwsAlgorithmEntry(alg, JwkKeyType.RSA, undefined, params, sign, hash, 0, 0, undefined);
};

const ecdsa = (alg: string, curveName: string, bits: number): JwsAlgorithmEntry => {
  const curve = EcCurves.byName(curveName) as EcCurve;
  const hash = `SHA-${bits}`;
  const params: KeyAlgorithm = { name: 'ECDSA', namedCurve: curveName };
  const sign: SignAlgorithm = { name: 'ECDSA', hash: hash };
  return new JwsAlgorithmEntry(alg, JwkKeyType.EC, curveName, params, sign, hash, curve.coordinateBytes * 2, 0, curve);
};

const eddsa = (alg: string): JwsAlgorithmEntry => {
  const params: KeyAlgorithm = { name: 'Ed25519' };
  const sign: SignAlgorithm = { name: 'Ed25519' };
  return new JwsAlgorithmEntry(alg, JwkKeyType.OKP, 'Ed25519', params, sign, undefined, 64, 0, undefined);
};

const ENTRIES: JwsAlgorithmEntry[] = [
  hmac(JwsAlgorithm.HS256, 256),
  hmac(JwsAlgorithm.HS384, 384),
  hmac(JwsAlgorithm.HS512, 512),
  rsa(JwsAlgorithm.RS256, 256, false),
  rsa(JwsAlgorithm.RS384, 384, false),
  rsa(JwsAlgorithm.RS512, 512, false),
  rsa(JwsAlgorithm.PS256, 256, true),
  rsa(JwsAlgorithm.PS384, 384, true),
  rsa(JwsAlgorithm.PS512, 512, true),
  ecdsa(JwsAlgorithm.ES256, 'P-256', 256),
  ecdsa(JwsAlgorithm.ES384, 'P-384', 384),
  ecdsa(JwsAlgorithm.ES512, 'P-521', 512),
  eddsa(JwsAlgorithm.EdDSA),
  eddsa(JwsAlgorithm.Ed25519)
];

const BY_NAME: Map<string, JwsAlgorithmEntry> = new Map<string, JwsAlgorithmEntry>();
for (const entry of ENTRIES) {
  BY_NAME.set(entry.alg, entry);
}

/** The algorithm table: `alg` name to its resolved {@link JwsAlgorithmEntry}. `none` is never in it. */
export class JwsAlgorithms {
  /** The entry for `alg`, or undefined for an unknown name (including `none`). */
  static get(alg: string): JwsAlgorithmEntry | undefined {
    return BY_NAME.get(alg);
  }

  /** Every supported `alg` name, in table order. */
  static names(): string[] {
    return ENTRIES.map((e: JwsAlgorithmEntry): string => e.alg);
  }

  /** The supported algorithms that use keys of `keyType` (and `curve`, when given). */
  static forKeyType(keyType: JwkKeyType, curve?: string): string[] {
    const out: string[] = [];
    for (const e of ENTRIES) {
      if (e.keyType === keyType && (curve === undefined || e.curve === undefined || e.curve === curve)) {
        out.push(e.alg);
      }
    }
    return out;
  }
}
