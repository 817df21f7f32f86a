import { CancellationToken } from '../core/cancellation/CancellationToken';
import { ErrorCode } from '../core/errors/ErrorCode';
import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { MeshError } from '../core/errors/MeshError';
import { Disposable } from '../core/events/Disposable';
import { EventEmitter, Listener } from '../core/events/EventEmitter';
import { Membership } from '../membership/Membership';
import { MembershipEvent } from '../membership/Member';
import { MemberEventType } from '../membership/MemberState';
import { Clock } from '../platform/Clock';
import { Crypto } from '../platform/crypto/Crypto';
import { Logger } from '../platform/logging/Logger';
import { NoopLogger } from '../platform/logging/NoopLogger';
import { Random } from '../platform/Random';
import { KeyValueStore } from '../platform/store/KeyValueStore';
import { MemoryStore } from '../platform/store/MemoryStore';
import { BalancerFactory, LoadBalancer, PickContext } from '../registry/balancers/LoadBalancer';
import { LocalityAwareBalancer } from '../registry/balancers/LocalityAwareBalancer';
import { P2cEwmaBalancer } from '../registry/balancers/P2cEwmaBalancer';
import { DiscoveryFilter } from '../registry/DiscoveryFilter';
import { NoHealthyInstanceError } from '../registry/errors/NoHealthyInstanceError';
import { HealthCheckOptions, HealthChecker } from '../registry/health/HealthChecker';
import { OutlierDetector } from '../registry/health/OutlierDetector';
import { InstanceEvent } from '../registry/RegistryEvents';
import { InstanceCodec } from '../registry/replication/InstanceCodec';
import { ServiceInstance } from '../registry/ServiceInstance';
import { ServiceRegistry } from '../registry/ServiceRegistry';
import { checkLabel, checkServiceName } from '../registry/internal/validate';
import { Envelope } from '../transport/Envelope';
import { DeadlineQueue } from '../transport/internal/DeadlineQueue';
import { MeshRequest } from '../transport/MeshRequest';
import { MeshResponse } from '../transport/MeshResponse';
import { Transport, TransportCloseReason, TransportClosedEvent } from '../transport/Transport';
import { AttemptContext, CallContext } from './CallContext';
import { AttemptInterceptor, CallInterceptor, InboundInterceptor, ServiceHandler } from './Interceptors';
import { CallCodec, INSTANCE_HEADER, MESH_CALL_TOPIC, SERVICE_HEADER } from './internal/CallCodec';
import { isInstanceFailure } from './internal/failures';
import { LocalCall } from './internal/LocalCall';
import { MeshCallOptions } from './MeshCallOptions';
import { CallCompletedEvent, CallOutcome, MeshNodeStats, NodeState } from './MeshEvents';
import { checkNodeOptions, MESH_STORE_PREFIX, MeshNodeOptions } from './MeshNodeOptions';
import { MeshPlugin } from './MeshPlugin';
import { ProvideOptions } from './ProvideOptions';
import { ServiceContext } from './ServiceContext';
import { ServiceRegistration } from './ServiceRegistration';

// A service this node hosts.
class Provided {
  readonly instance: ServiceInstance;
  readonly handler: ServiceHandler;

  constructor(instance: ServiceInstance, handler: ServiceHandler) {
    this.instance = instance;
    this.handler = handler;
  }
}

/**
 * One device's mesh node: transport + SWIM membership + replicated service registry + balancers.
 * `provide` hosts a service, `call` reaches one on whichever device the balancer picks (on this
 * device without any network when it is local), with deadlines propagated end to end.
 * Extension points: `useCall` (around the whole call), `useAttempt` (around one attempt on the
 * chosen instance), `useInbound` (around provider-side handling), plugins, and typed events.
 *
 * @example
 * const node = MeshNode.create({ deviceId: 'tv', deviceType: 'tv', transport, clock, random, seeds: ['phone'] });
 * node.provide('media.player', async (req) => MeshResponse.json({ playing: true }), { version: '2.1.0' });
 * await node.start();
 * const res = await otherNode.call('media.player', new MeshRequest({ method: 'POST', path: '/play' }));
 */
