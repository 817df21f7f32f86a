import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Disposable } from '../../core/events/Disposable';
import { EventEmitter, Listener } from '../../core/events/EventEmitter';
import { MembershipEvent } from '../../membership/Member';
import { Membership } from '../../membership/Membership';
import { isLiveState, MemberState } from '../../membership/MemberState';
import { Clock, TimerId } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { NoopLogger } from '../../platform/logging/NoopLogger';
import { PeerAddressBook, PeerAddressChange } from '../net/PeerAddressBook';
import { DeviceAvailability, DeviceChange, DeviceDiscovery, TrustedDevice } from './DeviceDiscovery';

/** Delay between join attempts with a device that is available but does not answer: 2 s. */
export const DEFAULT_DEVICE_JOIN_RETRY_MS = 2000;
/** Join attempts per availability of a device: 5. */
export const DEFAULT_DEVICE_JOIN_ATTEMPTS = 5;

/** Options of a DeviceMembershipBridge. */
export interface DeviceMembershipBridgeOptions {
  discovery: DeviceDiscovery;
  membership: Membership;
  /** Maps network ids to mesh ids (filled by beacons or static peers). */
  addresses: PeerAddressBook;
  clock: Clock;
  logger?: Logger;
  /** Default {@link DEFAULT_DEVICE_JOIN_RETRY_MS}. */
  joinRetryMs?: number;
  /** Default {@link DEFAULT_DEVICE_JOIN_ATTEMPTS}. */
  joinAttempts?: number;
  /** Called when a trusted device comes online or becomes available (e.g. to announce a beacon). */
  onDeviceUp?: (device: TrustedDevice) => void;
  /** Called with the mesh id of a device the platform reported gone (e.g. to drop its connections). */
  onDeviceGone?: (meshId: string) => void;
}

/** A trusted device as the app sees it: the platform's view joined with the mesh's. */
export class DeviceView {
  readonly networkId: string;
  readonly name: string;
  readonly type: string;
  readonly availability: DeviceAvailability;
  /** The mesh device id running on it, once its beacon (or a static entry) said so. */
  readonly meshId: string | undefined;
  /** Its state in this node's membership, when it runs a mesh node we know of. */
  readonly memberState: MemberState | undefined;

  constructor(device: TrustedDevice, availability: DeviceAvailability, meshId: string | undefined, memberState: MemberState | undefined) {
    this.networkId = device.networkId;
    this.name = device.name;
    this.type = device.type;
    this.availability = availability;
    this.meshId = meshId;
    this.memberState = memberState;
  }
}

/** Counters of a DeviceMembershipBridge. */
export class DeviceBridgeStats {
  /** Join (state exchange) attempts made because the platform reported a device up. */
  joins: number = 0;
  /** Attempts nobody answered. */
  joinFailures: number = 0;
  /** Members turned SUSPECT because the platform reported their device gone. */
  suspicions: number = 0;
}

class DeviceRecord {
  device: TrustedDevice;
  availability: DeviceAvailability;
  attempts: number = 0;
  timer: TimerId = -1;
  joining: boolean = false;

  constructor(device: TrustedDevice, availability: DeviceAvailability) {
    this.device = device;
    this.availability = availability;
  }
}

/**
 * Feeds the platform's trusted-device events into SWIM membership:
 *
 * - a device that becomes available (or comes online) is **joined**: once its mesh id is known
 *   (the PeerAddressBook maps its network id), this node exchanges state with it at once instead of
 *   waiting for gossip, retrying every `joinRetryMs` up to `joinAttempts` times while it is
 *   available and not yet a live member;
 * - a device that goes unavailable is **suspected** (`Membership.suspect`): SWIM declares it dead
 *   after the suspicion timeout unless it refutes (the platform can be wrong, e.g. a Bluetooth
 *   hiccup while Wi-Fi still works), so a platform event never removes a live member on its own.
 *
 * It also answers `isTrusted(networkId)` (for the beacon filter) and keeps the device list the app
 * shows (`devices()`, `onDevicesChanged`).
 */
export class DeviceMembershipBridge {
  readonly stats: DeviceBridgeStats = new DeviceBridgeStats();
  private readonly _discovery: DeviceDiscovery;
  private readonly _membership: Membership;
  private readonly _addresses: PeerAddressBook;
  private readonly _clock: Clock;
  private readonly _logger: Logger;
  private readonly _retryMs: number;
  private readonly _attempts: number;
  private readonly _onUp: ((device: TrustedDevice) => void) | undefined;
  private readonly _onGone: ((meshId: string) => void) | undefined;
  private readonly _records: Map<string, DeviceRecord> = new Map<string, DeviceRecord>();
  private readonly _changes: EventEmitter<DeviceView[]> = new EventEmitter<DeviceView[]>();
  private _subscriptions: Disposable[] = [];
  private _running: boolean = false;

