import { Base64Url } from '../../core/encoding/Base64Url';
import { Utf8 } from '../../core/encoding/Utf8';
import { Crypto } from '../../platform/crypto/Crypto';
import { CryptoKeyHandle, KeyFormat } from '../../platform/crypto/CryptoTypes';
import { Jwk } from '../../platform/crypto/Jwk';
import { AsymmetricKeyInfo, KeyDerDecoder } from '../../platform/crypto/KeyDerDecoder';
import { JoseAlgNotAllowedError, JoseError, JwkInvalidError } from '../errors/JoseErrors';
import { JwkKeyType, JwsAlgorithmEntry, JwsAlgorithms } from '../jwa/JwsAlgorithms';
import { JwsHeader } from '../jws/JwsHeader';
import { KeySource } from './KeySource';
import { JoseKeyMaterial, parseJwk } from './parseJwk';
import { Pem } from './Pem';

/** Options of the JoseKey factories that take bare key material. */
export interface JoseKeyOptions {
  /** Key id, matched against a token's `kid` by key sets and written into signed headers. */
  kid?: string;
  /** Binds the key to one algorithm: it is then refused for every other `alg`. */
  alg?: string;
}

/** The smallest HMAC secret ArkMesh accepts, in bytes (the HS256 hash size). */
export const MIN_HMAC_SECRET_BYTES = 32;

const wrapImport = (what: string): (e: Error) => never => {
  return (e: Error): never => {
    throw new JwkInvalidError(`importing the ${what} failed: ${e.message}`, e);
  };
};

/**
 * A JOSE key: key material (an HMAC secret, a JWK, SPKI or PKCS#8 DER, or an imported handle)
 * plus what it may be used for, and a cache of the `CryptoKeyHandle`s imported from it, one per
 * algorithm, so repeated verifications never re-import. A key is only ever used with algorithms
 * of its own type and curve (no RSA or EC key as an HMAC secret), secrets shorter than the hash
 * are refused, and RSA moduli below 2048 bits are rejected when the key is created.
 *
 * A JoseKey is also a {@link KeySource} that always answers with itself.
 */
export class JoseKey implements KeySource {
  /** The Crypto port every operation with this key goes through. */
  readonly crypto: Crypto;
  readonly keyType: JwkKeyType;
  readonly curve: string | undefined;
  readonly kid: string | undefined;
  /** The only algorithm this key may be used with, when bound. */
  readonly alg: string | undefined;
  /** JWK `use`, when given (`sig`). */
  readonly use: string | undefined;
  /** JWK `key_ops`, when given. */
  readonly keyOps: ReadonlyArray<string> | undefined;
  readonly canVerify: boolean;
  readonly canSign: boolean;
  /** RSA modulus size in bits; 0 for other key types. */
  readonly modulusBits: number;
  private readonly _material: JoseKeyMaterial;
  private readonly _verifyHandles: Map<string, CryptoKeyHandle> = new Map<string, CryptoKeyHandle>();
  private readonly _signHandles: Map<string, CryptoKeyHandle> = new Map<string, CryptoKeyHandle>();
  private readonly _pending: Map<string, Promise<CryptoKeyHandle>> = new Map<string, Promise<CryptoKeyHandle>>();
  private readonly _self: JoseKey[];

  private constructor(crypto: Crypto, material: JoseKeyMaterial) {
    this.crypto = crypto;
    this._material = material;
    this.keyType = material.keyType;
    this.curve = material.curve;
    this.kid = material.kid;
    this.alg = material.alg;
    this.use = material.use;
    this.keyOps = material.keyOps;
    this.modulusBits = material.modulusBits;
    this.canVerify = material.canVerify;
    this.canSign = material.canSign;
    this._self = [this];
    const handle = material.handle;
    const alg = material.alg;
    if (handle !== undefined && alg !== undefined) {
      if (this.canVerify) {
        this._verifyHandles.set(alg, handle);
      }
      if (this.canSign) {
        this._signHandles.set(alg, handle);
      }
    }
  }

  /**
   * An HMAC secret (copied). Throws JwkInvalidError when it is shorter than 32 bytes or looks like
   * public-key material (PEM, DER, a JWK).
   */
  static fromSecret(crypto: Crypto, secret: Uint8Array, options?: JoseKeyOptions): JoseKey {
    return new JoseKey(crypto, JoseKeyMaterial.secret(secret, options?.kid, options?.alg));
  }

  /**
   * A JWK (RFC 7517): `oct`, `RSA` (>= 2048 bits), `EC` (P-256/384/521) or `OKP` (Ed25519); public
   * keys verify, private keys sign (and verify). Honours `kid`, `alg`, `use` and `key_ops`.
   * Throws JwkInvalidError (malformed, too weak) or JoseNotSupportedError (unknown kty or curve).
   */
  static fromJwk(crypto: Crypto, jwk: Jwk): JoseKey {
    return new JoseKey(crypto, parseJwk(jwk));
  }