export class MeshNode {
  readonly deviceId: string;
  readonly deviceType: string;
  readonly zone: string | undefined;
  readonly transport: Transport;
  readonly clock: Clock;
  readonly random: Random;
  readonly crypto: Crypto | undefined;
  readonly store: KeyValueStore;
  readonly logger: Logger;
  readonly membership: Membership;
  readonly registry: ServiceRegistry;
  readonly outlierDetector: OutlierDetector;
  readonly healthChecker: HealthChecker;
  readonly stats: MeshNodeStats = new MeshNodeStats();
  readonly defaultTimeoutMs: number;
  private readonly _seeds: string[];
  private _state: NodeState = NodeState.CREATED;
  private readonly _balancerFactory: BalancerFactory;
  private readonly _balancers: Map<string, LoadBalancer> = new Map<string, LoadBalancer>();
  private readonly _provided: Map<string, Provided> = new Map<string, Provided>();
  private readonly _deadlines: DeadlineQueue;
  private readonly _pick: PickContext = new PickContext();
  private _callChain: CallInterceptor[] = [];
  private _attemptChain: AttemptInterceptor[] = [];
  private _inboundChain: InboundInterceptor[] = [];
  private readonly _plugins: string[] = [];
  private readonly _callEvents: EventEmitter<CallCompletedEvent> = new EventEmitter<CallCompletedEvent>();
  private _subscriptions: Disposable[] = [];
  private _publishPending: boolean = false;
  private _published: string = '';

  private constructor(o: MeshNodeOptions, timeout: number) {
    this.deviceId = o.deviceId;
    this.deviceType = o.deviceType;
    this.zone = o.zone;
    this.transport = o.transport;
    this.clock = o.clock;
    this.random = o.random;
    this.crypto = o.crypto;
    this.store = o.store ?? new MemoryStore();
    this.logger = o.logger ?? new NoopLogger();
    this.defaultTimeoutMs = timeout;
    this._seeds = o.seeds === undefined ? [] : o.seeds.slice();
    this.registry = new ServiceRegistry(o.deviceId);
    this.membership = new Membership({
      transport: o.transport, clock: o.clock, random: o.random, deviceType: o.deviceType, logger: this.logger,
      options: o.membership
    });
    this.outlierDetector = new OutlierDetector(o.clock, this.registry, o.outlierDetection);
    this.healthChecker = new HealthChecker(o.clock, this.registry);
    const random = o.random;
    const clock = o.clock;
    this._balancerFactory = o.balancer ?? ((name: string): LoadBalancer =>
      new LocalityAwareBalancer(new P2cEwmaBalancer(random, clock)));
    this._deadlines = new DeadlineQueue(o.clock);
    this._pick.localDeviceId = o.deviceId;
    this._pick.localDeviceType = o.deviceType;
    this._pick.localZone = o.zone;
  }

  /**
   * Builds a node (not started) and installs `options.plugins`. Throws InvalidArgumentError naming
   * the field for bad options (`options.deviceId`, `options.transport`, `membership.*`, ...).
   */
  static create(options: MeshNodeOptions): MeshNode {
    const timeout = checkNodeOptions(options);
    checkLabel(options.deviceId, 'options.deviceId', 128);
    checkLabel(options.deviceType, 'options.deviceType', 64);
    if (options.zone !== undefined) {
      checkLabel(options.zone, 'options.zone', 64);
    }
    const node = new MeshNode(options, timeout);
    if (options.plugins !== undefined) {
      for (const p of options.plugins) {
        node.use(p);
      }
    }
    return node;
  }

  get state(): NodeState {
    return this._state;
  }

  /** Names of the installed plugins, in order. */
  get plugins(): string[] {
    return this._plugins.slice();
  }

