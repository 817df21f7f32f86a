import { ErrorCode } from '../core/errors/ErrorCode';
import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { MeshError } from '../core/errors/MeshError';
import { Disposable } from '../core/events/Disposable';
import { Listener } from '../core/events/EventEmitter';
import { Gateway, GatewayHandleOptions } from '../gateway/Gateway';
import { MembershipEvent } from '../membership/Member';
import { MemberEventType } from '../membership/MemberState';
import { Membership } from '../membership/Membership';
import { Clock } from '../platform/Clock';
import { Random } from '../platform/Random';
import { Crypto } from '../platform/crypto/Crypto';
import { Logger } from '../platform/logging/Logger';
import { NoopLogger } from '../platform/logging/NoopLogger';
import { KeyValueStore } from '../platform/store/KeyValueStore';
import { MemoryStore } from '../platform/store/MemoryStore';
import { InstanceEvent } from '../registry/RegistryEvents';
import { ServiceRegistry } from '../registry/ServiceRegistry';
import { LoadBalancer } from '../registry/balancers/LoadBalancer';
import { LocalityAwareBalancer } from '../registry/balancers/LocalityAwareBalancer';
import { P2cEwmaBalancer } from '../registry/balancers/P2cEwmaBalancer';
import { HealthChecker, HealthCheckOptions } from '../registry/health/HealthChecker';
import { OutlierDetector } from '../registry/health/OutlierDetector';
import { checkLabel, checkServiceName } from '../registry/internal/validate';
import { InstanceCodec } from '../registry/replication/InstanceCodec';
import { Envelope } from '../transport/Envelope';
import { MeshRequest } from '../transport/MeshRequest';
import { MeshResponse } from '../transport/MeshResponse';
import { Transport, TransportClosedEvent, TransportCloseReason } from '../transport/Transport';
import { AttemptInterceptor, CallInterceptor, InboundInterceptor, ServiceHandler } from './Interceptors';
import { MeshCallOptions } from './MeshCallOptions';
import { CallCompletedEvent, MeshNodeStats, NodeState } from './MeshEvents';
import { checkNodeOptions, MESH_STORE_PREFIX, MeshNodeOptions } from './MeshNodeOptions';
import { MeshPlugin } from './MeshPlugin';
import { ProvideOptions } from './ProvideOptions';
import { ServiceRegistration } from './ServiceRegistration';
import { MESH_CALL_TOPIC } from './internal/CallCodec';
import { CallPipeline, Provided } from './internal/CallPipeline';
import { createMeshGateway, MeshGatewayOptions } from './plugins/MeshGatewayOptions';
import { standardPlugins } from './plugins/standardPlugins';

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
  private readonly _pipeline: CallPipeline;
  private readonly _plugins: string[] = [];
  private readonly _pluginsByName: Map<string, MeshPlugin> = new Map<string, MeshPlugin>();
  private readonly _gatewayOptions: MeshGatewayOptions | undefined;
  private _gateway: Gateway | undefined = undefined;
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
    this._gatewayOptions = o.gateway;
    this.registry = new ServiceRegistry(o.deviceId);
    this.membership = new Membership({
      transport: o.transport, clock: o.clock, random: o.random, deviceType: o.deviceType, logger: this.logger,
      options: o.membership
    });
    this.outlierDetector = new OutlierDetector(o.clock, this.registry, o.outlierDetection);
    this.healthChecker = new HealthChecker(o.clock, this.registry);
    const random = o.random;
    const clock = o.clock;
    this._pipeline = new CallPipeline({
      deviceId: o.deviceId, deviceType: o.deviceType, zone: o.zone, clock: o.clock, transport: o.transport,
      registry: this.registry, outliers: this.outlierDetector, stats: this.stats, defaultTimeoutMs: timeout,
      balancers: o.balancer ?? ((name: string): LoadBalancer => new LocalityAwareBalancer(new P2cEwmaBalancer(random, clock))),
      running: (): boolean => this._state === NodeState.RUNNING
    });
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
    if (options.gateway !== undefined) {
      // Built now, so a bad route fails here.
      node.buildGateway();
    }
    const standard = standardPlugins({ tracing: options.tracing, resilience: options.resilience, metrics: options.metrics });
    for (const p of standard) {
      node.use(p);
    }
    const middleware = options.gateway?.middleware;
    if (middleware !== undefined) {
      for (const mw of middleware) {
        node.gateway.use(mw);
      }
    }
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

  /** The installed plugin named `name`, if any. */
  plugin(name: string): MeshPlugin | undefined {
    return this._pluginsByName.get(name);
  }

  /**
   * This node's gateway: routes requests by path to services and calls them through this node's
   * own call path (`call`), so both share discovery, balancers, interceptors and events. Routes
   * and middleware come from `options.gateway` and `gateway.addRoute`/`use`.
   */
  get gateway(): Gateway {
    return this._gateway ?? this.buildGateway();
  }

  /**
   * Routes `request` by method and path through `node.gateway` to a service and calls it. Never
   * rejects: failures are error responses (404 no route, 503 no healthy instance or breaker open,
   * 504 timeout, ...; see the gateway's ErrorStatusTable).
   */
  request(request: MeshRequest, options?: GatewayHandleOptions): Promise<MeshResponse> {
    return this.gateway.handle(request, options);
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
      t.onRequest(MESH_CALL_TOPIC, (env: Envelope): Promise<Envelope> => this._pipeline.onInbound(env)),
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
    this._pluginsByName.set(plugin.name, plugin);
    plugin.install(this);
  }

  /** Adds a call interceptor (outermost first in registration order); dispose to remove it. */
  useCall(interceptor: CallInterceptor): Disposable {
    const p = this._pipeline;
    p.callChain = p.callChain.concat([interceptor]);
    return new Disposable((): void => {
      p.callChain = p.callChain.filter((i: CallInterceptor): boolean => i !== interceptor);
    });
  }

  /** Adds an attempt interceptor; dispose to remove it. */
  useAttempt(interceptor: AttemptInterceptor): Disposable {
    const p = this._pipeline;
    p.attemptChain = p.attemptChain.concat([interceptor]);
    return new Disposable((): void => {
      p.attemptChain = p.attemptChain.filter((i: AttemptInterceptor): boolean => i !== interceptor);
    });
  }

  /** Adds an inbound interceptor (runs for remote and local callers); dispose to remove it. */
  useInbound(interceptor: InboundInterceptor): Disposable {
    const p = this._pipeline;
    p.inboundChain = p.inboundChain.concat([interceptor]);
    return new Disposable((): void => {
      p.inboundChain = p.inboundChain.filter((i: InboundInterceptor): boolean => i !== interceptor);
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
    return this._pipeline.callEvents.on(listener);
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
    this._pipeline.provided.set(instance.id, new Provided(instance, handler));
    const check: HealthCheckOptions | undefined = o.healthCheck;
    if (check !== undefined) {
      this.healthChecker.add(instance.id, check);
    }
    return new ServiceRegistration(instance, (): void => {
      this._pipeline.provided.delete(instance.id);
      this.healthChecker.remove(instance.id);
      this.registry.deregister(instance.id);
    });
  }

  /**
   * Calls a service on whichever instance the balancer picks. Rejects with
   * NoHealthyInstanceError (ERR_NO_HEALTHY_INSTANCE) at once when no healthy instance matches,
   * TimeoutError (ERR_TIMEOUT) at the deadline, CancelledError when `options.token` is cancelled,
   * and with the handler's own code when it failed (RemoteError across devices). A handler's
   * MeshResponse comes back as it is, whatever its status. Not started: ERR_NOT_STARTED;
   * stopped or crashed: ERR_STOPPED.
   */
  call(serviceName: string, request: MeshRequest, options?: MeshCallOptions): Promise<MeshResponse> {
    if (this._state !== NodeState.RUNNING) {
      return Promise.reject(new MeshError(this._state === NodeState.CREATED || this._state === NodeState.STARTING
        ? ErrorCode.NOT_STARTED : ErrorCode.STOPPED, `node ${this.deviceId} is ${this._state}`) as Error);
    }
    try {
      return this._pipeline.call(serviceName, request, options);
    } catch (e) {
      // Bad input (an invalid header or version range) rejects like every other failure.
      return Promise.reject(MeshError.from(e as Error) as Error);
    }
  }

  private buildGateway(): Gateway {
    let g = this._gateway;
    if (g === undefined) {
      g = createMeshGateway(this._gatewayOptions, this.clock, this.random, this.logger,
        (name: string, request: MeshRequest, options: MeshCallOptions): Promise<MeshResponse> => this.call(name, request, options));
      this._gateway = g;
    }
    return g;
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
    this._pipeline.stop();
    for (const s of this._subscriptions) {
      s.dispose();
    }
    this._subscriptions = [];
  }
}
