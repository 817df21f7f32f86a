import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { HealthStatus, parseHealthStatus, worstHealth } from './HealthStatus';
import { checkId, checkLabel, checkServiceName } from './internal/validate';
import { SemVer } from './semver/SemVer';

/** Weight of an instance when none is given. */
export const DEFAULT_INSTANCE_WEIGHT = 1;
/** Largest instance weight. */
export const MAX_INSTANCE_WEIGHT = 10000;
/** Most tags an instance may carry. */
export const MAX_INSTANCE_TAGS = 32;
/** Most metadata entries an instance may carry. */
export const MAX_INSTANCE_METADATA = 64;

/** Fields of a service instance (validated by `ServiceInstance.create`). */
export interface ServiceInstanceInit {
  /** Unique in the mesh; 1..128 of letters, digits and `. _ : @ / ~ -`. */
  id: string;
  /** Dot-separated words, e.g. `media.player`. */
  serviceName: string;
  /** Strict semver, e.g. `2.1.0`. */
  version: string;
  /** The device hosting the instance. */
  deviceId: string;
  /** phone, tablet, watch, tv, car, pc, ... */
  deviceType: string;
  /** Ability name or path that serves it (informational). */
  endpoint?: string;
  /** Integer 1..10000 for weighted balancers. Default {@link DEFAULT_INSTANCE_WEIGHT}. */
  weight?: number;
  /** Locality, e.g. a room or a home (`living-room`). */
  zone?: string;
  tags?: string[];
  metadata?: Record<string, string>;
  /** Health as reported by the owner. Default PASSING. */
  health?: HealthStatus;
}

/**
 * One instance of a service on one device. Identity and description are immutable; health has
 * two sides: `health` is what the owning device reports (active checks, replicated), the rest is
 * this node's own view (passive signals, outlier ejection, a suspected device). Balancers and
 * `discover` use `effectiveHealth`, the worst of them.
 */
export class ServiceInstance {
  readonly id: string;
  readonly serviceName: string;
  readonly version: string;
  readonly semver: SemVer;
  readonly deviceId: string;
  readonly deviceType: string;
  readonly endpoint: string | undefined;
  readonly weight: number;
  readonly zone: string | undefined;
  readonly tags: ReadonlyArray<string>;
  /** Treat as read-only. */
  readonly metadata: Record<string, string>;
  private _health: HealthStatus;
  private _passive: HealthStatus = HealthStatus.PASSING;
  private _ejected: boolean = false;
  private _deviceSuspect: boolean = false;
  private _effective: HealthStatus;

  private constructor(init: ServiceInstanceInit, semver: SemVer, weight: number, tags: string[],
    metadata: Record<string, string>, health: HealthStatus) {
    this.id = init.id;
    this.serviceName = init.serviceName;
    this.version = init.version;
    this.semver = semver;
    this.deviceId = init.deviceId;
    this.deviceType = init.deviceType;
    this.endpoint = init.endpoint;
    this.weight = weight;
    this.zone = init.zone;
    this.tags = tags;
    this.metadata = metadata;
    this._health = health;
    this._effective = health;
  }

  /**
   * Validates `init` and builds an instance. Throws InvalidArgumentError naming the field
   * (`instance.serviceName`, ...) or InvalidVersionError (ERR_INVALID_VERSION) for `instance.version`.
   */
  static create(init: ServiceInstanceInit, field?: string): ServiceInstance {
    const f = field ?? 'instance';
    checkId(init.id, `${f}.id`);
    checkServiceName(init.serviceName, `${f}.serviceName`);
    const semver = SemVer.parse(init.version, `${f}.version`);
    checkId(init.deviceId, `${f}.deviceId`);
    checkLabel(init.deviceType, `${f}.deviceType`, 64);
    if (init.endpoint !== undefined) {
      checkLabel(init.endpoint, `${f}.endpoint`, 256);
    }
    if (init.zone !== undefined) {
      checkLabel(init.zone, `${f}.zone`, 64);
    }
    const weight = init.weight ?? DEFAULT_INSTANCE_WEIGHT;
    if (!Number.isInteger(weight) || weight < 1 || weight > MAX_INSTANCE_WEIGHT) {
      throw new InvalidArgumentError(`${f}.weight`, `must be an integer in 1..${MAX_INSTANCE_WEIGHT}`);
    }
    const tags: string[] = [];
    if (init.tags !== undefined) {
      if (!Array.isArray(init.tags) || init.tags.length > MAX_INSTANCE_TAGS) {
        throw new InvalidArgumentError(`${f}.tags`, `must be an array of at most ${MAX_INSTANCE_TAGS} tags`);
      }
      for (let i = 0; i < init.tags.length; i++) {
        const tag = checkLabel(init.tags[i], `${f}.tags[${i}]`, 64);
        if (tags.indexOf(tag) < 0) {
          tags.push(tag);
        }
      }
    }
    const metadata: Record<string, string> = {};
    if (init.metadata !== undefined) {
      const keys = Object.keys(init.metadata);
      if (keys.length > MAX_INSTANCE_METADATA) {
        throw new InvalidArgumentError(`${f}.metadata`, `must have at most ${MAX_INSTANCE_METADATA} entries`);
      }
      for (const k of keys) {
        checkLabel(k, `${f}.metadata`, 64);
        const value = init.metadata[k];
        if (typeof value !== 'string' || value.length > 512) {
          throw new InvalidArgumentError(`${f}.metadata.${k}`, 'must be a string of at most 512 characters');
        }
        metadata[k] = value;
      }
    }
    const health = init.health ?? HealthStatus.PASSING;
    if (parseHealthStatus(health) === undefined) {
      throw new InvalidArgumentError(`${f}.health`, 'must be passing, warning or critical');
    }
    return new ServiceInstance(init, semver, weight, tags, metadata, health);
  }

