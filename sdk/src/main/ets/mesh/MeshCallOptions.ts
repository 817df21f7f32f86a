import { CancellationToken } from '../core/cancellation/CancellationToken';
import { DiscoveryFilter } from '../registry/DiscoveryFilter';
import { SpanContext } from '../tracing/api/SpanContext';

/** Options of one `MeshNode.call`; every field optional. */
export interface MeshCallOptions {
  /** Time budget from now. Default: the node's `defaultTimeoutMs`. */
  timeoutMs?: number;
  /** Absolute deadline (Clock ms); the earliest of this, `timeoutMs` and `request.deadline` wins. */
  deadline?: number;
  /** Headers added to the request (e.g. `authorization`). */
  headers?: Record<string, string>;
  /** Affinity key for consistent hashing. */
  hashKey?: string;
  /** Only instances whose version satisfies this semver range, e.g. `^2.0.0`. */
  versionRange?: string;
  /** Further instance filters (device type, zone, tags, ...). */
  filter?: DiscoveryFilter;
  /** Cancels the call (and, for a local call, the handler's token). */
  token?: CancellationToken;
  /**
   * The caller's span context (a handler passes `ctx.spanContext`): with the tracing plugin the
   * call's client span is its child. Default: the request's `traceparent`, else a new trace.
   */
  parent?: SpanContext;
  /** The gateway route this call serves (its id): per-route resilience profiles and telemetry. */
  route?: string;
}
