import { CancellationToken } from '../core/cancellation/CancellationToken';
import { ErrorCode } from '../core/errors/ErrorCode';
import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { MeshError } from '../core/errors/MeshError';
import { TimeoutError } from '../core/errors/TimeoutError';
import { Disposable } from '../core/events/Disposable';
import { EventEmitter, Listener } from '../core/events/EventEmitter';
import { Clock } from '../platform/Clock';
import { Logger } from '../platform/logging/Logger';
import { Random } from '../platform/Random';
import { MeshRequest } from '../transport/MeshRequest';
import { MeshResponse } from '../transport/MeshResponse';
import { BadRequestError } from './errors/BadRequestError';
import { MethodNotAllowedError } from './errors/MethodNotAllowedError';
import { RouteNotFoundError } from './errors/RouteNotFoundError';
import { UpstreamError } from './errors/UpstreamError';
import { ErrorStatusTable } from './ErrorStatusTable';
import { GatewayContext, GatewayServices } from './GatewayContext';
import { GatewayExchange } from './GatewayExchange';
import { GatewayMiddleware } from './GatewayMiddleware';
import { ANONYMOUS_CLIENT, DEADLINE_HEADER, GatewayOptions, ResolvedGatewayOptions } from './GatewayOptions';
import { GatewayResolution } from './GatewayResolution';
import { GatewayRoute, GatewayRouteConfig, RouteTargetConfig } from './GatewayRoute';
import { GatewayUpstream } from './GatewayUpstream';
import { raceDeadline } from './internal/raceDeadline';
import { RouteStatus } from './router/RouteLookup';
import { RoutePattern } from './router/RoutePattern';
import { Router } from './router/Router';
import { UpstreamTarget } from './UpstreamTarget';

/** Per-call options of {@link Gateway.handle}. */
export interface GatewayHandleOptions {
  /** Cancels the request (the response is then ERR_CANCELLED, 499). */
  cancellation?: CancellationToken;
}

const NO_MIDDLEWARE: GatewayMiddleware[] = [];

/**
 * The gateway: routes a request (radix {@link Router}), runs global then per-route middleware
 * around it (onion style), and calls the {@link GatewayUpstream} for the matched target service.
 * `handle` never throws or rejects: every failure becomes a response through the
 * {@link ErrorStatusTable} (404 no route, 405, 400, 413, 429, 503, 504, 502...).
 *
 * @example
 * const gateway = new Gateway({ clock, random, upstream });
 * gateway.use(new RequestIdMiddleware()).use(new AccessLogMiddleware());
 * gateway.addRoute({ method: 'GET', path: '/users/:id', target: { service: 'users', rewrite: '/v2/users/:id' },
 *   middleware: [new TimeoutMiddleware({ timeoutMs: 2000 }), new RetryMiddleware()] });
 * const res = await gateway.handle(new MeshRequest({ path: '/users/42' }));
 */
export class Gateway {
  /** The routing table (its routes carry GatewayRoute data). */
  readonly router: Router<GatewayRoute>;
  private readonly _o: ResolvedGatewayOptions;
  private readonly _services: GatewayServices;
  private _upstream: GatewayUpstream;
  private _global: GatewayMiddleware[] = [];
  private readonly _exchanges: EventEmitter<GatewayExchange>;

  constructor(options?: GatewayOptions) {
    this._o = new ResolvedGatewayOptions(options);
    this._services = new GatewayServices(this._o.clock, this._o.random, this._o.logger, this._o.ids, this._o.errors);
    this._upstream = this._o.upstream;
    this.router = new Router<GatewayRoute>(options?.router);
    this._exchanges = new EventEmitter<GatewayExchange>((e: Error): void => {
      this._o.logger.warn('gateway exchange listener failed', { 'error': e.message });
    });
    for (const mw of options?.middleware ?? NO_MIDDLEWARE) {
      this.use(mw);
    }
    for (const r of options?.routes ?? []) {
      this.addRoute(r);
    }
  }

  get clock(): Clock {
    return this._o.clock;
  }

  get random(): Random {
    return this._o.random;
  }

  get logger(): Logger {
    return this._o.logger;
  }

  get errors(): ErrorStatusTable {
    return this._o.errors;
  }

  /** Replaces the upstream (MeshNode wires itself in after building the gateway). */
  setUpstream(upstream: GatewayUpstream): void {
    if (upstream === undefined || upstream === null) {
      throw new InvalidArgumentError('upstream', 'is required');
    }
    this._upstream = upstream;
  }

  /** Appends a global middleware (it runs for every request, routed or not, outside route middleware). */
  use(mw: GatewayMiddleware): Gateway {
    checkMiddleware(mw, 'middleware');
    this._global.push(mw);
    for (const r of this.router.routes()) {
      r.data.chain = this._global.concat(r.data.middleware);
    }
    return this;
  }

