import { Tracer } from '../../tracing/sdk/Tracer';
import { TracerProvider } from '../../tracing/sdk/TracerProvider';

/** Instrumentation scope of the spans the tracing plugin starts (`TracerProvider.getTracer`). */
export const DEFAULT_MESH_TRACER_NAME = 'arkmesh.mesh';
/** Service part of gateway span names (`gateway GET /users/:id`). */
export const DEFAULT_GATEWAY_SPAN_SERVICE = 'gateway';
/** Event on a client span when the call makes another attempt (`arkmesh.attempt`, `arkmesh.instance.id`). */
export const RETRY_EVENT = 'arkmesh.retry';
/** Event on a client span when one attempt failed (`error.type`, `arkmesh.attempt`, `arkmesh.instance.id`). */
export const ATTEMPT_FAILED_EVENT = 'arkmesh.attempt.failed';
/** Attribute: the instance an attempt went to. */
export const INSTANCE_ID_ATTRIBUTE = 'arkmesh.instance.id';
/** Attribute: the attempt number of a retry or failed-attempt event. */
export const ATTEMPT_ATTRIBUTE = 'arkmesh.attempt';
/** Attribute: the gateway route id a call or request served. */
export const ROUTE_ID_ATTRIBUTE = 'arkmesh.route.id';
/** Attribute: the gateway request id. */
export const REQUEST_ID_ATTRIBUTE = 'arkmesh.request.id';

/** Options of the {@link TracingPlugin}. Only `tracer` is required. */
export interface TracingPluginOptions {
  /**
   * Where spans go: a Tracer, or a TracerProvider (the plugin then uses its tracer
   * {@link DEFAULT_MESH_TRACER_NAME}). One provider per node: its resource names the device.
   */
  tracer: Tracer | TracerProvider;
  /** A CLIENT span per `node.call` (retries and breaker rejections as its events). Default true. */
  calls?: boolean;
  /** A SERVER span per call a provided service handles. Default true. */
  inbound?: boolean;
  /** A SERVER span per `node.gateway` request (a global gateway middleware). Default true. */
  gateway?: boolean;
  /** Service part of gateway span names. Default {@link DEFAULT_GATEWAY_SPAN_SERVICE}. */
  gatewayName?: string;
  /** Request headers recorded as `http.request.header.<name>` (sensitive ones are redacted). Default none. */
  captureHeaders?: string[];
}
