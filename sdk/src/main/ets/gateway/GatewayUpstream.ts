import { ErrorCode } from '../core/errors/ErrorCode';
import { MeshError } from '../core/errors/MeshError';
import { MeshRequest } from '../transport/MeshRequest';
import { MeshResponse } from '../transport/MeshResponse';
import { GatewayContext } from './GatewayContext';

/**
 * The port the gateway calls once a request has passed every middleware: deliver `request` (path
 * already rewritten, `deadline` set) to an instance of `service`. `ctx.target.version` is the
 * version range to pick instances by, `ctx.cancellation` tells when to give up. MeshNode implements
 * it over the registry, balancers and transport; tests use InMemoryUpstream.
 *
 * Resolve with the service's response (any status); reject with a MeshError when no response could
 * be had (ERR_NO_HEALTHY_INSTANCE, ERR_UNREACHABLE...): the gateway maps its code to a status.
 */
export interface GatewayUpstream {
  invoke(service: string, request: MeshRequest, ctx: GatewayContext): Promise<MeshResponse>;
}

/** The default upstream: nothing is wired yet, so every call fails with ERR_NO_HEALTHY_INSTANCE (503). */
export class UnavailableUpstream implements GatewayUpstream {
  invoke(service: string, request: MeshRequest, ctx: GatewayContext): Promise<MeshResponse> {
    return Promise.reject(new MeshError(ErrorCode.NO_HEALTHY_INSTANCE, `no instance of '${service}' is available`));
  }
}

/** Handles requests for one service inside an InMemoryUpstream. */
export type UpstreamHandler = (request: MeshRequest, ctx: GatewayContext) => Promise<MeshResponse>;

/**
 * An upstream of in-process handlers, one per service: for tests, the simulator and apps that
 * route to local abilities. Unknown services fail with ERR_SERVICE_NOT_FOUND (503). Counts calls.
 */
export class InMemoryUpstream implements GatewayUpstream {
  private readonly _handlers: Map<string, UpstreamHandler> = new Map<string, UpstreamHandler>();
  private readonly _calls: Map<string, number> = new Map<string, number>();

  /** Registers (or replaces) the handler of `service`. */
  register(service: string, handler: UpstreamHandler): InMemoryUpstream {
    this._handlers.set(service, handler);
    return this;
  }

  unregister(service: string): boolean {
    return this._handlers.delete(service);
  }

  /** Calls made to `service` so far. */
  calls(service: string): number {
    return this._calls.get(service) ?? 0;
  }

  invoke(service: string, request: MeshRequest, ctx: GatewayContext): Promise<MeshResponse> {
    this._calls.set(service, (this._calls.get(service) ?? 0) + 1);
    const handler = this._handlers.get(service);
    if (handler === undefined) {
      return Promise.reject(new MeshError(ErrorCode.SERVICE_NOT_FOUND, `service '${service}' is not registered`));
    }
    return handler(request, ctx);
  }
}
