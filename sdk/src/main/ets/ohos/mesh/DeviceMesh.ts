import { Disposable } from '../../core/events/Disposable';
import { Listener } from '../../core/events/EventEmitter';
import { IdGenerator } from '../../core/ids/IdGenerator';
import { MembershipEvent } from '../../membership/Member';
import { isLiveState, MemberEventType } from '../../membership/MemberState';
import { MeshNode } from '../../mesh/MeshNode';
import { Logger } from '../../platform/logging/Logger';
import { NoopLogger } from '../../platform/logging/NoopLogger';
import { DeviceDiscovery, TrustedDevice } from '../discovery/DeviceDiscovery';
import { DeviceMembershipBridge, DeviceView } from '../discovery/DeviceMembershipBridge';
import { AddressBeacon } from '../net/AddressBeacon';
import { BeaconMessage } from '../net/BeaconMessage';
import { PeerAddress, PeerAddressBook, PeerAddressChange, PeerAddressSource } from '../net/PeerAddressBook';
import { SocketTransport } from '../net/SocketTransport';
import { DEFAULT_MESH_TCP_PORT } from '../net/SocketTransportOptions';
import { checkDeviceMeshOptions, DeviceMeshOptions } from './DeviceMeshOptions';

/**
 * A mesh node on real devices of one local network, assembled and started: a SocketTransport
 * listening on TCP, address beacons over UDP, static peers, and (with a DeviceDiscovery) the
 * platform's trusted-device events feeding membership. Portable: HarmonyOS builds it from
 * `createOhosMesh` with the kit adapters; tests build it on in-memory networks or node sockets.
 *
 * Mesh ids and addresses: each device has a mesh id of its own (`deviceId`); the PeerAddressBook
 * maps mesh ids to `host:port` (and to HarmonyOS network ids), filled by static peers and by
 * beacons, whose source address is the peer's host.
 *
 * @example
 * const mesh = await DeviceMesh.start({ deviceId: 'tv-1', deviceType: 'tv', clock, random, network, datagrams, discovery });
 * mesh.node.provide('media.player', handler);
 * mesh.onDevicesChanged((devices) => render(devices));
 */
export class DeviceMesh {
  readonly node: MeshNode;
  readonly transport: SocketTransport;
  readonly addresses: PeerAddressBook;
  /** Undefined without `datagrams`, or when the beacon port could not be bound (see the log). */
  readonly beacon: AddressBeacon | undefined;
  /** Undefined without `discovery`. */
  readonly bridge: DeviceMembershipBridge | undefined;
  private readonly _discovery: DeviceDiscovery | undefined;
  private readonly _subscriptions: Disposable[];
  private _stopped: boolean = false;

  private constructor(node: MeshNode, transport: SocketTransport, addresses: PeerAddressBook, beacon: AddressBeacon | undefined,
    bridge: DeviceMembershipBridge | undefined, discovery: DeviceDiscovery | undefined) {
    this.node = node;
    this.transport = transport;
    this.addresses = addresses;
    this.beacon = beacon;
    this.bridge = bridge;
    this._discovery = discovery;
    this._subscriptions = [
      node.onMembership((e: MembershipEvent): void => {
        if (e.type === MemberEventType.DEAD || e.type === MemberEventType.LEFT) {
          transport.disconnect(e.member.id);
        }
      }),
      transport.onClosed((): void => this.release()),
      addresses.onChange((c: PeerAddressChange): void => this.onAddress(c))
    ];
    for (const a of addresses.all()) {
      this.onAddress(new PeerAddressChange(a.deviceId, a, undefined));
    }
  }

