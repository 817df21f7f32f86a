/** Hash functions by their WebCrypto names. */
export enum HashName {
  SHA_1 = 'SHA-1',
  SHA_256 = 'SHA-256',
  SHA_384 = 'SHA-384',
  SHA_512 = 'SHA-512'
}

/** Binary key formats accepted by `Crypto.importKey` (JWK has its own method). */
export enum KeyFormat {
  RAW = 'raw',
  SPKI = 'spki',
  PKCS8 = 'pkcs8'
}

/**
 * How to interpret imported key material, in WebCrypto terms: `{ name: 'HMAC', hash: 'SHA-256' }`,
 * `{ name: 'ECDSA', namedCurve: 'P-256' }`, `{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }`,
 * `{ name: 'RSA-PSS', hash: 'SHA-384' }`, `{ name: 'Ed25519' }`.
 */
export interface KeyAlgorithm {
  name: string;
  hash?: string;
  namedCurve?: string;
}

/** Parameters of one sign or verify operation: `{ name: 'ECDSA', hash: 'SHA-256' }`, `{ name: 'RSA-PSS', saltLength: 32 }`. */
export interface SignAlgorithm {
  name: string;
  hash?: string;
  saltLength?: number;
}

/** Parameters for generating keys: HMAC (`hash`, `length` in bits), RSA (`modulusLength`, `publicExponent`), EC (`namedCurve`), Ed25519. */
export interface KeyGenAlgorithm {
  name: string;
  hash?: string;
  length?: number;
  namedCurve?: string;
  modulusLength?: number;
  publicExponent?: Uint8Array;
}

/** What an imported key says about its algorithm. */
export interface KeyAlgorithmInfo {
  readonly name: string;
}

/** An imported or generated key. Opaque: only a Crypto implementation looks inside. */
export interface CryptoKeyHandle {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: KeyAlgorithmInfo;
  readonly usages: string[];
}

/** A generated asymmetric key pair. */
export interface CryptoKeyPairHandle {
  readonly publicKey: CryptoKeyHandle;
  readonly privateKey: CryptoKeyHandle;
}
