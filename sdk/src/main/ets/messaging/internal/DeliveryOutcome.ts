import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/** How one delivery ended, as the publisher acts on it. */
export enum OutcomeKind {
  /** Processed: the group is done with the message. */
  ACK = 'ack',
  /** Failed: retry after a back-off (an attempt is counted). */
  RETRY = 'retry',
  /** Rejected: dead-letter it now. */
  DEAD = 'dead',
  /** The consumer had no room: try again, no attempt counted. */
  BUSY = 'busy',
  /** The consumer is gone (unsubscribed, restarted, unreachable): try another, no attempt counted. */
  GONE = 'gone',
  /** No outcome within the visibility timeout: redeliver (an attempt is counted). */
  TIMEOUT = 'timeout'
}

/** The outcome of a delivery: kind, an optional retry delay, and the error for failures. */
export class DeliveryOutcome {
  static readonly ACK: DeliveryOutcome = new DeliveryOutcome(OutcomeKind.ACK, -1, '', '');
  static readonly BUSY: DeliveryOutcome = new DeliveryOutcome(OutcomeKind.BUSY, -1, '', '');
  static readonly GONE: DeliveryOutcome = new DeliveryOutcome(OutcomeKind.GONE, -1, ErrorCode.SERVICE_NOT_FOUND, 'no consumer');
  static readonly TIMEOUT: DeliveryOutcome = new DeliveryOutcome(OutcomeKind.TIMEOUT, -1, ErrorCode.TIMEOUT,
    'no outcome within the visibility timeout');

  readonly kind: OutcomeKind;
  /** RETRY: delay before the retry in ms, or -1 for the topic's back-off. */
  readonly delayMs: number;
  /** The failure's ERR_* code ('' for none). */
  readonly code: string;
  /** The failure's message ('' for none). */
  readonly message: string;

  constructor(kind: OutcomeKind, delayMs: number, code: string, message: string) {
    this.kind = kind;
    this.delayMs = delayMs;
    this.code = code;
    this.message = message;
  }

  /** A failure outcome from a thrown value. */
  static failure(kind: OutcomeKind, thrown: Object | null | undefined, delayMs: number): DeliveryOutcome {
    const e = MeshError.from(thrown);
    return new DeliveryOutcome(kind, delayMs, e.code, e.message);
  }
}
