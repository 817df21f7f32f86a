/**
 * What a stream connection reports. Function-typed fields, so an adapter can hold them as plain
 * data; `onClose` is called once, with the error when the connection failed.
 */
export class StreamHandlers {
  readonly onData: (bytes: Uint8Array) => void;
  readonly onClose: (error: Error | undefined) => void;

  constructor(onData: (bytes: Uint8Array) => void, onClose: (error: Error | undefined) => void) {
    this.onData = onData;
    this.onClose = onClose;
  }
}

/**
 * One reliable, ordered byte stream (a TCP connection), as the host provides it. Implementations:
 * `OhosStreamNetwork` (HarmonyOS `@kit.NetworkKit` sockets), in-memory pairs in tests, node:net.
 */
export interface StreamSocket {
  /** The peer's address as text (`host:port`), for logs. */
  readonly remoteAddress: string;
  /**
   * Sets the receivers of data and close. Data that arrived before is delivered at once, in order;
   * a close that happened before is reported at once.
   */
  setHandlers(handlers: StreamHandlers): void;
  /** Writes bytes; resolves once the host accepted them, rejects when the connection failed. */
  write(bytes: Uint8Array): Promise<void>;
  /** Closes the connection (idempotent); `onClose` follows with no error. */
  close(): void;
}

/** A listening server socket. */
export interface StreamListener {
  /** The port actually bound (useful when 0 was asked for). */
  readonly port: number;
  /** Stops accepting connections (connections already accepted stay open). */
  close(): void;
}

/** Opens and accepts stream connections: the host's TCP. */
export interface StreamNetwork {
  /**
   * Connects to `host:port`; rejects (a MeshError, usually ERR_UNREACHABLE or ERR_TIMEOUT) when the
   * connection cannot be made within `timeoutMs`.
   */
  connect(host: string, port: number, timeoutMs: number): Promise<StreamSocket>;
  /** Listens on `port` (0: any free port) of every interface; `onConnection` gets each accepted socket. */
  listen(port: number, onConnection: (socket: StreamSocket) => void): Promise<StreamListener>;
}

/** Receives one datagram: its bytes and the sender's address. */
export type DatagramReceiver = (bytes: Uint8Array, host: string, port: number) => void;

/** A bound datagram (UDP) socket, as the host provides it. Delivery is never guaranteed. */
export interface DatagramSocket {
  readonly port: number;
  /** Sends to every device of the local network segment on `port` (IPv4 limited broadcast). */
  broadcast(bytes: Uint8Array, port: number): Promise<void>;
  /** Sends to one address. */
  send(bytes: Uint8Array, host: string, port: number): Promise<void>;
  /** Sets the receiver of incoming datagrams (one receiver; the last set wins). */
  onMessage(receiver: DatagramReceiver): void;
  close(): void;
}

/** Binds datagram sockets: the host's UDP. */
export interface DatagramNetwork {
  /** Binds `port` on every interface with broadcast enabled. */
  bind(port: number): Promise<DatagramSocket>;
}
