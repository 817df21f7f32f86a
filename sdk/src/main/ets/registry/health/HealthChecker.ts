import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Disposable } from '../../core/events/Disposable';
import { Clock, TimerId } from '../../platform/Clock';
import { HealthStatus } from '../HealthStatus';
import { ServiceInstance } from '../ServiceInstance';
import { ServiceRegistry } from '../ServiceRegistry';

/** Probes one instance: resolve with its status; a rejection or a timeout counts as a failure. */
export type HealthProbe = (instance: ServiceInstance) => Promise<HealthStatus>;

/** Time between two checks of an instance: 10 s. */
export const DEFAULT_HEALTH_CHECK_INTERVAL_MS = 10000;
/** A check that has not answered by then failed: 2 s. */
export const DEFAULT_HEALTH_CHECK_TIMEOUT_MS = 2000;
/** Consecutive failures that make an instance CRITICAL (fewer make it WARNING): 3. */
export const DEFAULT_UNHEALTHY_THRESHOLD = 3;
/** Consecutive passes that bring a CRITICAL instance back to PASSING: 2. */
export const DEFAULT_HEALTHY_THRESHOLD = 2;

/** An active health check of one instance. */
export interface HealthCheckOptions {
  probe: HealthProbe;
  /** Default {@link DEFAULT_HEALTH_CHECK_INTERVAL_MS}. */
  intervalMs?: number;
  /** Default {@link DEFAULT_HEALTH_CHECK_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Default {@link DEFAULT_UNHEALTHY_THRESHOLD}. */
  unhealthyThreshold?: number;
  /** Default {@link DEFAULT_HEALTHY_THRESHOLD}. */
  healthyThreshold?: number;
}

class Check {
  readonly instanceId: string;
  readonly probe: HealthProbe;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly unhealthy: number;
  readonly healthy: number;
  failures: number = 0;
  passes: number = 0;
  timer: TimerId = -1;
  running: boolean = false;
  stopped: boolean = false;

  constructor(instanceId: string, o: HealthCheckOptions) {
    this.instanceId = instanceId;
    this.probe = o.probe;
    this.intervalMs = o.intervalMs ?? DEFAULT_HEALTH_CHECK_INTERVAL_MS;
    this.timeoutMs = o.timeoutMs ?? DEFAULT_HEALTH_CHECK_TIMEOUT_MS;
    this.unhealthy = o.unhealthyThreshold ?? DEFAULT_UNHEALTHY_THRESHOLD;
    this.healthy = o.healthyThreshold ?? DEFAULT_HEALTHY_THRESHOLD;
    if (typeof this.probe !== 'function') {
      throw new InvalidArgumentError('healthCheck.probe', 'must be a function');
    }
    if (!Number.isFinite(this.intervalMs) || this.intervalMs < 1) {
      throw new InvalidArgumentError('healthCheck.intervalMs', 'must be a number >= 1');
    }
    if (!Number.isFinite(this.timeoutMs) || this.timeoutMs < 1) {
      throw new InvalidArgumentError('healthCheck.timeoutMs', 'must be a number >= 1');
    }
    if (!Number.isInteger(this.unhealthy) || this.unhealthy < 1) {
      throw new InvalidArgumentError('healthCheck.unhealthyThreshold', 'must be an integer >= 1');
    }
    if (!Number.isInteger(this.healthy) || this.healthy < 1) {
      throw new InvalidArgumentError('healthCheck.healthyThreshold', 'must be an integer >= 1');
    }
  }
}

/**
 * Active health checks of this device's own instances, on the Clock. Each result feeds the
 * instance's reported health (which membership then replicates): a WARNING answer is WARNING; a
 * failure (rejection, CRITICAL answer or timeout) makes it WARNING until `unhealthyThreshold`
 * consecutive failures make it CRITICAL; a CRITICAL instance needs `healthyThreshold`
 * consecutive passes to be PASSING again.
 */
export class HealthChecker {
  private readonly _clock: Clock;
  private readonly _registry: ServiceRegistry;
  private readonly _checks: Map<string, Check> = new Map<string, Check>();

  constructor(clock: Clock, registry: ServiceRegistry) {
    this._clock = clock;
    this._registry = registry;
  }

  /** Starts checking a local instance (replacing an earlier check of it); dispose to stop. */
  add(instanceId: string, options: HealthCheckOptions): Disposable {
    this.remove(instanceId);
    const check = new Check(instanceId, options);
    this._checks.set(instanceId, check);
    check.timer = this._clock.setTimer(0, (): void => this.run(check));
    return new Disposable((): void => {
      if (this._checks.get(instanceId) === check) {
        this.remove(instanceId);
      }
    });
  }

  remove(instanceId: string): void {
    const c = this._checks.get(instanceId);
    if (c !== undefined) {
      c.stopped = true;
      this._clock.clearTimer(c.timer);
      this._checks.delete(instanceId);
    }
  }

  /** Stops every check. */
  stop(): void {
    for (const id of Array.from(this._checks.keys())) {
      this.remove(id);
    }
  }

  get size(): number {
    return this._checks.size;
  }

  private run(check: Check): void {
    if (check.stopped) {
      return;
    }
    const instance = this._registry.get(check.instanceId);
    if (instance === undefined) {
      this.remove(check.instanceId);
      return;
    }
    let settled = false;
    const finish = (status: HealthStatus): void => {
      if (settled || check.stopped) {
        return;
      }
      settled = true;
      this._clock.clearTimer(timeout);
      this.apply(check, status);
      check.timer = this._clock.setTimer(check.intervalMs, (): void => this.run(check));
    };
    const timeout = this._clock.setTimer(check.timeoutMs, (): void => finish(HealthStatus.CRITICAL));
    let result: Promise<HealthStatus>;
    try {
      result = check.probe(instance);
    } catch (e) {
      result = Promise.resolve(HealthStatus.CRITICAL);
    }
    result.then((s: HealthStatus): void => finish(s), (e: Error): void => finish(HealthStatus.CRITICAL));
  }

  private apply(check: Check, status: HealthStatus): void {
    const current = this._registry.get(check.instanceId);
    if (current === undefined) {
      return;
    }
    let next: HealthStatus;
    if (status === HealthStatus.CRITICAL) {
      check.failures++;
      check.passes = 0;
      next = check.failures >= check.unhealthy ? HealthStatus.CRITICAL : HealthStatus.WARNING;
      if (current.health === HealthStatus.CRITICAL) {
        next = HealthStatus.CRITICAL;
      }
    } else {
      check.failures = 0;
      check.passes++;
      next = current.health === HealthStatus.CRITICAL && check.passes < check.healthy ? HealthStatus.CRITICAL : status;
    }
    this._registry.setHealth(check.instanceId, next);
  }
}