  /**
   * Builds and starts everything: listens on TCP, starts the node (joining static peers), the
   * device bridge and the beacon. Rejects with InvalidArgumentError for bad options, and with what
   * listening or the discovery failed with (everything started so far is closed again). A beacon
   * port that cannot be bound is logged and skipped: static peers still work.
   */
  static async start(options: DeviceMeshOptions): Promise<DeviceMesh> {
    checkDeviceMeshOptions(options);
    const logger: Logger = options.logger ?? new NoopLogger();
    const addresses = new PeerAddressBook();
    const seeds: string[] = [];
    const s = options.socket;
    // With trusted-device discovery, only devices in the address book (trusted beacons, static
    // peers) may open connections here: a device on the LAN the platform never vouched for cannot.
    const restrict = options.discovery !== undefined && options.acceptUntrustedBeacons !== true;
    const transport = new SocketTransport({
      acceptPeer: restrict ? (id: string, remote: string): boolean => addresses.get(id) !== undefined : undefined,
      localId: options.deviceId, clock: options.clock, random: options.random, origin: new IdGenerator(options.random).hex(8),
      network: options.network, addresses: addresses, port: options.tcpPort, logger: logger.child({ 'component': 'socket' }),
      connectTimeoutMs: s?.connectTimeoutMs, helloTimeoutMs: s?.helloTimeoutMs, maxQueuedBytes: s?.maxQueuedBytes,
      failFastAfter: s?.failFastAfter, maxFrameBytes: s?.maxFrameBytes
    });
    let node: MeshNode | undefined = undefined;
    let bridge: DeviceMembershipBridge | undefined = undefined;
    try {
      for (const p of options.staticPeers ?? []) {
        addresses.set(new PeerAddress(p.deviceId, p.host, p.port ?? DEFAULT_MESH_TCP_PORT, PeerAddressSource.STATIC, p.networkId,
          undefined, options.clock.now()));
        seeds.push(p.deviceId);
      }
      const port = await transport.listen();
      node = MeshNode.create({
        deviceId: options.deviceId, deviceType: options.deviceType, transport: transport, clock: options.clock,
        random: options.random, crypto: options.crypto, store: options.store, logger: logger, zone: options.zone, seeds: seeds,
        membership: options.membership, balancer: options.balancer, outlierDetection: options.outlierDetection,
        defaultTimeoutMs: options.defaultTimeoutMs, plugins: options.plugins
      });
      const discovery = options.discovery;
      let beacon: AddressBeacon | undefined = undefined;
      if (discovery !== undefined) {
        bridge = new DeviceMembershipBridge({
          discovery: discovery, membership: node.membership, addresses: addresses, clock: options.clock, logger: logger,
          joinRetryMs: options.joinRetryMs, joinAttempts: options.joinAttempts,
          onDeviceUp: (d: TrustedDevice): void => {
            if (beacon !== undefined) {
              beacon.announce();
            }
          },
          onDeviceGone: (meshId: string): void => transport.disconnect(meshId)
        });
      }
      if (options.datagrams !== undefined) {
        const trust = bridge;
        const acceptAll = options.acceptUntrustedBeacons === true || trust === undefined;
        const networkId = options.localNetworkId ?? (discovery === undefined ? undefined : discovery.localNetworkId());
        beacon = new AddressBeacon({
          self: new BeaconMessage(options.deviceId, options.deviceType, port, networkId, false),
          clock: options.clock, random: options.random, datagrams: options.datagrams, addresses: addresses,
          port: options.beaconPort, intervalMs: options.beaconIntervalMs, logger: logger,
          accept: acceptAll ? undefined : (b: BeaconMessage): boolean => b.networkId !== undefined && trust !== undefined &&
            trust.isTrusted(b.networkId)
        });
      }
      await node.start();
      if (bridge !== undefined) {
        bridge.start();
      }
      if (beacon !== undefined) {
        try {
          await beacon.start();
        } catch (e) {
          logger.warn('address beacon not started; only static peers are reachable', { 'error': (e as Error).message });
          beacon.stop();
          beacon = undefined;
        }
      }
      return new DeviceMesh(node, transport, addresses, beacon, bridge, discovery);
    } catch (e) {
      if (bridge !== undefined) {
        bridge.stop();
      }
      if (node !== undefined) {
        await node.stop(false);
      }
      transport.close();
      throw e as Error;
    }
  }

  /** The trusted devices and their mesh state (empty without a discovery). */
  devices(): DeviceView[] {
    return this.bridge === undefined ? [] : this.bridge.devices();
  }

  /** The device list after every change (never called without a discovery). */
  onDevicesChanged(listener: Listener<DeviceView[]>): Disposable {
    return this.bridge === undefined ? Disposable.none() : this.bridge.onDevicesChanged(listener);
  }

  /** Leaves the mesh gracefully, stops beacons and device events, closes every connection. */
  async stop(): Promise<void> {
    if (this._stopped) {
      return;
    }
    await this.node.stop(true);
    this.release();
  }

  /**
   * A device learned from a beacon is joined at once. Trusted devices are the bridge's business
   * (it also retries); this covers meshes without discovery and accepted untrusted beacons.
   */
  private onAddress(c: PeerAddressChange): void {
    const a = c.address;
    if (a === undefined || c.previous !== undefined || a.source !== PeerAddressSource.BEACON || this._stopped) {
      return;
    }
    const bridge = this.bridge;
    if (bridge !== undefined && a.networkId !== undefined && bridge.isTrusted(a.networkId)) {
      return;
    }
    const state = this.node.membership.stateOf(a.deviceId);
    if (state === undefined || !isLiveState(state)) {
      this.node.membership.join([a.deviceId]);
    }
  }

  private release(): void {
    if (this._stopped) {
      return;
    }
    this._stopped = true;
    for (const s of this._subscriptions) {
      s.dispose();
    }
    if (this.beacon !== undefined) {
      this.beacon.stop();
    }
    if (this.bridge !== undefined) {
      this.bridge.stop();
    }
    if (this._discovery !== undefined) {
      this._discovery.close();
    }
    if (!this.transport.closed) {
      this.transport.close();
    }
  }
}
