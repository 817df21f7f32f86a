import { CancellationSource, CancellationToken } from '../core/cancellation/CancellationToken';
import { ErrorCode } from '../core/errors/ErrorCode';
import { MeshError } from '../core/errors/MeshError';
import { IdGenerator } from '../core/ids/IdGenerator';
import { Clock } from '../platform/Clock';
import { Logger } from '../platform/logging/Logger';
import { Random } from '../platform/Random';
import { MeshRequest } from '../transport/MeshRequest';
import { MeshResponse } from '../transport/MeshResponse';
import { ErrorStatusTable } from './ErrorStatusTable';
import { GatewayRoute } from './GatewayRoute';
import { RouteMatch } from './router/RouteMatch';
import { UpstreamTarget } from './UpstreamTarget';

/** What a context shares with the gateway that made it. */
export class GatewayServices {
  readonly clock: Clock;
  readonly random: Random;
  readonly logger: Logger;
  readonly ids: IdGenerator;
  readonly errors: ErrorStatusTable;

  constructor(clock: Clock, random: Random, logger: Logger, ids: IdGenerator, errors: ErrorStatusTable) {
    this.clock = clock;
    this.random = random;
    this.logger = logger;
    this.ids = ids;
    this.errors = errors;
  }
}

/**
 * One request's journey through the gateway: the request, the route it matched and where it goes,
 * the response once someone sets it, and what middleware share (attributes, request id, client key,
 * deadline, cancellation). Middleware get time, randomness and logging from here, never from globals.
 */
export class GatewayContext {
  /** The incoming request. Middleware may change its headers; the upstream gets a copy. */
  readonly request: MeshRequest;
  /** The route match, or undefined when no route matched (or the call named its target directly). */
  readonly match: RouteMatch<GatewayRoute> | undefined;
  /** Where the request goes; middleware (traffic split, canary) may change it. */
  target: UpstreamTarget;
  /** The response, once a middleware or the upstream has produced one. */
  response: MeshResponse | undefined = undefined;
  /** The error behind an error response (undefined on success). */
  error: MeshError | undefined = undefined;
  /** Values middleware share: verified claims, span, cache status... (see GatewayAttribute). */
  readonly attributes: Map<string, Object>;
  /** Clock time when the gateway received the request. */
  readonly startTime: number;
  /** The request id (set by RequestIdMiddleware), echoed in error bodies. */
  requestId: string | undefined = undefined;
  /** Who is calling, for rate limits and logs (GatewayOptions.clientKey). */
  clientKey: string;
  /** The calling device, when the request says (GatewayOptions.deviceHeader). */
  deviceId: string | undefined;
  /** Absolute deadline (Clock ms); the upstream call fails with ERR_TIMEOUT (504) once it passes. */
  deadline: number | undefined;
  /** Attempt number of the upstream call: 1 for the first, counted by RetryMiddleware. */
  attempt: number = 0;
  /** Why routing failed, when `match` is undefined and the request was routed. */
  readonly routeError: MeshError | undefined;
  private readonly _services: GatewayServices;
  private readonly _cancel: CancellationSource;

  constructor(services: GatewayServices, request: MeshRequest, match: RouteMatch<GatewayRoute> | undefined,
    target: UpstreamTarget, routeError: MeshError | undefined, clientKey: string, deviceId: string | undefined,
    attributes: Map<string, Object>, startTime: number, parentToken?: CancellationToken) {
    this._services = services;
    this.request = request;
    this.match = match;
    this.target = target;
    this.routeError = routeError;
    this.clientKey = clientKey;
    this.deviceId = deviceId;
    this.attributes = attributes;
    this.startTime = startTime;
    this.deadline = request.deadline;
    this._cancel = new CancellationSource(parentToken);
  }

  get clock(): Clock {
    return this._services.clock;
  }

  get random(): Random {
    return this._services.random;
  }

  get logger(): Logger {
    return this._services.logger;
  }

  /** Id generator over the gateway's Random. */
  get ids(): IdGenerator {
    return this._services.ids;
  }

  /** The gateway's error-to-status table. */
  get errors(): ErrorStatusTable {
    return this._services.errors;
  }

  /** The matched route, if any. */
  get route(): GatewayRoute | undefined {
    return this.match !== undefined ? this.match.route.data : undefined;
  }

  /** The matched route's id, or undefined. */
  get routeId(): string | undefined {
    return this.match !== undefined ? this.match.route.id : undefined;
  }

  /** Cancelled when the request times out or the caller gives up; pass it on to transports. */
  get cancellation(): CancellationToken {
    return this._cancel.token;
  }

  /** Current Clock time. */
  now(): number {
    return this._services.clock.now();
  }

  /** Milliseconds until the deadline (Infinity without one; <= 0 once it has passed). */
  remainingMs(): number {
    return this.deadline === undefined ? Number.POSITIVE_INFINITY : this.deadline - this._services.clock.now();
  }

  /** A route parameter by name (`*` for the wildcard). */
  param(name: string): string | undefined {
    return this.match !== undefined ? this.match.param(name) : undefined;
  }

  /** Sets a successful (or any explicit) response and clears the error. */
  respond(response: MeshResponse): void {
    this.response = response;
    this.error = undefined;
  }

  /** Turns anything thrown into `error` plus the mapped error response. */
  fail(thrown: Object | null | undefined): void {
    const error = MeshError.from(thrown);
    this.error = error;
    this.response = this._services.errors.toResponse(error, this.requestId, this._services.clock.now());
  }

  /** Forgets the response and error (a retry is about to try again). */
  reset(): void {
    this.response = undefined;
    this.error = undefined;
  }

  /** Cancels this context (and its forks) with `reason`. */
  cancel(reason?: Error): void {
    this._cancel.cancel(reason ?? new MeshError(ErrorCode.CANCELLED, 'request cancelled'));
  }

  /**
   * A child context for running the rest of the pipeline apart (timeouts race it): it shares the
   * request, match, attributes and ids, copies target and deadline, has its own response and is
   * cancelled with this one. `adopt` takes its outcome back.
   */
  fork(): GatewayContext {
    const child = new GatewayContext(this._services, this.request, this.match, this.target.copy(), this.routeError,
      this.clientKey, this.deviceId, this.attributes, this.startTime, this._cancel.token);
    child.requestId = this.requestId;
    child.deadline = this.deadline;
    child.attempt = this.attempt;
    return child;
  }

  /** Takes a forked child's response, error, target and attempt count. */
  adopt(child: GatewayContext): void {
    this.response = child.response;
    this.error = child.error;
    this.target = child.target;
    this.attempt = child.attempt;
  }

  /** Releases the link to the parent's cancellation (the gateway calls it when the request ends). */
  dispose(): void {
    this._cancel.dispose();
  }
}
