import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Disposable } from '../../core/events/Disposable';
import { EventEmitter, Listener } from '../../core/events/EventEmitter';

/** Where an address came from. */
export enum PeerAddressSource {
  /** Configured by the app (`staticPeers`). Beacons never overwrite it. */
  STATIC = 'static',
  /** Learned from an AddressBeacon datagram on the local network. */
  BEACON = 'beacon'
}

/** How to reach one mesh device over TCP, and which platform device it is. */
export class PeerAddress {
  readonly deviceId: string;
  readonly host: string;
  readonly port: number;
  readonly source: PeerAddressSource;
  /** The device's distributed network id (HarmonyOS `networkId`), when known. */
  readonly networkId: string | undefined;
  readonly deviceType: string | undefined;
  /** Clock time of the last confirmation. */
  readonly updatedAt: number;

  constructor(deviceId: string, host: string, port: number, source: PeerAddressSource, networkId: string | undefined,
    deviceType: string | undefined, updatedAt: number) {
    this.deviceId = deviceId;
    this.host = host;
    this.port = port;
    this.source = source;
    this.networkId = networkId;
    this.deviceType = deviceType;
    this.updatedAt = updatedAt;
  }

  /** True when host, port and network id are the same (a refresh, not a change). */
  sameAs(other: PeerAddress): boolean {
    return this.host === other.host && this.port === other.port && this.networkId === other.networkId;
  }
}

/** Emitted when an address is added, changed or removed (`address` undefined). */
export class PeerAddressChange {
  readonly deviceId: string;
  readonly address: PeerAddress | undefined;
  readonly previous: PeerAddress | undefined;

  constructor(deviceId: string, address: PeerAddress | undefined, previous: PeerAddress | undefined) {
    this.deviceId = deviceId;
    this.address = address;
    this.previous = previous;
  }
}

/**
 * The explicit mapping from mesh device ids to network addresses (and to HarmonyOS network ids):
 * the SocketTransport dials what it finds here, the device bridge matches device-manager events
 * to mesh members through it. Entries come from the app (static) or from beacons; a static entry
 * is never replaced by a beacon. Refreshes that change nothing emit nothing.
 */
export class PeerAddressBook {
  private readonly _byDevice: Map<string, PeerAddress> = new Map<string, PeerAddress>();
  private readonly _byNetwork: Map<string, string> = new Map<string, string>();
  private readonly _changes: EventEmitter<PeerAddressChange> = new EventEmitter<PeerAddressChange>();

  get size(): number {
    return this._byDevice.size;
  }

  /** Subscribes to additions, changes and removals. */
  onChange(listener: Listener<PeerAddressChange>): Disposable {
    return this._changes.on(listener);
  }

  get(deviceId: string): PeerAddress | undefined {
    return this._byDevice.get(deviceId);
  }

  /** The mesh device id known for a HarmonyOS network id. */
  deviceIdOf(networkId: string): string | undefined {
    return this._byNetwork.get(networkId);
  }

  all(): PeerAddress[] {
    return Array.from(this._byDevice.values());
  }

  /**
   * Records an address; returns false when it was ignored (a beacon for a static entry).
   * @throws InvalidArgumentError for an empty id or host, or a port outside 1..65535.
   */
  set(address: PeerAddress): boolean {
    if (address.deviceId.length === 0) {
      throw new InvalidArgumentError('address.deviceId', 'must be a non-empty string');
    }
    if (address.host.length === 0) {
      throw new InvalidArgumentError('address.host', 'must be a non-empty string');
    }
    if (!Number.isInteger(address.port) || address.port < 1 || address.port > 65535) {
      throw new InvalidArgumentError('address.port', 'must be an integer in 1..65535');
    }
    const previous = this._byDevice.get(address.deviceId);
    if (previous !== undefined && previous.source === PeerAddressSource.STATIC && address.source !== PeerAddressSource.STATIC) {
      return false;
    }
    this._byDevice.set(address.deviceId, address);
    if (previous !== undefined && previous.networkId !== undefined && previous.networkId !== address.networkId &&
      this._byNetwork.get(previous.networkId) === address.deviceId) {
      this._byNetwork.delete(previous.networkId);
    }
    if (address.networkId !== undefined) {
      this._byNetwork.set(address.networkId, address.deviceId);
    }
    if (previous === undefined || !previous.sameAs(address)) {
      this._changes.emit(new PeerAddressChange(address.deviceId, address, previous));
    }
    return true;
  }

  /** Forgets a device; returns whether it was known. */
  remove(deviceId: string): boolean {
    const previous = this._byDevice.get(deviceId);
    if (previous === undefined) {
      return false;
    }
    this._byDevice.delete(deviceId);
    if (previous.networkId !== undefined && this._byNetwork.get(previous.networkId) === deviceId) {
      this._byNetwork.delete(previous.networkId);
    }
    this._changes.emit(new PeerAddressChange(deviceId, undefined, previous));
    return true;
  }
}
