import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { MembershipOptions } from '../../membership/MembershipOptions';
import { MeshPlugin } from '../../mesh/MeshPlugin';
import { Clock } from '../../platform/Clock';
import { Crypto } from '../../platform/crypto/Crypto';
import { Logger } from '../../platform/logging/Logger';
import { Random } from '../../platform/Random';
import { KeyValueStore } from '../../platform/store/KeyValueStore';
import { BalancerFactory } from '../../registry/balancers/LoadBalancer';
import { OutlierDetectorOptions } from '../../registry/health/OutlierDetector';
import { DeviceDiscovery } from '../discovery/DeviceDiscovery';
import { DatagramNetwork, StreamNetwork } from '../net/StreamNetwork';

/** A peer configured by the app: reachable at a fixed address, with or without beacons. */
export interface StaticPeer {
  /** Its mesh device id. */
  deviceId: string;
  host: string;
  /** Default DEFAULT_MESH_TCP_PORT. */
  port?: number;
  /** Its HarmonyOS network id, to match device-manager events. */
  networkId?: string;
}

/** Socket tuning of a DeviceMesh (see SocketTransportOptions for the defaults). */
export interface DeviceMeshSocketOptions {
  connectTimeoutMs?: number;
  helloTimeoutMs?: number;
  maxQueuedBytes?: number;
  failFastAfter?: number;
  maxFrameBytes?: number;
}

/** Everything `DeviceMesh.start` takes: the node's options plus the local-network pieces. */
export interface DeviceMeshOptions {
  /** This device's mesh id. */
  deviceId: string;
  deviceType: string;
  clock: Clock;
  random: Random;
  /** The host's TCP. */
  network: StreamNetwork;
  /** The host's UDP, for address beacons. Without it, only static peers are reachable. */
  datagrams?: DatagramNetwork;
  /**
   * Trusted devices. With it, beacons are accepted only from devices the platform currently
   * reports (unless `acceptUntrustedBeacons`), device events feed membership, and `devices()`
   * lists them. Without it, every beacon is accepted.
   */
  discovery?: DeviceDiscovery;
  /** This device's network id, announced in beacons. Default: `discovery.localNetworkId()`. */
  localNetworkId?: string;
  crypto?: Crypto;
  /** Durable store (the node's incarnation). Default: a MemoryStore. */
  store?: KeyValueStore;
  logger?: Logger;
  zone?: string;
  /** TCP port to listen on. Default DEFAULT_MESH_TCP_PORT; 0 for any free port. */
  tcpPort?: number;
  /** UDP port of beacons. Default DEFAULT_BEACON_PORT. */
  beaconPort?: number;
  /** Default DEFAULT_BEACON_INTERVAL_MS. */
  beaconIntervalMs?: number;
  /** Accept beacons from devices the discovery does not report. Default false. */
  acceptUntrustedBeacons?: boolean;
  /** Peers at fixed addresses; they are also the node's join seeds. */
  staticPeers?: StaticPeer[];
  socket?: DeviceMeshSocketOptions;
  /** See DeviceMembershipBridgeOptions. */
  joinRetryMs?: number;
  joinAttempts?: number;
  membership?: MembershipOptions;
  balancer?: BalancerFactory;
  outlierDetection?: OutlierDetectorOptions;
  defaultTimeoutMs?: number;
  /** Installed on the node in order (tracing, metrics, resilience, auth plugins). */
  plugins?: MeshPlugin[];
}

/** Validates what MeshNode and the transports do not; throws InvalidArgumentError naming the field. */
export const checkDeviceMeshOptions = (o: DeviceMeshOptions): void => {
  if (o === undefined || o === null) {
    throw new InvalidArgumentError('options', 'required');
  }
  if (o.network === undefined || o.network === null) {
    throw new InvalidArgumentError('options.network', 'required');
  }
  if (o.clock === undefined || o.clock === null) {
    throw new InvalidArgumentError('options.clock', 'required');
  }
  if (o.random === undefined || o.random === null) {
    throw new InvalidArgumentError('options.random', 'required');
  }
  if (typeof o.deviceId !== 'string' || o.deviceId.length === 0) {
    throw new InvalidArgumentError('options.deviceId', 'must be a non-empty string');
  }
  const peers = o.staticPeers ?? [];
  for (let i = 0; i < peers.length; i++) {
    const p = peers[i];
    if (typeof p.deviceId !== 'string' || p.deviceId.length === 0 || p.deviceId === o.deviceId) {
      throw new InvalidArgumentError(`options.staticPeers[${i}].deviceId`, 'must be another device\'s non-empty id');
    }
    if (typeof p.host !== 'string' || p.host.length === 0) {
      throw new InvalidArgumentError(`options.staticPeers[${i}].host`, 'must be a non-empty string');
    }
    if (p.port !== undefined && (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535)) {
      throw new InvalidArgumentError(`options.staticPeers[${i}].port`, 'must be an integer in 1..65535');
    }
  }
};
