import { Disposable } from '../../core/events/Disposable';
import { Listener } from '../../core/events/EventEmitter';

/** What the platform says about a trusted device. */
export enum DeviceAvailability {
  /** Online, but distributed services are not usable yet (device manager state UNKNOWN). */
  ONLINE = 'online',
  /** Online and usable. */
  AVAILABLE = 'available',
  /** Gone: offline, out of range, or no longer trusted. */
  UNAVAILABLE = 'unavailable'
}

/** A device the platform trusts (same account or bound), as the device manager describes it. */
export class TrustedDevice {
  /** The device's distributed network id: what mesh beacons carry to match devices. */
  readonly networkId: string;
  /** The platform's device id (on HarmonyOS an app-specific hash of the udid). */
  readonly deviceId: string;
  readonly name: string;
  /** Device type as the platform names it (`phone`, `tablet`, `tv`, `wearable`, `car`, ...). */
  readonly type: string;

  constructor(networkId: string, deviceId: string, name: string, type: string) {
    this.networkId = networkId;
    this.deviceId = deviceId;
    this.name = name;
    this.type = type;
  }
}

/** One state change of a trusted device. */
export class DeviceChange {
  readonly availability: DeviceAvailability;
  readonly device: TrustedDevice;

  constructor(availability: DeviceAvailability, device: TrustedDevice) {
    this.availability = availability;
    this.device = device;
  }
}

/**
 * The platform's view of trusted devices, the port DeviceMembershipBridge feeds membership from.
 * Implementations: `DistributedDeviceDiscovery` (HarmonyOS distributedDeviceManager) and
 * `InMemoryDeviceDiscovery` (tests, the simulator).
 */
export interface DeviceDiscovery {
  /** This device's network id. */
  localNetworkId(): string;
  /** The trusted devices available now. Throws a MeshError when the platform refuses (e.g. no permission). */
  availableDevices(): TrustedDevice[];
  /** Subscribes to devices coming online, becoming available and going away. */
  onChange(listener: Listener<DeviceChange>): Disposable;
  /** Stops listening and releases the platform resources (idempotent). */
  close(): void;
}
