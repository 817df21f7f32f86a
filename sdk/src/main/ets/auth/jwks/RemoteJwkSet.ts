import { CancellationSource, CancellationToken } from '../../core/cancellation/CancellationToken';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { MeshError } from '../../core/errors/MeshError';
import { EventEmitter } from '../../core/events/EventEmitter';
import { Clock } from '../../platform/Clock';
import { Crypto } from '../../platform/crypto/Crypto';
import { Logger } from '../../platform/logging/Logger';
import { NoopLogger } from '../../platform/logging/NoopLogger';
import { JoseError, JwksFetchFailedError, JwksNoMatchingKeyError, JwksTimeoutError } from '../errors/JoseErrors';
import { JwsHeader } from '../jws/JwsHeader';
import { JoseKey } from '../keys/JoseKey';
import { KeySource } from '../keys/KeySource';
import { SHARED_SYSTEM_CLOCK } from '../jwt/JwtVerifier';
import { LocalJwkSet } from './LocalJwkSet';

/**
 * The port a remote JWKS is fetched through (ArkTS has no `fetch`): an HTTP GET of `url` that
 * resolves with the response body. Reject on network errors and non-2xx statuses; stop when
 * `cancel` fires (the set cancels on its timeout).
 */
export interface JwksFetcher {
  fetchJwks(url: string, cancel: CancellationToken): Promise<string>;
}

/** Options of a {@link RemoteJwkSet}. */
export interface RemoteJwkSetOptions {
  /** How the document is fetched (required). */
  fetcher: JwksFetcher;
  /** The Crypto port the keys are imported with (required). */
  crypto: Crypto;
  /** Time source for the timeout, cooldown and max age. Default: a shared SystemClock. */
  clock?: Clock;
  /** Longest a fetch may take. Default {@link DEFAULT_JWKS_TIMEOUT_MS} (5 s). */
  timeoutMs?: number;
  /** Least time between two fetches (an unknown `kid` refetches only after it). Default {@link DEFAULT_JWKS_COOLDOWN_MS} (30 s). */
  cooldownMs?: number;
  /** Age after which the keys are refetched before use (stale keys serve while a refetch fails). Default {@link DEFAULT_JWKS_CACHE_MAX_AGE_MS} (10 min). */
  cacheMaxAgeMs?: number;
  /** Most verifications that may wait for one fetch; more are rejected at once. Default {@link DEFAULT_JWKS_MAX_WAITING} (1024). */
  maxWaiting?: number;
  /** Where fetch failures are logged. Default NoopLogger. */
  logger?: Logger;
}

export const DEFAULT_JWKS_TIMEOUT_MS = 5000;
export const DEFAULT_JWKS_COOLDOWN_MS = 30000;
export const DEFAULT_JWKS_CACHE_MAX_AGE_MS = 600000;
export const DEFAULT_JWKS_MAX_WAITING = 1024;

/** Emitted after every fetch attempt. */
export class JwksReloadEvent {
  readonly url: string;
  readonly ok: boolean;
  /** Usable keys after the attempt (the previous set's when it failed). */
  readonly keyCount: number;
  readonly error: MeshError | undefined;
  readonly atMs: number;

  constructor(url: string, ok: boolean, keyCount: number, error: MeshError | undefined, atMs: number) {
    this.url = url;
    this.ok = ok;
    this.keyCount = keyCount;
    this.error = error;
    this.atMs = atMs;
  }
}

const positive = (value: number | undefined, fallback: number, field: string): number => {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new InvalidArgumentError(field, 'must be a finite number >= 0');
  }
  return v;
};

/**
 * A JSON Web Key Set fetched from a URL through an injected {@link JwksFetcher} (jose's
 * `createRemoteJWKSet`), with jose's safe defaults: keys are fetched on first use and reused for
 * `cacheMaxAgeMs`; a token with an unknown `kid` triggers a refetch, but not more than once per
 * `cooldownMs`; one fetch at a time (concurrent verifications share it, at most `maxWaiting`
 * wait); each fetch is cut off after `timeoutMs` (`ERR_JWKS_TIMEOUT`). When a refresh of stale
 * keys fails, the stale keys keep serving. Imported key handles survive refreshes. Time is the
 * Clock's, so all of this runs under a VirtualClock.
 */
