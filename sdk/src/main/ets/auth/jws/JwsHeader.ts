import { Base64Url } from '../../core/encoding/Base64Url';
import { Utf8 } from '../../core/encoding/Utf8';
import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import { JwsInvalidError } from '../errors/JoseErrors';
import { ownValue } from '../internal/ownValue';

/** Header parameter names RFC 7515 registers: they may never be listed in `crit` (section 4.1.11). */
const REGISTERED: Set<string> = new Set<string>(['alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit']);

/**
 * Parses JSON text into an object; undefined when the text is not JSON or not a JSON object.
 * Never throws.
 */
export const parseJsonObject = (text: string): JsonObject | undefined => {
  let value: JsonValue = null;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (e) {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  return value as JsonObject;
};

const optionalString = (params: JsonObject, name: string): string | undefined => {
  const v = params[name];
  if (v === undefined) {
    return undefined;
  }
  if (typeof v !== 'string') {
    throw new JwsInvalidError(`JWS header parameter "${name}" must be a string`);
  }
  return v;
};

const parseCrit = (params: JsonObject): string[] | undefined => {
  const raw = params['crit'];
  if (raw === undefined) {
    return undefined;
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new JwsInvalidError('"crit" must be a non-empty array of strings');
  }
  const names: string[] = [];
  for (const item of raw as JsonValue[]) {
    if (typeof item !== 'string' || item.length === 0) {
      throw new JwsInvalidError('"crit" must be a non-empty array of strings');
    }
    const name = item as string;
    if (REGISTERED.has(name)) {
      throw new JwsInvalidError(`"crit" must not list the registered parameter "${name}"`);
    }
    if (names.includes(name)) {
      throw new JwsInvalidError(`"crit" lists "${name}" twice`);
    }
    if (ownValue(params, name) === undefined) {
      throw new JwsInvalidError(`"crit" lists "${name}", which the header does not contain`);
    }
    names.push(name);
  }
  return names;
};

/**
 * A parsed, structurally valid JWS Protected Header. Immutable and shared between verifications
 * of tokens with the same encoded header: read parameters with `get`, copy with `toJson`.
 * Checks that depend on the caller (the `alg` allowlist, which `crit` extensions are understood,
 * `typ`) happen at verification.
 */
export class JwsHeader {
  /** The `alg` parameter (a non-empty string; `none` is rejected by every allowlist). */
  readonly alg: string;
  readonly kid: string | undefined;
  readonly typ: string | undefined;
  readonly cty: string | undefined;
  /** The `crit` list, validated against RFC 7515 section 4.1.11. */
  readonly crit: ReadonlyArray<string> | undefined;
  /** False only for an RFC 7797 unencoded payload (`"b64": false`, listed in `crit`). */
  readonly b64: boolean;
  /** The encoded header as it appeared in the token. */
  readonly encoded: string;
  /** `encoded` as bytes followed by '.': the start of every signing input with this header. */
  readonly signingPrefix: Uint8Array;
  private readonly _params: JsonObject;

  private constructor(encoded: string, params: JsonObject) {
    this.encoded = encoded;
    this._params = params;
    const prefix = new Uint8Array(encoded.length + 1);
    for (let i = 0; i < encoded.length; i++) {
      prefix[i] = encoded.charCodeAt(i);
    }
    prefix[encoded.length] = 46;
    this.signingPrefix = prefix;
    const alg = params['alg'];
    if (typeof alg !== 'string' || alg.length === 0) {
      throw new JwsInvalidError('JWS "alg" header parameter missing or not a string');
    }
    this.alg = alg as string;
    this.kid = optionalString(params, 'kid');
    this.typ = optionalString(params, 'typ');
    this.cty = optionalString(params, 'cty');
    const crit = parseCrit(params);
    this.crit = crit;
    const b64 = params['b64'];
    if (b64 === undefined) {
      this.b64 = true;
    } else {
      if (typeof b64 !== 'boolean') {
        throw new JwsInvalidError('"b64" must be a boolean');
      }
      // RFC 7797 section 6: an unencoded payload is only meaningful when "b64" is critical.
      if (crit === undefined || !crit.includes('b64')) {
        throw new JwsInvalidError('"b64" must be listed in "crit"');
      }
      this.b64 = b64 as boolean;
    }
  }

  /** Decodes and validates an encoded protected header. Throws JwsInvalidError. */
  static parse(encoded: string): JwsHeader {
    const bytes = Base64Url.tryDecode(encoded);
    if (bytes === undefined) {
      throw new JwsInvalidError('JWS protected header is not canonical base64url');
    }
    const text = Utf8.tryDecode(bytes);
    const params = text === undefined ? undefined : parseJsonObject(text);
    if (params === undefined) {
      throw new JwsInvalidError('JWS protected header is not a UTF-8 JSON object');
    }
    return new JwsHeader(encoded, params);
  }

  /** Builds a header from parameters (signing side); validates like `parse`. */
  static fromParams(params: JsonObject): JwsHeader {
    return new JwsHeader(Base64Url.encode(Utf8.encode(JSON.stringify(params))), params);
  }

  /** A header parameter, or undefined. */
  get(name: string): JsonValue | undefined {
    return ownValue(this._params, name);
  }

  /** The parameter names present. */
  names(): string[] {
    return Object.keys(this._params);
  }

  /** A deep copy of the header parameters. */
  toJson(): JsonObject {
    return JSON.parse(JSON.stringify(this._params)) as JsonObject;
  }
}

/**
 * A bounded cache of parsed headers keyed by their encoded form: tokens from one issuer share a
 * header, so verification decodes and validates it once. Oldest entries are dropped first.
 */
export class JwsHeaderCache {
  private readonly _entries: Map<string, JwsHeader> = new Map<string, JwsHeader>();
  private readonly _capacity: number;
  private _last: JwsHeader | undefined = undefined;

  constructor(capacity: number) {
    this._capacity = capacity;
  }

  /** The parsed header for `encoded`, parsing (and caching) it on a miss. Throws JwsInvalidError. */
  get(encoded: string): JwsHeader {
    const hit = this._entries.get(encoded);
    if (hit !== undefined) {
      return hit;
    }
    const header = JwsHeader.parse(encoded);
    if (this._capacity > 0) {
      if (this._entries.size >= this._capacity) {
        const oldest = this._entries.keys().next();
        if (!oldest.done) {
          this._entries.delete(oldest.value);
        }
      }
      this._entries.set(encoded, header);
    }
    return header;
  }

  /**
   * The parsed header of the compact JWS `token` whose header part ends at `end` (its first dot).
   * Checks the most recently used header first by comparing characters in place: most traffic
   * carries one issuer's header, and this skips cutting and hashing the substring.
   */
  getFor(token: string, end: number): JwsHeader {
    const last = this._last;
    if (last !== undefined && last.encoded.length === end && token.startsWith(last.encoded)) {
      return last;
    }
    const header = this.get(token.substring(0, end));
    this._last = header;
    return header;
  }

  get size(): number {
    return this._entries.size;
  }

  clear(): void {
    this._entries.clear();
    this._last = undefined;
  }
}

/** Parsed headers kept by the shared cache of `compactVerify`/`jwtVerify`. */
export const DEFAULT_HEADER_CACHE_SIZE = 256;

/** The header cache shared by the `compactVerify` and `jwtVerify` functions. */
export const SHARED_HEADER_CACHE: JwsHeaderCache = new JwsHeaderCache(DEFAULT_HEADER_CACHE_SIZE);
