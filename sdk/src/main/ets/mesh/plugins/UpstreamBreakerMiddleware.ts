import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { GatewayContext } from '../../gateway/GatewayContext';
import { GatewayMiddleware, GatewayNext } from '../../gateway/GatewayMiddleware';
import { NO_PERMIT, UNTRACKED_PERMIT } from '../../resilience/CircuitBreaker';
import { CircuitBreakerRegistry } from '../../resilience/CircuitBreakerRegistry';

/** Registry key prefix of the gateway's per-service breakers (`gateway:<service>`). */
export const DEFAULT_GATEWAY_BREAKER_PREFIX = 'gateway:';

/** Options of an {@link UpstreamBreakerMiddleware}. */
export interface UpstreamBreakerOptions {
  /**
   * Key prefix in the registry. Default {@link DEFAULT_GATEWAY_BREAKER_PREFIX}. The breakers use the
   * registry's defaults; `breakers.configure('gateway:<service>', settings)` gives one its own.
   */
  keyPrefix?: string;
}

/**
 * A circuit breaker per upstream service for the gateway, from a CircuitBreakerRegistry (the
 * resilience plugin's, so one registry holds the node's instance breakers and these). While the
 * service's breaker is open, routed requests are answered 503 `ERR_BREAKER_OPEN` with
 * `Retry-After` without calling the mesh. Responses of 500 and more (and errors mapped to them)
 * count as failures, anything else as a success; cancelled requests count as nothing. Unrouted
 * requests pass untouched. Use it globally or per route.
 */
export class UpstreamBreakerMiddleware implements GatewayMiddleware {
  readonly name: string = 'circuit-breaker';
  readonly breakers: CircuitBreakerRegistry;
  private readonly _prefix: string;
  private readonly _serverError: MeshError = new MeshError(ErrorCode.UPSTREAM, 'the upstream answered with a server error');

  constructor(breakers: CircuitBreakerRegistry, options?: UpstreamBreakerOptions) {
    this.breakers = breakers;
    this._prefix = options?.keyPrefix ?? DEFAULT_GATEWAY_BREAKER_PREFIX;
  }

  /** The registry key of `service`. */
  keyOf(service: string): string {
    return this._prefix + service;
  }

  async handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    const service = ctx.target.service;
    if (ctx.routeError !== undefined || service.length === 0) {
      await next();
      return;
    }
    const key = this._prefix + service;
    const breaker = this.breakers.get(key);
    const permit = breaker.tryAcquirePermission();
    if (permit === NO_PERMIT) {
      throw breaker.rejectionError();
    }
    const start = ctx.now();
    await next();
    if (permit === UNTRACKED_PERMIT) {
      return;
    }
    const duration = ctx.now() - start;
    const error = ctx.error;
    const status = ctx.response !== undefined ? ctx.response.status : 500;
    if (error !== undefined && error.code === ErrorCode.CANCELLED) {
      breaker.releasePermission(permit);
    } else if (status >= 500) {
      breaker.recordError(permit, duration, error !== undefined ? error as Error : this._serverError as Error);
    } else {
      breaker.recordSuccess(permit, duration);
    }
  }
}