  /** A public key as DER SubjectPublicKeyInfo or a PEM `PUBLIC KEY` block. Verification only. Throws JwkInvalidError. */
  static fromSpki(crypto: Crypto, spki: Uint8Array | string, options?: JoseKeyOptions): JoseKey {
    const der = typeof spki === 'string' ? Pem.decode(spki, 'PUBLIC KEY') : spki;
    const jwk = JoseKey.decodeDer(der, false).jwk;
    jwk.kid = options?.kid;
    jwk.alg = options?.alg;
    return new JoseKey(crypto, parseJwk(jwk));
  }

  /**
   * A private key as DER PKCS#8 or a PEM `PRIVATE KEY` block. It signs; it also verifies when the
   * PKCS#8 carries the public key (always for RSA; for EC and Ed25519 when embedded).
   */
  static fromPkcs8(crypto: Crypto, pkcs8: Uint8Array | string, options?: JoseKeyOptions): JoseKey {
    const der = typeof pkcs8 === 'string' ? Pem.decode(pkcs8, 'PRIVATE KEY') : pkcs8.slice();
    const info = JoseKey.decodeDer(der, true);
    const jwk = info.jwk;
    jwk.kid = options?.kid;
    jwk.alg = options?.alg;
    const complete = info.keyType === JwkKeyType.RSA || (jwk.x !== undefined && (info.keyType !== JwkKeyType.EC || jwk.y !== undefined));
    return new JoseKey(crypto, complete ? parseJwk(jwk) : JoseKeyMaterial.pkcs8(der, info, options?.kid, options?.alg));
  }

  /**
   * An already imported handle, bound to `alg` (the caller vouches that it was imported for it).
   * Public handles verify, private ones sign, secret ones do both.
   */
  static fromCryptoKey(crypto: Crypto, handle: CryptoKeyHandle, alg: string, options?: JoseKeyOptions): JoseKey {
    const entry = JwsAlgorithms.get(alg);
    if (entry === undefined) {
      throw new JwkInvalidError(`unsupported JWS algorithm ${JSON.stringify(alg)}`);
    }
    return new JoseKey(crypto, JoseKeyMaterial.handle(handle, entry, options?.kid));
  }

  /** Always this key (a JoseKey is its own single-key {@link KeySource}). */
  resolveKeys(header: JwsHeader): JoseKey[] {
    return this._self;
  }

  /** Why this key cannot be used with `entry` for verifying (or signing), or undefined when it can. */
  checkAlgorithm(entry: JwsAlgorithmEntry, signing: boolean): JoseError | undefined {
    if (entry.keyType !== this.keyType) {
      return new JoseAlgNotAllowedError(entry.alg, `"${entry.alg}" needs a key of type ${entry.keyType}, not ${this.keyType}`);
    }
    if (entry.curve !== undefined && entry.curve !== this.curve) {
      return new JoseAlgNotAllowedError(entry.alg, `"${entry.alg}" needs curve ${entry.curve}, not ${this.curve ?? 'none'}`);
    }
    if (this.alg !== undefined && this.alg !== entry.alg) {
      return new JoseAlgNotAllowedError(entry.alg, `the key is bound to "${this.alg}", not "${entry.alg}"`);
    }
    const secret = this._material.secret;
    if (secret !== undefined && secret.length < entry.minSecretBytes) {
      return new JoseAlgNotAllowedError(entry.alg,
        `"${entry.alg}" needs a secret of at least ${entry.minSecretBytes} bytes, this one has ${secret.length}`);
    }
    if (signing ? !this.canSign : !this.canVerify) {
      return new JwkInvalidError(`the key cannot ${signing ? 'sign' : 'verify'}`);
    }
    return undefined;
  }

  /**
   * The handle to verify `entry` signatures with: synchronously once imported (the hot path),
   * else a promise of the import. Concurrent first uses share one import. Rejects with a JoseError
   * when the key does not fit the algorithm.
   */
  verifyKey(entry: JwsAlgorithmEntry): CryptoKeyHandle | Promise<CryptoKeyHandle> {
    const handle = this._verifyHandles.get(entry.alg);
    return handle !== undefined ? handle : this.load(entry, false);
  }

  /** The handle to sign `entry` signatures with (imported once). */
  signKey(entry: JwsAlgorithmEntry): Promise<CryptoKeyHandle> {
    const handle = this._signHandles.get(entry.alg);
    return handle !== undefined ? Promise.resolve(handle) : this.load(entry, true);
  }

