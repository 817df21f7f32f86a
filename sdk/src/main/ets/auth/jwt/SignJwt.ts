import { Base64Url } from '../../core/encoding/Base64Url';
import { Utf8 } from '../../core/encoding/Utf8';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import { Clock } from '../../platform/Clock';
import { asciiBytes } from '../jws/CompactJws';
import { buildHeader, JwsHeaderInit, signBytes } from '../jws/compactSign';
import { JoseKey } from '../keys/JoseKey';
import { SHARED_SYSTEM_CLOCK } from './JwtVerifier';

/** Options of {@link signJwt}: the header and the registered claims, all optional but `alg`. */
export interface SignJwtOptions {
  /** The JWS algorithm (required; must fit the key). */
  alg: string;
  /** Header `kid`; defaults to the key's `kid`. */
  kid?: string;
  /** Header `typ` (e.g. `JWT`, `at+jwt`). Default: none. */
  typ?: string;
  /** Further header parameters. */
  header?: Record<string, JsonValue>;
  issuer?: string;
  subject?: string;
  audience?: string | string[];
  jti?: string;
  /** `exp` = now + this many seconds. */
  expiresInSeconds?: number;
  /** `nbf` = now + this many seconds (may be 0). */
  notBeforeInSeconds?: number;
  /** Whether to set `iat` to now. Default true. */
  issuedAt?: boolean;
  /** Source of "now". Default: a shared SystemClock. */
  clock?: Clock;
}

const checkTime = (value: number, field: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidArgumentError(field, 'must be a finite number of seconds');
  }
  return value;
};

/**
 * A JWT builder in the style of jose's `SignJWT`: set claims and the header, then `sign`.
 * Times are epoch seconds; `setIssuedAt()` and `setExpiresIn()` read the builder's clock when
 * `sign` runs.
 *
 * @example
 * const token = await new SignJwt({ 'scope': 'play pause' } as Record<string, JsonValue>)
 *   .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
 *   .setIssuer('urn:arkmesh:phone').setAudience('media.player').setIssuedAt().setExpiresIn(300)
 *   .sign(privateKey);
 */
export class SignJwt {
  private readonly _claims: JsonObject = {};
  private _header: JwsHeaderInit | undefined = undefined;
  private _clock: Clock = SHARED_SYSTEM_CLOCK;
  private _issuedAtNow: boolean = false;
  private _expiresIn: number | undefined = undefined;
  private _notBeforeIn: number | undefined = undefined;

  /** Starts from a copy of `claims` (any JSON members; registered ones may be set here too). */
  constructor(claims?: JsonObject) {
    if (claims !== undefined) {
      if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
        throw new InvalidArgumentError('claims', 'must be a JSON object');
      }
      for (const name of Object.keys(claims)) {
        this._claims[name] = claims[name];
      }
    }
  }

  setProtectedHeader(header: JwsHeaderInit): SignJwt {
    this._header = header;
    return this;
  }

  setIssuer(issuer: string): SignJwt {
    this._claims['iss'] = issuer;
    return this;
  }

  setSubject(subject: string): SignJwt {
    this._claims['sub'] = subject;
    return this;
  }

  setAudience(audience: string | string[]): SignJwt {
    this._claims['aud'] = typeof audience === 'string' ? audience : (audience as string[]).slice();
    return this;
  }

  setJti(jti: string): SignJwt {
    this._claims['jti'] = jti;
    return this;
  }

  /** `iat` at the given epoch seconds, or (no argument) the clock's now when signing. */
  setIssuedAt(epochSeconds?: number): SignJwt {
    if (epochSeconds === undefined) {
      this._issuedAtNow = true;
    } else {
      this._claims['iat'] = checkTime(epochSeconds, 'iat');
    }
    return this;
  }

  setNotBefore(epochSeconds: number): SignJwt {
    this._claims['nbf'] = checkTime(epochSeconds, 'nbf');
    return this;
  }

  /** `nbf` this many seconds after the clock's now when signing. */
  setNotBeforeIn(seconds: number): SignJwt {
    this._notBeforeIn = checkTime(seconds, 'notBeforeIn');
    return this;
  }

  setExpirationTime(epochSeconds: number): SignJwt {
    this._claims['exp'] = checkTime(epochSeconds, 'exp');
    return this;
  }

  /** `exp` this many seconds after the clock's now when signing. */
  setExpiresIn(seconds: number): SignJwt {
    this._expiresIn = checkTime(seconds, 'expiresIn');
    return this;
  }

  /** The clock relative times are taken from. Default: a shared SystemClock. */
  setClock(clock: Clock): SignJwt {
    this._clock = clock;
    return this;
  }

  /** The claims as they will be signed (relative times resolved against the clock now). */
  claims(): JsonObject {
    const out: JsonObject = {};
    for (const name of Object.keys(this._claims)) {
      out[name] = this._claims[name];
    }
    const now = Math.floor(this._clock.now() / 1000);
    if (this._issuedAtNow) {
      out['iat'] = now;
    }
    if (this._notBeforeIn !== undefined) {
      out['nbf'] = now + this._notBeforeIn;
    }
    if (this._expiresIn !== undefined) {
      out['exp'] = now + this._expiresIn;
    }
    return out;
  }

  /** Signs the JWT with `key`. Rejects with InvalidArgumentError (no header), a JoseError or ERR_CRYPTO. */
  async sign(key: JoseKey): Promise<string> {
    const init = this._header;
    if (init === undefined) {
      throw new InvalidArgumentError('header', 'call setProtectedHeader({ alg }) before sign');
    }
    if (init.b64 === false) {
      throw new InvalidArgumentError('header.b64', 'JWTs must not use an unencoded payload');
    }
    if (!(key instanceof JoseKey)) {
      throw new InvalidArgumentError('key', 'must be a JoseKey');
    }
    const header = buildHeader(init, key);
    const text = `${header.encoded}.${Base64Url.encode(Utf8.encode(JSON.stringify(this.claims())))}`;
    const signature = await signBytes(header, key, asciiBytes(text, text.length));
    return `${text}.${Base64Url.encode(signature)}`;
  }
}

/**
 * Signs a JWT in one call: `claims` plus the registered claims and header from `options`.
 *
 * @example
 * const token = await signJwt({ 'roles': ['admin'] } as Record<string, JsonValue>, key,
 *   { alg: 'HS256', issuer: 'gw', audience: 'media', expiresInSeconds: 300 });
 */
export const signJwt = (claims: JsonObject, key: JoseKey, options: SignJwtOptions): Promise<string> => {
  try {
    const header: JwsHeaderInit = { alg: options.alg, kid: options.kid, typ: options.typ, extra: options.header };
    const builder = new SignJwt(claims).setProtectedHeader(header);
    if (options.clock !== undefined) {
      builder.setClock(options.clock);
    }
    if (options.issuer !== undefined) {
      builder.setIssuer(options.issuer);
    }
    if (options.subject !== undefined) {
      builder.setSubject(options.subject);
    }
    if (options.audience !== undefined) {
      builder.setAudience(options.audience);
    }
    if (options.jti !== undefined) {
      builder.setJti(options.jti);
    }
    if (options.issuedAt !== false) {
      builder.setIssuedAt();
    }
    if (options.notBeforeInSeconds !== undefined) {
      builder.setNotBeforeIn(options.notBeforeInSeconds);
    }
    if (options.expiresInSeconds !== undefined) {
      builder.setExpiresIn(options.expiresInSeconds);
    }
    return builder.sign(key);
  } catch (e) {
    return Promise.reject<string>(e as Error);
  }
};
