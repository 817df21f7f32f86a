// The gateway's public names, listed by hand.

// Gateway core
export { Gateway } from './Gateway';
export type { GatewayHandleOptions } from './Gateway';
export {
  ResolvedGatewayOptions, DEFAULT_CLIENT_HEADER, DEFAULT_DEVICE_HEADER, ANONYMOUS_CLIENT, DEADLINE_HEADER
} from './GatewayOptions';
export type { GatewayOptions, ClientKeyFn } from './GatewayOptions';
export { GatewayContext, GatewayServices } from './GatewayContext';
export { FunctionMiddleware, middleware } from './GatewayMiddleware';
export type { GatewayMiddleware, GatewayNext, GatewayMiddlewareFn } from './GatewayMiddleware';
export { UnavailableUpstream, InMemoryUpstream } from './GatewayUpstream';
export type { GatewayUpstream, UpstreamHandler } from './GatewayUpstream';
export { GatewayRoute } from './GatewayRoute';
export type { GatewayRouteConfig, RouteTargetConfig } from './GatewayRoute';
export { GatewayResolution } from './GatewayResolution';
export type { GatewayExchange } from './GatewayExchange';
export { GatewayAttribute } from './GatewayAttribute';
export { UpstreamTarget } from './UpstreamTarget';
export { PathRewrite } from './PathRewrite';
export { ErrorStatusTable, ERROR_CODE_RESPONSE_HEADER, DEFAULT_ERROR_STATUS } from './ErrorStatusTable';

// Errors
export { GatewayError } from './errors/GatewayError';
export { RouteNotFoundError } from './errors/RouteNotFoundError';
export { MethodNotAllowedError } from './errors/MethodNotAllowedError';
export { BadRequestError } from './errors/BadRequestError';
export { RateLimitedError } from './errors/RateLimitedError';
export { RequestTooLargeError } from './errors/RequestTooLargeError';
export { UpstreamError } from './errors/UpstreamError';
export { RouteConflictError } from './errors/RouteConflictError';

// Router
export { Router } from './router/Router';
export type { RouteDefinition } from './router/Router';
export { RouteStatus, RouteLookup } from './router/RouteLookup';
export { RouteMatch } from './router/RouteMatch';
export { Route, ALL_METHODS } from './router/Route';
export { BadPathReason, PathValidator } from './router/PathValidator';
export { RoutePattern, RoutePart, RoutePartKind } from './router/RoutePattern';
export {
  ResolvedRouterOptions, DEFAULT_ROUTER_CASE_SENSITIVE, DEFAULT_ROUTER_IGNORE_TRAILING_SLASH,
  DEFAULT_ROUTER_IGNORE_DUPLICATE_SLASHES, DEFAULT_ROUTER_MAX_PARAM_LENGTH, DEFAULT_ROUTER_MAX_PATH_LENGTH
} from './router/RouterOptions';
export type { RouterOptions } from './router/RouterOptions';
export type { RouteConstraint } from './router/constraints/RouteConstraint';
export { HostConstraint } from './router/constraints/HostConstraint';
export { VersionConstraint, DEFAULT_VERSION_HEADER } from './router/constraints/VersionConstraint';
export { HeaderConstraint } from './router/constraints/HeaderConstraint';

// Built-in middleware
export { RequestIdMiddleware, DEFAULT_REQUEST_ID_HEADER, MAX_REQUEST_ID_LENGTH } from './middleware/RequestIdMiddleware';
export type { RequestIdOptions } from './middleware/RequestIdMiddleware';
export { AccessLogMiddleware, DEFAULT_REDACTED_HEADERS, REDACTED } from './middleware/AccessLogMiddleware';
export type { AccessLogOptions } from './middleware/AccessLogMiddleware';
export { RateDecision, DEFAULT_RATE_LIMIT_MAX_KEYS } from './middleware/RateLimiter';
export type { RateLimiter } from './middleware/RateLimiter';
export { TokenBucketLimiter } from './middleware/TokenBucketLimiter';
export type { TokenBucketOptions } from './middleware/TokenBucketLimiter';
export { SlidingWindowLimiter } from './middleware/SlidingWindowLimiter';
export type { SlidingWindowOptions } from './middleware/SlidingWindowLimiter';
export { RateLimitMiddleware, RateLimitKey } from './middleware/RateLimitMiddleware';
export type { RateLimitOptions, RateLimitKeyFn } from './middleware/RateLimitMiddleware';
export { TimeoutMiddleware } from './middleware/TimeoutMiddleware';
export type { TimeoutMiddlewareOptions } from './middleware/TimeoutMiddleware';
export {
  RetryMiddleware, RetryStopReason, DEFAULT_RETRY_METHODS, DEFAULT_RETRY_STATUSES, DEFAULT_RETRY_CODES,
  DEFAULT_RETRY_ATTEMPTS, DEFAULT_RETRY_INITIAL_DELAY_MS, DEFAULT_RETRY_MAX_DELAY_MS
} from './middleware/RetryMiddleware';
export type { RetryMiddlewareOptions, GatewayRetryEvent } from './middleware/RetryMiddleware';
export { TrafficSplitMiddleware } from './middleware/TrafficSplitMiddleware';
export type { TrafficSplitOptions, TrafficSplitEntry, CanaryRule } from './middleware/TrafficSplitMiddleware';
export { FaultInjectionMiddleware } from './middleware/FaultInjectionMiddleware';
export type { FaultInjectionOptions, FaultDelay, FaultAbort } from './middleware/FaultInjectionMiddleware';
export {
  ResponseCacheMiddleware, DEFAULT_CACHE_TTL_MS, DEFAULT_CACHE_MAX_ENTRIES, DEFAULT_CACHE_MAX_BYTES, DEFAULT_CACHE_VARY
} from './middleware/ResponseCacheMiddleware';
export type { ResponseCacheOptions } from './middleware/ResponseCacheMiddleware';
export { HeaderRewriteMiddleware } from './middleware/HeaderRewriteMiddleware';
export type { HeaderRewriteOptions, HeaderRules } from './middleware/HeaderRewriteMiddleware';
export { BodyLimitMiddleware, DEFAULT_MAX_BODY_BYTES } from './middleware/BodyLimitMiddleware';
export type { BodyLimitOptions } from './middleware/BodyLimitMiddleware';
