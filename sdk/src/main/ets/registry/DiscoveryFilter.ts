import { HealthStatus } from './HealthStatus';

/** Narrows `discover`; every field optional, all given ones must match. */
export interface DiscoveryFilter {
  /** A semver range the instance version must satisfy, e.g. `^2.1.0`. */
  versionRange?: string;
  deviceType?: string;
  deviceId?: string;
  zone?: string;
  /** Tags the instance must all carry. */
  tags?: string[];
  /** Metadata entries the instance must carry with these exact values. */
  metadata?: Record<string, string>;
  /** Acceptable effective health. Default: PASSING and WARNING. */
  health?: HealthStatus[];
  /** Include instances ejected by outlier detection (they are CRITICAL). Default false. */
  includeEjected?: boolean;
}
