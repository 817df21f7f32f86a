import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { InvalidStateError } from '../../core/errors/InvalidStateError';
import { MeshError } from '../../core/errors/MeshError';
import { BreakerOpenError } from '../../resilience/errors/BreakerOpenError';
import { Span } from '../../tracing/api/Span';
import { SpanAttributes } from '../../tracing/api/SpanAttributes';
import { SpanContext } from '../../tracing/api/SpanContext';
import { SpanKind } from '../../tracing/api/SpanKind';
import { SpanOptions } from '../../tracing/api/SpanOptions';
import { recordBreakerRejection } from '../../tracing/instrumentation/breakerEvents';
import { endRpcSpan } from '../../tracing/instrumentation/rpcSpans';
import { TraceAttributeNames } from '../../tracing/instrumentation/TraceAttributeNames';
import { TraceContextPropagator } from '../../tracing/propagation/TraceContextPropagator';
import { Tracer } from '../../tracing/sdk/Tracer';
import { NonRecordingSpan } from '../../tracing/sdk/NonRecordingSpan';
import { TracerProvider } from '../../tracing/sdk/TracerProvider';
import { MeshRequest } from '../../transport/MeshRequest';
import { MeshResponse } from '../../transport/MeshResponse';
import { AttemptContext, CallContext } from '../CallContext';
import type { MeshNode } from '../MeshNode';
import { MeshPlugin } from '../MeshPlugin';
import { ServiceContext } from '../ServiceContext';
import { TracingGatewayMiddleware } from './TracingGatewayMiddleware';
import {
  ATTEMPT_ATTRIBUTE, ATTEMPT_FAILED_EVENT, DEFAULT_GATEWAY_SPAN_SERVICE, DEFAULT_MESH_TRACER_NAME, INSTANCE_ID_ATTRIBUTE,
  RETRY_EVENT, ROUTE_ID_ATTRIBUTE, TracingPluginOptions
} from './TracingPluginOptions';

const PROPAGATOR = new TraceContextPropagator();

/**
 * Automatic spans for a MeshNode: a CLIENT span per `node.call` (`useCall`), a SERVER span per
 * call a provided service handles (`useInbound`), and a SERVER span per gateway request (a global
 * middleware on `node.gateway`), connected across devices by W3C `traceparent` in the request
 * headers (which travel as envelope headers). Retries and failed attempts are events on the client
 * span, breaker rejections `arkmesh.breaker.rejected` events. Handlers continue a trace by passing
 * `ctx.spanContext` as `MeshCallOptions.parent`.
 *
 * Sampling-aware: the full name and the attributes are set only on recording spans (samplers see
 * the service name as the span name, the kind and the parent), and an unsampled span costs a
 * sampler decision, an id draw only where the trace starts, and no promise of its own. Install it before the resilience plugin so its
 * attempt interceptor sees breaker rejections.
 *
 * @example
 * const provider = new TracerProvider({ random, clock, resource: TraceResource.forService('phone', 'phone-1'),
 *   processors: [new BatchSpanProcessor(exporter, { clock })] });
 * MeshNode.create({ ..., plugins: [new TracingPlugin({ tracer: provider })] });
 */
export class TracingPlugin implements MeshPlugin {
  readonly name: string = 'tracing';
  readonly install: (node: MeshNode) => void;
  /** The tracer every span comes from. */
  readonly tracer: Tracer;
  /** The gateway middleware (installed on `node.gateway` unless `gateway: false`). */
  readonly gatewayMiddleware: TracingGatewayMiddleware;
  private readonly _calls: boolean;
  private readonly _inbound: boolean;
  private readonly _gateway: boolean;
  private readonly _capture: string[];
  // One options object reused by every start: the tracer reads it synchronously and keeps nothing.
  private readonly _start: SpanOptions = { kind: SpanKind.CLIENT };
  // A local attempt hands the request object itself to the handler: the server span finds the
  // context the client propagated here instead of parsing the traceparent it just wrote.
  private readonly _local: WeakMap<MeshRequest, SpanContext> = new WeakMap<MeshRequest, SpanContext>();
  private _node: MeshNode | undefined = undefined;

  /** @throws InvalidArgumentError when `options.tracer` is neither a Tracer nor a TracerProvider. */
  constructor(options: TracingPluginOptions) {
    const source = options === undefined || options === null ? undefined : options.tracer;
    if (source instanceof TracerProvider) {
      this.tracer = source.getTracer(DEFAULT_MESH_TRACER_NAME);
    } else if (source instanceof Tracer) {
      this.tracer = source;
    } else {
      throw new InvalidArgumentError('options.tracer', 'must be a Tracer or a TracerProvider');
    }
    this._calls = options.calls ?? true;
    this._inbound = options.inbound ?? true;
    this._gateway = options.gateway ?? true;
    this._capture = (options.captureHeaders ?? []).map((h: string): string => h.toLowerCase());
    this.gatewayMiddleware = new TracingGatewayMiddleware(this.tracer, options.gatewayName ?? DEFAULT_GATEWAY_SPAN_SERVICE,
      this._capture);
    this.install = (node: MeshNode): void => this.attach(node);
  }

  private attach(node: MeshNode): void {
    if (this._node !== undefined) {
      throw new InvalidStateError(`the tracing plugin is installed on ${this._node.deviceId}; make one per node`);
    }
    this._node = node;
    if (this._calls) {
      node.useCall(this.onCall);
      node.useAttempt(this.onAttempt);
    }
    if (this._inbound) {
      node.useInbound(this.onInbound);
    }
    if (this._gateway) {
      node.gateway.use(this.gatewayMiddleware);
    }
  }

