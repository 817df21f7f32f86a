import { Clock, TimerId } from '../../../platform/Clock';
import { FrameDecoder, FrameSink } from '../FrameCodec';
import { StreamSocket } from '../StreamNetwork';

/**
 * One TCP connection of a SocketTransport: its decoder, handshake state and write queue. Writes
 * are serialised (one host write in flight at a time) and what accumulates meanwhile goes out as
 * one concatenated write, so frames keep their order whatever the host does with concurrent writes.
 */
export class Connection {
  readonly socket: StreamSocket;
  readonly inbound: boolean;
  readonly decoder: FrameDecoder;
  /** The device on the other side: expected (outbound) or announced (inbound, after its hello). */
  peerId: string | undefined;
  /** The peer's origin, from its hello. */
  epoch: string | undefined = undefined;
  /** True once the peer's valid hello arrived. */
  ready: boolean = false;
  closed: boolean = false;
  helloTimer: TimerId = -1;
  /** Where decoded frames go (set by the transport once, so decoding allocates no closure per chunk). */
  sink: FrameSink = (type: number, payload: Uint8Array): void => {};
  private _outbox: Uint8Array[] = [];
  private _outboxBytes: number = 0;
  private _writing: boolean = false;
  private _closeWhenWritten: boolean = false;

  constructor(socket: StreamSocket, inbound: boolean, peerId: string | undefined, maxFrameBytes: number) {
    this.socket = socket;
    this.inbound = inbound;
    this.peerId = peerId;
    this.decoder = new FrameDecoder(maxFrameBytes);
  }

  /** Bytes waiting behind the write in flight. */
  get pendingBytes(): number {
    return this._outboxBytes;
  }

  /**
   * Queues bytes for writing; `onError` is called (once per failed write) when the host rejects a
   * write. Returns the number of bytes handed to the host now (0 when queued behind a write).
   */
  write(bytes: Uint8Array, onError: (e: Error) => void): number {
    if (this.closed) {
      return 0;
    }
    if (this._writing) {
      this._outbox.push(bytes);
      this._outboxBytes += bytes.length;
      return 0;
    }
    this.start(bytes, onError);
    return bytes.length;
  }

  /**
   * Closes the socket once the write in flight and everything queued behind it are written (the
   * last words, e.g. a membership leave, still go out), or after `graceMs` at the latest.
   */
  closeWhenWritten(clock: Clock, graceMs: number): void {
    this.closed = true;
    if (!this._writing) {
      this.socket.close();
      return;
    }
    this._closeWhenWritten = true;
    clock.setTimer(graceMs, (): void => this.socket.close());
  }

  /** Forgets queued writes; returns how many chunks were dropped. */
  discard(): number {
    const n = this._outbox.length;
    this._outbox = [];
    this._outboxBytes = 0;
    return n;
  }

  private start(bytes: Uint8Array, onError: (e: Error) => void): void {
    this._writing = true;
    this.socket.write(bytes).then((): void => {
      this._writing = false;
      if (this._outbox.length === 0 || (this.closed && !this._closeWhenWritten)) {
        if (this._closeWhenWritten) {
          this.socket.close();
        }
        return;
      }
      const next = Connection.concat(this._outbox, this._outboxBytes);
      this._outbox = [];
      this._outboxBytes = 0;
      this.start(next, onError);
    }, (e: Error): void => {
      this._writing = false;
      if (this._closeWhenWritten) {
        this.socket.close();
      }
      onError(e);
    });
  }

  /** One array holding `parts` in order (`parts[0]` itself when there is one). */
  static concat(parts: Uint8Array[], total: number): Uint8Array {
    if (parts.length === 1) {
      return parts[0];
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