  /**
   * Starts the node: raises the incarnation kept in the store (so a restarted device outbids its
   * previous life), publishes the provided instances and joins through the seeds in the
   * background. Resolves once local start-up is done; membership converges on the Clock.
   */
  async start(): Promise<void> {
    if (this._state !== NodeState.CREATED) {
      throw new MeshError(ErrorCode.INVALID_STATE, `node ${this.deviceId} is ${this._state}; a node starts once`);
    }
    this._state = NodeState.STARTING;
    const key = `${MESH_STORE_PREFIX}${this.deviceId}/incarnation`;
    let incarnation = 1;
    try {
      const stored = await this.store.get(key);
      const previous = stored === undefined ? 0 : Number(stored);
      incarnation = Number.isSafeInteger(previous) && previous >= 0 ? previous + 1 : 1;
      await this.store.set(key, String(incarnation));
    } catch (e) {
      this.logger.warn('could not persist the incarnation', { 'error': (e as Error).message });
    }
    if (this.transport.closed) {
      this._state = NodeState.CRASHED;
      throw new MeshError(ErrorCode.TRANSPORT_CLOSED, `transport of ${this.deviceId} closed during start`);
    }
    const t = this.transport;
    this._subscriptions = [
      t.onRequest(MESH_CALL_TOPIC, (env: Envelope): Promise<Envelope> => this.onInbound(env)),
      t.onClosed((e: TransportClosedEvent): void => this.halt(e.reason)),
      this.membership.onChange((e: MembershipEvent): void => this.onMemberChange(e)),
      this.membership.onIncarnation((n: number): void => {
        this.store.set(key, String(n)).catch((e: Error): void => this.logger.warn('incarnation not saved', { 'error': e.message }));
      }),
      this.registry.onChange((e: InstanceEvent): void => {
        if (e.local) {
          this.schedulePublish();
        }
      })
    ];
    this._published = this.encodeLocal();
    this.membership.setMeta(InstanceCodec.encode(this.registry.localInstances()));
    this.membership.start(incarnation, this._seeds);
    this._state = NodeState.RUNNING;
  }

  /**
   * Stops the node: leaves membership gracefully (others drop its instances at once) unless
   * `leave` is false, stops checks and closes the transport.
   */
  async stop(leave?: boolean): Promise<void> {
    if (this._state === NodeState.STOPPED || this._state === NodeState.CRASHED) {
      return;
    }
    if (leave ?? true) {
      this.membership.leave();
    }
    this.shutdown(NodeState.STOPPED);
    this.transport.close();
  }

  /** Installs a plugin (names must be unique). */
  use(plugin: MeshPlugin): void {
    if (typeof plugin.name !== 'string' || plugin.name.length === 0 || typeof plugin.install !== 'function') {
      throw new InvalidArgumentError('plugin', 'needs a name and an install function');
    }
    if (this._plugins.indexOf(plugin.name) >= 0) {
      throw new InvalidArgumentError('plugin.name', `"${plugin.name}" is already installed`);
    }
    this._plugins.push(plugin.name);
    plugin.install(this);
  }

  /** Adds a call interceptor (outermost first in registration order); dispose to remove it. */
  useCall(interceptor: CallInterceptor): Disposable {
    this._callChain = this._callChain.concat([interceptor]);
    return new Disposable((): void => {
      this._callChain = this._callChain.filter((i: CallInterceptor): boolean => i !== interceptor);
    });
  }

  /** Adds an attempt interceptor; dispose to remove it. */
  useAttempt(interceptor: AttemptInterceptor): Disposable {
    this._attemptChain = this._attemptChain.concat([interceptor]);
    return new Disposable((): void => {
      this._attemptChain = this._attemptChain.filter((i: AttemptInterceptor): boolean => i !== interceptor);
    });
  }

  /** Adds an inbound interceptor (runs for remote and local callers); dispose to remove it. */
  useInbound(interceptor: InboundInterceptor): Disposable {
    this._inboundChain = this._inboundChain.concat([interceptor]);
    return new Disposable((): void => {
      this._inboundChain = this._inboundChain.filter((i: InboundInterceptor): boolean => i !== interceptor);
    });
  }

  /** Membership changes of other devices (joined, suspect, alive, dead, left, updated). */
  onMembership(listener: Listener<MembershipEvent>): Disposable {
    return this.membership.onChange(listener);
  }

  /** Instance changes (up, down, updated, health), local and replicated. */
  onInstance(listener: Listener<InstanceEvent>): Disposable {
    return this.registry.onChange(listener);
  }

  /** One event per settled call. */
  onCall(listener: Listener<CallCompletedEvent>): Disposable {
    return this._callEvents.on(listener);
  }

