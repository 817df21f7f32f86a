import { Disposable } from '../core/events/Disposable';
import { Clock } from '../platform/Clock';
import { BaseTransport } from './BaseTransport';
import { Envelope } from './Envelope';
import { EnvelopeCodec } from './EnvelopeCodec';

/**
 * A byte pipe between devices, supplied by the host: a socket, HarmonyOS distributed data or
 * softbus session, a BroadcastChannel. It need not be reliable or ordered.
 */
export interface Wire {
  /** Sends `bytes` towards device `to`. May throw a MeshError (e.g. ERR_UNREACHABLE). */
  send(to: string, bytes: Uint8Array): void;
  /** Registers the receiver of bytes arriving for this device; dispose to stop receiving. */
  listen(receiver: (bytes: Uint8Array) => void): Disposable;
}

/** Options of a WireTransport. */
export interface WireTransportOptions {
  localId: string;
  clock: Clock;
  wire: Wire;
  /** Word that makes envelope ids unique across restarts (a fresh random one per life, e.g. from IdGenerator). */
  origin: string;
  /** Codec; default an EnvelopeCodec with default limits. */
  codec?: EnvelopeCodec;
}

/**
 * A Transport over any byte Wire: envelopes are encoded as UTF-8 JSON on the way out and
 * validated on the way in, so malformed input is rejected (ERR_ENVELOPE_INVALID), counted in
 * `stats.malformed` and reported through `onRejected`, never thrown into the node.
 */
export class WireTransport extends BaseTransport {
  private readonly _wire: Wire;
  private _listening: Disposable;

  constructor(options: WireTransportOptions) {
    super(options.localId, options.clock, options.origin, options.codec);
    this._wire = options.wire;
    this._listening = options.wire.listen((bytes: Uint8Array): void => {
      this.stats.bytesReceived += bytes.length;
      this.receiveBytes(bytes);
    });
  }

  protected transmit(envelope: Envelope): void {
    const bytes = this.codec.encodeBytes(envelope);
    this._wire.send(envelope.to, bytes);
    this.stats.bytesSent += bytes.length;
  }

  override close(): void {
    this._listening.dispose();
    super.close();
  }
}
