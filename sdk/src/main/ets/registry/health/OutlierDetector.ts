import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Clock, TimerId } from '../../platform/Clock';
import { HealthStatus } from '../HealthStatus';
import { ServiceInstance } from '../ServiceInstance';
import { ServiceRegistry } from '../ServiceRegistry';

/** Consecutive failed calls that eject an instance: 5. */
export const DEFAULT_EJECTION_FAILURES = 5;
/** Consecutive failed calls that mark an instance WARNING in this node's view: 2. */
export const DEFAULT_WARNING_FAILURES = 2;
/** First ejection lasts this long; the n-th lasts n times as long: 30 s. */
export const DEFAULT_BASE_EJECTION_MS = 30000;
/** Longest ejection: 5 min. */
export const DEFAULT_MAX_EJECTION_MS = 300000;
/** At most this percentage of a service's instances is ejected at once: 50. */
export const DEFAULT_MAX_EJECTION_PERCENT = 50;

/** Passive health tuning (Envoy outlier detection style); every field optional. */
export interface OutlierDetectorOptions {
  ejectionFailures?: number;
  warningFailures?: number;
  baseEjectionMs?: number;
  maxEjectionMs?: number;
  /** 0..100. One instance of a service with two or more may always be ejected. */
  maxEjectionPercent?: number;
}

class OutlierState {
  failures: number = 0;
  ejections: number = 0;
  ejected: boolean = false;
  timer: TimerId = -1;
}

const int = (v: number | undefined, fallback: number, field: string, min: number, max: number): number => {
  const x = v ?? fallback;
  if (!Number.isFinite(x) || x < min || x > max) {
    throw new InvalidArgumentError(`outlierDetection.${field}`, `must be a number in ${min}..${max}`);
  }
  return x;
};

/**
 * Passive health from real calls, on the caller's side: consecutive failures first mark an
 * instance WARNING, then eject it from discovery for `baseEjectionMs` x (number of ejections),
 * capped at `maxEjectionMs`, unless that would eject more than `maxEjectionPercent` of its
 * service. A success resets the count and clears the WARNING; an ejection ends on its timer.
 */
export class OutlierDetector {
  private readonly _clock: Clock;
  private readonly _registry: ServiceRegistry;
  private readonly _states: Map<string, OutlierState> = new Map<string, OutlierState>();
  readonly ejectionFailures: number;
  readonly warningFailures: number;
  readonly baseEjectionMs: number;
  readonly maxEjectionMs: number;
  readonly maxEjectionPercent: number;

  constructor(clock: Clock, registry: ServiceRegistry, options?: OutlierDetectorOptions) {
    this._clock = clock;
    this._registry = registry;
    this.ejectionFailures = int(options?.ejectionFailures, DEFAULT_EJECTION_FAILURES, 'ejectionFailures', 1, 1000000);
    this.warningFailures = int(options?.warningFailures, DEFAULT_WARNING_FAILURES, 'warningFailures', 1, 1000000);
    this.baseEjectionMs = int(options?.baseEjectionMs, DEFAULT_BASE_EJECTION_MS, 'baseEjectionMs', 1, 86400000);
    this.maxEjectionMs = int(options?.maxEjectionMs, DEFAULT_MAX_EJECTION_MS, 'maxEjectionMs', this.baseEjectionMs, 86400000);
    this.maxEjectionPercent = int(options?.maxEjectionPercent, DEFAULT_MAX_EJECTION_PERCENT, 'maxEjectionPercent', 0, 100);
  }

  /** A call to `instance` succeeded. */
  recordSuccess(instance: ServiceInstance): void {
    const s = this._states.get(instance.id);
    if (s === undefined) {
      return;
    }
    s.failures = 0;
    this._registry.setPassiveHealth(instance.id, HealthStatus.PASSING);
    if (!s.ejected && s.ejections === 0) {
      this._states.delete(instance.id);
    }
  }

  /** A call to `instance` failed (timeout, unreachable, 5xx, internal error). */
  recordFailure(instance: ServiceInstance): void {
    let s = this._states.get(instance.id);
    if (s === undefined) {
      s = new OutlierState();
      this._states.set(instance.id, s);
    }
    s.failures++;
    if (s.failures >= this.warningFailures) {
      this._registry.setPassiveHealth(instance.id, HealthStatus.WARNING);
    }
    if (!s.ejected && s.failures >= this.ejectionFailures && this.mayEject(instance)) {
      this.eject(instance.id, s);
    }
  }

  isEjected(instanceId: string): boolean {
    const s = this._states.get(instanceId);
    return s !== undefined && s.ejected;
  }

  /** Ejected instances of a service. */
  ejectedCount(serviceName: string): number {
    let n = 0;
    for (const i of this._registry.instancesOf(serviceName)) {
      if (this.isEjected(i.id)) {
        n++;
      }
    }
    return n;
  }

  /** Cancels every ejection timer (the node stops). */
  stop(): void {
    this._states.forEach((s: OutlierState): void => {
      if (s.timer !== -1) {
        this._clock.clearTimer(s.timer);
      }
    });
    this._states.clear();
  }

  private mayEject(instance: ServiceInstance): boolean {
    const total = this._registry.instancesOf(instance.serviceName).length;
    const ejected = this.ejectedCount(instance.serviceName);
    const allowed = Math.max(total >= 2 ? 1 : 0, Math.floor((total * this.maxEjectionPercent) / 100));
    return ejected + 1 <= allowed;
  }

  private eject(id: string, s: OutlierState): void {
    s.ejected = true;
    s.ejections++;
    const duration = Math.min(this.maxEjectionMs, this.baseEjectionMs * s.ejections);
    this._registry.setEjected(id, true);
    s.timer = this._clock.setTimer(duration, (): void => {
      s.timer = -1;
      s.ejected = false;
      s.failures = 0;
      this._registry.setEjected(id, false);
      this._registry.setPassiveHealth(id, HealthStatus.PASSING);
    });
  }
}
