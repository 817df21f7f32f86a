import { ErrorStatusTable } from '../../gateway/ErrorStatusTable';
import { Gateway } from '../../gateway/Gateway';
import { ClientKeyFn } from '../../gateway/GatewayOptions';
import { GatewayMiddleware } from '../../gateway/GatewayMiddleware';
import { GatewayRouteConfig } from '../../gateway/GatewayRoute';
import { RouterOptions } from '../../gateway/router/RouterOptions';
import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { Random } from '../../platform/Random';
import { NodeCall, NodeUpstream } from './NodeUpstream';

/**
 * The gateway of a MeshNode (`MeshNodeOptions.gateway`): routes and middleware. Clock, random,
 * logger and upstream come from the node (the upstream is the node's own call path).
 */
export interface MeshGatewayOptions {
  /** Routes registered when the node is created (more with `node.gateway.addRoute`). Default none. */
  routes?: GatewayRouteConfig[];
  /**
   * Global middleware, outermost first. Added after the standard plugins' middleware (the tracing
   * plugin's request span stays outermost). Default none.
   */
  middleware?: GatewayMiddleware[];
  /** Router options (case, trailing slash, duplicate slashes, limits, constraints). Default: RouterOptions defaults. */
  router?: RouterOptions;
  /** Error code to status mapping. Default `new ErrorStatusTable()`. */
  errors?: ErrorStatusTable;
  /** Header naming the calling device. Default `DEFAULT_DEVICE_HEADER` (`x-mesh-device`). */
  deviceHeader?: string;
  /** Client key for rate limits and logs. Default: `x-client-id`, else the device header, else `anonymous`. */
  clientKey?: ClientKeyFn;
}

/**
 * Builds the gateway of a node: its routes, no middleware yet (the node adds
 * `options.middleware` after the standard plugins), and a {@link NodeUpstream} over `call`.
 */
export const createMeshGateway = (options: MeshGatewayOptions | undefined, clock: Clock, random: Random, logger: Logger,
  call: NodeCall): Gateway => {
  const o: MeshGatewayOptions = options ?? {};
  return new Gateway({
    upstream: new NodeUpstream(call), clock: clock, random: random, logger: logger, router: o.router, errors: o.errors,
    deviceHeader: o.deviceHeader, clientKey: o.clientKey, routes: o.routes
  });
};
