import { CancellationToken } from '../core/cancellation/CancellationToken';
import { DiscoveryFilter } from '../registry/DiscoveryFilter';

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
}
