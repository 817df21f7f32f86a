import { Clock } from '../../platform/Clock';
import { BaseTransport } from '../BaseTransport';
import { Envelope } from '../Envelope';
import { EnvelopeCodec } from '../EnvelopeCodec';
import { TransportCloseReason } from '../Transport';
import { Endpoint } from './internal/Endpoint';

/** What a SimTransport needs from its network (implemented by SimNetwork). */
export interface SimWire {
  enqueue(source: SimTransport, envelope: Envelope): void;
  transportClosed(source: SimTransport): void;
}

/** A device's endpoint on a SimNetwork (get one from `SimNetwork.attach`). */
export class SimTransport extends BaseTransport {
  private readonly _wire: SimWire;
  /** @internal This device's attachment on the network. */
  readonly endpoint: Endpoint;

  constructor(localId: string, clock: Clock, origin: string, codec: EnvelopeCodec, wire: SimWire, endpoint: Endpoint) {
    super(localId, clock, origin, codec);
    this._wire = wire;
    this.endpoint = endpoint;
  }

  /** Attach generation of the device on its network: bumps on every crash and restart. */
  get epoch(): number {
    return this.endpoint.epoch;
  }

  protected transmit(envelope: Envelope): void {
    this._wire.enqueue(this, envelope);
  }

  override close(): void {
    if (!this.closed) {
      super.close();
      this._wire.transportClosed(this);
    }
  }

  /** @internal SimNetwork.crash: closes with reason CRASHED. */
  crash(): void {
    this.closeWith(TransportCloseReason.CRASHED);
  }
}
