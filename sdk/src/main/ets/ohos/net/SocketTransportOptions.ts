import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { NoopLogger } from '../../platform/logging/NoopLogger';
import { Random } from '../../platform/Random';
import { Backoff } from '../../resilience/backoff/Backoff';
import { BackoffJitter, ExponentialBackoff } from '../../resilience/backoff/ExponentialBackoff';
import { EnvelopeCodec } from '../../transport/EnvelopeCodec';
import { DEFAULT_MAX_FRAME_BYTES } from './FrameCodec';
import { PeerAddressBook } from './PeerAddressBook';
import { StreamNetwork } from './StreamNetwork';

/** TCP port a mesh node listens on unless told otherwise. */
export const DEFAULT_MESH_TCP_PORT = 47600;
/** How long a connection attempt may take: 3 s. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
/** How long a new connection may take to exchange hellos: 5 s. */
export const DEFAULT_HELLO_TIMEOUT_MS = 5000;
/** Bytes that may wait per peer (while connecting, or behind a slow write): 1 MiB. */
export const DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;
/** Consecutive failed connections after which sends to the peer fail at once until one succeeds: 3. */
export const DEFAULT_FAIL_FAST_AFTER = 3;
/** First reconnect delay: 250 ms (then doubling, with equal jitter). */
export const DEFAULT_RECONNECT_INITIAL_MS = 250;
/** Longest reconnect delay: 30 s. */
export const DEFAULT_RECONNECT_MAX_MS = 30000;

/** Options of a SocketTransport. */
export interface SocketTransportOptions {
  /** This device's mesh id. */
  localId: string;
  clock: Clock;
  /** Jitter of reconnect delays. */
  random: Random;
  /** A fresh random word per life (e.g. `new IdGenerator(random).hex(8)`). */
  origin: string;
  /** The host's TCP (OhosStreamNetwork on HarmonyOS). */
  network: StreamNetwork;
  /** Where peers are (filled by AddressBeacon and/or static peers). */
  addresses: PeerAddressBook;
  /** Port `listen()` binds. Default {@link DEFAULT_MESH_TCP_PORT}; 0 for any free port. */
  port?: number;
  /** Default {@link DEFAULT_CONNECT_TIMEOUT_MS}. */
  connectTimeoutMs?: number;
  /** Default {@link DEFAULT_HELLO_TIMEOUT_MS}. */
  helloTimeoutMs?: number;
  /** Default {@link DEFAULT_MAX_QUEUED_BYTES}. */
  maxQueuedBytes?: number;
  /** Default {@link DEFAULT_FAIL_FAST_AFTER}. */
  failFastAfter?: number;
  /**
   * Delay before reconnect attempt n. Default: ExponentialBackoff from
   * {@link DEFAULT_RECONNECT_INITIAL_MS} doubling to {@link DEFAULT_RECONNECT_MAX_MS}, equal jitter.
   */
  reconnect?: Backoff;
  /** Default: an EnvelopeCodec with default limits. */
  codec?: EnvelopeCodec;
  /** Largest frame accepted. Default {@link DEFAULT_MAX_FRAME_BYTES}. */
  maxFrameBytes?: number;
  /** Connection problems are logged here. Default NoopLogger. */
  logger?: Logger;
  /**
   * Decides whether a device that dialed this one may talk to it (called with the id from its
   * hello and the connection's remote address). Default: everyone. Not authentication: ids are
   * claims (use the auth module's device identity for that).
   */
  acceptPeer?: PeerFilter;
}

/** See {@link SocketTransportOptions.acceptPeer}. */
export type PeerFilter = (deviceId: string, remoteAddress: string) => boolean;

const positive = (value: number | undefined, fallback: number, field: string, min: number): number => {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < min) {
    throw new InvalidArgumentError(`options.${field}`, `must be a number >= ${min}`);
  }
  return v;
};

/** SocketTransportOptions with every default filled and every value checked. */
export class ResolvedSocketTransportOptions {
  readonly port: number;
  readonly connectTimeoutMs: number;
  readonly helloTimeoutMs: number;
  readonly maxQueuedBytes: number;
  readonly failFastAfter: number;
  readonly reconnect: Backoff;
  readonly maxFrameBytes: number;
  readonly logger: Logger;
  readonly acceptPeer: PeerFilter | undefined;

  private constructor(o: SocketTransportOptions) {
    const port = o.port ?? DEFAULT_MESH_TCP_PORT;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new InvalidArgumentError('options.port', 'must be an integer in 0..65535');
    }
    this.port = port;
    this.connectTimeoutMs = positive(o.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS, 'connectTimeoutMs', 1);
    this.helloTimeoutMs = positive(o.helloTimeoutMs, DEFAULT_HELLO_TIMEOUT_MS, 'helloTimeoutMs', 1);
    this.maxQueuedBytes = positive(o.maxQueuedBytes, DEFAULT_MAX_QUEUED_BYTES, 'maxQueuedBytes', 1024);
    const failFast = o.failFastAfter ?? DEFAULT_FAIL_FAST_AFTER;
    if (!Number.isInteger(failFast) || failFast < 1) {
      throw new InvalidArgumentError('options.failFastAfter', 'must be an integer >= 1');
    }
    this.failFastAfter = failFast;
    this.reconnect = o.reconnect ?? new ExponentialBackoff({
      initialDelayMs: DEFAULT_RECONNECT_INITIAL_MS, maxDelayMs: DEFAULT_RECONNECT_MAX_MS, multiplier: 2,
      jitter: BackoffJitter.EQUAL, random: o.random
    });
    const maxFrame = o.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    if (!Number.isInteger(maxFrame) || maxFrame < 64) {
      throw new InvalidArgumentError('options.maxFrameBytes', 'must be an integer >= 64');
    }
    this.maxFrameBytes = maxFrame;
    this.logger = o.logger ?? new NoopLogger();
    this.acceptPeer = o.acceptPeer;
  }

  /** @throws InvalidArgumentError naming the option (`options.port`, ...). */
  static from(o: SocketTransportOptions): ResolvedSocketTransportOptions {
    if (o.network === undefined || o.network === null) {
      throw new InvalidArgumentError('options.network', 'required');
    }
    if (o.addresses === undefined || o.addresses === null) {
      throw new InvalidArgumentError('options.addresses', 'required');
    }
    return new ResolvedSocketTransportOptions(o);
  }
}
