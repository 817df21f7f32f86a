import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { Crypto } from './Crypto';
import { CryptoKeyHandle, CryptoKeyPairHandle, KeyAlgorithm, KeyFormat, KeyGenAlgorithm, SignAlgorithm } from './CryptoTypes';
import { Jwk } from './Jwk';

/**
 * The shape of a WebCrypto `SubtleCrypto` object as ArkMesh calls it. Node's `webcrypto.subtle`,
 * Electron's and browsers' `crypto.subtle` all have it; hosts pass theirs to {@link SubtleCrypto}.
 */
export interface SubtleLike {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
  importKey(format: string, keyData: Uint8Array | Jwk, algorithm: KeyAlgorithm, extractable: boolean,
    keyUsages: string[]): Promise<CryptoKeyHandle>;
  exportKey(format: string, key: CryptoKeyHandle): Promise<ArrayBuffer | Jwk>;
  sign(algorithm: SignAlgorithm, key: CryptoKeyHandle, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: SignAlgorithm, key: CryptoKeyHandle, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  generateKey(algorithm: KeyGenAlgorithm, extractable: boolean, keyUsages: string[]): Promise<CryptoKeyHandle | CryptoKeyPairHandle>;
}

const wrap = (operation: string): (e: Error) => never => {
  return (e: Error): never => {
    const name = e instanceof Error ? e.name : '';
    const code = name === 'NotSupportedError' ? ErrorCode.UNSUPPORTED : ErrorCode.CRYPTO;
    throw new MeshError(code, `crypto ${operation} failed: ${e instanceof Error ? e.message : String(e)}`, e);
  };
};

const WRAP_DIGEST = wrap('digest');
const WRAP_IMPORT = wrap('importKey');
const WRAP_EXPORT = wrap('exportKey');
const WRAP_SIGN = wrap('sign');
const WRAP_VERIFY = wrap('verify');
const WRAP_GENERATE = wrap('generateKey');
const toBytes = (b: ArrayBuffer): Uint8Array => new Uint8Array(b);

/**
 * The Crypto port over a WebCrypto `subtle` object. Thin on purpose: JWT verification must cost
 * barely more than the `subtle.verify` underneath, so each call adds one promise hop at most.
 */
export class SubtleCrypto implements Crypto {
  private readonly _subtle: SubtleLike;

  constructor(subtle: SubtleLike) {
    this._subtle = subtle;
  }

  digest(hash: string, data: Uint8Array): Promise<Uint8Array> {
    return this.guard((): Promise<Uint8Array> => this._subtle.digest(hash, data).then(toBytes, WRAP_DIGEST), WRAP_DIGEST);
  }

  importKey(format: KeyFormat, keyData: Uint8Array, algorithm: KeyAlgorithm, extractable: boolean,
    usages: string[]): Promise<CryptoKeyHandle> {
    return this.guard((): Promise<CryptoKeyHandle> =>
      this._subtle.importKey(format, keyData, algorithm, extractable, usages).catch(WRAP_IMPORT), WRAP_IMPORT);
  }

  importJwk(jwk: Jwk, algorithm: KeyAlgorithm, extractable: boolean, usages: string[]): Promise<CryptoKeyHandle> {
    return this.guard((): Promise<CryptoKeyHandle> =>
      this._subtle.importKey('jwk', jwk, algorithm, extractable, usages).catch(WRAP_IMPORT), WRAP_IMPORT);
  }

  exportJwk(key: CryptoKeyHandle): Promise<Jwk> {
    return this.guard((): Promise<Jwk> =>
      this._subtle.exportKey('jwk', key).then((k: ArrayBuffer | Jwk): Jwk => k as Jwk, WRAP_EXPORT), WRAP_EXPORT);
  }

  sign(algorithm: SignAlgorithm, key: CryptoKeyHandle, data: Uint8Array): Promise<Uint8Array> {
    return this.guard((): Promise<Uint8Array> => this._subtle.sign(algorithm, key, data).then(toBytes, WRAP_SIGN), WRAP_SIGN);
  }

  verify(algorithm: SignAlgorithm, key: CryptoKeyHandle, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
    return this.guard((): Promise<boolean> =>
      this._subtle.verify(algorithm, key, signature, data).catch(WRAP_VERIFY), WRAP_VERIFY);
  }

  generateKeyPair(algorithm: KeyGenAlgorithm, extractable: boolean, usages: string[]): Promise<CryptoKeyPairHandle> {
    return this.guard((): Promise<CryptoKeyPairHandle> => this._subtle.generateKey(algorithm, extractable, usages)
      .then((k: CryptoKeyHandle | CryptoKeyPairHandle): CryptoKeyPairHandle => k as CryptoKeyPairHandle, WRAP_GENERATE),
      WRAP_GENERATE);
  }

  generateSecret(algorithm: KeyGenAlgorithm, extractable: boolean, usages: string[]): Promise<CryptoKeyHandle> {
    return this.guard((): Promise<CryptoKeyHandle> => this._subtle.generateKey(algorithm, extractable, usages)
      .then((k: CryptoKeyHandle | CryptoKeyPairHandle): CryptoKeyHandle => k as CryptoKeyHandle, WRAP_GENERATE),
      WRAP_GENERATE);
  }

  // Some WebCrypto implementations throw synchronously on bad arguments: turn that into a rejection.
  private guard<T>(run: () => Promise<T>, onError: (e: Error) => never): Promise<T> {
    try {
      return run();
    } catch (e) {
      return Promise.reject<T>(e).catch(onError);
    }
  }
}
