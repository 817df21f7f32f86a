import { ErrorCode } from '../../core/errors/ErrorCode';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { MeshError } from '../../core/errors/MeshError';
import { Crypto } from '../../platform/crypto/Crypto';
import { CryptoKeyHandle } from '../../platform/crypto/CryptoTypes';
import { EcdsaSignatureFormat } from '../../platform/crypto/EcdsaSignatureFormat';
import { Jwk } from '../../platform/crypto/Jwk';
import {
  JoseAlgNotAllowedError, JoseError, JoseNotSupportedError, JwsSignatureVerificationFailedError
} from '../errors/JoseErrors';
import { JwsAlgorithmEntry, JwsAlgorithms } from '../jwa/JwsAlgorithms';
import { JoseKey } from '../keys/JoseKey';
import { KeySource } from '../keys/KeySource';
import { JwsVerifyOptions } from '../jwt/JwtVerifyOptions';
import { DEFAULT_MAX_TOKEN_LENGTH } from './CompactJws';
import { JwsHeader } from './JwsHeader';

/**
 * What verification accepts as a key: a {@link KeySource} (a JoseKey, a JWK set, your own
 * resolver), or raw material that is wrapped in a cached JoseKey (an HMAC secret as bytes, or a
 * JWK; both need `options.crypto`).
 */
export type VerifyKey = KeySource | Uint8Array | Jwk;

// Raw secrets and JWKs passed straight to jwtVerify are wrapped once: the wrapper keeps the
// imported handles, so repeated calls with the same object never re-import.
const WRAPPED: WeakMap<Object, JoseKey> = new WeakMap<Object, JoseKey>();

/** Turns a {@link VerifyKey} into a KeySource. Throws InvalidArgumentError or a JoseError (bad key). */
export const toKeySource = (key: VerifyKey, crypto: Crypto | undefined): KeySource => {
  if (key instanceof JoseKey) {
    return key;
  }
  if (key === null || typeof key !== 'object') {
    throw new InvalidArgumentError('key', 'must be a KeySource, a Uint8Array secret or a JWK');
  }
  if (!(key instanceof Uint8Array) && typeof (key as KeySource).resolveKeys === 'function') {
    return key as KeySource;
  }
  const known = WRAPPED.get(key);
  if (known !== undefined) {
    return known;
  }
  if (crypto === undefined) {
    throw new InvalidArgumentError('options.crypto', 'is required when the key is a Uint8Array or a JWK');
  }
  const wrapped = key instanceof Uint8Array ? JoseKey.fromSecret(crypto, key) : JoseKey.fromJwk(crypto, key as Jwk);
  WRAPPED.set(key, wrapped);
  return wrapped;
};

/** Wraps anything thrown during verification so that callers only ever see MeshErrors. */
export const asMeshError = (e: Object | null | undefined): MeshError => MeshError.from(e, ErrorCode.INTERNAL);

/**
 * The JWS-level rules of one verification setup, resolved once from the options: the algorithm
 * allowlist as table entries, the understood `crit` extensions, the size limit and the key source.
 */
export class JwsVerification {
  readonly allowed: Map<string, JwsAlgorithmEntry> = new Map<string, JwsAlgorithmEntry>();
  readonly understood: Set<string> = new Set<string>(['b64']);
  readonly maxTokenLength: number;
  readonly source: KeySource;

