import { EnvelopeKind } from '../Envelope';

/** Why a simulated network dropped an envelope. */
export enum DropReason {
  /** Random loss (`conditions.loss`). */
  LOSS = 'loss',
  /** A partition separates sender and receiver. */
  PARTITION = 'partition',
  /** Sender or receiver crashed (or restarted) while the envelope was in flight. */
  CRASHED = 'crashed',
  /** No device with that id is attached and up. */
  UNREACHABLE = 'unreachable'
}

/** What happened to an envelope. */
export enum NetworkEventType {
  SENT = 'sent',
  DELIVERED = 'delivered',
  DROPPED = 'dropped',
  DUPLICATED = 'duplicated'
}

/** One network event, for the simulator's message view and for replay checks. */
export interface NetworkEvent {
  type: NetworkEventType;
  /** Clock time of the event. */
  at: number;
  id: string;
  kind: EnvelopeKind;
  topic: string;
  from: string;
  to: string;
  /** Bytes (exact when serialising, estimated otherwise). */
  size: number;
  /** For DROPPED. */
  reason?: DropReason;
  /** For SENT and DUPLICATED: when it is due to arrive. */
  deliverAt?: number;
}

/** Counters of a SimNetwork. */
export class SimNetworkStats {
  sent: number = 0;
  delivered: number = 0;
  dropped: number = 0;
  droppedLoss: number = 0;
  droppedPartition: number = 0;
  droppedCrashed: number = 0;
  droppedUnreachable: number = 0;
  duplicated: number = 0;
  /** Bytes handed to the network (exact when serialising, estimated otherwise). */
  bytesSent: number = 0;
  bytesDelivered: number = 0;
  /** Clock timers the network armed to deliver envelopes. */
  deliveryTimers: number = 0;

  /** Counts one drop for `reason`. */
  countDrop(reason: DropReason): void {
    this.dropped++;
    switch (reason) {
      case DropReason.LOSS:
        this.droppedLoss++;
        break;
      case DropReason.PARTITION:
        this.droppedPartition++;
        break;
      case DropReason.CRASHED:
        this.droppedCrashed++;
        break;
      default:
        this.droppedUnreachable++;
    }
  }
}