export class RemoteJwkSet implements KeySource {
  readonly url: string;
  /** One event per fetch attempt. */
  readonly onReload: EventEmitter<JwksReloadEvent> = new EventEmitter<JwksReloadEvent>();
  private readonly _fetcher: JwksFetcher;
  private readonly _crypto: Crypto;
  private readonly _clock: Clock;
  private readonly _timeoutMs: number;
  private readonly _cooldownMs: number;
  private readonly _maxAgeMs: number;
  private readonly _maxWaiting: number;
  private readonly _logger: Logger;
  private _set: LocalJwkSet | undefined = undefined;
  private _fetchedAt: number = Number.NEGATIVE_INFINITY;
  private _attemptedAt: number = Number.NEGATIVE_INFINITY;
  private _lastError: MeshError | undefined = undefined;
  private _inflight: Promise<LocalJwkSet> | undefined = undefined;
  private _waiting: number = 0;
  private _fetches: number = 0;

  constructor(url: string, options: RemoteJwkSetOptions) {
    if (typeof url !== 'string' || url.length === 0) {
      throw new InvalidArgumentError('url', 'must be a non-empty string');
    }
    if (options === null || typeof options !== 'object' || options.fetcher === undefined || options.crypto === undefined) {
      throw new InvalidArgumentError('options', 'need a fetcher and a crypto port');
    }
    this.url = url;
    this._fetcher = options.fetcher;
    this._crypto = options.crypto;
    this._clock = options.clock ?? SHARED_SYSTEM_CLOCK;
    this._timeoutMs = positive(options.timeoutMs, DEFAULT_JWKS_TIMEOUT_MS, 'options.timeoutMs');
    this._cooldownMs = positive(options.cooldownMs, DEFAULT_JWKS_COOLDOWN_MS, 'options.cooldownMs');
    this._maxAgeMs = positive(options.cacheMaxAgeMs, DEFAULT_JWKS_CACHE_MAX_AGE_MS, 'options.cacheMaxAgeMs');
    this._maxWaiting = positive(options.maxWaiting, DEFAULT_JWKS_MAX_WAITING, 'options.maxWaiting');
    this._logger = options.logger ?? new NoopLogger();
  }

  /** The keys of the last successful fetch (empty before the first). */
  get keys(): ReadonlyArray<JoseKey> {
    const set = this._set;
    return set === undefined ? [] : set.keys;
  }

  /** Fetches started so far. */
  get fetchCount(): number {
    return this._fetches;
  }

  /** When the current keys were fetched (Clock ms), or undefined before the first success. */
  get fetchedAt(): number | undefined {
    return this._set === undefined ? undefined : this._fetchedAt;
  }

  /** True while the keys are younger than `cacheMaxAgeMs`. */
  get fresh(): boolean {
    return this._set !== undefined && this._clock.now() - this._fetchedAt < this._maxAgeMs;
  }

  /** True while a new fetch would be refused for an unknown `kid` (within `cooldownMs` of the last attempt). */
  get coolingDown(): boolean {
    return this._clock.now() - this._attemptedAt < this._cooldownMs;
  }

