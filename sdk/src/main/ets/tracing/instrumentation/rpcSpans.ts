import { MeshError } from '../../core/errors/MeshError';
import { MeshRequest } from '../../transport/MeshRequest';
import { MeshResponse } from '../../transport/MeshResponse';
import { Span } from '../api/Span';
import { SpanAttributes } from '../api/SpanAttributes';
import { SpanContext } from '../api/SpanContext';
import { SpanKind } from '../api/SpanKind';
import { SpanStatusCode } from '../api/SpanStatus';
import { TraceContextPropagator } from '../propagation/TraceContextPropagator';
import { Tracer } from '../sdk/Tracer';
import { TraceAttributeNames } from './TraceAttributeNames';

const PROPAGATOR = new TraceContextPropagator();

/** Options of the RPC span helpers. Everything is optional. */
export interface RpcSpanOptions {
  /**
   * The operation, ideally a route template (`/users/:id`) for low-cardinality span names.
   * Default the request path.
   */
  operation?: string;
  /** Client spans: the caller's span context. Default the `traceparent` already on the request, else a new trace. */
  parent?: SpanContext;
  /** The device on the other side, when known (`arkmesh.peer.device`). */
  peerDevice?: string;
  /** Request headers to record as `http.request.header.<name>` (sensitive ones are redacted). */
  captureHeaders?: string[];
  /** More attributes for the span. */
  attributes?: SpanAttributes;
  /** Start time (epoch ms); default now. */
  startTime?: number;
}

const rpcAttributes = (service: string, request: MeshRequest, operation: string, options: RpcSpanOptions | undefined): SpanAttributes => {
  const attributes: SpanAttributes = {
    'rpc.system': TraceAttributeNames.SYSTEM_ARKMESH,
    'rpc.service': service,
    'rpc.method': operation,
    'http.request.method': request.method,
    'url.path': request.path
  };
  if (options !== undefined) {
    if (options.operation !== undefined) {
      attributes[TraceAttributeNames.HTTP_ROUTE] = options.operation;
    }
    if (options.peerDevice !== undefined) {
      attributes[TraceAttributeNames.PEER_DEVICE] = options.peerDevice;
    }
    const capture = options.captureHeaders;
    if (capture !== undefined) {
      for (const name of capture) {
        const value = request.headers.get(name);
        if (value !== undefined) {
          attributes[`http.request.header.${name.toLowerCase()}`] = value;
        }
      }
    }
    const extra = options.attributes;
    if (extra !== undefined) {
      for (const k of Object.keys(extra)) {
        attributes[k] = extra[k];
      }
    }
  }
  return attributes;
};

/** The span name of a call: `<service> <METHOD> <operation>`, e.g. `media.player GET /play`. */
export const rpcSpanName = (service: string, request: MeshRequest, operation?: string): string =>
  `${service} ${request.method} ${operation ?? request.path}`;

/**
 * Starts the CLIENT span of a call to `service` (what `MeshNode.call` and the gateway's upstream
 * call do) and injects its context into `request.headers`, so the callee continues the trace.
 * Attributes follow OpenTelemetry's RPC conventions (`rpc.system` = `arkmesh`, `rpc.service`,
 * `rpc.method`) plus `http.request.method` and `url.path`. End it with {@link endRpcSpan}.
 */
export const startClientSpan = (tracer: Tracer, service: string, request: MeshRequest, options?: RpcSpanOptions): Span => {
  const parent = options?.parent ?? PROPAGATOR.extract(request.headers);
  const operation = options?.operation ?? request.path;
  const span = tracer.startSpan(rpcSpanName(service, request, operation), {
    kind: SpanKind.CLIENT,
    parent: parent,
    attributes: rpcAttributes(service, request, operation, options),
    startTime: options?.startTime
  });
  PROPAGATOR.inject(span.spanContext(), request.headers);
  return span;
};

/**
 * Starts the SERVER span of a call `service` received: the parent is the `traceparent` in the
 * request headers (an invalid or missing one starts a new trace). The request's `traceparent` is
 * then replaced by the server span's, so a handler that passes the request's headers on to the
 * calls it makes parents them under this span. End it with {@link endRpcSpan}.
 */
export const startServerSpan = (tracer: Tracer, service: string, request: MeshRequest, options?: RpcSpanOptions): Span => {
  const operation = options?.operation ?? request.path;
  const span = tracer.startSpan(rpcSpanName(service, request, operation), {
    kind: SpanKind.SERVER,
    parent: PROPAGATOR.extract(request.headers),
    attributes: rpcAttributes(service, request, operation, options),
    startTime: options?.startTime
  });
  PROPAGATOR.inject(span.spanContext(), request.headers);
  return span;
};

/**
 * Ends an RPC span with its outcome: the response status (`http.response.status_code`; ERROR for
 * 5xx, and for 4xx on client spans, as OpenTelemetry's HTTP conventions say) or the error thrown
 * (recorded as an exception; a MeshError's code becomes `error.type`).
 */
export const endRpcSpan = (span: Span, kind: SpanKind, response?: MeshResponse, error?: Error, endTime?: number): void => {
  if (response !== undefined) {
    span.setAttribute(TraceAttributeNames.HTTP_RESPONSE_STATUS_CODE, response.status);
    const failed = response.status >= 500 || (kind === SpanKind.CLIENT && response.status >= 400);
    if (failed) {
      span.setAttribute(TraceAttributeNames.ERROR_TYPE, String(response.status));
      span.setStatus(SpanStatusCode.ERROR, `HTTP ${response.status}`);
    }
  }
  if (error !== undefined) {
    span.recordException(error);
    span.setAttribute(TraceAttributeNames.ERROR_TYPE, error instanceof MeshError ? error.code : error.name);
    span.setStatus(SpanStatusCode.ERROR, error.message);
  }
  span.end(endTime);
};
