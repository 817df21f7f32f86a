import { StreamHandlers, StreamSocket } from './StreamNetwork';

/**
 * The platform-independent half of a HarmonyOS stream socket: buffers data and a close that
 * arrive before `setHandlers`, reports the close once, and turns writes into host sends. The
 * `.ets` adapter feeds it from the socket's `message`, `close` and `error` events.
 */
export class OhosStreamSocket implements StreamSocket {
  readonly remoteAddress: string;
  private readonly _send: (bytes: Uint8Array) => Promise<void>;
  private readonly _close: () => void;
  private _handlers: StreamHandlers | undefined = undefined;
  private _early: Uint8Array[] = [];
  private _ended: boolean = false;
  private _endError: Error | undefined = undefined;
  private _reported: boolean = false;
  private _closing: boolean = false;

  constructor(remoteAddress: string, send: (bytes: Uint8Array) => Promise<void>, close: () => void) {
    this.remoteAddress = remoteAddress;
    this._send = send;
    this._close = close;
  }

  /** The adapter: bytes arrived. */
  deliver(bytes: Uint8Array): void {
    if (this._ended) {
      return;
    }
    const h = this._handlers;
    if (h === undefined) {
      this._early.push(bytes);
    } else {
      h.onData(bytes);
    }
  }

  /** The adapter: the connection closed or failed. */
  ended(error: Error | undefined): void {
    if (this._ended) {
      return;
    }
    this._ended = true;
    this._endError = error;
    this.report();
  }

  setHandlers(handlers: StreamHandlers): void {
    this._handlers = handlers;
    const early = this._early;
    this._early = [];
    for (const b of early) {
      handlers.onData(b);
    }
    this.report();
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this._ended || this._closing) {
      return Promise.reject(new Error(`connection to ${this.remoteAddress} is closed`));
    }
    return this._send(bytes);
  }

  close(): void {
    if (this._closing) {
      return;
    }
    this._closing = true;
    this._close();
    this.ended(undefined);
  }

  private report(): void {
    const h = this._handlers;
    if (this._ended && !this._reported && h !== undefined) {
      this._reported = true;
      h.onClose(this._endError);
    }
  }
}

/** The bytes of `view` as a standalone ArrayBuffer (what HarmonyOS sends take), copying only when needed. */
export const toArrayBuffer = (view: Uint8Array): ArrayBuffer => {
  const buffer = view.buffer as ArrayBuffer;
  if (view.byteOffset === 0 && view.byteLength === buffer.byteLength) {
    return buffer;
  }
  return buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
};

/** `family` of a NetAddress for `host`: 2 (IPv6) when it contains a colon, else 1 (IPv4). */
export const addressFamilyOf = (host: string): number => host.indexOf(':') >= 0 ? 2 : 1;