  resolveKeys(header: JwsHeader): JoseKey[] | Promise<JoseKey[]> {
    const set = this._set;
    if (set !== undefined) {
      const now = this._clock.now();
      if (now - this._fetchedAt < this._maxAgeMs || now - this._attemptedAt < this._cooldownMs) {
        // Fresh, or stale while the last refresh attempt is recent: answer from memory.
        const found = set.candidates(header);
        if (found !== undefined) {
          return found;
        }
        if (now - this._attemptedAt < this._cooldownMs) {
          return Promise.reject<JoseKey[]>(new JwksNoMatchingKeyError());
        }
      }
      // Stale, or an unknown kid after the cooldown: refetch, falling back to the keys we have.
      return this.waitForReload().then((fresh: LocalJwkSet): JoseKey[] => fresh.resolveKeys(header),
        (e: Error): JoseKey[] => {
          this._logger.warn('JWKS refresh failed; using the previous keys', { 'url': this.url, 'error': e.message });
          return set.resolveKeys(header);
        });
    }
    const last = this._lastError;
    if (last !== undefined && this._clock.now() - this._attemptedAt < this._cooldownMs) {
      return Promise.reject<JoseKey[]>(last);
    }
    return this.waitForReload().then((fresh: LocalJwkSet): JoseKey[] => fresh.resolveKeys(header));
  }

  /** Fetches the document now (or joins the fetch in flight). Rejects with a JoseError. */
  reload(): Promise<LocalJwkSet> {
    const inflight = this._inflight;
    if (inflight !== undefined) {
      return inflight;
    }
    this._fetches++;
    this._attemptedAt = this._clock.now();
    const cancel = new CancellationSource();
    const fetched = new Promise<string>((resolve: (body: string) => void, reject: (e: Error) => void): void => {
      const timer = this._clock.setTimer(this._timeoutMs, (): void => {
        // MeshErrors are Errors, but ArkTS wants the widening spelled out.
        const timeout = new JwksTimeoutError(this.url, this._timeoutMs) as Error;
        cancel.cancel(timeout);
        reject(timeout);
      });
      const done = (): void => this._clock.clearTimer(timer);
      let request: Promise<string>;
      try {
        request = this._fetcher.fetchJwks(this.url, cancel.token);
      } catch (e) {
        done();
        reject(e as Error);
        return;
      }
      request.then((body: string): void => {
        done();
        resolve(body);
      }, (e: Error): void => {
        done();
        reject(e);
      });
    });
    const loaded = fetched.then((body: string): LocalJwkSet => this.install(body), (e: Error): never => {
      throw this.fail(e);
    });
    this._inflight = loaded;
    const clear = (): void => {
      this._inflight = undefined;
    };
    loaded.then(clear, clear);
    return loaded;
  }

  private waitForReload(): Promise<LocalJwkSet> {
    if (this._waiting >= this._maxWaiting) {
      return Promise.reject<LocalJwkSet>(new JwksFetchFailedError(this.url,
        new Error(`more than ${this._maxWaiting} verifications are waiting for the JWKS`)));
    }
    this._waiting++;
    const leave = (): void => {
      this._waiting--;
    };
    const p = this.reload();
    p.then(leave, leave);
    return p;
  }

  private install(body: string): LocalJwkSet {
    const previous = this._set;
    const reuse = previous === undefined ? undefined : previous.keysByJson;
    let set: LocalJwkSet;
    try {
      set = LocalJwkSet.parse(this._crypto, body, reuse);
    } catch (e) {
      throw this.fail(e as Error);
    }
    this._set = set;
    this._fetchedAt = this._clock.now();
    this._lastError = undefined;
    this.onReload.emit(new JwksReloadEvent(this.url, true, set.keys.length, undefined, this._fetchedAt));
    return set;
  }

  private fail(e: Error): JoseError {
    const error: JoseError = e instanceof JoseError ? e : new JwksFetchFailedError(this.url, e);
    this._lastError = error;
    const set = this._set;
    this.onReload.emit(new JwksReloadEvent(this.url, false, set === undefined ? 0 : set.keys.length, error, this._clock.now()));
    return error;
  }
}

/**
 * A {@link RemoteJwkSet} (jose's `createRemoteJWKSet`): `url` is fetched through `options.fetcher`.
 *
 * @example
 * const jwks = createRemoteJWKSet('https://id.example/.well-known/jwks.json', { fetcher, crypto, clock });
 * await jwtVerify(token, jwks, { algorithms: ['RS256'], issuer: 'https://id.example' });
 */
export const createRemoteJWKSet = (url: string, options: RemoteJwkSetOptions): RemoteJwkSet => new RemoteJwkSet(url, options);
