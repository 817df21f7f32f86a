import { FaultInjectionMiddleware, RateLimitKey, RateLimitMiddleware, RetryMiddleware, SlidingWindowLimiter, TimeoutMiddleware, TokenBucketLimiter } from '../sdk';
import type {
  GatewayContext, GatewayExchange, GatewayMiddleware, GatewayNext, MeshGatewayOptions, MeshNode, MeshRequest, MeshResponse, RateLimiter,
} from '../sdk';
import type { GatewayFaultSpec, GatewaySpec, RateLimitKeyName } from '../scenario/Scenario';
import type { SimDevice } from './SimDevice';
import type { WorldContext } from './WorldContext';

/** Fault injection that faults and live controls can switch on, change and off at run time. */
class SwitchableFaults implements GatewayMiddleware {
  readonly name = 'sim-faults';
  current: FaultInjectionMiddleware | undefined;

  handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    return this.current === undefined ? next() : this.current.handle(ctx, next);
  }
}

const KEYS: Record<RateLimitKeyName, RateLimitKey> = {
  global: RateLimitKey.GLOBAL, client: RateLimitKey.CLIENT, route: RateLimitKey.ROUTE, 'client-route': RateLimitKey.CLIENT_ROUTE,
  device: RateLimitKey.DEVICE,
};

/**
 * The scenario's gateway: the SDK gateway of its device's MeshNode (`node.gateway`, upstream =
 * the node's own call path) with the scenario's routes and global middleware (rate limit →
 * timeout → retry → switchable fault injection). Each life of the device gets a new gateway (its
 * limiter and retry budget are volatile); requests while the device is down are not served.
 */
export class GatewayHost {
  private readonly _faults = new SwitchableFaults();
  private _faultSpec: GatewayFaultSpec | undefined;
  /** Route id -> path pattern (the metrics label routes by pattern). */
  readonly routePaths = new Map<string, string>();

  constructor(world: WorldContext, readonly spec: GatewaySpec, private readonly _device: SimDevice) {
    for (const r of spec.routes) this.routePaths.set(r.id, r.path);
    this.setFaults(spec.faults);
    _device.gatewayOptions = (): MeshGatewayOptions => this.options();
    _device.lifeHooks.push((node: MeshNode): void => {
      node.gateway.onExchange((e: GatewayExchange): void => world.onExchange(spec.device, e));
    });
  }

  get device(): string {
    return this.spec.device;
  }

  /** The current fault injection (undefined: none). */
  get faults(): GatewayFaultSpec | undefined {
    return this._faultSpec;
  }

  /** Replaces the fault injection (undefined or both shares absent: none). */
  setFaults(spec: GatewayFaultSpec | undefined): void {
    this._faultSpec = spec;
    this._faults.current = spec === undefined || (spec.delay === undefined && spec.abort === undefined)
      ? undefined
      : new FaultInjectionMiddleware({ delay: spec.delay, abort: spec.abort });
  }

  /** Hands a request to the gateway; undefined when its device is not up. */
  handle(request: MeshRequest): Promise<MeshResponse> | undefined {
    const node = this._device.runningNode;
    return node === undefined ? undefined : node.request(request);
  }

  private options(): MeshGatewayOptions {
    const s = this.spec;
    const middleware: GatewayMiddleware[] = [];
    if (s.rateLimit !== undefined) {
      const rl = s.rateLimit;
      const limiter: RateLimiter = rl.kind === 'token-bucket'
        ? new TokenBucketLimiter({ capacity: rl.capacity, refillPerSecond: rl.refillPerSecond })
        : new SlidingWindowLimiter({ limit: rl.limit, windowMs: rl.windowMs });
      middleware.push(new RateLimitMiddleware({ limiter, key: KEYS[rl.key] }));
    }
    if (s.timeoutMs !== undefined) middleware.push(new TimeoutMiddleware({ timeoutMs: s.timeoutMs }));
    if (s.retryAttempts !== undefined && s.retryAttempts > 1) middleware.push(new RetryMiddleware({ maxAttempts: s.retryAttempts }));
    middleware.push(this._faults);
    return {
      middleware,
      routes: s.routes.map((r) => ({
        id: r.id, method: r.methods === 'ALL' ? 'ALL' : r.methods, path: r.path,
        target: { service: r.service, version: r.version, rewrite: r.rewrite, stripPrefix: r.stripPrefix },
      })),
    };
  }
}
