import { CancellationToken } from '../../core/cancellation/CancellationToken';
import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { EventEmitter } from '../../core/events/EventEmitter';
import { Clock } from '../../platform/Clock';
import { BalancerFactory, LoadBalancer, PickContext } from '../../registry/balancers/LoadBalancer';
import { DiscoveryFilter } from '../../registry/DiscoveryFilter';
import { NoHealthyInstanceError } from '../../registry/errors/NoHealthyInstanceError';
import { OutlierDetector } from '../../registry/health/OutlierDetector';
import { ServiceInstance } from '../../registry/ServiceInstance';
import { ServiceRegistry } from '../../registry/ServiceRegistry';
import { Envelope } from '../../transport/Envelope';
import { DeadlineQueue } from '../../transport/internal/DeadlineQueue';
import { MeshRequest } from '../../transport/MeshRequest';
import { MeshResponse } from '../../transport/MeshResponse';
import { Transport } from '../../transport/Transport';
import { AttemptContext, CallContext } from '../CallContext';
import { AttemptInterceptor, CallInterceptor, InboundInterceptor, ServiceHandler } from '../Interceptors';
import { MeshCallOptions } from '../MeshCallOptions';
import { CallCompletedEvent, CallOutcome, MeshNodeStats } from '../MeshEvents';
import { ServiceContext } from '../ServiceContext';
import { CallCodec, INSTANCE_HEADER, MESH_CALL_TOPIC, SERVICE_HEADER } from './CallCodec';
import { isInstanceFailure } from './failures';
import { LocalCall } from './LocalCall';

/** A service this node hosts. */
export class Provided {
  readonly instance: ServiceInstance;
  readonly handler: ServiceHandler;

  constructor(instance: ServiceInstance, handler: ServiceHandler) {
    this.instance = instance;
    this.handler = handler;
  }
}

/** What the pipeline needs from its node. */
export interface PipelineConfig {
  deviceId: string;
  deviceType: string;
  zone: string | undefined;
  clock: Clock;
  transport: Transport;
  registry: ServiceRegistry;
  outliers: OutlierDetector;
  balancers: BalancerFactory;
  stats: MeshNodeStats;
  defaultTimeoutMs: number;
  running: () => boolean;
}

/**
 * The call path of a MeshNode, caller and provider side: interceptor chains, discovery, the
 * balancer, one attempt (local, raced against the deadline, or through the transport), passive
 * health and balancer feedback, call events; and inbound dispatch to the provided handlers.
 * With no interceptors the chains cost one length check each.
 */
export class CallPipeline {
  readonly provided: Map<string, Provided> = new Map<string, Provided>();
  readonly callEvents: EventEmitter<CallCompletedEvent> = new EventEmitter<CallCompletedEvent>();
  callChain: CallInterceptor[] = [];
  attemptChain: AttemptInterceptor[] = [];
  inboundChain: InboundInterceptor[] = [];
  private readonly _deviceId: string;
  private readonly _clock: Clock;
  private readonly _transport: Transport;
  private readonly _registry: ServiceRegistry;
  private readonly _outliers: OutlierDetector;
  private readonly _balancerFactory: BalancerFactory;
  private readonly _balancers: Map<string, LoadBalancer> = new Map<string, LoadBalancer>();
  private readonly _stats: MeshNodeStats;
  private readonly _defaultTimeoutMs: number;
  private readonly _running: () => boolean;
  private readonly _deadlines: DeadlineQueue;
  private readonly _pick: PickContext = new PickContext();

  constructor(c: PipelineConfig) {
    this._deviceId = c.deviceId;
    this._clock = c.clock;
    this._transport = c.transport;
    this._registry = c.registry;
    this._outliers = c.outliers;
    this._balancerFactory = c.balancers;
    this._stats = c.stats;
    this._defaultTimeoutMs = c.defaultTimeoutMs;
    this._running = c.running;
    this._deadlines = new DeadlineQueue(c.clock);
    this._pick.localDeviceId = c.deviceId;
    this._pick.localDeviceType = c.deviceType;
    this._pick.localZone = c.zone;
  }

  /** Rejects local calls still running with ERR_STOPPED and releases the deadline timer. */
  stop(): void {
    const error = new MeshError(ErrorCode.STOPPED, `node ${this._deviceId} stopped`) as Error;
    for (const d of this._deadlines.drain()) {
      (d as LocalCall).abort(error);
    }
  }

  /** The balancer of a service, if one was made. */
  balancerOf(serviceName: string): LoadBalancer | undefined {
    return this._balancers.get(serviceName);
  }