  constructor(key: VerifyKey, options: JwsVerifyOptions) {
    if (options === null || typeof options !== 'object') {
      throw new InvalidArgumentError('options', 'are required (at least `algorithms`)');
    }
    const algorithms = options.algorithms;
    if (!Array.isArray(algorithms) || algorithms.length === 0) {
      throw new InvalidArgumentError('options.algorithms', 'must be a non-empty allowlist of JWS algorithms');
    }
    for (const alg of algorithms) {
      if (alg === 'none') {
        throw new InvalidArgumentError('options.algorithms', '"none" is never accepted');
      }
      const entry = typeof alg === 'string' ? JwsAlgorithms.get(alg) : undefined;
      if (entry === undefined) {
        throw new InvalidArgumentError('options.algorithms', `unsupported algorithm ${JSON.stringify(alg)}`);
      }
      this.allowed.set(alg, entry);
    }
    if (options.crit !== undefined) {
      if (!Array.isArray(options.crit)) {
        throw new InvalidArgumentError('options.crit', 'must be an array of header parameter names');
      }
      for (const name of options.crit) {
        if (typeof name !== 'string' || name.length === 0) {
          throw new InvalidArgumentError('options.crit', 'must be an array of header parameter names');
        }
        this.understood.add(name);
      }
    }
    const max = options.maxTokenLength ?? DEFAULT_MAX_TOKEN_LENGTH;
    if (!Number.isInteger(max) || max < 1) {
      throw new InvalidArgumentError('options.maxTokenLength', 'must be an integer >= 1');
    }
    this.maxTokenLength = max;
    this.source = toKeySource(key, options.crypto);
  }

  /** Checks `header` against the allowlist and the understood extensions; returns its algorithm entry. */
  check(header: JwsHeader): JwsAlgorithmEntry {
    const entry = this.allowed.get(header.alg);
    if (entry === undefined) {
      throw new JoseAlgNotAllowedError(header.alg);
    }
    const crit = header.crit;
    if (crit !== undefined) {
      for (let i = 0; i < crit.length; i++) {
        if (!this.understood.has(crit[i])) {
          throw new JoseNotSupportedError(`critical header parameter "${crit[i]}" is not understood`);
        }
      }
    }
    return entry;
  }
}

/**
 * True when `signature` can possibly be valid for `entry` and `key`: the exact length, and for
 * ECDSA raw r||s with 1 <= r, s < n (so DER-encoded and all-zero signatures never reach a provider).
 */
export const signaturePlausible = (entry: JwsAlgorithmEntry, key: JoseKey, signature: Uint8Array): boolean => {
  const expected = entry.signatureLength > 0 ? entry.signatureLength : (key.modulusBits + 7) >> 3;
  if (expected > 0 && signature.length !== expected) {
    return false;
  }
  const curve = entry.ecCurve;
  return curve === undefined || (EcdsaSignatureFormat.isScalarInRange(signature, 0, curve) &&
    EcdsaSignatureFormat.isScalarInRange(signature, curve.coordinateBytes, curve));
};

const verifyFailed = (e: Error): never => {
  throw e instanceof JoseError ? e : new JwsSignatureVerificationFailedError('the signature could not be verified', e);
};

/**
 * Verifies with one key: resolves true or false; rejects with a JoseError when the key does not
 * fit. `handle` is the result of `key.verifyKey(entry)` when the caller already asked for it.
 */
export const verifyWithKey = (key: JoseKey, entry: JwsAlgorithmEntry, signature: Uint8Array, data: Uint8Array,
  handle?: CryptoKeyHandle | Promise<CryptoKeyHandle>): Promise<boolean> => {
  const h = handle ?? key.verifyKey(entry);
  if (h instanceof Promise) {
    return h.then((imported: CryptoKeyHandle): Promise<boolean> => signaturePlausible(entry, key, signature) ?
      key.crypto.verify(entry.signAlgorithm, imported, signature, data) : Promise.resolve(false)).catch(verifyFailed);
  }
  if (!signaturePlausible(entry, key, signature)) {
    return Promise.resolve(false);
  }
  return key.crypto.verify(entry.signAlgorithm, h, signature, data).catch(verifyFailed);
};

/** Tries the candidate keys in order; resolves with the first that verifies, or undefined. */
export const verifyWithCandidates = (keys: JoseKey[], entry: JwsAlgorithmEntry, signature: Uint8Array,
  data: Uint8Array): Promise<JoseKey | undefined> => {
  let i = 0;
  const next = (): Promise<JoseKey | undefined> => {
    if (i >= keys.length) {
      return Promise.resolve<JoseKey | undefined>(undefined);
    }
    const key = keys[i++];
    return verifyWithKey(key, entry, signature, data)
      .then((ok: boolean): Promise<JoseKey | undefined> => ok ? Promise.resolve<JoseKey | undefined>(key) : next());
  };
  return next();
};