  /** @throws InvalidArgumentError for a retry delay below 10 ms or fewer than 1 attempt. */
  constructor(options: DeviceMembershipBridgeOptions) {
    const retry = options.joinRetryMs ?? DEFAULT_DEVICE_JOIN_RETRY_MS;
    if (!Number.isFinite(retry) || retry < 10) {
      throw new InvalidArgumentError('options.joinRetryMs', 'must be a number >= 10');
    }
    const attempts = options.joinAttempts ?? DEFAULT_DEVICE_JOIN_ATTEMPTS;
    if (!Number.isInteger(attempts) || attempts < 1) {
      throw new InvalidArgumentError('options.joinAttempts', 'must be an integer >= 1');
    }
    this._discovery = options.discovery;
    this._membership = options.membership;
    this._addresses = options.addresses;
    this._clock = options.clock;
    this._logger = options.logger ?? new NoopLogger();
    this._retryMs = retry;
    this._attempts = attempts;
    this._onUp = options.onDeviceUp;
    this._onGone = options.onDeviceGone;
  }

  /**
   * Reads the available devices and subscribes to changes. Throws what the discovery throws
   * (e.g. ERR_PERMISSION_DENIED without DISTRIBUTED_DATASYNC).
   */
  start(): void {
    if (this._running) {
      return;
    }
    const initial = this._discovery.availableDevices();
    this._running = true;
    this._subscriptions = [
      this._discovery.onChange((c: DeviceChange): void => this.onDeviceChange(c)),
      this._addresses.onChange((c: PeerAddressChange): void => this.onAddressChange(c)),
      this._membership.onChange((e: MembershipEvent): void => this.emit())
    ];
    for (const d of initial) {
      this._records.set(d.networkId, new DeviceRecord(d, DeviceAvailability.AVAILABLE));
      this.tryJoin(d.networkId);
    }
    this.emit();
  }

  stop(): void {
    this._running = false;
    for (const s of this._subscriptions) {
      s.dispose();
    }
    this._subscriptions = [];
    this._records.forEach((r: DeviceRecord): void => this.clearTimer(r));
  }

  /** True when the platform currently reports `networkId` online or available. */
  isTrusted(networkId: string): boolean {
    const r = this._records.get(networkId);
    return r !== undefined && r.availability !== DeviceAvailability.UNAVAILABLE;
  }

  /** Every trusted device seen since start, by name. */
  devices(): DeviceView[] {
    const out: DeviceView[] = [];
    this._records.forEach((r: DeviceRecord, networkId: string): void => {
      const meshId = this._addresses.deviceIdOf(networkId);
      out.push(new DeviceView(r.device, r.availability, meshId, meshId === undefined ? undefined : this._membership.stateOf(meshId)));
    });
    out.sort((a: DeviceView, b: DeviceView): number => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    return out;
  }

  /** The device list after every platform, address or membership change. */
  onDevicesChanged(listener: Listener<DeviceView[]>): Disposable {
    return this._changes.on(listener);
  }

  private emit(): void {
    if (this._changes.size > 0) {
      this._changes.emit(this.devices());
    }
  }

  private onDeviceChange(c: DeviceChange): void {
    const id = c.device.networkId;
    let r = this._records.get(id);
    const wasUp = r !== undefined && r.availability !== DeviceAvailability.UNAVAILABLE;
    if (r === undefined) {
      r = new DeviceRecord(c.device, c.availability);
      this._records.set(id, r);
    } else {
      r.device = c.device;
      r.availability = c.availability;
    }
    if (c.availability === DeviceAvailability.UNAVAILABLE) {
      this.clearTimer(r);
      r.attempts = 0;
      const meshId = this._addresses.deviceIdOf(id);
      if (meshId !== undefined) {
        if (this._membership.suspect(meshId)) {
          this.stats.suspicions++;
        }
        if (this._onGone !== undefined) {
          this._onGone(meshId);
        }
      }
    } else {
      if (!wasUp) {
        r.attempts = 0;
        if (this._onUp !== undefined) {
          this._onUp(c.device);
        }
      }
      this.tryJoin(id);
    }
    this.emit();
  }

  private onAddressChange(c: PeerAddressChange): void {
    const networkId = c.address === undefined ? undefined : c.address.networkId;
    if (networkId !== undefined && this.isTrusted(networkId)) {
      this.tryJoin(networkId);
    }
    this.emit();
  }

  /** Joins the device's mesh node unless it is already a live member or a join is under way. */
  private tryJoin(networkId: string): void {
    const r = this._records.get(networkId);
    const meshId = this._addresses.deviceIdOf(networkId);
    if (!this._running || r === undefined || meshId === undefined || r.joining || r.timer !== -1 ||
      r.availability === DeviceAvailability.UNAVAILABLE || r.attempts >= this._attempts) {
      return;
    }
    const state = this._membership.stateOf(meshId);
    if (state !== undefined && isLiveState(state)) {
      return;
    }
    r.attempts++;
    r.joining = true;
    this.stats.joins++;
    this._membership.join([meshId]).then((answered: number): void => {
      r.joining = false;
      if (answered > 0 || !this._running) {
        return;
      }
      this.stats.joinFailures++;
      if (r.availability !== DeviceAvailability.UNAVAILABLE && r.attempts < this._attempts) {
        r.timer = this._clock.setTimer(this._retryMs, (): void => {
          r.timer = -1;
          this.tryJoin(networkId);
        });
      } else {
        this._logger.info('trusted device runs no reachable mesh node', { 'device': r.device.name, 'meshId': meshId });
      }
    });
  }

  private clearTimer(r: DeviceRecord): void {
    if (r.timer !== -1) {
      this._clock.clearTimer(r.timer);
      r.timer = -1;
    }
  }
}
