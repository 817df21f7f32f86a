export { MeshNode } from './MeshNode';
export type { MeshNodeOptions } from './MeshNodeOptions';
export { DEFAULT_MESH_CALL_TIMEOUT_MS, MESH_STORE_PREFIX } from './MeshNodeOptions';
export type { MeshCallOptions } from './MeshCallOptions';
export type { ProvideOptions } from './ProvideOptions';
export { CallContext, AttemptContext } from './CallContext';
export { ServiceContext } from './ServiceContext';
export type { ServiceHandler, CallInterceptor, AttemptInterceptor, InboundInterceptor } from './Interceptors';
export type { MeshPlugin } from './MeshPlugin';
export { CallOutcome, NodeState, MeshNodeStats } from './MeshEvents';
export type { CallCompletedEvent } from './MeshEvents';
export { ServiceRegistration } from './ServiceRegistration';
export { MESH_CALL_TOPIC } from './internal/CallCodec';

// Plugins wiring the other modules into MeshNode (mesh/plugins).
export { NodeUpstream, GATEWAY_SPAN_ATTRIBUTE } from './plugins/NodeUpstream';
export type { NodeCall } from './plugins/NodeUpstream';
export { createMeshGateway } from './plugins/MeshGatewayOptions';
export type { MeshGatewayOptions } from './plugins/MeshGatewayOptions';
export { TracingPlugin, tracingPlugin } from './plugins/TracingPlugin';
export {
  DEFAULT_MESH_TRACER_NAME, DEFAULT_GATEWAY_SPAN_SERVICE, RETRY_EVENT, ATTEMPT_FAILED_EVENT, INSTANCE_ID_ATTRIBUTE,
  ATTEMPT_ATTRIBUTE, ROUTE_ID_ATTRIBUTE, REQUEST_ID_ATTRIBUTE
} from './plugins/TracingPluginOptions';
export type { TracingPluginOptions } from './plugins/TracingPluginOptions';
export { TracingGatewayMiddleware } from './plugins/TracingGatewayMiddleware';
export { ResiliencePlugin, resiliencePlugin } from './plugins/ResiliencePlugin';
export type { MeshRetryEvent, MeshRetryGiveUpEvent } from './plugins/ResiliencePlugin';
export {
  checkResilienceProfile, mergeResilienceProfiles, isRetryableCallError, DEFAULT_MESH_INSTANCE_BREAKER
} from './plugins/ResiliencePluginOptions';
export type { MeshResilienceProfile, ResiliencePluginOptions } from './plugins/ResiliencePluginOptions';
export { ServiceResilience, DEFAULT_MESH_BACKOFF_INITIAL_MS, DEFAULT_MESH_BACKOFF_MAX_MS } from './plugins/ServiceResilience';
export { BreakerHealthFeed } from './plugins/BreakerHealthFeed';
export { UpstreamBreakerMiddleware, DEFAULT_GATEWAY_BREAKER_PREFIX } from './plugins/UpstreamBreakerMiddleware';
export type { UpstreamBreakerOptions } from './plugins/UpstreamBreakerMiddleware';
export { MetricsPlugin, metricsPlugin } from './plugins/MetricsPlugin';
export { DEFAULT_MESH_METER_NAME, DEFAULT_TRANSPORT_SYNC_MS, UNMATCHED_ROUTE } from './plugins/MetricsPluginOptions';
export type { MetricsPluginOptions } from './plugins/MetricsPluginOptions';
export { TransportTotals } from './plugins/TransportTotals';
export { standardPlugins } from './plugins/standardPlugins';
export type { StandardPluginsOptions } from './plugins/standardPlugins';
