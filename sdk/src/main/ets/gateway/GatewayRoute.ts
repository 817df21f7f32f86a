import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { GatewayMiddleware } from './GatewayMiddleware';
import { PathRewrite } from './PathRewrite';
import { Route } from './router/Route';

/** Where a route sends requests. */
export interface RouteTargetConfig {
  /** The target service, e.g. `media.player`. */
  service: string;
  /** A version range for the service's instances, e.g. `2.x`. Default: any version. */
  version?: string;
  /** Upstream path template using the route's parameters: `/v2/people/:id`, `/blobs/*`. */
  rewrite?: string;
  /** A literal prefix to remove from the request path: `/api`. Exclusive with `rewrite`. */
  stripPrefix?: string;
}

/** A gateway route as registered with {@link Gateway.addRoute}. */
export interface GatewayRouteConfig {
  /** Unique id; default `METHODS path` (as the router builds it). */
  id?: string;
  /** An upper-case method, several, or `ALL` (the default). */
  method?: string | string[];
  /** The router pattern: `/users/:id`, `/files/*`. */
  path: string;
  /** Constraint values: `{ 'host': 'tv.local', 'version': '2.0.0' }`. */
  constraints?: Record<string, string>;
  target: RouteTargetConfig;
  /** Middleware for this route only, run inside the global ones, in order. */
  middleware?: GatewayMiddleware[];
}

/** A registered gateway route: the router route's data. */
export class GatewayRoute {
  readonly service: string;
  readonly version: string | undefined;
  readonly rewrite: PathRewrite | undefined;
  readonly middleware: GatewayMiddleware[];
  /** Global middleware followed by this route's (rebuilt by the gateway when `use` adds one). */
  chain: GatewayMiddleware[] = [];
  private _route: Route<GatewayRoute> | undefined = undefined;

  constructor(config: GatewayRouteConfig, paramNames: string[]) {
    const t = config.target;
    if (t === undefined || t === null || typeof t.service !== 'string' || t.service.length === 0) {
      throw new InvalidArgumentError('route.target.service', 'must be a non-empty string');
    }
    if (t.version !== undefined && (typeof t.version !== 'string' || t.version.length === 0)) {
      throw new InvalidArgumentError('route.target.version', 'must be a non-empty version range');
    }
    this.service = t.service;
    this.version = t.version;
    this.rewrite = PathRewrite.compile(t.rewrite, t.stripPrefix, paramNames);
    this.middleware = (config.middleware ?? []).slice();
  }

  /** The router's route (id, methods, pattern, constraints). */
  get route(): Route<GatewayRoute> | undefined {
    return this._route;
  }

  get id(): string {
    return this._route !== undefined ? this._route.id : '';
  }

  /** @internal set once the router has accepted the route */
  bind(route: Route<GatewayRoute>): void {
    this._route = route;
  }
}
