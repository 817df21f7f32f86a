import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { RateLimitedError } from '../errors/RateLimitedError';
import { GatewayContext } from '../GatewayContext';
import { GatewayMiddleware, GatewayNext } from '../GatewayMiddleware';
import { RateLimiter } from './RateLimiter';

/** What requests are counted together. */
export enum RateLimitKey {
  /** Per client (`ctx.clientKey`). */
  CLIENT = 'client',
  /** Per calling device (`ctx.deviceId`; requests without one share `device:unknown`). */
  DEVICE = 'device',
  /** Per route (all clients together). */
  ROUTE = 'route',
  /** Per client and route. */
  CLIENT_ROUTE = 'client-route',
  /** One limit for everything through this middleware. */
  GLOBAL = 'global'
}

/** Derives a custom rate-limit key; return undefined to let the request through uncounted. */
export type RateLimitKeyFn = (ctx: GatewayContext) => string | undefined;

/** Options of a {@link RateLimitMiddleware}. */
export interface RateLimitOptions {
  /** The limiter (a TokenBucketLimiter or SlidingWindowLimiter). Required. */
  limiter: RateLimiter;
  /** How requests are grouped. Default {@link RateLimitKey.CLIENT}. */
  key?: RateLimitKey;
  /** A custom key instead of `key`. */
  keyFn?: RateLimitKeyFn;
  /** Add `ratelimit-limit` / `ratelimit-remaining` to admitted responses. Default true. */
  headers?: boolean;
}

/**
 * Rejects requests over a rate limit with 429 ERR_RATE_LIMITED and `Retry-After` (whole seconds,
 * at least 1), before they reach the upstream. Limits are keyed by client, device, route, client and
 * route, globally, or by a custom function; the limiter bounds the keys it remembers.
 */
export class RateLimitMiddleware implements GatewayMiddleware {
  readonly name: string = 'rate-limit';
  private readonly _limiter: RateLimiter;
  private readonly _key: RateLimitKey;
  private readonly _keyFn: RateLimitKeyFn | undefined;
  private readonly _headers: boolean;
  private _rejected: number = 0;

  constructor(options: RateLimitOptions) {
    if (options === undefined || options.limiter === undefined || options.limiter === null) {
      throw new InvalidArgumentError('options.limiter', 'is required');
    }
    this._limiter = options.limiter;
    this._key = options.key ?? RateLimitKey.CLIENT;
    this._keyFn = options.keyFn;
    this._headers = options.headers ?? true;
  }

  /** Requests rejected so far. */
  get rejected(): number {
    return this._rejected;
  }

  /** The key a request is counted under, or undefined when it is not counted. */
  keyFor(ctx: GatewayContext): string | undefined {
    if (this._keyFn !== undefined) {
      return this._keyFn(ctx);
    }
    const route = ctx.routeId ?? '-';
    switch (this._key) {
      case RateLimitKey.DEVICE:
        return `device:${ctx.deviceId ?? 'unknown'}`;
      case RateLimitKey.ROUTE:
        return `route:${route}`;
      case RateLimitKey.CLIENT_ROUTE:
        return `client:${ctx.clientKey}|route:${route}`;
      case RateLimitKey.GLOBAL:
        return 'global';
      default:
        return `client:${ctx.clientKey}`;
    }
  }

  async handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    const key = this.keyFor(ctx);
    if (key === undefined) {
      await next();
      return;
    }
    const decision = this._limiter.tryAcquire(key, ctx.now());
    if (!decision.allowed) {
      this._rejected++;
      throw new RateLimitedError(key, decision.retryAfterMs);
    }
    await next();
    const res = ctx.response;
    if (this._headers && res !== undefined) {
      res.headers.set('ratelimit-limit', String(decision.limit));
      res.headers.set('ratelimit-remaining', String(decision.remaining));
    }
  }
}
