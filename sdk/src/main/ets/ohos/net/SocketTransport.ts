import { InvalidStateError } from '../../core/errors/InvalidStateError';
import { TimeoutError } from '../../core/errors/TimeoutError';
import { Disposable } from '../../core/events/Disposable';
import { LogLevel, Logger } from '../../platform/logging/Logger';
import { BaseTransport } from '../../transport/BaseTransport';
import { Envelope } from '../../transport/Envelope';
import { EnvelopeInvalidError } from '../../transport/errors/EnvelopeInvalidError';
import { TransportClosedError } from '../../transport/errors/TransportClosedError';
import { UnreachableError } from '../../transport/errors/UnreachableError';
import { FrameCodec, FrameType } from './FrameCodec';
import { HelloMessage } from './HelloMessage';
import { Connection } from './internal/Connection';
import { PeerLink } from './internal/PeerLink';
import { PeerAddressBook, PeerAddressChange } from './PeerAddressBook';
import { ResolvedSocketTransportOptions, SocketTransportOptions } from './SocketTransportOptions';
import { SocketTransportStats } from './SocketTransportStats';
import { StreamHandlers, StreamListener, StreamNetwork, StreamSocket } from './StreamNetwork';

/** Inbound connections that may wait for their hello at the same time; more are closed at once. */
export const MAX_PENDING_INBOUND = 64;

/**
 * A Transport over TCP between devices on the local network: envelopes (EnvelopeCodec UTF-8
 * JSON) travel in length-prefixed frames (FrameCodec) over connections the transport opens on
 * demand and keeps. Third-party HarmonyOS apps may use it (plain sockets need only
 * `ohos.permission.INTERNET`); any host that implements StreamNetwork can.
 *
 * - **Addresses**: a device is dialed at the address its PeerAddressBook holds (from
 *   AddressBeacon datagrams or static configuration). No address: sends fail at once with
 *   ERR_UNREACHABLE.
 * - **Handshake**: both sides first send a hello (id, origin, and for the dialer the device it
 *   expects). Frames before it, a hello from the wrong device, or none within `helloTimeoutMs`
 *   close the connection; envelopes whose `from` is not the hello's device are dropped.
 * - **Connections**: one outbound per peer, plus whatever the peer dialed; replies and sends use
 *   any ready connection. A hello from a new life of the peer closes the connections of its old
 *   life. `disconnect(id)` drops a peer's connections (e.g. when membership declares it dead).
 * - **Queueing and reconnect**: sends wait (up to `maxQueuedBytes` per peer) while a connection
 *   is made; failed attempts are retried with backoff while something waits. After
 *   `failFastAfter` failures in a row, queued frames are dropped and sends fail at once with
 *   ERR_UNREACHABLE until a connection succeeds (retries continue while sends keep coming).
 *   Delivery is never guaranteed: requests time out as on any Transport.
 */
export class SocketTransport extends BaseTransport {
  readonly socketStats: SocketTransportStats = new SocketTransportStats();
  readonly options: ResolvedSocketTransportOptions;
  private readonly _network: StreamNetwork;
  private readonly _addresses: PeerAddressBook;
  private readonly _epoch: string;
  private readonly _logger: Logger;
  private readonly _peers: Map<string, PeerLink> = new Map<string, PeerLink>();
  private readonly _pendingInbound: Set<Connection> = new Set<Connection>();
  private readonly _addressSubscription: Disposable;
  private _listener: StreamListener | undefined = undefined;
  private _shuttingDown: boolean = false;

  /** @throws InvalidArgumentError naming the bad option. */
  constructor(options: SocketTransportOptions) {
    super(options.localId, options.clock, options.origin, options.codec);
    this.options = ResolvedSocketTransportOptions.from(options);
    this._network = options.network;
    this._addresses = options.addresses;
    this._epoch = options.origin;
    this._logger = this.options.logger;
    this._addressSubscription = options.addresses.onChange((c: PeerAddressChange): void => this.onAddressChange(c));
  }

  /** The port listened on, once `listen()` resolved. */
  get listeningPort(): number | undefined {
    return this._listener === undefined ? undefined : this._listener.port;
  }

  /**
   * Starts accepting connections on `options.port`; resolves with the port bound. Idempotent.
   * Sending works without it, but peers can only reach this device once it listens.
   */
  async listen(): Promise<number> {
    if (this.closed || this._shuttingDown) {
      throw new TransportClosedError(`transport of ${this.localId} is closed`);
    }
    if (this._listener !== undefined) {
      return this._listener.port;
    }
    const listener = await this._network.listen(this.options.port, (s: StreamSocket): void => this.accept(s));
    if (this.closed || this._shuttingDown) {
      listener.close();
      throw new TransportClosedError(`transport of ${this.localId} closed while listening`);
    }
    if (this._listener !== undefined) {
      listener.close();
      throw new InvalidStateError('listen() raced with itself');
    }
    this._listener = listener;
    return listener.port;
  }

