import { CryptoKeyHandle, CryptoKeyPairHandle, KeyAlgorithm, KeyFormat, KeyGenAlgorithm, SignAlgorithm } from './CryptoTypes';
import { Jwk } from './Jwk';

/**
 * The crypto port: the WebCrypto operations ArkMesh needs, in WebCrypto terms, on plain byte
 * arrays. `SubtleCrypto` implements it over a `crypto.subtle` object handed in by the host; the
 * HarmonyOS adapter implements it over cryptoFramework. Failures reject with a MeshError
 * (`ERR_CRYPTO` for provider errors, `ERR_UNSUPPORTED` for algorithms the provider lacks).
 */
export interface Crypto {
  digest(hash: string, data: Uint8Array): Promise<Uint8Array>;
  importKey(format: KeyFormat, keyData: Uint8Array, algorithm: KeyAlgorithm, extractable: boolean,
    usages: string[]): Promise<CryptoKeyHandle>;
  importJwk(jwk: Jwk, algorithm: KeyAlgorithm, extractable: boolean, usages: string[]): Promise<CryptoKeyHandle>;
  exportJwk(key: CryptoKeyHandle): Promise<Jwk>;
  sign(algorithm: SignAlgorithm, key: CryptoKeyHandle, data: Uint8Array): Promise<Uint8Array>;
  verify(algorithm: SignAlgorithm, key: CryptoKeyHandle, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  generateKeyPair(algorithm: KeyGenAlgorithm, extractable: boolean, usages: string[]): Promise<CryptoKeyPairHandle>;
  generateSecret(algorithm: KeyGenAlgorithm, extractable: boolean, usages: string[]): Promise<CryptoKeyHandle>;
}
