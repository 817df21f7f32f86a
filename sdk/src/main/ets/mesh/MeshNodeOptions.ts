import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { MembershipOptions } from '../membership/MembershipOptions';
import { Clock } from '../platform/Clock';
import { Crypto } from '../platform/crypto/Crypto';
import { Logger } from '../platform/logging/Logger';
import { Random } from '../platform/Random';
import { KeyValueStore } from '../platform/store/KeyValueStore';
import { BalancerFactory } from '../registry/balancers/LoadBalancer';
import { OutlierDetectorOptions } from '../registry/health/OutlierDetector';
import { Transport } from '../transport/Transport';
import { MeshPlugin } from './MeshPlugin';
import { MeshGatewayOptions } from './plugins/MeshGatewayOptions';
import { MetricsPluginOptions } from './plugins/MetricsPluginOptions';
import { ResiliencePluginOptions } from './plugins/ResiliencePluginOptions';
import { TracingPluginOptions } from './plugins/TracingPluginOptions';

/** Time budget of a call without `timeoutMs`/`deadline`: 10 s. */
export const DEFAULT_MESH_CALL_TIMEOUT_MS = 10000;
/** Store key prefix under which a node keeps its own state (`<prefix><deviceId>/...`). */
export const MESH_STORE_PREFIX = 'arkmesh/node/';

/** Everything `MeshNode.create` takes. */
export interface MeshNodeOptions {
  /** This device's id; must equal `transport.localId`. */
  deviceId: string;
  /** phone, tablet, watch, tv, car, pc, ... */
  deviceType: string;
  transport: Transport;
  clock: Clock;
  random: Random;
  /** For plugins (auth, signing); the core does not use it. */
  crypto?: Crypto;
  /** Durable storage that survives a crash (the incarnation is kept here). Default: a MemoryStore. */
  store?: KeyValueStore;
  /** Default: NoopLogger. */
  logger?: Logger;
  /** Locality of this device (a room, a home); default for provided instances and locality balancing. */
  zone?: string;
  /** Devices to join through (any live member will do). */
  seeds?: string[];
  membership?: MembershipOptions;
  /** Balancer per service. Default: LocalityAwareBalancer over P2cEwmaBalancer. */
  balancer?: BalancerFactory;
  /** Passive health (outlier ejection) tuning. */
  outlierDetection?: OutlierDetectorOptions;
  /** Default {@link DEFAULT_MESH_CALL_TIMEOUT_MS}. */
  defaultTimeoutMs?: number;
  /** Installed in order at create time, after the standard plugins below. */
  plugins?: MeshPlugin[];
  /** Routes and middleware of `node.gateway` (whose upstream is this node's call path). Default: no routes. */
  gateway?: MeshGatewayOptions;
  /** Installs the tracing plugin (client, server and gateway spans). Default: none. */
  tracing?: TracingPluginOptions;
  /** Installs the resilience plugin (`{}` for its defaults). Default: none. */
  resilience?: ResiliencePluginOptions;
  /** Installs the metrics plugin (RED metrics). Default: none. */
  metrics?: MetricsPluginOptions;
}

/** Validates the scalar options; throws InvalidArgumentError naming the field. */
export const checkNodeOptions = (o: MeshNodeOptions): number => {
  if (o === undefined || o === null) {
    throw new InvalidArgumentError('options', 'required');
  }
  if (o.transport === undefined || o.transport === null) {
    throw new InvalidArgumentError('options.transport', 'required');
  }
  if (o.clock === undefined || o.clock === null) {
    throw new InvalidArgumentError('options.clock', 'required');
  }
  if (o.random === undefined || o.random === null) {
    throw new InvalidArgumentError('options.random', 'required');
  }
  if (o.transport.localId !== o.deviceId) {
    throw new InvalidArgumentError('options.transport', `belongs to ${o.transport.localId}, not ${o.deviceId}`);
  }
  const timeout = o.defaultTimeoutMs ?? DEFAULT_MESH_CALL_TIMEOUT_MS;
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new InvalidArgumentError('options.defaultTimeoutMs', 'must be a number > 0');
  }
  return timeout;
};
