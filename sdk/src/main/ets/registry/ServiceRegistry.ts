import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { Disposable } from '../core/events/Disposable';
import { EventEmitter, Listener } from '../core/events/EventEmitter';
import { DiscoveryFilter } from './DiscoveryFilter';
import { DuplicateInstanceError } from './errors/DuplicateInstanceError';
import { HealthStatus, parseHealthStatus } from './HealthStatus';
import { checkId, checkServiceName } from './internal/validate';
import { InstanceEvent, InstanceEventType } from './RegistryEvents';
import { SemVerRange } from './semver/SemVerRange';
import { ServiceInstance, ServiceInstanceInit } from './ServiceInstance';

const EMPTY: ReadonlyArray<ServiceInstance> = [];
const RANGE_CACHE_LIMIT = 256;

// Instances of one service, with the default discovery result cached until the next change.
class ServiceBucket {
  readonly all: ServiceInstance[] = [];
  usable: ReadonlyArray<ServiceInstance> | undefined = undefined;
  readonly byRange: Map<string, ReadonlyArray<ServiceInstance>> = new Map<string, ReadonlyArray<ServiceInstance>>();
  readonly watchers: EventEmitter<InstanceEvent> = new EventEmitter<InstanceEvent>();

  invalidate(): void {
    this.usable = undefined;
    if (this.byRange.size > 0) {
      this.byRange.clear();
    }
  }
}

const usable = (i: ServiceInstance): boolean => i.effectiveHealth !== HealthStatus.CRITICAL;

/**
 * The service registry of one node: the instances this device hosts (`register`) and those of
 * every other live device (replicated through membership by the MeshNode: `replaceDevice`,
 * `removeDevice`). `discover` is the call path's lookup: it returns a cached, read-only array for
 * the common queries (no filter, or a version range only), so a call does not allocate here.
 */
export class ServiceRegistry {
  readonly localDeviceId: string;
  private readonly _byId: Map<string, ServiceInstance> = new Map<string, ServiceInstance>();
  private readonly _services: Map<string, ServiceBucket> = new Map<string, ServiceBucket>();
  private readonly _byDevice: Map<string, Map<string, ServiceInstance>> = new Map<string, Map<string, ServiceInstance>>();
  private readonly _ranges: Map<string, SemVerRange> = new Map<string, SemVerRange>();
  private readonly _events: EventEmitter<InstanceEvent> = new EventEmitter<InstanceEvent>();
  private _version: number = 0;

  constructor(localDeviceId: string) {
    this.localDeviceId = checkId(localDeviceId, 'localDeviceId');
  }

  /** Bumps on every change (register, replication, health). */
  get version(): number {
    return this._version;
  }

  /** Number of instances known. */
  get size(): number {
    return this._byId.size;
  }

  /**
   * Registers an instance hosted by this device (`init.deviceId` must be this device). Throws
   * InvalidArgumentError / InvalidVersionError naming the field, DuplicateInstanceError
   * (ERR_DUPLICATE_INSTANCE) for a taken id.
   */
  register(init: ServiceInstanceInit): ServiceInstance {
    const instance = ServiceInstance.create(init);
    if (instance.deviceId !== this.localDeviceId) {
      throw new InvalidArgumentError('instance.deviceId', `must be this device (${this.localDeviceId})`);
    }
    if (this._byId.has(instance.id)) {
      throw new DuplicateInstanceError('instance.id', instance.id);
    }
    this.add(instance);
    return instance;
  }

  /** Removes a local instance; false when unknown. Remote instances are removed by replication. */
  deregister(instanceId: string): boolean {
    const i = this._byId.get(instanceId);
    if (i === undefined || i.deviceId !== this.localDeviceId) {
      return false;
    }
    this.removeInstance(i);
    return true;
  }

  /** Sets the reported health of a local instance (active checks); false when unknown. */
  setHealth(instanceId: string, status: HealthStatus): boolean {
    if (parseHealthStatus(status) === undefined) {
      throw new InvalidArgumentError('status', 'must be passing, warning or critical');
    }
    const i = this._byId.get(instanceId);
    if (i === undefined || i.deviceId !== this.localDeviceId) {
      return false;
    }
    if (i.health !== status) {
      const before = i.effectiveHealth;
      const changed = i.setHealth(status);
      this.touched(i, changed ? InstanceEventType.HEALTH : InstanceEventType.UPDATED, before);
    }
    return true;
  }

  /** This node's passive view of an instance (consecutive failures). */
  setPassiveHealth(instanceId: string, status: HealthStatus): void {
    const i = this._byId.get(instanceId);
    if (i !== undefined && i.passiveHealth !== status) {
      const before = i.effectiveHealth;
      if (i.setPassiveHealth(status)) {
        this.touched(i, InstanceEventType.HEALTH, before);
      }
    }
  }

