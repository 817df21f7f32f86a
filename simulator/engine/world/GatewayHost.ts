import {
  FaultInjectionMiddleware, Gateway, MeshRequest, RateLimitKey, RateLimitMiddleware, RetryMiddleware, SlidingWindowLimiter,
  TimeoutMiddleware, TokenBucketLimiter,
} from '../sdk';
import type {
  GatewayContext, GatewayExchange, GatewayMiddleware, GatewayNext, GatewayUpstream, MeshNode, MeshResponse, RateLimiter,
  SeededRandom,
} from '../sdk';
import type { GatewayFaultSpec, GatewaySpec, RateLimitKeyName } from '../scenario/Scenario';
import type { SimDevice } from './SimDevice';
import type { WorldContext } from './WorldContext';

/** The gateway's upstream port over the node it runs on (docs/gateway.md, "Wiring into MeshNode"). */
class NodeUpstream implements GatewayUpstream {
  constructor(private readonly _node: MeshNode) {}

  invoke(service: string, request: MeshRequest, ctx: GatewayContext): Promise<MeshResponse> {
    return this._node.call(service, request, { deadline: ctx.deadline, versionRange: ctx.target.version, token: ctx.cancellation });
  }
}

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
 * The SDK Gateway on the scenario's gateway device: its routes, the global middleware the
 * scenario asks for (rate limit → timeout → retry → switchable fault injection) and a NodeUpstream
 * over the device's current node. A new Gateway is built for every life of the device (its
 * limiter and retry budget are volatile); requests while the device is down are not served.
 */
export class GatewayHost {
  private _gateway: Gateway | undefined;
  private readonly _faults = new SwitchableFaults();
  private _faultSpec: GatewayFaultSpec | undefined;

  constructor(private readonly _world: WorldContext, readonly spec: GatewaySpec, private readonly _device: SimDevice) {
    this._faultSpec = spec.faults;
    _device.lifeHooks.push((node: MeshNode, random: SeededRandom): void => this.attach(node, random));
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
    return this._gateway !== undefined && this._device.runningNode !== undefined ? this._gateway.handle(request) : undefined;
  }

  private attach(node: MeshNode, random: SeededRandom): void {
    const w = this._world;
    const s = this.spec;
    const gateway = new Gateway({ clock: w.clock, random: random.fork('gateway'), upstream: new NodeUpstream(node) });
    if (s.rateLimit !== undefined) {
      const rl = s.rateLimit;
      const limiter: RateLimiter = rl.kind === 'token-bucket'
        ? new TokenBucketLimiter({ capacity: rl.capacity, refillPerSecond: rl.refillPerSecond })
        : new SlidingWindowLimiter({ limit: rl.limit, windowMs: rl.windowMs });
      gateway.use(new RateLimitMiddleware({ limiter, key: KEYS[rl.key] }));
    }
    if (s.timeoutMs !== undefined) gateway.use(new TimeoutMiddleware({ timeoutMs: s.timeoutMs }));
    if (s.retryAttempts !== undefined && s.retryAttempts > 1) gateway.use(new RetryMiddleware({ maxAttempts: s.retryAttempts }));
    gateway.use(this._faults);
    this.setFaults(this._faultSpec);
    for (const r of s.routes) {
      gateway.addRoute({
        id: r.id, method: r.methods === 'ALL' ? 'ALL' : r.methods, path: r.path,
        target: { service: r.service, version: r.version, rewrite: r.rewrite, stripPrefix: r.stripPrefix },
      });
    }
    gateway.onExchange((e: GatewayExchange): void => w.onExchange(this.spec.device, e));
    this._gateway = gateway;
  }
}
