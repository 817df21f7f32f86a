import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import { Crypto } from '../../platform/crypto/Crypto';
import { Jwk } from '../../platform/crypto/Jwk';
import { JwksInvalidError, JwksMultipleMatchingKeysError, JwksNoMatchingKeyError } from '../errors/JoseErrors';
import { JwsAlgorithms } from '../jwa/JwsAlgorithms';
import { JwsHeader, parseJsonObject } from '../jws/JwsHeader';
import { JoseKey } from '../keys/JoseKey';
import { KeySource } from '../keys/KeySource';

/** A JSON Web Key Set (RFC 7517 section 5). */
export interface JsonWebKeySet {
  keys: Jwk[];
}

/** Candidate lists remembered per (alg, kid); bounded because `kid` comes from untrusted tokens. */
const MAX_MEMO = 256;

/**
 * A key set held in memory: verification picks the keys whose type and curve fit the token's
 * `alg`, whose `kid` equals the token's `kid` (when the token names one), whose own `alg` (when
 * set) equals the token's, and whose `use`/`key_ops` allow verification; several candidates are
 * tried in order (jose's rules). Keys that ArkMesh cannot use (unsupported type or curve, RSA
 * under 2048 bits, encryption keys) are skipped, not fatal: `skipped` counts them.
 */
export class LocalJwkSet implements KeySource {
  private readonly _keys: JoseKey[] = [];
  private readonly _skipped: string[] = [];
  private readonly _memo: Map<string, JoseKey[]> = new Map<string, JoseKey[]>();
  private readonly _byJson: Map<string, JoseKey> = new Map<string, JoseKey>();

  /**
   * Builds the set from a JWKS object. `reuse` maps a JWK's JSON to an existing JoseKey, so a
   * refreshed remote set keeps the handles it already imported. Throws JwksInvalidError.
   */
  constructor(crypto: Crypto, jwks: JsonWebKeySet, reuse?: Map<string, JoseKey>) {
    if (jwks === null || typeof jwks !== 'object' || !Array.isArray(jwks.keys)) {
      throw new JwksInvalidError('a JSON Web Key Set is an object with a "keys" array');
    }
    for (const jwk of jwks.keys) {
      if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk)) {
        throw new JwksInvalidError('every member of "keys" must be a JWK object');
      }
    }
    for (const jwk of jwks.keys) {
      const id = JSON.stringify(jwk);
      const known = reuse?.get(id);
      if (known !== undefined) {
        this._keys.push(known);
        this._byJson.set(id, known);
        continue;
      }
      try {
        const key = JoseKey.fromJwk(crypto, jwk);
        this._keys.push(key);
        this._byJson.set(id, key);
      } catch (e) {
        this._skipped.push(`${jwk.kid ?? '(no kid)'}: ${(e as Error).message}`);
      }
    }
  }

  /** Parses a JWKS document. Throws JwksInvalidError. */
  static parse(crypto: Crypto, json: string, reuse?: Map<string, JoseKey>): LocalJwkSet {
    const doc: JsonObject | undefined = typeof json === 'string' ? parseJsonObject(json) : undefined;
    if (doc === undefined) {
      throw new JwksInvalidError('the JSON Web Key Set is not a JSON object');
    }
    const keys: JsonValue | undefined = doc['keys'];
    if (!Array.isArray(keys)) {
      throw new JwksInvalidError('a JSON Web Key Set is an object with a "keys" array');
    }
    const set: JsonWebKeySet = { keys: keys as Object[] as Jwk[] };
    return new LocalJwkSet(crypto, set, reuse);
  }

  /** The usable keys, in document order. */
  get keys(): ReadonlyArray<JoseKey> {
    return this._keys;
  }

  /** The usable keys by the JSON text of their JWK (what a refreshed set reuses). */
  get keysByJson(): Map<string, JoseKey> {
    return this._byJson;
  }

  /** Why each unusable key was skipped (`kid: reason`). */
  get skipped(): ReadonlyArray<string> {
    return this._skipped;
  }

  /** The candidates for `header`, or undefined when none fits. Never throws. */
  candidates(header: JwsHeader): JoseKey[] | undefined {
    const slot = `${header.alg}\u0000${header.kid ?? '\u0001'}`;
    const known = this._memo.get(slot);
    if (known !== undefined) {
      return known;
    }
    const entry = JwsAlgorithms.get(header.alg);
    if (entry === undefined) {
      return undefined;
    }
    const kid = header.kid;
    const found: JoseKey[] = [];
    for (const key of this._keys) {
      if (key.keyType === entry.keyType && (entry.curve === undefined || key.curve === entry.curve) &&
        (kid === undefined || key.kid === kid) && (key.alg === undefined || key.alg === entry.alg) && key.canVerify) {
        found.push(key);
      }
    }
    if (found.length === 0) {
      return undefined;
    }
    if (this._memo.size < MAX_MEMO) {
      this._memo.set(slot, found);
    }
    return found;
  }

  resolveKeys(header: JwsHeader): JoseKey[] {
    const found = this.candidates(header);
    if (found === undefined) {
      throw new JwksNoMatchingKeyError(`no key in the set fits "alg" ${header.alg}${header.kid !== undefined ? ` and "kid" ${JSON.stringify(header.kid)}` : ''}`);
    }
    return found;
  }

  /** The single key for `header`; throws JwksNoMatchingKeyError or JwksMultipleMatchingKeysError. */
  resolveKey(header: JwsHeader): JoseKey {
    const found = this.resolveKeys(header);
    if (found.length > 1) {
      throw new JwksMultipleMatchingKeysError(found.length);
    }
    return found[0];
  }
}

/**
 * A {@link LocalJwkSet} over a JWKS object (jose's `createLocalJWKSet`). Throws JwksInvalidError.
 *
 * @example
 * const jwks = createLocalJWKSet(crypto, { keys: [publicJwk] });
 * await jwtVerify(token, jwks, { algorithms: ['ES256'] });
 */
export const createLocalJWKSet = (crypto: Crypto, jwks: JsonWebKeySet): LocalJwkSet => new LocalJwkSet(crypto, jwks);