  /** Devices with a ready connection. */
  connectedPeers(): string[] {
    const out: string[] = [];
    this._peers.forEach((p: PeerLink, id: string): void => {
      if (p.readyConnection() !== undefined) {
        out.push(id);
      }
    });
    return out;
  }

  /** True when a ready connection to `deviceId` exists. */
  isConnected(deviceId: string): boolean {
    const p = this._peers.get(deviceId);
    return p !== undefined && p.readyConnection() !== undefined;
  }

  /**
   * Closes every connection to `deviceId`, drops what waits for it and forgets its failures: the
   * next send dials afresh. For a device membership declared dead or the platform reported gone.
   */
  disconnect(deviceId: string): void {
    const peer = this._peers.get(deviceId);
    if (peer === undefined) {
      return;
    }
    this._peers.delete(deviceId);
    this.clearRetry(peer);
    this.socketStats.dropped += peer.dropQueue();
    for (const c of peer.connections()) {
      this.drop(c, undefined);
    }
  }

  protected transmit(envelope: Envelope): void {
    const to = envelope.to;
    const frame = FrameCodec.encode(FrameType.ENVELOPE, this.codec.encodeBytes(envelope), this.options.maxFrameBytes);
    let peer = this._peers.get(to);
    const ready = peer === undefined ? undefined : peer.readyConnection();
    if (ready !== undefined) {
      if (ready.pendingBytes + frame.length > this.options.maxQueuedBytes) {
        this.socketStats.queueFull++;
        throw new UnreachableError(to, `send queue to ${to} is full`);
      }
      this.write(ready, frame, 1);
      return;
    }
    if (peer !== undefined && peer.failures >= this.options.failFastAfter) {
      this.socketStats.failedFast++;
      peer.wanted = true;
      if (peer.retryTimer === -1 && !peer.dialing && peer.outbound === undefined) {
        this.scheduleRetry(peer);
      }
      throw new UnreachableError(to, `${to} is unreachable: ${peer.failures} connection attempts failed`);
    }
    if (this._addresses.get(to) === undefined && (peer === undefined || peer.outbound === undefined)) {
      throw new UnreachableError(to, `no address known for ${to}`);
    }
    if (peer === undefined) {
      peer = new PeerLink(to);
      this._peers.set(to, peer);
    }
    if (peer.queuedBytes + frame.length > this.options.maxQueuedBytes) {
      this.socketStats.queueFull++;
      throw new UnreachableError(to, `send queue to ${to} is full`);
    }
    peer.queue.push(frame);
    peer.queuedBytes += frame.length;
    if (peer.outbound === undefined && !peer.dialing && peer.retryTimer === -1) {
      this.dial(peer);
    }
  }

  /**
   * Closes the transport: pending requests reject with ERR_TRANSPORT_CLOSED, frames waiting for a
   * connection are dropped, and each open connection closes once what was already written to it
   * has gone out (so a membership leave sent just before still arrives).
   */
  override close(): void {
    if (this.closed || this._shuttingDown) {
      return;
    }
    this._shuttingDown = true;
    this._addressSubscription.dispose();
    if (this._listener !== undefined) {
      this._listener.close();
    }
    this._peers.forEach((peer: PeerLink): void => {
      this.clearRetry(peer);
      this.socketStats.dropped += peer.dropQueue();
      for (const c of peer.connections()) {
        this.retire(c);
      }
    });
    this._peers.clear();
    for (const c of Array.from(this._pendingInbound)) {
      this.drop(c, undefined);
    }
    super.close();
  }

  // ---- connections ----

  private dial(peer: PeerLink): void {
    const address = this._addresses.get(peer.deviceId);
    if (address === undefined) {
      this.socketStats.dropped += peer.dropQueue();
      return;
    }
    this.socketStats.connectAttempts++;
    peer.dialing = true;
    this._network.connect(address.host, address.port, this.options.connectTimeoutMs).then((socket: StreamSocket): void => {
      peer.dialing = false;
      if (this._shuttingDown || this._peers.get(peer.deviceId) !== peer) {
        socket.close();
        return;
      }
      const conn = new Connection(socket, false, peer.deviceId, this.options.maxFrameBytes);
      peer.outbound = conn;
      this.attach(conn);
      this.write(conn, FrameCodec.encode(FrameType.HELLO, new HelloMessage(this.localId, this._epoch, peer.deviceId).encode()), 1);
    }, (e: Error): void => {
      peer.dialing = false;
      if (this._shuttingDown || this._peers.get(peer.deviceId) !== peer) {
        return;
      }
      this.socketStats.connectFailures++;
      this.connectFailed(peer, e);
    });
  }