  /** The global middleware, outermost first. */
  middleware(): GatewayMiddleware[] {
    return this._global.slice();
  }

  /**
   * Registers a route. Throws InvalidArgumentError (bad pattern, target or rewrite) or
   * RouteConflictError (duplicate or ambiguous route).
   */
  addRoute(config: GatewayRouteConfig): GatewayRoute {
    if (config === undefined || config === null) {
      throw new InvalidArgumentError('route', 'is required');
    }
    const ro = this.router.options;
    const pattern = RoutePattern.parse(config.path, ro.caseSensitive, ro.ignoreTrailingSlash, ro.ignoreDuplicateSlashes, 'route.path');
    const gr = new GatewayRoute(config, pattern.paramNames);
    gr.middleware.forEach((mw: GatewayMiddleware, i: number): void => checkMiddleware(mw, `route.middleware[${i}]`));
    gr.chain = this._global.concat(gr.middleware);
    gr.bind(this.router.add({ id: config.id, method: config.method, path: config.path, constraints: config.constraints, data: gr }));
    return gr;
  }

  removeRoute(id: string): boolean {
    return this.router.remove(id);
  }

  getRoute(id: string): GatewayRoute | undefined {
    const r = this.router.get(id);
    return r !== undefined ? r.data : undefined;
  }

  routes(): GatewayRoute[] {
    const out: GatewayRoute[] = [];
    for (const r of this.router.routes()) {
      out.push(r.data);
    }
    return out;
  }

  /** Routing only: the route `request` matches and its upstream target, or the routing error. */
  resolve(request: MeshRequest): GatewayResolution {
    const lookup = this.router.lookup(request.method, request.path, request.headers);
    const m = lookup.match;
    if (lookup.status === RouteStatus.FOUND && m !== undefined) {
      const route = m.route.data;
      const path = route.rewrite !== undefined ? route.rewrite.apply<GatewayRoute>(request.path, m) : request.path;
      return new GatewayResolution(m, new UpstreamTarget(route.service, route.version, path), undefined);
    }
    let error: MeshError;
    if (lookup.status === RouteStatus.METHOD_NOT_ALLOWED) {
      error = new MethodNotAllowedError(request.method, request.path, lookup.allowed);
    } else if (lookup.status === RouteStatus.BAD_REQUEST) {
      error = new BadRequestError(lookup.reason ?? 'malformed', `malformed request path (${lookup.reason ?? 'malformed'})`);
    } else {
      error = new RouteNotFoundError(request.method, request.path);
    }
    return new GatewayResolution(undefined, new UpstreamTarget('', undefined, request.path), error);
  }

  /** Routes `request`, runs the middleware and the upstream call; always resolves with a response. */
  async handle(request: MeshRequest, options?: GatewayHandleOptions): Promise<MeshResponse> {
    const start = this._o.clock.now();
    let ctx: GatewayContext | undefined = undefined;
    try {
      if (!(request instanceof MeshRequest)) {
        throw new InvalidArgumentError('request', 'must be a MeshRequest');
      }
      const resolution = this.resolve(request);
      ctx = this.createContext(request, resolution, start, options?.cancellation);
      const route = resolution.route;
      await this.dispatch(ctx, route !== undefined ? route.chain : this._global, 0);
    } catch (e) {
      // Only a broken request object or a failing clientKey function gets here.
      if (ctx === undefined) {
        return this._o.errors.toResponse(MeshError.from(e as Error), undefined, this._o.clock.now());
      }
      ctx.fail(e as Error);
    }
    return this.finish(ctx, request);
  }

  /**
   * Runs the global middleware and the upstream call for a target named directly, without routing:
   * what `node.call(service, request)` uses, so calls get the same request ids, limits and retries.
   */
  async handleTarget(target: RouteTargetConfig, request: MeshRequest, options?: GatewayHandleOptions): Promise<MeshResponse> {
    const start = this._o.clock.now();
    let ctx: GatewayContext | undefined = undefined;
    try {
      if (!(request instanceof MeshRequest)) {
        throw new InvalidArgumentError('request', 'must be a MeshRequest');
      }
      if (target === undefined || target === null || typeof target.service !== 'string' || target.service.length === 0) {
        throw new InvalidArgumentError('target.service', 'must be a non-empty string');
      }
      const resolution = new GatewayResolution(undefined, new UpstreamTarget(target.service, target.version, request.path), undefined);
      ctx = this.createContext(request, resolution, start, options?.cancellation);
      await this.dispatch(ctx, this._global, 0);
    } catch (e) {
      if (ctx === undefined) {
        return this._o.errors.toResponse(MeshError.from(e as Error), undefined, this._o.clock.now());
      }
      ctx.fail(e as Error);
    }
    return this.finish(ctx, request);
  }

  /** Subscribes to one event per handled request. */
  onExchange(listener: Listener<GatewayExchange>): Disposable {
    return this._exchanges.on(listener);
  }

