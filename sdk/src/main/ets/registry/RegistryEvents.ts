import { HealthStatus } from './HealthStatus';
import { ServiceInstance } from './ServiceInstance';

/** What happened to an instance. */
export enum InstanceEventType {
  /** The instance became known (registered here, or replicated from its device). */
  UP = 'up',
  /** The instance is gone (deregistered, or its device died or left). */
  DOWN = 'down',
  /** Its description changed (version, weight, tags, ...). */
  UPDATED = 'updated',
  /** Its effective health changed. */
  HEALTH = 'health'
}

/** One change of one instance, as `watch` listeners and `onChange` subscribers see it. */
export interface InstanceEvent {
  type: InstanceEventType;
  instance: ServiceInstance;
  /** Effective health before a HEALTH change. */
  previousHealth?: HealthStatus;
  /** True when the instance is hosted by this node. */
  local: boolean;
}
