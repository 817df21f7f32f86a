import { Clock, TimerId } from '../../platform/Clock';
import { HealthStatus } from '../../registry/HealthStatus';
import { OutlierDetector } from '../../registry/health/OutlierDetector';
import { InstanceEvent, InstanceEventType } from '../../registry/RegistryEvents';
import { ServiceInstance } from '../../registry/ServiceInstance';
import { ServiceRegistry } from '../../registry/ServiceRegistry';
import { BreakerStateChange } from '../../resilience/CircuitBreakerTypes';
import { CircuitState } from '../../resilience/CircuitState';

/**
 * Feeds per-instance breaker states into a node's registry (its passive, local view):
 *
 * - OPEN / FORCED_OPEN: the instance is marked WARNING and, while at least one other instance of
 *   its service stays usable, taken out of discovery (ejected), so the balancer stops picking it.
 *   An OPEN breaker's instance comes back (still WARNING) when the open time has passed, so the
 *   next call to it can be the half-open trial.
 * - HALF_OPEN: back in discovery, WARNING.
 * - CLOSED / DISABLED: back in discovery, PASSING.
 *
 * When the last usable instance of a service goes away (or turns CRITICAL), the instances this
 * feed took out come back (WARNING): their breakers then answer, with `ERR_BREAKER_OPEN` and a
 * retry time or with a trial call, instead of discovery finding nothing.
 *
 * An ejection of the node's outlier detector is left alone. Registry changes are reported by
 * `node.onInstance` (HEALTH events), like every other health change.
 */
export class BreakerHealthFeed {
  private readonly _clock: Clock;
  private readonly _registry: ServiceRegistry;
  private readonly _outliers: OutlierDetector;
  private readonly _ejected: Set<string> = new Set<string>();
  private readonly _timers: Map<string, TimerId> = new Map<string, TimerId>();

  constructor(clock: Clock, registry: ServiceRegistry, outliers: OutlierDetector) {
    this._clock = clock;
    this._registry = registry;
    this._outliers = outliers;
  }

  /** Instances this feed has taken out of discovery. */
  get ejected(): number {
    return this._ejected.size;
  }

  /** Handles one breaker state change (keys that are not instance ids of this registry are ignored). */
  onStateChange(e: BreakerStateChange): void {
    const instance = this._registry.get(e.name);
    if (instance === undefined) {
      return;
    }
    this.cancelTimer(instance.id);
    switch (e.to) {
      case CircuitState.OPEN:
      case CircuitState.FORCED_OPEN:
        this.isolate(instance, e.to === CircuitState.OPEN ? e.openUntil : Number.POSITIVE_INFINITY);
        break;
      case CircuitState.HALF_OPEN:
        this.readmit(instance.id, HealthStatus.WARNING);
        break;
      default:
        this.readmit(instance.id, HealthStatus.PASSING);
    }
  }

  /** Handles a registry change (see the class comment: a service must not be left with nothing). */
  onInstance(e: InstanceEvent): void {
    if (this._ejected.size === 0) {
      return;
    }
    if (e.type !== InstanceEventType.DOWN && !(e.type === InstanceEventType.HEALTH && e.instance.effectiveHealth === HealthStatus.CRITICAL)) {
      return;
    }
    const all = this._registry.instancesOf(e.instance.serviceName);
    const back: string[] = [];
    for (let i = 0; i < all.length; i++) {
      const instance = all[i];
      if (instance.effectiveHealth !== HealthStatus.CRITICAL) {
        return;
      }
      if (this._ejected.has(instance.id)) {
        back.push(instance.id);
      }
    }
    for (const id of back) {
      this.readmit(id, HealthStatus.WARNING);
    }
  }

  /** Forgets an instance that is gone (its breaker is dropped too). */
  forget(instanceId: string): void {
    this.cancelTimer(instanceId);
    this._ejected.delete(instanceId);
  }

  /** Cancels the readmission timers (the node stopped). */
  stop(): void {
    this._timers.forEach((t: TimerId): void => this._clock.clearTimer(t));
    this._timers.clear();
  }

  private isolate(instance: ServiceInstance, until: number): void {
    const id = instance.id;
    this._registry.setPassiveHealth(id, HealthStatus.WARNING);
    if (!instance.ejected && this.othersUsable(instance)) {
      this._ejected.add(id);
      this._registry.setEjected(id, true);
    }
    if (Number.isFinite(until)) {
      const timer = this._clock.setTimer(Math.max(0, until - this._clock.now()), (): void => {
        this._timers.delete(id);
        this.readmit(id, HealthStatus.WARNING);
      });
      this._timers.set(id, timer);
    }
  }

  private readmit(id: string, health: HealthStatus): void {
    if (this._ejected.delete(id) && !this._outliers.isEjected(id)) {
      this._registry.setEjected(id, false);
    }
    this._registry.setPassiveHealth(id, health);
  }

  private othersUsable(instance: ServiceInstance): boolean {
    const all = this._registry.instancesOf(instance.serviceName);
    for (let i = 0; i < all.length; i++) {
      const other = all[i];
      if (other.id !== instance.id && other.effectiveHealth !== HealthStatus.CRITICAL) {
        return true;
      }
    }
    return false;
  }

  private cancelTimer(id: string): void {
    const t = this._timers.get(id);
    if (t !== undefined) {
      this._clock.clearTimer(t);
      this._timers.delete(id);
    }
  }
}