  private connectFailed(peer: PeerLink, e: Error | undefined): void {
    peer.failures++;
    if (this._logger.isEnabled(LogLevel.DEBUG)) {
      this._logger.debug('connection failed', {
        'peer': peer.deviceId, 'failures': peer.failures, 'error': e === undefined ? 'closed' : e.message
      });
    }
    if (peer.failures >= this.options.failFastAfter) {
      this.socketStats.dropped += peer.dropQueue();
    }
    if (peer.queue.length > 0 || peer.wanted) {
      this.scheduleRetry(peer);
    }
  }

  private scheduleRetry(peer: PeerLink): void {
    if (peer.retryTimer !== -1) {
      return;
    }
    const delay = this.options.reconnect.delayMs(Math.max(1, peer.failures), peer.lastDelayMs);
    peer.lastDelayMs = delay;
    peer.retryTimer = this.clock.setTimer(delay, (): void => {
      peer.retryTimer = -1;
      if (this._shuttingDown || this._peers.get(peer.deviceId) !== peer) {
        return;
      }
      if ((peer.queue.length > 0 || peer.wanted) && peer.outbound === undefined && !peer.dialing) {
        peer.wanted = false;
        this.dial(peer);
      }
    });
  }

  private clearRetry(peer: PeerLink): void {
    if (peer.retryTimer !== -1) {
      this.clock.clearTimer(peer.retryTimer);
      peer.retryTimer = -1;
    }
  }

  private accept(socket: StreamSocket): void {
    if (this._shuttingDown || this.closed || this._pendingInbound.size >= MAX_PENDING_INBOUND) {
      socket.close();
      return;
    }
    this.socketStats.accepted++;
    const conn = new Connection(socket, true, undefined, this.options.maxFrameBytes);
    this._pendingInbound.add(conn);
    this.attach(conn);
  }

  private attach(conn: Connection): void {
    conn.sink = (type: number, payload: Uint8Array): void => this.onFrame(conn, type, payload);
    conn.helloTimer = this.clock.setTimer(this.options.helloTimeoutMs, (): void => {
      conn.helloTimer = -1;
      if (!conn.ready && !conn.closed) {
        this.socketStats.handshakeFailures++;
        this.drop(conn, new TimeoutError(`no hello from ${conn.socket.remoteAddress} within ${this.options.helloTimeoutMs} ms`,
          this.options.helloTimeoutMs) as Error);
      }
    });
    conn.socket.setHandlers(new StreamHandlers(
      (bytes: Uint8Array): void => this.onData(conn, bytes),
      (error: Error | undefined): void => this.onSocketClosed(conn, error)));
  }

  private onData(conn: Connection, bytes: Uint8Array): void {
    if (conn.closed) {
      return;
    }
    this.socketStats.bytesReceived += bytes.length;
    const error = conn.decoder.push(bytes, conn.sink);
    if (error !== undefined && !conn.closed) {
      this.socketStats.protocolErrors++;
      this.drop(conn, error as Error);
    }
  }

  private onFrame(conn: Connection, type: number, payload: Uint8Array): void {
    if (conn.closed) {
      return;
    }
    this.socketStats.framesReceived++;
    if (type === FrameType.HELLO) {
      this.onHello(conn, payload);
      return;
    }
    if (type !== FrameType.ENVELOPE) {
      return; // a frame type of a later version: ignored
    }
    if (!conn.ready) {
      this.socketStats.protocolErrors++;
      this.drop(conn, new EnvelopeInvalidError('envelope before hello') as Error);
      return;
    }
    const decoded = this.codec.tryDecodeBytes(payload);
    const env = decoded.envelope;
    if (env === undefined) {
      this.receiveBytes(payload); // counted and reported as malformed by BaseTransport
      return;
    }
    if (env.from !== conn.peerId) {
      this.socketStats.spoofed++;
      return;
    }
    this.receive(env);
  }

