import { TimerId } from '../../../platform/Clock';
import { Connection } from './Connection';

/**
 * Everything a SocketTransport knows about one peer: its connections (one outbound at most, any
 * number inbound), frames waiting for a connection, and the reconnect state.
 */
export class PeerLink {
  readonly deviceId: string;
  /** The connection this device dialed (connecting, handshaking or ready). */
  outbound: Connection | undefined = undefined;
  /** True while an outbound connection is being opened (before there is a socket). */
  dialing: boolean = false;
  /** Connections the peer dialed, after their hello. */
  inbound: Connection[] = [];
  /** Frames waiting for a ready connection. */
  queue: Uint8Array[] = [];
  queuedBytes: number = 0;
  /** Consecutive failed connection attempts. */
  failures: number = 0;
  /** Delay used before the last reconnect attempt. */
  lastDelayMs: number = 0;
  retryTimer: TimerId = -1;
  /** Something tried to send while the peer was failing fast: reconnect when the timer fires. */
  wanted: boolean = false;
  /** The peer's latest origin seen in a hello. */
  epoch: string | undefined = undefined;

  constructor(deviceId: string) {
    this.deviceId = deviceId;
  }

  /** A connection whose hellos are exchanged: the outbound one first, else the newest inbound one. */
  readyConnection(): Connection | undefined {
    const out = this.outbound;
    if (out !== undefined && out.ready && !out.closed) {
      return out;
    }
    for (let i = this.inbound.length - 1; i >= 0; i--) {
      const c = this.inbound[i];
      if (c.ready && !c.closed) {
        return c;
      }
    }
    return undefined;
  }

  /** Removes and returns the queued frames as one array (undefined when none). */
  takeQueue(): Uint8Array | undefined {
    if (this.queue.length === 0) {
      return undefined;
    }
    const bytes = Connection.concat(this.queue, this.queuedBytes);
    this.queue = [];
    this.queuedBytes = 0;
    return bytes;
  }

  /** Drops the queued frames; returns how many there were. */
  dropQueue(): number {
    const n = this.queue.length;
    this.queue = [];
    this.queuedBytes = 0;
    return n;
  }

  /** Every connection, outbound first. */
  connections(): Connection[] {
    const all: Connection[] = [];
    if (this.outbound !== undefined) {
      all.push(this.outbound);
    }
    for (const c of this.inbound) {
      all.push(c);
    }
    return all;
  }
}
