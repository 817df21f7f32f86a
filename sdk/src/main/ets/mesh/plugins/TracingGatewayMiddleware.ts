import { MeshError } from '../../core/errors/MeshError';
import { GatewayContext } from '../../gateway/GatewayContext';
import { GatewayMiddleware, GatewayNext } from '../../gateway/GatewayMiddleware';
import { SpanKind } from '../../tracing/api/SpanKind';
import { SpanOptions } from '../../tracing/api/SpanOptions';
import { endRpcSpan } from '../../tracing/instrumentation/rpcSpans';
import { TraceAttributeNames } from '../../tracing/instrumentation/TraceAttributeNames';
import { TraceContextPropagator } from '../../tracing/propagation/TraceContextPropagator';
import { Tracer } from '../../tracing/sdk/Tracer';
import { GATEWAY_SPAN_ATTRIBUTE } from './NodeUpstream';
import { REQUEST_ID_ATTRIBUTE, ROUTE_ID_ATTRIBUTE } from './TracingPluginOptions';

const PROPAGATOR = new TraceContextPropagator();

/**
 * A SERVER span per gateway request, named `<gateway> <METHOD> <route template>` (just
 * `<gateway> <METHOD>` for unrouted requests, so raw paths never reach span names). Its parent is
 * the incoming `traceparent`; the span is stored under {@link GATEWAY_SPAN_ATTRIBUTE}, where the
 * node's upstream picks it up as the parent of the call's client span. 5xx responses mark it
 * ERROR with the error recorded; 4xx set `error.type` only (OpenTelemetry's server-span rule).
 * The tracing plugin installs it as a global middleware; it belongs outermost.
 */
export class TracingGatewayMiddleware implements GatewayMiddleware {
  readonly name: string = 'tracing';
  private readonly _tracer: Tracer;
  private readonly _service: string;
  private readonly _capture: string[];

  constructor(tracer: Tracer, service: string, captureHeaders: string[]) {
    this._tracer = tracer;
    this._service = service;
    this._capture = captureHeaders;
  }

  async handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    const request = ctx.request;
    const route = ctx.route;
    const template = route !== undefined && route.route !== undefined ? route.route.path : undefined;
    const name = template !== undefined ? `${this._service} ${request.method} ${template}` : `${this._service} ${request.method}`;
    const options: SpanOptions = { kind: SpanKind.SERVER, parent: PROPAGATOR.extract(request.headers) };
    const span = this._tracer.startSpan(name, options);
    ctx.attributes.set(GATEWAY_SPAN_ATTRIBUTE, span);
    const recording = span.isRecording();
    if (recording) {
      span.setAttribute(TraceAttributeNames.RPC_SYSTEM, TraceAttributeNames.SYSTEM_ARKMESH);
      span.setAttribute(TraceAttributeNames.HTTP_REQUEST_METHOD, request.method);
      span.setAttribute(TraceAttributeNames.URL_PATH, request.path);
      if (template !== undefined) {
        span.setAttribute(TraceAttributeNames.HTTP_ROUTE, template);
        span.setAttribute(ROUTE_ID_ATTRIBUTE, ctx.routeId as string);
      }
      if (ctx.deviceId !== undefined) {
        span.setAttribute(TraceAttributeNames.PEER_DEVICE, ctx.deviceId);
      }
      for (let i = 0; i < this._capture.length; i++) {
        const value = request.headers.get(this._capture[i]);
        if (value !== undefined) {
          span.setAttribute(`http.request.header.${this._capture[i]}`, value);
        }
      }
    }
    await next();
    if (!recording) {
      return;
    }
    if (ctx.requestId !== undefined) {
      span.setAttribute(REQUEST_ID_ATTRIBUTE, ctx.requestId);
    }
    if (ctx.target.service.length > 0) {
      span.setAttribute(TraceAttributeNames.PEER_SERVICE, ctx.target.service);
    }
    const response = ctx.response;
    const error: MeshError | undefined = ctx.error;
    if (response !== undefined && response.status < 500) {
      if (error !== undefined) {
        span.setAttribute(TraceAttributeNames.ERROR_TYPE, error.code);
      }
      endRpcSpan(span, SpanKind.SERVER, response);
    } else {
      endRpcSpan(span, SpanKind.SERVER, response, error !== undefined ? error as Error : undefined);
    }
  }
}
