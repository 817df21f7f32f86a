/** Counters of a SocketTransport's connections (envelope counters are in `transport.stats`). */
export class SocketTransportStats {
  /** Outbound connections attempted. */
  connectAttempts: number = 0;
  /** Outbound connections that could not be made (refused, timed out, unreachable). */
  connectFailures: number = 0;
  /** Inbound connections accepted. */
  accepted: number = 0;
  /** Connections whose hellos were exchanged (both directions). */
  handshakes: number = 0;
  /** Connections closed before a valid hello: timeout, malformed hello, wrong device at the address. */
  handshakeFailures: number = 0;
  /** Inbound connections closed because `acceptPeer` refused the device. */
  refused: number = 0;
  /** Connections closed for a protocol violation (bad frame, envelope before hello). */
  protocolErrors: number = 0;
  /** Envelopes dropped because their `from` was not the device that said hello on the connection. */
  spoofed: number = 0;
  /** Sends refused because a peer's queue was full. */
  queueFull: number = 0;
  /** Sends refused at once because the peer failed `failFastAfter` connections in a row. */
  failedFast: number = 0;
  /** Queued frames discarded (the peer stayed unreachable, or the transport closed). */
  dropped: number = 0;
  /** Writes the host rejected (the connection is then closed). */
  writeErrors: number = 0;
  framesSent: number = 0;
  framesReceived: number = 0;
  bytesSent: number = 0;
  bytesReceived: number = 0;
}
