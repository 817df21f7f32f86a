export { SemVer, MAX_VERSION_LENGTH } from './semver/SemVer';
export { SemVerRange, SemVerComparator, RangeOperator } from './semver/SemVerRange';
export { HealthStatus, healthRank, worstHealth, parseHealthStatus } from './HealthStatus';
export {
  ServiceInstance, DEFAULT_INSTANCE_WEIGHT, MAX_INSTANCE_WEIGHT, MAX_INSTANCE_TAGS, MAX_INSTANCE_METADATA
} from './ServiceInstance';
export type { ServiceInstanceInit } from './ServiceInstance';
export type { DiscoveryFilter } from './DiscoveryFilter';
export { InstanceEventType } from './RegistryEvents';
export type { InstanceEvent } from './RegistryEvents';
export { ServiceRegistry } from './ServiceRegistry';
export { InstanceCodec, DecodedInstances } from './replication/InstanceCodec';
export { InvalidVersionError } from './errors/InvalidVersionError';
export { DuplicateInstanceError } from './errors/DuplicateInstanceError';
export { NoHealthyInstanceError } from './errors/NoHealthyInstanceError';
export {
  HealthChecker, DEFAULT_HEALTH_CHECK_INTERVAL_MS, DEFAULT_HEALTH_CHECK_TIMEOUT_MS, DEFAULT_UNHEALTHY_THRESHOLD,
  DEFAULT_HEALTHY_THRESHOLD
} from './health/HealthChecker';
export type { HealthProbe, HealthCheckOptions } from './health/HealthChecker';
export {
  OutlierDetector, DEFAULT_EJECTION_FAILURES, DEFAULT_WARNING_FAILURES, DEFAULT_BASE_EJECTION_MS, DEFAULT_MAX_EJECTION_MS,
  DEFAULT_MAX_EJECTION_PERCENT
} from './health/OutlierDetector';
export type { OutlierDetectorOptions } from './health/OutlierDetector';
export { PickContext } from './balancers/LoadBalancer';
export type { LoadBalancer, BalancerFactory } from './balancers/LoadBalancer';
export { RoundRobinBalancer } from './balancers/RoundRobinBalancer';
export { WeightedRoundRobinBalancer } from './balancers/WeightedRoundRobinBalancer';
export { RandomBalancer } from './balancers/RandomBalancer';
export { LeastRequestBalancer } from './balancers/LeastRequestBalancer';
export { P2cEwmaBalancer, DEFAULT_EWMA_DECAY_MS } from './balancers/P2cEwmaBalancer';
export type { P2cEwmaOptions } from './balancers/P2cEwmaBalancer';
export { ConsistentHashBalancer, DEFAULT_HASH_HEADER, DEFAULT_RING_REPLICAS } from './balancers/ConsistentHashBalancer';
export type { ConsistentHashOptions } from './balancers/ConsistentHashBalancer';
export { LocalityAwareBalancer } from './balancers/LocalityAwareBalancer';
export { hash32 } from './balancers/hash32';