  /**
   * Hosts a service on this device. Throws InvalidArgumentError / InvalidVersionError naming the
   * field, DuplicateInstanceError when the instance id is taken.
   */
  provide(serviceName: string, handler: ServiceHandler, options?: ProvideOptions): ServiceRegistration {
    if (typeof handler !== 'function') {
      throw new InvalidArgumentError('handler', 'must be a function');
    }
    if (this._state === NodeState.STOPPED || this._state === NodeState.CRASHED) {
      throw new MeshError(ErrorCode.STOPPED, `node ${this.deviceId} is ${this._state}`);
    }
    checkServiceName(serviceName, 'serviceName');
    const o = options ?? {};
    const instance = this.registry.register({
      id: o.instanceId ?? `${serviceName}@${this.deviceId}`, serviceName: serviceName, version: o.version ?? '1.0.0',
      deviceId: this.deviceId, deviceType: this.deviceType, endpoint: o.endpoint, weight: o.weight,
      zone: o.zone ?? this.zone, tags: o.tags, metadata: o.metadata
    });
    this._provided.set(instance.id, new Provided(instance, handler));
    const check: HealthCheckOptions | undefined = o.healthCheck;
    if (check !== undefined) {
      this.healthChecker.add(instance.id, check);
    }
    return new ServiceRegistration(instance, (): void => {
      this._provided.delete(instance.id);
      this.healthChecker.remove(instance.id);
      this.registry.deregister(instance.id);
    });
  }

  /**
   * Calls a service on whichever instance the balancer picks. Rejects with
   * NoHealthyInstanceError (ERR_NO_HEALTHY_INSTANCE) at once when no healthy instance matches,
   * TimeoutError (ERR_TIMEOUT) at the deadline, CancelledError when `options.token` is cancelled,
   * and with the handler's own code when it failed (RemoteError across devices). A handler's
   * MeshResponse comes back as it is, whatever its status.
   */
  call(serviceName: string, request: MeshRequest, options?: MeshCallOptions): Promise<MeshResponse> {
    if (this._state !== NodeState.RUNNING) {
      return Promise.reject(new MeshError(this._state === NodeState.CREATED || this._state === NodeState.STARTING
        ? ErrorCode.NOT_STARTED : ErrorCode.STOPPED, `node ${this.deviceId} is ${this._state}`) as Error);
    }
    const now = this.clock.now();
    let deadline = now + (options?.timeoutMs ?? this.defaultTimeoutMs);
    let filter: DiscoveryFilter | undefined = undefined;
    let token = CancellationToken.NONE;
    let hashKey: string | undefined = undefined;
    if (options !== undefined) {
      if (options.deadline !== undefined && options.deadline < deadline) {
        deadline = options.deadline;
      }
      if (options.headers !== undefined) {
        for (const k of Object.keys(options.headers)) {
          request.headers.set(k, options.headers[k]);
        }
      }
      filter = MeshNode.filterOf(options);
      token = options.token ?? CancellationToken.NONE;
      hashKey = options.hashKey;
    }
    if (request.deadline !== undefined && request.deadline < deadline) {
      deadline = request.deadline;
    }
    request.deadline = deadline;
    this.stats.calls++;
    const ctx = new CallContext(serviceName, request, deadline, token, hashKey, filter, now);
    const run = this._callChain.length === 0 ? this.selectAndAttempt(ctx) : this.runCall(ctx, this._callChain, 0);
    if (this._callEvents.size === 0) {
      return run;
    }
    return run.then((res: MeshResponse): MeshResponse => {
      this.emitCall(ctx, res, undefined);
      return res;
    }, (e: Error): MeshResponse => {
      this.emitCall(ctx, undefined, e);
      throw e;
    });
  }

  private static filterOf(o: MeshCallOptions): DiscoveryFilter | undefined {
    if (o.versionRange === undefined) {
      return o.filter;
    }
    if (o.filter === undefined) {
      const f: DiscoveryFilter = { versionRange: o.versionRange };
      return f;
    }
    const f = o.filter;
    const merged: DiscoveryFilter = {
      versionRange: o.versionRange, deviceType: f.deviceType, deviceId: f.deviceId, zone: f.zone, tags: f.tags,
      metadata: f.metadata, health: f.health, includeEjected: f.includeEjected
    };
    return merged;
  }