  /** Global middleware, routes with their targets and middleware, and the router trees. */
  describe(): string {
    const lines: string[] = [];
    lines.push(`middleware: ${this._global.map((m: GatewayMiddleware): string => m.name).join(' > ') || '(none)'}`);
    for (const r of this.routes()) {
      const mw = r.middleware.length > 0 ? ` [${r.middleware.map((m: GatewayMiddleware): string => m.name).join(' > ')}]` : '';
      lines.push(`${r.id} -> ${r.service}${r.version !== undefined ? '@' + r.version : ''}${mw}`);
    }
    lines.push(this.router.describe());
    return lines.join('\n');
  }

  private createContext(request: MeshRequest, resolution: GatewayResolution, start: number,
    cancellation: CancellationToken | undefined): GatewayContext {
    let clientKey: string;
    try {
      clientKey = this._o.clientKey(request);
    } catch (e) {
      clientKey = ANONYMOUS_CLIENT;
    }
    const ctx = new GatewayContext(this._services, request, resolution.match, resolution.target, resolution.error,
      typeof clientKey === 'string' && clientKey.length > 0 ? clientKey : ANONYMOUS_CLIENT,
      request.headers.get(this._o.deviceHeader), new Map<string, Object>(), start, cancellation);
    ctx.attempt = 1;
    // A caller's remaining budget (from another device) shortens the deadline, never extends it.
    const budget = request.headers.get(DEADLINE_HEADER);
    if (budget !== undefined) {
      const ms = Number(budget);
      if (Number.isFinite(ms) && ms >= 0) {
        const d = start + ms;
        ctx.deadline = ctx.deadline === undefined ? d : Math.min(ctx.deadline, d);
      }
    }
    return ctx;
  }

  // Runs chain[i] with a `next` that runs the rest; the returned promise never rejects.
  private async dispatch(ctx: GatewayContext, chain: GatewayMiddleware[], i: number): Promise<void> {
    try {
      if (i < chain.length) {
        await chain[i].handle(ctx, (next?: GatewayContext): Promise<void> => this.dispatch(next ?? ctx, chain, i + 1));
      } else {
        await this.callUpstream(ctx);
      }
    } catch (e) {
      ctx.fail(e as Error);
    }
  }

  private async callUpstream(ctx: GatewayContext): Promise<void> {
    const routeError = ctx.routeError;
    if (routeError !== undefined) {
      throw routeError;
    }
    ctx.cancellation.throwIfCancelled();
    const deadline = ctx.deadline;
    if (deadline !== undefined && ctx.now() >= deadline) {
      throw new TimeoutError('the deadline passed before the upstream call', 0);
    }
    const service = ctx.target.service;
    const upstreamRequest = ctx.request.clone();
    upstreamRequest.path = ctx.target.path;
    upstreamRequest.deadline = deadline;
    if (deadline !== undefined) {
      upstreamRequest.headers.set(DEADLINE_HEADER, String(Math.max(0, Math.floor(deadline - ctx.now()))));
    }
    let response: MeshResponse;
    try {
      const work = this._upstream.invoke(service, upstreamRequest, ctx);
      response = await raceDeadline<MeshResponse>(work, this._o.clock, deadline, ctx.cancellation, `call to '${service}'`);
    } catch (e) {
      throw upstreamFailure(e as Error, service);
    }
    if (!(response instanceof MeshResponse)) {
      throw new UpstreamError(service, 'the upstream resolved without a MeshResponse');
    }
    ctx.respond(response);
  }

  private finish(ctx: GatewayContext, request: MeshRequest): MeshResponse {
    if (ctx.response === undefined) {
      ctx.fail(new MeshError(ErrorCode.INTERNAL, 'the middleware pipeline produced no response'));
    }
    const response = ctx.response as MeshResponse;
    if (this._exchanges.size > 0) {
      const error = ctx.error;
      this._exchanges.emit({
        requestId: ctx.requestId, method: request.method, path: request.path, routeId: ctx.routeId,
        service: ctx.target.service, status: response.status, errorCode: error !== undefined ? error.code : undefined,
        clientKey: ctx.clientKey, startTime: ctx.startTime, durationMs: ctx.now() - ctx.startTime, attempts: ctx.attempt
      });
    }
    ctx.dispose();
    return response;
  }
}

const upstreamFailure = (e: Error, service: string): MeshError => {
  if (e instanceof MeshError) {
    return e;
  }
  return e instanceof Error ? new UpstreamError(service, e.message, e) : new UpstreamError(service, String(e));
};

const checkMiddleware = (mw: GatewayMiddleware, field: string): void => {
  if (mw === undefined || mw === null || typeof mw.handle !== 'function' || typeof mw.name !== 'string') {
    throw new InvalidArgumentError(field, 'must be a GatewayMiddleware (a name and a handle method)');
  }
};
