import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { InvalidStateError } from '../../core/errors/InvalidStateError';
import { Clock, TimerId } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { NoopLogger } from '../../platform/logging/NoopLogger';
import { Random } from '../../platform/Random';
import { BeaconMessage } from './BeaconMessage';
import { PeerAddress, PeerAddressBook, PeerAddressSource } from './PeerAddressBook';
import { DatagramNetwork, DatagramSocket } from './StreamNetwork';

/** UDP port beacons are sent to and received on unless told otherwise. */
export const DEFAULT_BEACON_PORT = 47601;
/** Time between two announcements (each jittered by +-25 %): 5 s. */
export const DEFAULT_BEACON_INTERVAL_MS = 5000;

/** Decides whether a received beacon may enter the address book (e.g. only trusted devices). */
export type BeaconFilter = (beacon: BeaconMessage, host: string) => boolean;

/** Options of an AddressBeacon. */
export interface AddressBeaconOptions {
  /** What this device announces (its `wantsReply` is ignored). */
  self: BeaconMessage;
  clock: Clock;
  random: Random;
  datagrams: DatagramNetwork;
  addresses: PeerAddressBook;
  /** UDP port. Default {@link DEFAULT_BEACON_PORT}. */
  port?: number;
  /** Default {@link DEFAULT_BEACON_INTERVAL_MS}. */
  intervalMs?: number;
  /** Default: accept every valid beacon. */
  accept?: BeaconFilter;
  logger?: Logger;
}

/** Counters of an AddressBeacon. */
export class BeaconStats {
  sent: number = 0;
  sendFailures: number = 0;
  received: number = 0;
  /** Datagrams that were not valid beacons. */
  invalid: number = 0;
  /** This device's own beacons (broadcasts loop back). */
  own: number = 0;
  /** Beacons the `accept` filter refused (e.g. from an untrusted device). */
  refused: number = 0;
  replies: number = 0;
}

/**
 * The mDNS-free address exchange: every `intervalMs` (jittered) this device broadcasts a beacon on
 * the local network segment saying which mesh id listens on which TCP port; beacons received from
 * others (that `accept` lets in) update the PeerAddressBook with the sender's source address. A
 * beacon that asks for replies (sent on start and by `announce()`) is answered by unicast, at most
 * once per sender per half interval, so a device that comes online learns of the others at once.
 * Beacons are not authenticated: anyone on the LAN can claim an id (pair the mesh with the auth
 * module's device identity to refuse impostors).
 */
export class AddressBeacon {
  readonly stats: BeaconStats = new BeaconStats();
  readonly port: number;
  readonly intervalMs: number;
  private readonly _self: BeaconMessage;
  private readonly _clock: Clock;
  private readonly _random: Random;
  private readonly _datagrams: DatagramNetwork;
  private readonly _addresses: PeerAddressBook;
  private readonly _accept: BeaconFilter | undefined;
  private readonly _logger: Logger;
  private readonly _lastReply: Map<string, number> = new Map<string, number>();
  private _socket: DatagramSocket | undefined = undefined;
  private _timer: TimerId = -1;
  private _state: number = 0; // 0 created, 1 started, 2 stopped
  private _warned: boolean = false;

  /** @throws InvalidArgumentError for a port outside 1..65535 or an interval below 100 ms. */
  constructor(options: AddressBeaconOptions) {
    const port = options.port ?? DEFAULT_BEACON_PORT;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new InvalidArgumentError('options.port', 'must be an integer in 1..65535');
    }
    const interval = options.intervalMs ?? DEFAULT_BEACON_INTERVAL_MS;
    if (!Number.isFinite(interval) || interval < 100) {
      throw new InvalidArgumentError('options.intervalMs', 'must be a number >= 100');
    }
    this.port = port;
    this.intervalMs = interval;
    this._self = options.self.withReply(false);
    this._clock = options.clock;
    this._random = options.random;
    this._datagrams = options.datagrams;
    this._addresses = options.addresses;
    this._accept = options.accept;
    this._logger = options.logger ?? new NoopLogger();
  }

  get running(): boolean {
    return this._state === 1;
  }

  /** Binds the port, announces (asking for replies) and keeps announcing. Starts once. */
  async start(): Promise<void> {
    if (this._state !== 0) {
      throw new InvalidStateError('an AddressBeacon starts once');
    }
    this._state = 1;
    const socket = await this._datagrams.bind(this.port);
    if (this._state !== 1) {
      socket.close();
      return;
    }
    this._socket = socket;
    socket.onMessage((bytes: Uint8Array, host: string, port: number): void => this.onDatagram(bytes, host, port));
    this.announce();
    this.schedule();
  }

  /** Broadcasts a beacon now, asking every device to answer (e.g. when a device came online). */
  announce(): void {
    this.broadcast(this._self.withReply(true));
  }

  stop(): void {
    if (this._state === 2) {
      return;
    }
    this._state = 2;
    if (this._timer !== -1) {
      this._clock.clearTimer(this._timer);
      this._timer = -1;
    }
    if (this._socket !== undefined) {
      this._socket.close();
      this._socket = undefined;
    }
  }

  private schedule(): void {
    const delay = this.intervalMs * (0.75 + this._random.next() / 2);
    this._timer = this._clock.setTimer(delay, (): void => {
      this._timer = -1;
      if (this._state === 1) {
        this.broadcast(this._self);
        this.schedule();
      }
    });
  }

  private broadcast(beacon: BeaconMessage): void {
    const socket = this._socket;
    if (socket === undefined) {
      return;
    }
    this.stats.sent++;
    socket.broadcast(beacon.encode(), this.port).catch((e: Error): void => this.sendFailed(e));
  }

  private sendFailed(e: Error): void {
    this.stats.sendFailures++;
    if (!this._warned) {
      this._warned = true;
      this._logger.warn('beacon could not be sent; peers must be configured statically', { 'error': e.message });
    }
  }

  private onDatagram(bytes: Uint8Array, host: string, port: number): void {
    this.stats.received++;
    const beacon = BeaconMessage.decode(bytes);
    if (beacon === undefined) {
      this.stats.invalid++;
      return;
    }
    if (beacon.deviceId === this._self.deviceId) {
      this.stats.own++;
      return;
    }
    const accept = this._accept;
    if (accept !== undefined && !accept(beacon, host)) {
      this.stats.refused++;
      return;
    }
    const now = this._clock.now();
    try {
      this._addresses.set(new PeerAddress(beacon.deviceId, host, beacon.tcpPort, PeerAddressSource.BEACON, beacon.networkId,
        beacon.deviceType, now));
    } catch (e) {
      this.stats.invalid++; // an empty source address: nothing to dial
      return;
    }
    if (beacon.wantsReply && this._socket !== undefined) {
      const last = this._lastReply.get(beacon.deviceId);
      if (last === undefined || now - last >= this.intervalMs / 2) {
        this._lastReply.set(beacon.deviceId, now);
        this.stats.replies++;
        this.stats.sent++;
        this._socket.send(this._self.encode(), host, port).catch((e: Error): void => this.sendFailed(e));
      }
    }
  }
}
