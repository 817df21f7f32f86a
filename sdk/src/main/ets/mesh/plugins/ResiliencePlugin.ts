import { CancellationToken } from '../../core/cancellation/CancellationToken';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { InvalidStateError } from '../../core/errors/InvalidStateError';
import { MeshError } from '../../core/errors/MeshError';
import { Disposable } from '../../core/events/Disposable';
import { EventEmitter, Listener } from '../../core/events/EventEmitter';
import { Clock } from '../../platform/Clock';
import { Random } from '../../platform/Random';
import { InstanceEvent, InstanceEventType } from '../../registry/RegistryEvents';
import { CircuitBreaker } from '../../resilience/CircuitBreaker';
import { breakerOptions, CircuitBreakerSettings } from '../../resilience/CircuitBreakerOptions';
import { CircuitBreakerRegistry } from '../../resilience/CircuitBreakerRegistry';
import { BreakerStateChange } from '../../resilience/CircuitBreakerTypes';
import { PolicyContext } from '../../resilience/PolicyContext';
import { isIdempotentMethod } from '../../resilience/PolicyInterceptor';
import { RetryEvent, RetryGiveUpEvent, RetryGiveUpReason } from '../../resilience/RetryPolicy';
import { MeshResponse } from '../../transport/MeshResponse';
import { TransportClosedEvent } from '../../transport/Transport';
import { AttemptContext, CallContext } from '../CallContext';
import type { MeshNode } from '../MeshNode';
import { MeshPlugin } from '../MeshPlugin';
import { BreakerHealthFeed } from './BreakerHealthFeed';
import {
  checkResilienceProfile, DEFAULT_MESH_INSTANCE_BREAKER, mergeResilienceProfiles, MeshResilienceProfile, ResiliencePluginOptions
} from './ResiliencePluginOptions';
import { ServiceResilience } from './ServiceResilience';
import { UpstreamBreakerMiddleware, UpstreamBreakerOptions } from './UpstreamBreakerMiddleware';

/** A retry the plugin's retry policy made. */
export interface MeshRetryEvent {
  service: string;
  /** The gateway route id of a route profile, else undefined. */
  route: string | undefined;
  /** The attempt that failed (the retry is attempt + 1). */
  attempt: number;
  delayMs: number;
  /** The failed attempt's error code; undefined when a 502/503/504 response was retried. */
  code: string | undefined;
  at: number;
}

/** A call the plugin's retry policy gave up on (the call then fails with the last error). */
export interface MeshRetryGiveUpEvent {
  service: string;
  route: string | undefined;
  attempts: number;
  /** `max-attempts`, `not-retryable`, `deadline`, `cancelled` or `budget` (the retry budget was spent). */
  reason: RetryGiveUpReason;
  code: string | undefined;
  at: number;
}

const ROUTE_KEY_SEPARATOR = '\n';

/**
 * Resilience for every call of a MeshNode, per service (and per gateway route), with
 * CallResilience's defaults and policies:
 *
 *     call    (useCall):    overall timeout -> retry (idempotent methods; transient errors and
 *                           502/503/504; backoff with full jitter; a retry budget per service)
 *     attempt (useAttempt): per-instance circuit breaker -> bulkhead (optional) -> attempt timeout
 *
 * Each retry calls `next()` again, so the node selects again and avoids instances already tried.
 * MeshNode enforces deadlines itself (one shared timer; the transport and local calls reject at
 * the deadline), so the timeouts only tighten the call's and the attempt's deadline: no timer and
 * no promise per call for them. Breaker state changes feed the registry's passive health
 * (see BreakerHealthFeed) and `breakers.onStateChange`; retries and give-ups are events.
 *
 * @example
 * MeshNode.create({ ..., resilience: { profile: { timeoutMs: 3000, maxAttempts: 3 },
 *   services: { 'media.player': { attemptTimeoutMs: 500, maxConcurrent: 8 } } } });
 */
export class ResiliencePlugin implements MeshPlugin {
  readonly name: string = 'resilience';
  readonly install: (node: MeshNode) => void;
  private _registry: CircuitBreakerRegistry | undefined;
  private readonly _options: ResiliencePluginOptions;
  private readonly _profile: MeshResilienceProfile;
  private readonly _services: Map<string, ServiceResilience> = new Map<string, ServiceResilience>();
  private readonly _routes: Map<string, ServiceResilience> = new Map<string, ServiceResilience>();
  private readonly _onRetry: EventEmitter<MeshRetryEvent> = new EventEmitter<MeshRetryEvent>();
  private readonly _onGiveUp: EventEmitter<MeshRetryGiveUpEvent> = new EventEmitter<MeshRetryGiveUpEvent>();
  private _node: MeshNode | undefined = undefined;
  private _clock: Clock | undefined = undefined;
  private _random: Random | undefined = undefined;
  // Settings the registry applies by default (undefined: a registry given as is); breakers whose
  // profile names other settings are configured when first used.
  private _registryDefaults: CircuitBreakerSettings | undefined = undefined;
  private _feed: BreakerHealthFeed | undefined = undefined;
  private _last: ServiceResilience | undefined = undefined;

