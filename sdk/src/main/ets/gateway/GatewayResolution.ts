import { MeshError } from '../core/errors/MeshError';
import { GatewayRoute } from './GatewayRoute';
import { RouteMatch } from './router/RouteMatch';
import { UpstreamTarget } from './UpstreamTarget';

/**
 * The routing step on its own (`Gateway.resolve`): the route a request matches and where it would
 * go, or the error that routing produced (ERR_NO_ROUTE, ERR_METHOD_NOT_ALLOWED, ERR_BAD_REQUEST).
 * MeshNode uses it so that `node.call` and `node.gateway.handle` share one routing table.
 */
export class GatewayResolution {
  readonly match: RouteMatch<GatewayRoute> | undefined;
  readonly target: UpstreamTarget;
  readonly error: MeshError | undefined;

  constructor(match: RouteMatch<GatewayRoute> | undefined, target: UpstreamTarget, error: MeshError | undefined) {
    this.match = match;
    this.target = target;
    this.error = error;
  }

  /** The matched route, or undefined. */
  get route(): GatewayRoute | undefined {
    return this.match !== undefined ? this.match.route.data : undefined;
  }

  get ok(): boolean {
    return this.error === undefined;
  }
}
