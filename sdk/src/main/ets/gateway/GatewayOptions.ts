import { IdGenerator } from '../core/ids/IdGenerator';
import { Clock } from '../platform/Clock';
import { Logger } from '../platform/logging/Logger';
import { NoopLogger } from '../platform/logging/NoopLogger';
import { Random } from '../platform/Random';
import { SeededRandom } from '../platform/SeededRandom';
import { SystemClock } from '../platform/SystemClock';
import { MeshRequest } from '../transport/MeshRequest';
import { ErrorStatusTable } from './ErrorStatusTable';
import { GatewayMiddleware } from './GatewayMiddleware';
import { GatewayRouteConfig } from './GatewayRoute';
import { GatewayUpstream, UnavailableUpstream } from './GatewayUpstream';
import { RouterOptions } from './router/RouterOptions';

/** Derives the client identity key (rate limits, logs) from a request. */
export type ClientKeyFn = (request: MeshRequest) => string;

/** Default header naming the calling client (an app or user id). */
export const DEFAULT_CLIENT_HEADER = 'x-client-id';
/** Default header naming the calling device. */
export const DEFAULT_DEVICE_HEADER = 'x-mesh-device';
/**
 * Header carrying the remaining time budget in ms across devices (their clocks differ, so an
 * absolute deadline would not do): the gateway reads it from incoming requests and sets it on
 * upstream requests whenever there is a deadline.
 */
export const DEADLINE_HEADER = 'x-mesh-timeout-ms';
/** Client key of requests that name neither a client nor a device. */
export const ANONYMOUS_CLIENT = 'anonymous';

/** Options of a {@link Gateway}; every field is optional. */
export interface GatewayOptions {
  /** Where routed requests go. Default: UnavailableUpstream (every call is a 503) until `setUpstream`. */
  upstream?: GatewayUpstream;
  /** Time for deadlines, rate limits, caches and logs. Default: a SystemClock. */
  clock?: Clock;
  /** Randomness for traffic splits, fault injection, jitter and request ids. Default: SeededRandom(clock.now()). */
  random?: Random;
  /** Where middleware log. Default: NoopLogger. */
  logger?: Logger;
  /** Router options (case, trailing slash, duplicate slashes, limits, custom constraints). */
  router?: RouterOptions;
  /** Error code to status mapping. Default: `new ErrorStatusTable()`. */
  errors?: ErrorStatusTable;
  /** Header with the calling device's id. Default {@link DEFAULT_DEVICE_HEADER}. */
  deviceHeader?: string;
  /**
   * The client key of a request. Default: the {@link DEFAULT_CLIENT_HEADER} header, else the device
   * header, else {@link ANONYMOUS_CLIENT}.
   */
  clientKey?: ClientKeyFn;
  /** Global middleware, outermost first (more with `use`). */
  middleware?: GatewayMiddleware[];
  /** Routes to register at construction. */
  routes?: GatewayRouteConfig[];
}

/** GatewayOptions with defaults filled in. */
export class ResolvedGatewayOptions {
  readonly upstream: GatewayUpstream;
  readonly clock: Clock;
  readonly random: Random;
  readonly logger: Logger;
  readonly ids: IdGenerator;
  readonly errors: ErrorStatusTable;
  readonly deviceHeader: string;
  readonly clientKey: ClientKeyFn;

  constructor(options?: GatewayOptions) {
    this.upstream = options?.upstream ?? new UnavailableUpstream();
    const clock: Clock = options?.clock ?? new SystemClock();
    this.clock = clock;
    this.random = options?.random ?? new SeededRandom(clock.now());
    this.logger = options?.logger ?? new NoopLogger();
    this.ids = new IdGenerator(this.random);
    this.errors = options?.errors ?? new ErrorStatusTable();
    const deviceHeader = options?.deviceHeader ?? DEFAULT_DEVICE_HEADER;
    this.deviceHeader = deviceHeader;
    this.clientKey = options?.clientKey ?? ((request: MeshRequest): string =>
      request.headers.get(DEFAULT_CLIENT_HEADER) ?? request.headers.get(deviceHeader) ?? ANONYMOUS_CLIENT);
  }
}