  /** @throws InvalidArgumentError naming the field of a bad profile (`options.services['x'].timeoutMs`). */
  constructor(options?: ResiliencePluginOptions) {
    const o: ResiliencePluginOptions = options ?? {};
    checkResilienceProfile(o.profile, 'options.profile');
    const services = o.services;
    if (services !== undefined) {
      for (const k of Object.keys(services)) {
        checkResilienceProfile(services[k], `options.services['${k}']`);
      }
    }
    const routes = o.routes;
    if (routes !== undefined) {
      for (const k of Object.keys(routes)) {
        checkResilienceProfile(routes[k], `options.routes['${k}']`);
      }
    }
    this._options = o;
    this._profile = o.profile ?? {};
    this._registry = o.breakers;
    this.install = (node: MeshNode): void => this.attach(node);
  }

  /**
   * The breaker registry: per-instance breakers (keys: instance ids) and the gateway's
   * (`gateway:<service>`). Created at install unless one was given.
   */
  get breakers(): CircuitBreakerRegistry {
    const r = this._registry;
    if (r === undefined) {
      throw new InvalidStateError('the resilience plugin is not installed yet');
    }
    return r;
  }

  /** Instances the breakers have taken out of discovery right now. */
  get ejectedInstances(): number {
    return this._feed === undefined ? 0 : this._feed.ejected;
  }

  /** Retries, per service. */
  onRetry(listener: Listener<MeshRetryEvent>): Disposable {
    return this._onRetry.on(listener);
  }

  /** Calls whose retries stopped without success (reason `budget`: the retry budget was exhausted). */
  onGiveUp(listener: Listener<MeshRetryGiveUpEvent>): Disposable {
    return this._onGiveUp.on(listener);
  }

  /** The compiled policies of a service (and route), created on first use. Installed plugins only. */
  policiesFor(service: string, route?: string): ServiceResilience {
    if (this._clock === undefined) {
      throw new InvalidStateError('the resilience plugin is not installed yet');
    }
    return this.resolve(service, route);
  }

  /** A gateway middleware with a breaker per upstream service, in this plugin's registry. */
  gatewayBreaker(options?: UpstreamBreakerOptions): UpstreamBreakerMiddleware {
    return new UpstreamBreakerMiddleware(this.breakers, options);
  }

  private attach(node: MeshNode): void {
    if (this._node !== undefined) {
      throw new InvalidStateError(`the resilience plugin is installed on ${this._node.deviceId}; make one per node`);
    }
    const clock = node.clock;
    this._node = node;
    this._clock = clock;
    this._random = this._options.random ?? node.random;
    let registry = this._registry;
    if (registry === undefined) {
      const fallback = this._profile.breaker;
      const defaults = fallback === undefined || fallback === false ? DEFAULT_MESH_INSTANCE_BREAKER : fallback;
      this._registryDefaults = defaults;
      registry = new CircuitBreakerRegistry({ clock: clock, defaults: defaults });
      this._registry = registry;
    }
    // Compile the explicit profiles now, so a bad setting fails at install and not at a call.
    checkBreakerSettings(this._profile, clock, 'options.profile.breaker');
    const services = this._options.services;
    if (services !== undefined) {
      for (const k of Object.keys(services)) {
        checkBreakerSettings(services[k], clock, `options.services['${k}'].breaker`);
        this.resolve(k, undefined);
      }
    }
    const routes = this._options.routes;
    if (routes !== undefined) {
      for (const k of Object.keys(routes)) {
        checkBreakerSettings(routes[k], clock, `options.routes['${k}'].breaker`);
      }
    }
    const feed = (this._options.passiveHealth ?? true) ? new BreakerHealthFeed(clock, node.registry, node.outlierDetector) : undefined;
    this._feed = feed;
    if (feed !== undefined) {
      registry.onStateChange((e: BreakerStateChange): void => feed.onStateChange(e));
      node.transport.onClosed((e: TransportClosedEvent): void => feed.stop());
    }
    const breakers = registry;
    node.onInstance((e: InstanceEvent): void => {
      if (e.type === InstanceEventType.DOWN) {
        // The instance is gone (deregistered, its device dead or left): so is its breaker.
        if (feed !== undefined) {
          feed.forget(e.instance.id);
        }
        breakers.remove(e.instance.id);
      }
      if (feed !== undefined) {
        feed.onInstance(e);
      }
    });
    node.useCall(this.onCall);
    node.useAttempt(this.onAttempt);
    if (this._options.gatewayBreaker === true) {
      node.gateway.use(this.gatewayBreaker());
    }
  }

  private resolve(service: string, route: string | undefined): ServiceResilience {
    // Calls and their attempts mostly go to the service asked for just before: one comparison.
    const last = this._last;
    if (last !== undefined && last.service === service && route === undefined && last.route === undefined) {
      return last;
    }
    const r = this.lookup(service, route);
    this._last = r;
    return r;
  }