  private runCall(ctx: CallContext, chain: CallInterceptor[], index: number): Promise<MeshResponse> {
    if (index >= chain.length) {
      return this.selectAndAttempt(ctx);
    }
    try {
      return chain[index](ctx, (): Promise<MeshResponse> => this.runCall(ctx, chain, index + 1));
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  private runAttempt(actx: AttemptContext, chain: AttemptInterceptor[], index: number): Promise<MeshResponse> {
    if (index >= chain.length) {
      return this.attempt(actx);
    }
    try {
      return chain[index](actx, (): Promise<MeshResponse> => this.runAttempt(actx, chain, index + 1));
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  private runInbound(sctx: ServiceContext, handler: ServiceHandler, chain: InboundInterceptor[], index: number): Promise<MeshResponse> {
    try {
      if (index >= chain.length) {
        return handler(sctx.request, sctx);
      }
      return chain[index](sctx, (): Promise<MeshResponse> => this.runInbound(sctx, handler, chain, index + 1));
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  // Hot path: discovery (cached arrays) -> balancer -> one attempt.
  private selectAndAttempt(ctx: CallContext): Promise<MeshResponse> {
    if (this._state !== NodeState.RUNNING) {
      return Promise.reject(new MeshError(ErrorCode.STOPPED, `node ${this.deviceId} is ${this._state}`) as Error);
    }
    if (ctx.token.isCancelled) {
      return Promise.reject(ctx.token.reason as Error);
    }
    const name = ctx.serviceName;
    let candidates = ctx.filter === undefined ? this.registry.discover(name) : this.registry.discover(name, ctx.filter);
    if (candidates.length === 0) {
      this.stats.noHealthyInstance++;
      return Promise.reject(new NoHealthyInstanceError(name, this.registry.instancesOf(name).length) as Error);
    }
    const tried = ctx.triedInstanceIds;
    if (tried.length > 0 && candidates.length > 1) {
      const fresh = candidates.filter((i: ServiceInstance): boolean => tried.indexOf(i.id) < 0);
      if (fresh.length > 0) {
        candidates = fresh;
      }
    }
    let balancer = this._balancers.get(name);
    if (balancer === undefined) {
      balancer = this._balancerFactory(name);
      this._balancers.set(name, balancer);
    }
    const pick = this._pick;
    pick.hashKey = ctx.hashKey;
    pick.request = ctx.request;
    const instance = balancer.pick(candidates, pick) ?? candidates[0];
    pick.request = undefined;
    ctx.attempts++;
    ctx.markTried(instance);
    const actx = new AttemptContext(ctx, instance, ctx.attempts, instance.deviceId === this.deviceId, balancer);
    return this._attemptChain.length === 0 ? this.attempt(actx) : this.runAttempt(actx, this._attemptChain, 0);
  }

  private attempt(actx: AttemptContext): Promise<MeshResponse> {
    const instance = actx.instance;
    const balancer = actx.balancer;
    const started = this.clock.now();
    this.stats.attempts++;
    balancer.onCallStart(instance);
    const run = actx.local ? this.attemptLocal(actx, started) : this.attemptRemote(actx);
    return run.then((res: MeshResponse): MeshResponse => {
      const ok = res.status < 500;
      balancer.onCallEnd(instance, this.clock.now() - started, ok);
      if (ok) {
        this.outlierDetector.recordSuccess(instance);
      } else {
        this.outlierDetector.recordFailure(instance);
      }
      return res;
    }, (e: Error): MeshResponse => {
      balancer.onCallEnd(instance, this.clock.now() - started, false);
      if (isInstanceFailure(e)) {
        this.outlierDetector.recordFailure(instance);
      }
      throw e;
    });
  }

  private attemptRemote(actx: AttemptContext): Promise<MeshResponse> {
    this.stats.remoteAttempts++;
    const req = actx.call.request;
    const headers = CallCodec.requestHeaders(req, actx.call.serviceName, actx.instance.id);
    return this.transport.request(actx.instance.deviceId, MESH_CALL_TOPIC, req.body, headers, actx.deadline, actx.token)
      .then(CallCodec.toResponse);
  }

  private attemptLocal(actx: AttemptContext, now: number): Promise<MeshResponse> {
    this.stats.localAttempts++;
    const provided = this._provided.get(actx.instance.id);
    if (provided === undefined) {
      return Promise.reject(new MeshError(ErrorCode.SERVICE_NOT_FOUND,
        `instance ${actx.instance.id} is no longer provided on ${this.deviceId}`) as Error);
    }
    this.stats.served++;
    const sctx = new ServiceContext(this.clock, provided.instance, actx.call.request, this.deviceId, actx.deadline, true,
      actx.token);
    const run = this.runInbound(sctx, provided.handler, this._inboundChain, 0);
    return LocalCall.race(run, sctx, this._deadlines, actx.deadline, actx.token, now);
  }

  private onInbound(env: Envelope): Promise<Envelope> {
    const instanceId = env.headers[INSTANCE_HEADER];
    const provided = instanceId === undefined ? undefined : this._provided.get(instanceId);
    if (provided === undefined || this._state !== NodeState.RUNNING) {
      return Promise.reject(new MeshError(ErrorCode.SERVICE_NOT_FOUND,
        `${env.headers[SERVICE_HEADER] ?? 'service'} (${instanceId ?? '?'}) is not provided on ${this.deviceId}`) as Error);
    }
    this.stats.served++;
    const request = CallCodec.toRequest(env);
    const sctx = new ServiceContext(this.clock, provided.instance, request, env.from, env.deadline, false, CancellationToken.NONE);
    return this.runInbound(sctx, provided.handler, this._inboundChain, 0).then((res: MeshResponse): Envelope => {
      sctx.complete();
      return Envelope.replyTo(env, CallCodec.responseHeaders(res), res.body);
    }, (e: Error): Envelope => {
      sctx.complete();
      throw e;
    });
  }

  private emitCall(ctx: CallContext, res: MeshResponse | undefined, error: Error | undefined): void {
    const last = ctx.lastInstance;
    const now = this.clock.now();
    if (error !== undefined) {
      this.stats.callFailures++;
    }
    const event: CallCompletedEvent = {
      serviceName: ctx.serviceName, instanceId: last === undefined ? undefined : last.id,
      deviceId: last === undefined ? undefined : last.deviceId, outcome: error === undefined ? CallOutcome.OK : CallOutcome.ERROR,
      status: res === undefined ? undefined : res.status, code: error === undefined ? undefined : MeshError.from(error).code,
      latencyMs: now - ctx.startedAt, attempts: ctx.attempts, local: last !== undefined && last.deviceId === this.deviceId, at: now
    };
    this._callEvents.emit(event);
  }

  private onMemberChange(e: MembershipEvent): void {
    const m = e.member;
    switch (e.type) {
      case MemberEventType.DEAD:
      case MemberEventType.LEFT:
        this.registry.removeDevice(m.id);
        break;
      case MemberEventType.SUSPECT:
        this.registry.setDeviceSuspect(m.id, true);
        break;
      default: {
        const decoded = InstanceCodec.decode(m.meta, m.id, m.deviceType);
        if (decoded.invalid > 0) {
          this.logger.warn('invalid instance records from a member', { 'member': m.id, 'invalid': decoded.invalid });
        }
        this.registry.replaceDevice(m.id, decoded.instances);
        this.registry.setDeviceSuspect(m.id, false);
      }
    }
  }

  private encodeLocal(): string {
    return JSON.stringify(InstanceCodec.encode(this.registry.localInstances()));
  }

  // Coalesces the local changes of one turn (several provide() calls) into one publication.
  private schedulePublish(): void {
    if (this._publishPending || this._state !== NodeState.RUNNING) {
      return;
    }
    this._publishPending = true;
    Promise.resolve().then((): void => {
      this._publishPending = false;
      if (this._state !== NodeState.RUNNING) {
        return;
      }
      const text = this.encodeLocal();
      if (text !== this._published) {
        this._published = text;
        this.membership.setMeta(InstanceCodec.encode(this.registry.localInstances()));
      }
    });
  }

  private halt(reason: TransportCloseReason): void {
    if (this._state === NodeState.RUNNING || this._state === NodeState.STARTING) {
      this.shutdown(reason === TransportCloseReason.CRASHED ? NodeState.CRASHED : NodeState.STOPPED);
    }
  }

  private shutdown(state: NodeState): void {
    this._state = state;
    this.membership.stop();
    this.healthChecker.stop();
    this.outlierDetector.stop();
    for (const s of this._subscriptions) {
      s.dispose();
    }
    this._subscriptions = [];
  }
}