  private startSpan(name: string, kind: SpanKind, parent: SpanContext | undefined): Span {
    const o = this._start;
    o.kind = kind;
    o.parent = parent;
    const span = this.tracer.startSpan(name, o);
    o.parent = undefined;
    return span;
  }

  private readonly onCall = (ctx: CallContext, next: () => Promise<MeshResponse>): Promise<MeshResponse> => {
    const request = ctx.request;
    let parent = ctx.parent;
    const fromHeaders = parent === undefined;
    if (fromHeaders) {
      parent = PROPAGATOR.extract(request.headers);
    }
    // Named by the service until the sampler has decided: only a recording span pays for its full name.
    const span = this.startSpan(ctx.serviceName, SpanKind.CLIENT, parent);
    if (!span.isRecording()) {
      // Unsampled: the callee only needs the trace id and the unsampled flag. An unsampled parent
      // already carries both (no id is drawn); a header that says so is left as it is.
      const carried = parent !== undefined && !parent.isSampled && parent.isValid() ? parent : span.spanContext();
      if (!(fromHeaders && carried === parent)) {
        PROPAGATOR.inject(carried, request.headers);
      }
      ctx.span = carried === parent ? new NonRecordingSpan(carried) : span;
      return next();
    }
    ctx.span = span;
    this.describe(span, ctx.serviceName, request);
    if (ctx.route !== undefined) {
      span.setAttribute(ROUTE_ID_ATTRIBUTE, ctx.route);
    }
    PROPAGATOR.inject(span.spanContext(), request.headers);
    return next().then((res: MeshResponse): MeshResponse => {
      endRpcSpan(span, SpanKind.CLIENT, res);
      return res;
    }, (e: Error): MeshResponse => {
      endRpcSpan(span, SpanKind.CLIENT, undefined, e);
      throw e;
    });
  };

  private readonly onAttempt = (actx: AttemptContext, next: () => Promise<MeshResponse>): Promise<MeshResponse> => {
    const span = actx.call.span;
    if (span === undefined) {
      return next();
    }
    if (actx.local) {
      this._local.set(actx.request, span.spanContext());
    }
    if (!span.isRecording()) {
      return next();
    }
    const instance = actx.instance;
    span.setAttribute(TraceAttributeNames.PEER_DEVICE, instance.deviceId);
    span.setAttribute(INSTANCE_ID_ATTRIBUTE, instance.id);
    if (actx.attempt > 1) {
      const retry: SpanAttributes = { 'arkmesh.attempt': actx.attempt, 'arkmesh.instance.id': instance.id };
      span.addEvent(RETRY_EVENT, retry);
    }
    return next().catch((e: Error): MeshResponse => {
      TracingPlugin.attemptFailed(span, actx, e);
      throw e;
    });
  };

  private readonly onInbound = (sctx: ServiceContext, next: () => Promise<MeshResponse>): Promise<MeshResponse> => {
    const request = sctx.request;
    let parent: SpanContext | undefined = undefined;
    if (sctx.local) {
      // The caller is on this device: its client span is a local parent, not a remote one.
      parent = this._local.get(request);
      if (parent !== undefined) {
        this._local.delete(request);
      }
    }
    if (parent === undefined) {
      parent = PROPAGATOR.extract(request.headers);
    }
    const span = this.startSpan(sctx.serviceName, SpanKind.SERVER, parent);
    sctx.span = span;
    if (!span.isRecording()) {
      return next();
    }
    this.describe(span, sctx.serviceName, request);
    span.setAttribute(TraceAttributeNames.PEER_DEVICE, sctx.callerDeviceId);
    span.setAttribute(INSTANCE_ID_ATTRIBUTE, sctx.instance.id);
    if (!sctx.local) {
      // Headers the handler forwards now parent downstream calls under this span. (A local call
      // shares the caller's request object, which must keep the client span's context.)
      PROPAGATOR.inject(span.spanContext(), request.headers);
    }
    return next().then((res: MeshResponse): MeshResponse => {
      endRpcSpan(span, SpanKind.SERVER, res);
      return res;
    }, (e: Error): MeshResponse => {
      endRpcSpan(span, SpanKind.SERVER, undefined, e);
      throw e;
    });
  };

  private describe(span: Span, service: string, request: MeshRequest): void {
    span.updateName(`${service} ${request.method} ${request.path}`);
    span.setAttribute(TraceAttributeNames.RPC_SYSTEM, TraceAttributeNames.SYSTEM_ARKMESH);
    span.setAttribute(TraceAttributeNames.RPC_SERVICE, service);
    span.setAttribute(TraceAttributeNames.RPC_METHOD, request.path);
    span.setAttribute(TraceAttributeNames.HTTP_REQUEST_METHOD, request.method);
    span.setAttribute(TraceAttributeNames.URL_PATH, request.path);
    const capture = this._capture;
    for (let i = 0; i < capture.length; i++) {
      const value = request.headers.get(capture[i]);
      if (value !== undefined) {
        span.setAttribute(`http.request.header.${capture[i]}`, value);
      }
    }
  }

  private static attemptFailed(span: Span, actx: AttemptContext, e: Error): void {
    if (e instanceof BreakerOpenError) {
      recordBreakerRejection(span, e.breakerName, e.state);
      return;
    }
    const failed: SpanAttributes = {
      'error.type': e instanceof MeshError ? e.code : e.name, 'arkmesh.attempt': actx.attempt,
      'arkmesh.instance.id': actx.instance.id
    };
    span.addEvent(ATTEMPT_FAILED_EVENT, failed);
  }
}

/** A {@link TracingPlugin} for `options` (what `MeshNodeOptions.tracing` installs). */
export const tracingPlugin = (options: TracingPluginOptions): TracingPlugin => new TracingPlugin(options);
