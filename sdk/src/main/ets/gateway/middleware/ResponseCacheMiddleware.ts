import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { MeshRequest } from '../../transport/MeshRequest';
import { MeshResponse } from '../../transport/MeshResponse';
import { GatewayAttribute } from '../GatewayAttribute';
import { GatewayContext } from '../GatewayContext';
import { GatewayMiddleware, GatewayNext } from '../GatewayMiddleware';
import { bodySize, utf8Length } from '../internal/bodySize';
import { LruMap } from '../internal/LruMap';

/** Default time a cached response stays fresh: 30 s. */
export const DEFAULT_CACHE_TTL_MS = 30000;
/** Default cap on cached responses. */
export const DEFAULT_CACHE_MAX_ENTRIES = 1000;
/** Default cap on the cached bytes (bodies and headers): 4 MiB. */
export const DEFAULT_CACHE_MAX_BYTES = 4194304;
/** Request headers that are part of the cache key by default. */
export const DEFAULT_CACHE_VARY: string[] = ['accept', 'accept-version', 'host'];

/** Options of a {@link ResponseCacheMiddleware}. */
export interface ResponseCacheOptions {
  /** Freshness in ms when the response has no `cache-control: max-age`. Default {@link DEFAULT_CACHE_TTL_MS}. */
  ttlMs?: number;
  /** Upper bound of a `max-age` the upstream asks for, in ms. Default: `ttlMs` x 10. */
  maxTtlMs?: number;
  /** Most responses kept. Default {@link DEFAULT_CACHE_MAX_ENTRIES}. */
  maxEntries?: number;
  /** Most bytes kept (a larger single response is not cached). Default {@link DEFAULT_CACHE_MAX_BYTES}. */
  maxBytes?: number;
  /** Statuses that may be cached. Default [200]. */
  statuses?: number[];
  /** Request headers that select different cached responses. Default {@link DEFAULT_CACHE_VARY}. */
  vary?: string[];
}

class CacheEntry {
  readonly response: MeshResponse;
  readonly stored: number;
  readonly expires: number;
  readonly bytes: number;
  readonly path: string;

  constructor(response: MeshResponse, stored: number, expires: number, bytes: number, path: string) {
    this.response = response;
    this.stored = stored;
    this.expires = expires;
    this.bytes = bytes;
    this.path = path;
  }
}

const copyResponse = (r: MeshResponse): MeshResponse => {
  const c = new MeshResponse({ status: r.status, body: r.body });
  c.headers = r.headers.clone();
  return c;
};

// The value of a cache-control directive (`max-age=60`), '' for a bare one, undefined when absent.
const directive = (header: string | undefined, name: string): string | undefined => {
  if (header === undefined) {
    return undefined;
  }
  for (const part of header.toLowerCase().split(',')) {
    const p = part.trim();
    if (p === name) {
      return '';
    }
    if (p.startsWith(name + '=')) {
      return p.substring(name.length + 1).replace(new RegExp('"', 'g'), '');
    }
  }
  return undefined;
};

/**
 * Caches successful GET responses in memory, bounded by entries and bytes (least recently used
 * evicted first), fresh for `ttlMs` or the upstream's `cache-control: max-age` (capped). It honours
 * `no-store`/`private`/`no-cache` from the upstream and `no-cache`/`no-store` from the caller, keys
 * on route, path, query and the `vary` headers, marks responses `x-cache: HIT|MISS` (hits get `age`),
 * and drops a path's entries when an unsafe method (POST, PUT, PATCH, DELETE) to it succeeds.
 */
export class ResponseCacheMiddleware implements GatewayMiddleware {
  readonly name: string = 'response-cache';
  private readonly _ttl: number;
  private readonly _maxTtl: number;
  private readonly _maxBytes: number;
  private readonly _statuses: Set<number> = new Set<number>();
  private readonly _vary: string[];
  private readonly _entries: LruMap<string, CacheEntry>;
  private _bytes: number = 0;
  private _hits: number = 0;
  private _misses: number = 0;

