import { CancellationToken } from '../core/cancellation/CancellationToken';
import { DiscoveryFilter } from '../registry/DiscoveryFilter';
import { LoadBalancer } from '../registry/balancers/LoadBalancer';
import { ServiceInstance } from '../registry/ServiceInstance';
import { MeshRequest } from '../transport/MeshRequest';
import { Span } from '../tracing/api/Span';
import { SpanContext } from '../tracing/api/SpanContext';

/**
 * One `MeshNode.call` as call interceptors see it. Interceptors may change the request's headers
 * (a tracer injects `traceparent`), shorten `deadline`, swap `token`, and share data through
 * `attributes`. Each `next()` re-runs instance selection and one attempt; instances already
 * tried in this call are avoided while others are available.
 */
export class CallContext {
  readonly serviceName: string;
  readonly request: MeshRequest;
  /** Absolute deadline (Clock ms) of the whole call. */
  deadline: number;
  token: CancellationToken;
  /** Consistent-hash key for the balancer. */
  hashKey: string | undefined;
  /** Instance filter for discovery (version range merged in). */
  filter: DiscoveryFilter | undefined;
  /** Clock time the call started. */
  readonly startedAt: number;
  /** Attempts made so far. */
  attempts: number = 0;
  /** The instance of the latest attempt. */
  lastInstance: ServiceInstance | undefined = undefined;
  /** The caller's span context (`MeshCallOptions.parent`), if given. */
  parent: SpanContext | undefined = undefined;
  /** The gateway route id the call serves (`MeshCallOptions.route`), if given. */
  route: string | undefined = undefined;
  /** The call's client span, set by the tracing plugin (undefined without it). */
  span: Span | undefined = undefined;
  private _attributes: Map<string, Object> | undefined = undefined;
  private _tried: string[] | undefined = undefined;

  constructor(serviceName: string, request: MeshRequest, deadline: number, token: CancellationToken,
    hashKey: string | undefined, filter: DiscoveryFilter | undefined, startedAt: number) {
    this.serviceName = serviceName;
    this.request = request;
    this.deadline = deadline;
    this.token = token;
    this.hashKey = hashKey;
    this.filter = filter;
    this.startedAt = startedAt;
  }

  /** Data shared by interceptors of this call (a client span, a retry budget, ...). */
  get attributes(): Map<string, Object> {
    let a = this._attributes;
    if (a === undefined) {
      a = new Map<string, Object>();
      this._attributes = a;
    }
    return a;
  }

  /** Ids of the instances tried so far, in order. */
  get triedInstanceIds(): ReadonlyArray<string> {
    if (this._tried !== undefined) {
      return this._tried;
    }
    return this.lastInstance === undefined ? [] : [this.lastInstance.id];
  }

  /** True when `instanceId` was tried in an earlier attempt of this call. */
  tried(instanceId: string): boolean {
    if (this._tried !== undefined) {
      return this._tried.indexOf(instanceId) >= 0;
    }
    return this.lastInstance !== undefined && this.lastInstance.id === instanceId;
  }

  /** @internal */
  markTried(instance: ServiceInstance): void {
    // The common single-attempt call allocates nothing here; the list exists from attempt 2 on.
    const last = this.lastInstance;
    if (last !== undefined) {
      if (this._tried === undefined) {
        this._tried = [last.id];
      }
      this._tried.push(instance.id);
    }
    this.lastInstance = instance;
  }
}

/**
 * One attempt of a call, after the balancer picked `instance`: what attempt interceptors see
 * (per-instance circuit breakers, per-attempt timeouts, passive health). An interceptor may
 * lower `deadline` or replace `token` for this attempt only.
 */
export class AttemptContext {
  readonly call: CallContext;
  readonly instance: ServiceInstance;
  /** 1 for the first attempt of the call. */
  readonly attempt: number;
  /** True when the instance is on this device (the attempt does not touch the network). */
  readonly local: boolean;
  deadline: number;
  token: CancellationToken;
  /** @internal The balancer that picked the instance (told when the attempt ends). */
  readonly balancer: LoadBalancer;

  constructor(call: CallContext, instance: ServiceInstance, attempt: number, local: boolean, balancer: LoadBalancer) {
    this.call = call;
    this.instance = instance;
    this.attempt = attempt;
    this.local = local;
    this.deadline = call.deadline;
    this.token = call.token;
    this.balancer = balancer;
  }

  get request(): MeshRequest {
    return this.call.request;
  }

  get serviceName(): string {
    return this.call.serviceName;
  }

  /** The call's shared attributes. */
  get attributes(): Map<string, Object> {
    return this.call.attributes;
  }

}