  private lookup(service: string, route: string | undefined): ServiceResilience {
    const routes = this._options.routes;
    if (route !== undefined && routes !== undefined && routes[route] !== undefined) {
      const key = route + ROUTE_KEY_SEPARATOR + service;
      let r = this._routes.get(key);
      if (r === undefined) {
        r = this.compile(service, route, mergeResilienceProfiles(this.profileOf(service), routes[route]));
        this._routes.set(key, r);
      }
      return r;
    }
    let s = this._services.get(service);
    if (s === undefined) {
      s = this.compile(service, undefined, this.profileOf(service));
      this._services.set(service, s);
    }
    return s;
  }

  private profileOf(service: string): MeshResilienceProfile {
    const services = this._options.services;
    return services !== undefined && services[service] !== undefined
      ? mergeResilienceProfiles(this._profile, services[service]) : this._profile;
  }

  private compile(service: string, route: string | undefined, profile: MeshResilienceProfile): ServiceResilience {
    const r = new ServiceResilience(service, route, profile, this._clock as Clock, this._random as Random);
    const retry = r.retry;
    if (retry !== undefined) {
      retry.onRetry((e: RetryEvent): void => {
        if (this._onRetry.size > 0) {
          this._onRetry.emit({ service: service, route: route, attempt: e.attempt, delayMs: e.delayMs, code: codeOf(e.error), at: e.at });
        }
      });
      retry.onGiveUp((e: RetryGiveUpEvent): void => {
        if (this._onGiveUp.size > 0) {
          this._onGiveUp.emit({ service: service, route: route, attempts: e.attempts, reason: e.reason, code: codeOf(e.error), at: e.at });
        }
      });
    }
    return r;
  }

  private readonly onCall = (ctx: CallContext, next: () => Promise<MeshResponse>): Promise<MeshResponse> => {
    const r = this.resolve(ctx.serviceName, ctx.route);
    const limit = ctx.startedAt + r.timeoutMs;
    if (limit < ctx.deadline) {
      ctx.deadline = limit;
    }
    const retry = r.retry;
    if (retry === undefined || !(r.retryNonIdempotent || isIdempotentMethod(ctx.request.method))) {
      return next();
    }
    // `next` ignores the policy context it is given: no wrapper closure per call.
    return retry.execute<MeshResponse>(next, new PolicyContext(1, ctx.deadline, ctx.token));
  };

  private readonly onAttempt = (actx: AttemptContext, next: () => Promise<MeshResponse>): Promise<MeshResponse> => {
    const r = this.resolve(actx.serviceName, actx.call.route);
    const limit = (this._clock as Clock).now() + r.attemptTimeoutMs;
    if (limit < actx.deadline) {
      actx.deadline = limit;
    }
    const bulkhead = r.bulkhead;
    if (!r.breakerEnabled) {
      return bulkhead === undefined ? next() : bulkhead.execute<MeshResponse>(next, new PolicyContext(1, actx.deadline, actx.token));
    }
    const registry = this._registry as CircuitBreakerRegistry;
    const key = actx.instance.id;
    // `find` first: `get` also refreshes the key's recency (two more Map operations per attempt),
    // which only matters for eviction beyond DEFAULT_MAX_BREAKERS breakers.
    let breaker = registry.find(key);
    if (breaker === undefined) {
      const settings = r.breaker;
      if (settings !== undefined && settings !== this._registryDefaults) {
        registry.configure(key, settings);
      }
      breaker = registry.get(key);
    }
    if (bulkhead === undefined) {
      return breaker.execute<MeshResponse>(next, ROOT_CONTEXT);
    }
    const context = new PolicyContext(1, actx.deadline, actx.token);
    return breaker.execute<MeshResponse>((c: PolicyContext): Promise<MeshResponse> => bulkhead.execute<MeshResponse>(next, c), context);
  };
}

// Builds a breaker from a profile's own settings once, so invalid ones throw at install.
const checkBreakerSettings = (p: MeshResilienceProfile, clock: Clock, field: string): void => {
  const settings = p.breaker;
  if (settings === undefined || settings === false) {
    return;
  }
  try {
    new CircuitBreaker(breakerOptions(settings, clock, 'check'));
  } catch (e) {
    const problem = e instanceof Error ? e.message : String(e);
    throw new InvalidArgumentError(field, problem);
  }
};

// Breakers only pass their context on to the task, which ignores it: one shared root will do.
const ROOT_CONTEXT = new PolicyContext(1, Number.POSITIVE_INFINITY, CancellationToken.NONE);

const codeOf = (error: Error | undefined): string | undefined =>
  error === undefined ? undefined : (error instanceof MeshError ? error.code : error.name);

/** A {@link ResiliencePlugin} for `options` (what `MeshNodeOptions.resilience` installs). */
export const resiliencePlugin = (options?: ResiliencePluginOptions): ResiliencePlugin => new ResiliencePlugin(options);