  constructor(options?: ResponseCacheOptions) {
    this._ttl = options?.ttlMs ?? DEFAULT_CACHE_TTL_MS;
    if (!Number.isFinite(this._ttl) || this._ttl <= 0) {
      throw new InvalidArgumentError('options.ttlMs', 'must be a finite number > 0');
    }
    this._maxTtl = options?.maxTtlMs ?? this._ttl * 10;
    if (!Number.isFinite(this._maxTtl) || this._maxTtl <= 0) {
      throw new InvalidArgumentError('options.maxTtlMs', 'must be a finite number > 0');
    }
    const maxEntries = options?.maxEntries ?? DEFAULT_CACHE_MAX_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new InvalidArgumentError('options.maxEntries', 'must be an integer >= 1');
    }
    this._maxBytes = options?.maxBytes ?? DEFAULT_CACHE_MAX_BYTES;
    if (!Number.isInteger(this._maxBytes) || this._maxBytes < 1) {
      throw new InvalidArgumentError('options.maxBytes', 'must be an integer >= 1');
    }
    for (const s of options?.statuses ?? [200]) {
      this._statuses.add(s);
    }
    this._vary = (options?.vary ?? DEFAULT_CACHE_VARY).map((h: string): string => h.toLowerCase());
    this._entries = new LruMap<string, CacheEntry>(maxEntries);
  }

  /** Cached responses (fresh or not yet noticed stale). */
  get size(): number {
    return this._entries.size;
  }

  /** Bytes held (bodies and headers, estimated as sent). */
  get bytes(): number {
    return this._bytes;
  }

  get hits(): number {
    return this._hits;
  }

  get misses(): number {
    return this._misses;
  }

  /** Drops every cached response. */
  clear(): void {
    this._entries.clear();
    this._bytes = 0;
  }

  async handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    const req = ctx.request;
    if (req.method !== 'GET') {
      await next();
      const res = ctx.response;
      if (req.method !== 'HEAD' && req.method !== 'OPTIONS' && req.method !== 'TRACE' && res !== undefined && res.ok) {
        this.invalidatePath(req.path);
      }
      return;
    }
    const cc = req.headers.get('cache-control');
    if (directive(cc, 'no-store') !== undefined) {
      ctx.attributes.set(GatewayAttribute.CACHE, 'bypass');
      await next();
      return;
    }
    const key = this.keyFor(ctx.routeId, req);
    const now = ctx.now();
    const entry = this._entries.get(key);
    if (entry !== undefined && entry.expires > now && directive(cc, 'no-cache') === undefined) {
      this._hits++;
      ctx.attributes.set(GatewayAttribute.CACHE, 'hit');
      const hit = copyResponse(entry.response);
      hit.headers.set('x-cache', 'HIT');
      hit.headers.set('age', String(Math.floor((now - entry.stored) / 1000)));
      ctx.respond(hit);
      return;
    }
    if (entry !== undefined) {
      this.remove(key);
    }
    this._misses++;
    ctx.attributes.set(GatewayAttribute.CACHE, 'miss');
    await next();
    const res = ctx.response;
    if (res === undefined) {
      return;
    }
    if (ctx.error === undefined && this._statuses.has(res.status)) {
      this.store(key, req.path, res, ctx.now());
    }
    res.headers.set('x-cache', 'MISS');
  }

  private keyFor(routeId: string | undefined, req: MeshRequest): string {
    let key = `${routeId ?? '-'}|${req.path}?`;
    const names = Object.keys(req.query).sort();
    for (const n of names) {
      for (const v of req.query[n]) {
        key += `${encodeURIComponent(n)}=${encodeURIComponent(v)}&`;
      }
    }
    for (const h of this._vary) {
      key += `|${req.headers.get(h) ?? ''}`;
    }
    return key;
  }

  private store(key: string, path: string, res: MeshResponse, now: number): void {
    const cc = res.headers.get('cache-control');
    if (directive(cc, 'no-store') !== undefined || directive(cc, 'private') !== undefined || directive(cc, 'no-cache') !== undefined) {
      return;
    }
    let ttl = this._ttl;
    const maxAge = directive(cc, 'max-age');
    if (maxAge !== undefined) {
      const seconds = Number(maxAge);
      if (!Number.isFinite(seconds) || seconds <= 0) {
        return;
      }
      ttl = Math.min(seconds * 1000, this._maxTtl);
    }
    const body = bodySize(res.body);
    if (body < 0) {
      return;
    }
    let bytes = body + key.length;
    for (const n of res.headers.names()) {
      bytes += n.length + utf8Length(res.headers.get(n) ?? '') + 4;
    }
    if (bytes > this._maxBytes) {
      return;
    }
    this.remove(key);
    // Make room first: the least recently used entries go until both bounds hold.
    while (this._entries.size >= this._entries.capacity || this._bytes + bytes > this._maxBytes) {
      const oldest = this._entries.oldestKey();
      if (oldest === undefined) {
        break;
      }
      this.remove(oldest);
    }
    this._entries.set(key, new CacheEntry(copyResponse(res), now, now + ttl, bytes, path));
    this._bytes += bytes;
  }

  private remove(key: string): void {
    const e = this._entries.peek(key);
    if (e !== undefined) {
      this._entries.delete(key);
      this._bytes -= e.bytes;
    }
  }

  private invalidatePath(path: string): void {
    for (const k of this._entries.keys()) {
      const e = this._entries.peek(k);
      if (e !== undefined && e.path === path) {
        this.remove(k);
      }
    }
  }
}