  private onHello(conn: Connection, payload: Uint8Array): void {
    if (conn.ready) {
      return;
    }
    const hello = HelloMessage.decode(payload);
    if (hello === undefined || hello.deviceId === this.localId) {
      this.handshakeFailed(conn, new EnvelopeInvalidError('malformed hello') as Error);
      return;
    }
    if (conn.inbound) {
      if (hello.to !== undefined && hello.to !== this.localId) {
        this.handshakeFailed(conn, new UnreachableError(hello.to, `${hello.deviceId} dialed ${hello.to} and reached ${this.localId}`) as Error);
        return;
      }
      const accept = this.options.acceptPeer;
      if (accept !== undefined && !accept(hello.deviceId, conn.socket.remoteAddress)) {
        this.socketStats.refused++;
        this.drop(conn, new UnreachableError(hello.deviceId, `${hello.deviceId} is not accepted here`) as Error);
        return;
      }
      conn.peerId = hello.deviceId;
      this.write(conn, FrameCodec.encode(FrameType.HELLO, new HelloMessage(this.localId, this._epoch, undefined).encode()), 1);
    } else if (hello.deviceId !== conn.peerId) {
      this.handshakeFailed(conn, new UnreachableError(conn.peerId ?? '', `the address of ${conn.peerId} reached ${hello.deviceId}`) as Error);
      return;
    }
    conn.epoch = hello.epoch;
    conn.ready = true;
    if (conn.helloTimer !== -1) {
      this.clock.clearTimer(conn.helloTimer);
      conn.helloTimer = -1;
    }
    this._pendingInbound.delete(conn);
    let peer = this._peers.get(hello.deviceId);
    if (peer === undefined) {
      peer = new PeerLink(hello.deviceId);
      this._peers.set(hello.deviceId, peer);
    }
    if (conn.inbound) {
      peer.inbound.push(conn);
    }
    if (peer.epoch !== undefined && peer.epoch !== hello.epoch) {
      // The peer restarted: connections of its earlier life are dead, even if TCP has not noticed yet.
      for (const c of peer.connections()) {
        if (c !== conn && c.ready && c.epoch !== hello.epoch) {
          this.drop(c, undefined);
        }
      }
    }
    peer.epoch = hello.epoch;
    peer.failures = 0;
    peer.lastDelayMs = 0;
    peer.wanted = false;
    this.clearRetry(peer);
    this.socketStats.handshakes++;
    const frames = peer.queue.length;
    const queued = peer.takeQueue();
    if (queued !== undefined) {
      this.write(conn, queued, frames);
    }
  }

  private handshakeFailed(conn: Connection, error: Error): void {
    this.socketStats.handshakeFailures++;
    this.drop(conn, error);
  }

  private write(conn: Connection, bytes: Uint8Array, frames: number): void {
    this.socketStats.framesSent += frames;
    this.socketStats.bytesSent += bytes.length;
    conn.write(bytes, (e: Error): void => {
      this.socketStats.writeErrors++;
      this.drop(conn, e);
    });
  }

  /** Closes a connection from this side. */
  private drop(conn: Connection, error: Error | undefined): void {
    if (conn.closed) {
      return;
    }
    conn.closed = true;
    conn.socket.close();
    this.cleanup(conn, error);
  }

  /** Closes a connection after what was written to it has gone out (closing the transport). */
  private retire(conn: Connection): void {
    if (conn.closed) {
      return;
    }
    if (conn.helloTimer !== -1) {
      this.clock.clearTimer(conn.helloTimer);
      conn.helloTimer = -1;
    }
    this._pendingInbound.delete(conn);
    conn.closeWhenWritten(this.clock, this.options.helloTimeoutMs);
  }

  private onSocketClosed(conn: Connection, error: Error | undefined): void {
    if (conn.closed) {
      return;
    }
    conn.closed = true;
    this.cleanup(conn, error);
  }

  private cleanup(conn: Connection, error: Error | undefined): void {
    if (conn.helloTimer !== -1) {
      this.clock.clearTimer(conn.helloTimer);
      conn.helloTimer = -1;
    }
    this._pendingInbound.delete(conn);
    this.socketStats.dropped += conn.discard();
    const id = conn.peerId;
    const peer = id === undefined ? undefined : this._peers.get(id);
    if (peer === undefined) {
      return;
    }
    if (peer.outbound === conn) {
      peer.outbound = undefined;
      if (this._shuttingDown) {
        return;
      }
      if (!conn.ready) {
        this.connectFailed(peer, error);
      } else if (peer.queue.length > 0) {
        this.dial(peer);
      }
    } else {
      const i = peer.inbound.indexOf(conn);
      if (i >= 0) {
        peer.inbound.splice(i, 1);
      }
    }
  }

  private onAddressChange(change: PeerAddressChange): void {
    const now = change.address;
    const before = change.previous;
    if (now === undefined || before === undefined || (now.host === before.host && now.port === before.port)) {
      return;
    }
    // The device moved: its outbound connection goes to the old address. Reconnect on demand.
    const peer = this._peers.get(change.deviceId);
    if (peer !== undefined && peer.outbound !== undefined) {
      this.drop(peer.outbound, undefined);
    }
    if (peer !== undefined) {
      peer.failures = 0;
      peer.lastDelayMs = 0;
    }
  }
}
