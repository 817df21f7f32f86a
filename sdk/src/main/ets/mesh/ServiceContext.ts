import { CancellationSource, CancellationToken } from '../core/cancellation/CancellationToken';
import { TimeoutError } from '../core/errors/TimeoutError';
import { Clock, TimerId } from '../platform/Clock';
import { ServiceInstance } from '../registry/ServiceInstance';
import { MeshRequest } from '../transport/MeshRequest';
import { Span } from '../tracing/api/Span';
import { SpanContext } from '../tracing/api/SpanContext';

/**
 * What a service handler and inbound interceptors know about one incoming call. `token` is
 * cancelled at the deadline (and, for a call from this very device, when the caller cancels);
 * it is created on first use, so handlers that never look at it cost nothing.
 */
export class ServiceContext {
  readonly serviceName: string;
  /** The local instance serving the call. */
  readonly instance: ServiceInstance;
  /** The request: inbound interceptors may read and change its headers. */
  readonly request: MeshRequest;
  /** The calling device. */
  readonly callerDeviceId: string;
  /** Absolute deadline (Clock ms), undefined when the caller set none. */
  readonly deadline: number | undefined;
  /** True when caller and provider are the same device (no network was used). */
  readonly local: boolean;
  /** Clock time the call arrived. */
  readonly receivedAt: number;
  /** The server span of this call, set by the tracing plugin (undefined without it). */
  span: Span | undefined = undefined;
  private readonly _clock: Clock;
  private readonly _parent: CancellationToken;
  private _source: CancellationSource | undefined = undefined;
  private _timer: TimerId = -1;
  private _attributes: Map<string, Object> | undefined = undefined;

  constructor(clock: Clock, instance: ServiceInstance, request: MeshRequest, callerDeviceId: string,
    deadline: number | undefined, local: boolean, parent: CancellationToken) {
    this._clock = clock;
    this.serviceName = instance.serviceName;
    this.instance = instance;
    this.request = request;
    this.callerDeviceId = callerDeviceId;
    this.deadline = deadline;
    this.local = local;
    this.receivedAt = clock.now();
    this._parent = parent;
  }

  /** Data shared between inbound interceptors and the handler (e.g. a server span, a principal). */
  get attributes(): Map<string, Object> {
    let a = this._attributes;
    if (a === undefined) {
      a = new Map<string, Object>();
      this._attributes = a;
    }
    return a;
  }

  /**
   * The server span's context, to pass as `MeshCallOptions.parent` when the handler calls other
   * services (so the trace continues); undefined without the tracing plugin.
   */
  get spanContext(): SpanContext | undefined {
    const span = this.span;
    return span === undefined ? undefined : span.spanContext();
  }

  /** Milliseconds left before the deadline (Infinity without one). */
  get remainingMs(): number {
    return this.deadline === undefined ? Infinity : Math.max(0, this.deadline - this._clock.now());
  }

  /** Cancelled at the deadline or when a local caller cancels. */
  get token(): CancellationToken {
    let s = this._source;
    if (s === undefined) {
      s = new CancellationSource(this._parent === CancellationToken.NONE ? undefined : this._parent);
      this._source = s;
      const deadline = this.deadline;
      if (deadline !== undefined) {
        const source = s;
        this._timer = this._clock.setTimer(deadline - this._clock.now(), (): void => {
          this._timer = -1;
          source.cancel(new TimeoutError(`call to ${this.serviceName} passed its deadline`, deadline - this.receivedAt) as Error);
        });
      }
    }
    return s.token;
  }

  /** True once `token` has been created. */
  get hasToken(): boolean {
    return this._source !== undefined;
  }

  /** @internal Cancels the token (a local caller gave up). */
  cancel(reason: Error): void {
    if (this._source !== undefined) {
      this._source.cancel(reason);
    }
  }

  /** @internal Releases the deadline timer once the call is answered. */
  complete(): void {
    if (this._timer !== -1) {
      this._clock.clearTimer(this._timer);
      this._timer = -1;
    }
    if (this._source !== undefined) {
      this._source.dispose();
    }
  }
}