  /** Ejects an instance from (or returns it to) this node's discovery results. */
  setEjected(instanceId: string, ejected: boolean): void {
    const i = this._byId.get(instanceId);
    if (i !== undefined && i.ejected !== ejected) {
      const before = i.effectiveHealth;
      if (i.setEjected(ejected)) {
        this.touched(i, InstanceEventType.HEALTH, before);
      }
    }
  }

  /** Marks every instance of a device as (not) suspected by membership. */
  setDeviceSuspect(deviceId: string, suspect: boolean): void {
    const m = this._byDevice.get(deviceId);
    if (m === undefined) {
      return;
    }
    m.forEach((i: ServiceInstance): void => {
      if (i.deviceSuspect !== suspect) {
        const before = i.effectiveHealth;
        if (i.setDeviceSuspect(suspect)) {
          this.touched(i, InstanceEventType.HEALTH, before);
        }
      }
    });
  }

  /**
   * Replaces everything known about a remote device's instances with `instances` (replication):
   * new ones come UP, missing ones go DOWN, changed ones are UPDATED; this node's local view
   * (passive health, ejection) survives an update.
   */
  replaceDevice(deviceId: string, instances: ServiceInstance[]): void {
    if (deviceId === this.localDeviceId) {
      return;
    }
    const old = this._byDevice.get(deviceId);
    const seen = new Set<string>();
    for (const inst of instances) {
      if (inst.deviceId !== deviceId || seen.has(inst.id)) {
        continue;
      }
      seen.add(inst.id);
      const prev = this._byId.get(inst.id);
      if (prev === undefined) {
        this.add(inst);
      } else if (prev.deviceId !== deviceId) {
        continue; // The id belongs to another device's instance: first come, first kept.
      } else if (!prev.sameAs(inst)) {
        inst.copyLocalStateFrom(prev);
        const before = prev.effectiveHealth;
        this.swap(prev, inst);
        this.touched(inst, inst.effectiveHealth !== before ? InstanceEventType.HEALTH : InstanceEventType.UPDATED, before);
      }
    }
    if (old !== undefined) {
      for (const i of Array.from(old.values())) {
        if (!seen.has(i.id)) {
          this.removeInstance(i);
        }
      }
    }
  }

  /** Forgets every instance of a remote device (it died or left). */
  removeDevice(deviceId: string): void {
    const m = this._byDevice.get(deviceId);
    if (m !== undefined && deviceId !== this.localDeviceId) {
      for (const i of Array.from(m.values())) {
        this.removeInstance(i);
      }
    }
  }

  get(instanceId: string): ServiceInstance | undefined {
    return this._byId.get(instanceId);
  }

  /** Names of every service with at least one instance, sorted. */
  services(): string[] {
    return Array.from(this._services.keys()).sort();
  }

  /** Every instance known (any health). */
  instances(): ServiceInstance[] {
    return Array.from(this._byId.values());
  }

  /** Instances of a service regardless of health. */
  instancesOf(serviceName: string): ReadonlyArray<ServiceInstance> {
    const b = this._services.get(serviceName);
    return b === undefined ? EMPTY : b.all;
  }

  /** This device's instances. */
  localInstances(): ServiceInstance[] {
    const m = this._byDevice.get(this.localDeviceId);
    return m === undefined ? [] : Array.from(m.values());
  }

  /**
   * Instances of `serviceName` that match `filter` (default: effective health PASSING or WARNING,
   * not ejected). The result is read-only and may be shared: do not modify it. Throws
   * InvalidVersionError for a malformed `filter.versionRange`.
   */
  discover(serviceName: string, filter?: DiscoveryFilter): ReadonlyArray<ServiceInstance> {
    const b = this._services.get(serviceName);
    if (b === undefined) {
      return EMPTY;
    }
    if (filter === undefined) {
      return this.usableOf(b);
    }
    const range = filter.versionRange;
    if (range !== undefined && filter.deviceType === undefined && filter.deviceId === undefined &&
      filter.zone === undefined && filter.tags === undefined && filter.metadata === undefined &&
      filter.health === undefined && filter.includeEjected === undefined) {
      // The call path's common case: cached per range until the service changes.
      let hit = b.byRange.get(range);
      if (hit === undefined) {
        const r = this.range(range);
        hit = this.usableOf(b).filter((i: ServiceInstance): boolean => r.test(i.semver));
        b.byRange.set(range, hit);
      }
      return hit;
    }
    return this.filtered(b, filter);
  }

  /** Subscribes to changes of one service's instances. */
  watch(serviceName: string, listener: Listener<InstanceEvent>): Disposable {
    checkServiceName(serviceName, 'serviceName');
    return this.bucket(serviceName).watchers.on(listener);
  }

