import { Disposable } from '../../core/events/Disposable';
import { EventEmitter, Listener } from '../../core/events/EventEmitter';
import { DeviceAvailability, DeviceChange, DeviceDiscovery, TrustedDevice } from './DeviceDiscovery';

/**
 * A DeviceDiscovery driven by hand: tests and the simulator bring devices online and take them
 * away. Changes are delivered synchronously to the listeners.
 */
export class InMemoryDeviceDiscovery implements DeviceDiscovery {
  private readonly _local: string;
  private readonly _devices: Map<string, TrustedDevice> = new Map<string, TrustedDevice>();
  private readonly _states: Map<string, DeviceAvailability> = new Map<string, DeviceAvailability>();
  private readonly _events: EventEmitter<DeviceChange> = new EventEmitter<DeviceChange>();
  private _closed: boolean = false;

  constructor(localNetworkId: string) {
    this._local = localNetworkId;
  }

  get closed(): boolean {
    return this._closed;
  }

  localNetworkId(): string {
    return this._local;
  }

  availableDevices(): TrustedDevice[] {
    const out: TrustedDevice[] = [];
    this._devices.forEach((d: TrustedDevice, id: string): void => {
      if (this._states.get(id) === DeviceAvailability.AVAILABLE) {
        out.push(d);
      }
    });
    return out;
  }

  onChange(listener: Listener<DeviceChange>): Disposable {
    return this._events.on(listener);
  }

  /** Reports `device` in `availability` (AVAILABLE, ONLINE or UNAVAILABLE). */
  report(device: TrustedDevice, availability: DeviceAvailability): void {
    if (this._closed) {
      return;
    }
    this._devices.set(device.networkId, device);
    this._states.set(device.networkId, availability);
    this._events.emit(new DeviceChange(availability, device));
  }

  /** Shorthand for `report(device, AVAILABLE)`. */
  bringOnline(device: TrustedDevice): void {
    this.report(device, DeviceAvailability.AVAILABLE);
  }

  /** Reports the device with `networkId` UNAVAILABLE (no-op for an unknown one). */
  takeOffline(networkId: string): void {
    const d = this._devices.get(networkId);
    if (d !== undefined) {
      this.report(d, DeviceAvailability.UNAVAILABLE);
    }
  }

  close(): void {
    this._closed = true;
    this._events.clear();
  }
}