  /**
   * Imports the handles for `algs` now (verification handles, or signing handles for a key that
   * only signs), so that the first use pays no import. Default: the bound `alg`, else every
   * algorithm of the key's type that the key fits. Resolves with this key; rejects with a
   * JoseError when a listed algorithm does not fit.
   */
  async preload(algs?: string[]): Promise<JoseKey> {
    let names: string[];
    if (algs !== undefined) {
      names = algs;
    } else if (this.alg !== undefined) {
      names = [this.alg];
    } else {
      names = JwsAlgorithms.forKeyType(this.keyType, this.curve).filter((name: string): boolean =>
        this.checkAlgorithm(JwsAlgorithms.get(name) as JwsAlgorithmEntry, !this.canVerify) === undefined);
    }
    for (const name of names) {
      const entry = JwsAlgorithms.get(name);
      if (entry === undefined) {
        throw new JoseAlgNotAllowedError(name, `unsupported JWS algorithm ${JSON.stringify(name)}`);
      }
      if (this.canVerify) {
        await this.verifyKey(entry);
      } else {
        await this.signKey(entry);
      }
    }
    return this;
  }

  /** The public JWK (with `kid`, `alg`, `use` when set), or undefined for secrets and private-only keys. */
  publicJwk(): Jwk | undefined {
    const pub = this._material.publicJwk;
    if (pub === undefined || this.keyType === JwkKeyType.OCT) {
      return undefined;
    }
    const out: Jwk = { kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y, n: pub.n, e: pub.e, kid: this.kid, alg: this.alg, use: this.use };
    return out;
  }

  /** The RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key or secret. */
  async thumbprint(): Promise<string> {
    const m = this._material;
    const jwk = m.publicJwk;
    let text: string;
    if (this.keyType === JwkKeyType.OCT && m.secret !== undefined) {
      text = `{"k":${JSON.stringify(Base64Url.encode(m.secret))},"kty":"oct"}`;
    } else if (jwk !== undefined && this.keyType === JwkKeyType.RSA) {
      text = `{"e":${JSON.stringify(jwk.e)},"kty":"RSA","n":${JSON.stringify(jwk.n)}}`;
    } else if (jwk !== undefined && this.keyType === JwkKeyType.EC) {
      text = `{"crv":${JSON.stringify(jwk.crv)},"kty":"EC","x":${JSON.stringify(jwk.x)},"y":${JSON.stringify(jwk.y)}}`;
    } else if (jwk !== undefined) {
      text = `{"crv":${JSON.stringify(jwk.crv)},"kty":"OKP","x":${JSON.stringify(jwk.x)}}`;
    } else {
      throw new JwkInvalidError('a thumbprint needs the public key');
    }
    return Base64Url.encode(await this.crypto.digest('SHA-256', Utf8.encode(text)));
  }

  private static decodeDer(der: Uint8Array, isPrivate: boolean): AsymmetricKeyInfo {
    if (!(der instanceof Uint8Array)) {
      throw new JwkInvalidError('a DER key must be a Uint8Array');
    }
    try {
      return isPrivate ? KeyDerDecoder.parsePkcs8(der) : KeyDerDecoder.parseSpki(der);
    } catch (e) {
      throw new JwkInvalidError(`malformed ${isPrivate ? 'PKCS#8' : 'SPKI'} key: ${(e as Error).message}`, e as Error);
    }
  }

  private load(entry: JwsAlgorithmEntry, signing: boolean): Promise<CryptoKeyHandle> {
    const slot = signing ? `sign:${entry.alg}` : entry.alg;
    const pending = this._pending.get(slot);
    if (pending !== undefined) {
      return pending;
    }
    const problem = this.checkAlgorithm(entry, signing);
    if (problem !== undefined) {
      return Promise.reject<CryptoKeyHandle>(problem);
    }
    const promise = this.importFor(entry, signing).then((handle: CryptoKeyHandle): CryptoKeyHandle => {
      (signing ? this._signHandles : this._verifyHandles).set(entry.alg, handle);
      this._pending.delete(slot);
      return handle;
    }, (e: Error): never => {
      this._pending.delete(slot);
      throw e;
    });
    this._pending.set(slot, promise);
    return promise;
  }

  private importFor(entry: JwsAlgorithmEntry, signing: boolean): Promise<CryptoKeyHandle> {
    const m = this._material;
    const usages: string[] = [signing ? 'sign' : 'verify'];
    if (m.secret !== undefined) {
      return this.crypto.importKey(KeyFormat.RAW, m.secret, entry.importAlgorithm, false, ['sign', 'verify'])
        .catch(wrapImport('HMAC secret'));
    }
    if (signing && m.pkcs8 !== undefined) {
      return this.crypto.importKey(KeyFormat.PKCS8, m.pkcs8, entry.importAlgorithm, false, usages)
        .catch(wrapImport('PKCS#8 key'));
    }
    const jwk = signing ? m.privateJwk : m.publicJwk;
    if (jwk === undefined) {
      return Promise.reject<CryptoKeyHandle>(new JwkInvalidError(`the key cannot ${signing ? 'sign' : 'verify'}`));
    }
    return this.crypto.importJwk(jwk, entry.importAlgorithm, false, usages).catch(wrapImport(`${jwk.kty} JWK`));
  }
}