  /** Health as reported by the owning device. */
  get health(): HealthStatus {
    return this._health;
  }

  /** This node's passive view (consecutive call failures). */
  get passiveHealth(): HealthStatus {
    return this._passive;
  }

  /** Ejected by this node's outlier detection. */
  get ejected(): boolean {
    return this._ejected;
  }

  /** The hosting device is suspected by membership. */
  get deviceSuspect(): boolean {
    return this._deviceSuspect;
  }

  /** Worst of reported health, passive health, ejection (CRITICAL) and device suspicion (WARNING). */
  get effectiveHealth(): HealthStatus {
    return this._effective;
  }

  hasTag(tag: string): boolean {
    return this.tags.indexOf(tag) >= 0;
  }

  /** True when `other` describes the same instance identically (health included). */
  sameAs(other: ServiceInstance): boolean {
    if (this.id !== other.id || this.serviceName !== other.serviceName || this.version !== other.version ||
      this.deviceId !== other.deviceId || this.deviceType !== other.deviceType || this.endpoint !== other.endpoint ||
      this.weight !== other.weight || this.zone !== other.zone || this._health !== other._health ||
      this.tags.length !== other.tags.length) {
      return false;
    }
    for (let i = 0; i < this.tags.length; i++) {
      if (this.tags[i] !== other.tags[i]) {
        return false;
      }
    }
    const a = Object.keys(this.metadata);
    if (a.length !== Object.keys(other.metadata).length) {
      return false;
    }
    for (const k of a) {
      if (this.metadata[k] !== other.metadata[k]) {
        return false;
      }
    }
    return true;
  }

  /** The init fields of this instance (for copies and the wire). */
  toInit(): ServiceInstanceInit {
    const init: ServiceInstanceInit = {
      id: this.id, serviceName: this.serviceName, version: this.version, deviceId: this.deviceId,
      deviceType: this.deviceType, weight: this.weight, tags: this.tags.slice(), health: this._health
    };
    if (this.endpoint !== undefined) {
      init.endpoint = this.endpoint;
    }
    if (this.zone !== undefined) {
      init.zone = this.zone;
    }
    const md: Record<string, string> = {};
    for (const k of Object.keys(this.metadata)) {
      md[k] = this.metadata[k];
    }
    init.metadata = md;
    return init;
  }

  /** @internal Registry only. Returns true when the effective health changed. */
  setHealth(status: HealthStatus): boolean {
    this._health = status;
    return this.recompute();
  }

  /** @internal Registry only. */
  setPassiveHealth(status: HealthStatus): boolean {
    this._passive = status;
    return this.recompute();
  }

  /** @internal Registry only. */
  setEjected(ejected: boolean): boolean {
    this._ejected = ejected;
    return this.recompute();
  }

  /** @internal Registry only. */
  setDeviceSuspect(suspect: boolean): boolean {
    this._deviceSuspect = suspect;
    return this.recompute();
  }

  /** @internal Carries this node's local view over to a replacement of the same instance. */
  copyLocalStateFrom(old: ServiceInstance): void {
    this._passive = old._passive;
    this._ejected = old._ejected;
    this._deviceSuspect = old._deviceSuspect;
    this.recompute();
  }

  private recompute(): boolean {
    let h = worstHealth(this._health, this._passive);
    if (this._deviceSuspect) {
      h = worstHealth(h, HealthStatus.WARNING);
    }
    if (this._ejected) {
      h = HealthStatus.CRITICAL;
    }
    const changed = h !== this._effective;
    this._effective = h;
    return changed;
  }
}