  call(serviceName: string, request: MeshRequest, options?: MeshCallOptions): Promise<MeshResponse> {
    const now = this._clock.now();
    let deadline = now + (options?.timeoutMs ?? this._defaultTimeoutMs);
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
      filter = CallPipeline.filterOf(options);
      token = options.token ?? CancellationToken.NONE;
      hashKey = options.hashKey;
    }
    if (request.deadline !== undefined && request.deadline < deadline) {
      deadline = request.deadline;
    }
    request.deadline = deadline;
    this._stats.calls++;
    const ctx = new CallContext(serviceName, request, deadline, token, hashKey, filter, now);
    if (options !== undefined) {
      ctx.parent = options.parent;
      ctx.route = options.route;
    }
    const run = this.callChain.length === 0 ? this.selectAndAttempt(ctx) : this.runCall(ctx, this.callChain, 0);
    if (this.callEvents.size === 0) {
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
    if (!this._running()) {
      return Promise.reject(new MeshError(ErrorCode.STOPPED, `node ${this._deviceId} is not running`) as Error);
    }
    if (ctx.token.isCancelled) {
      return Promise.reject(ctx.token.reason as Error);
    }
    const name = ctx.serviceName;
    let candidates = ctx.filter === undefined ? this._registry.discover(name) : this._registry.discover(name, ctx.filter);
    if (candidates.length === 0) {
      this._stats.noHealthyInstance++;
      return Promise.reject(new NoHealthyInstanceError(name, this._registry.instancesOf(name).length) as Error);
    }
    if (ctx.attempts > 0 && candidates.length > 1) {
      const fresh = candidates.filter((i: ServiceInstance): boolean => !ctx.tried(i.id));
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
    const actx = new AttemptContext(ctx, instance, ctx.attempts, instance.deviceId === this._deviceId, balancer);
    return this.attemptChain.length === 0 ? this.attempt(actx) : this.runAttempt(actx, this.attemptChain, 0);
  }

  private attempt(actx: AttemptContext): Promise<MeshResponse> {
    const instance = actx.instance;
    const balancer = actx.balancer;
    const started = this._clock.now();
    this._stats.attempts++;
    balancer.onCallStart(instance);
    const failed = (e: Error): MeshResponse => {
      balancer.onCallEnd(instance, this._clock.now() - started, false);
      if (isInstanceFailure(e)) {
        this._outliers.recordFailure(instance);
      }
      throw e;
    };
    if (actx.local) {
      return this.attemptLocal(actx, started).then((res: MeshResponse): MeshResponse =>
        this.finished(instance, balancer, started, res), failed);
    }
    // Remote: the response envelope becomes a MeshResponse in the same step (one promise less).
    this._stats.remoteAttempts++;
    const req = actx.call.request;
    const headers = CallCodec.requestHeaders(req, actx.call.serviceName, instance.id);
    return this._transport.request(instance.deviceId, MESH_CALL_TOPIC, req.body, headers, actx.deadline, actx.token)
      .then((env: Envelope): MeshResponse => this.finished(instance, balancer, started, CallCodec.toResponse(env)), failed);
  }

  private finished(instance: ServiceInstance, balancer: LoadBalancer, started: number, res: MeshResponse): MeshResponse {
    const ok = res.status < 500;
    balancer.onCallEnd(instance, this._clock.now() - started, ok);
    if (ok) {
      this._outliers.recordSuccess(instance);
    } else {
      this._outliers.recordFailure(instance);
    }
    return res;
  }

  private attemptLocal(actx: AttemptContext, now: number): Promise<MeshResponse> {
    this._stats.localAttempts++;
    const provided = this.provided.get(actx.instance.id);
    if (provided === undefined) {
      return Promise.reject(new MeshError(ErrorCode.SERVICE_NOT_FOUND,
        `instance ${actx.instance.id} is no longer provided on ${this._deviceId}`) as Error);
    }
    this._stats.served++;
    const sctx = new ServiceContext(this._clock, provided.instance, actx.call.request, this._deviceId, actx.deadline, true,
      actx.token);
    const run = this.runInbound(sctx, provided.handler, this.inboundChain, 0);
    return LocalCall.race(run, sctx, this._deadlines, actx.deadline, actx.token, now);
  }

  onInbound(env: Envelope): Promise<Envelope> {
    const instanceId = env.headers[INSTANCE_HEADER];
    const provided = instanceId === undefined ? undefined : this.provided.get(instanceId);
    if (provided === undefined || !this._running()) {
      return Promise.reject(new MeshError(ErrorCode.SERVICE_NOT_FOUND,
        `${env.headers[SERVICE_HEADER] ?? 'service'} (${instanceId ?? '?'}) is not provided on ${this._deviceId}`) as Error);
    }
    this._stats.served++;
    const request = CallCodec.toRequest(env);
    const sctx = new ServiceContext(this._clock, provided.instance, request, env.from, env.deadline, false, CancellationToken.NONE);
    return this.runInbound(sctx, provided.handler, this.inboundChain, 0).then((res: MeshResponse): Envelope => {
      sctx.complete();
      return Envelope.replyTo(env, CallCodec.responseHeaders(res), res.body);
    }, (e: Error): Envelope => {
      sctx.complete();
      throw e;
    });
  }

  private emitCall(ctx: CallContext, res: MeshResponse | undefined, error: Error | undefined): void {
    const last = ctx.lastInstance;
    const now = this._clock.now();
    if (error !== undefined) {
      this._stats.callFailures++;
    }
    const event: CallCompletedEvent = {
      serviceName: ctx.serviceName, instanceId: last === undefined ? undefined : last.id,
      deviceId: last === undefined ? undefined : last.deviceId, outcome: error === undefined ? CallOutcome.OK : CallOutcome.ERROR,
      status: res === undefined ? undefined : res.status, code: error === undefined ? undefined : MeshError.from(error).code,
      latencyMs: now - ctx.startedAt, attempts: ctx.attempts, local: last !== undefined && last.deviceId === this._deviceId, at: now
    };
    this.callEvents.emit(event);
  }
}
