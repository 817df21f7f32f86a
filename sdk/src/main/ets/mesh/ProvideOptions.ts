import { HealthCheckOptions } from '../registry/health/HealthChecker';

/** Options of `MeshNode.provide`; every field optional. */
export interface ProvideOptions {
  /** Strict semver. Default '1.0.0'. */
  version?: string;
  /** Default `<serviceName>@<deviceId>` (give one to provide a service twice on a device). */
  instanceId?: string;
  /** Ability name or path (informational). */
  endpoint?: string;
  /** 1..10000. Default 1. */
  weight?: number;
  /** Default: the node's zone. */
  zone?: string;
  tags?: string[];
  metadata?: Record<string, string>;
  /** An active health check of this instance, run by this node. */
  healthCheck?: HealthCheckOptions;
}
