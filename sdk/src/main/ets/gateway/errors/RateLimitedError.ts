import { ErrorCode } from '../../core/errors/ErrorCode';
import { GatewayError } from './GatewayError';

const retryAfter = (ms: number): Record<string, string> => {
  const h: Record<string, string> = {};
  h['retry-after'] = String(Math.max(1, Math.ceil(ms / 1000)));
  return h;
};

/** A rate limit rejected the request (`ERR_RATE_LIMITED`, 429 with `Retry-After` in whole seconds). */
export class RateLimitedError extends GatewayError {
  /** The limiter's key (e.g. `client:tv-1`). */
  readonly key: string;
  /** How long until a request with this key would be admitted, in ms. */
  readonly retryAfterMs: number;

  constructor(key: string, retryAfterMs: number) {
    super(ErrorCode.RATE_LIMITED, `rate limit exceeded for ${key}; retry in ${Math.ceil(retryAfterMs)} ms`,
      undefined, retryAfter(retryAfterMs));
    this.name = 'RateLimitedError';
    this.key = key;
    this.retryAfterMs = retryAfterMs;
  }
}