  /** Subscribes to changes of every instance. */
  onChange(listener: Listener<InstanceEvent>): Disposable {
    return this._events.on(listener);
  }

  private usableOf(b: ServiceBucket): ReadonlyArray<ServiceInstance> {
    let u = b.usable;
    if (u === undefined) {
      u = b.all.filter(usable);
      b.usable = u;
    }
    return u;
  }

  private range(text: string): SemVerRange {
    let r = this._ranges.get(text);
    if (r === undefined) {
      r = SemVerRange.parse(text, 'filter.versionRange');
      if (this._ranges.size >= RANGE_CACHE_LIMIT) {
        this._ranges.clear();
      }
      this._ranges.set(text, r);
    }
    return r;
  }

  private filtered(b: ServiceBucket, f: DiscoveryFilter): ServiceInstance[] {
    const r = f.versionRange !== undefined ? this.range(f.versionRange) : undefined;
    const health = f.health;
    const includeEjected = f.includeEjected ?? false;
    const out: ServiceInstance[] = [];
    for (const i of b.all) {
      if ((f.deviceId !== undefined && i.deviceId !== f.deviceId) ||
        (f.deviceType !== undefined && i.deviceType !== f.deviceType) ||
        (f.zone !== undefined && i.zone !== f.zone) ||
        (r !== undefined && !r.test(i.semver))) {
        continue;
      }
      if (i.ejected) {
        // Ejected instances are CRITICAL; `includeEjected` returns them whatever the health filter.
        if (!includeEjected) {
          continue;
        }
      } else if (health !== undefined ? health.indexOf(i.effectiveHealth) < 0 : !usable(i)) {
        continue;
      }
      if (f.tags !== undefined && !f.tags.every((t: string): boolean => i.hasTag(t))) {
        continue;
      }
      const md = f.metadata;
      if (md !== undefined && !Object.keys(md).every((k: string): boolean => i.metadata[k] === md[k])) {
        continue;
      }
      out.push(i);
    }
    return out;
  }

  private bucket(serviceName: string): ServiceBucket {
    let b = this._services.get(serviceName);
    if (b === undefined) {
      b = new ServiceBucket();
      this._services.set(serviceName, b);
    }
    return b;
  }

  private add(i: ServiceInstance): void {
    this._byId.set(i.id, i);
    const b = this.bucket(i.serviceName);
    b.all.push(i);
    b.invalidate();
    let d = this._byDevice.get(i.deviceId);
    if (d === undefined) {
      d = new Map<string, ServiceInstance>();
      this._byDevice.set(i.deviceId, d);
    }
    d.set(i.id, i);
    this.touched(i, InstanceEventType.UP, undefined);
  }

  private swap(prev: ServiceInstance, next: ServiceInstance): void {
    this._byId.set(next.id, next);
    (this._byDevice.get(next.deviceId) as Map<string, ServiceInstance>).set(next.id, next);
    if (prev.serviceName === next.serviceName) {
      const b = this.bucket(next.serviceName);
      b.all[b.all.indexOf(prev)] = next;
    } else {
      this.detach(prev);
      this.bucket(next.serviceName).all.push(next);
    }
  }

  private detach(i: ServiceInstance): void {
    const b = this._services.get(i.serviceName);
    if (b !== undefined) {
      const k = b.all.indexOf(i);
      if (k >= 0) {
        b.all.splice(k, 1);
      }
      b.invalidate();
    }
  }

  private removeInstance(i: ServiceInstance): void {
    this._byId.delete(i.id);
    this.detach(i);
    const d = this._byDevice.get(i.deviceId);
    if (d !== undefined) {
      d.delete(i.id);
      if (d.size === 0) {
        this._byDevice.delete(i.deviceId);
      }
    }
    this.touched(i, InstanceEventType.DOWN, undefined);
    const b = this._services.get(i.serviceName);
    if (b !== undefined && b.all.length === 0 && b.watchers.size === 0) {
      this._services.delete(i.serviceName);
    }
  }

  private touched(i: ServiceInstance, type: InstanceEventType, previousHealth: HealthStatus | undefined): void {
    this._version++;
    const b = this._services.get(i.serviceName);
    if (b !== undefined) {
      b.invalidate();
    }
    const watchers = b === undefined ? 0 : b.watchers.size;
    if (watchers === 0 && this._events.size === 0) {
      return;
    }
    const event: InstanceEvent = {
      type: type, instance: i, previousHealth: previousHealth, local: i.deviceId === this.localDeviceId
    };
    if (b !== undefined && watchers > 0) {
      b.watchers.emit(event);
    }
    this._events.emit(event);
  }
}
