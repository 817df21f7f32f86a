import { ErrorCode } from '../core/errors/ErrorCode';
import { Span } from '../tracing/api/Span';
import { DeliveryOutcome, OutcomeKind } from './internal/DeliveryOutcome';
import { QueueMessage } from './QueueMessage';
import { AckMode } from './SubscribeOptions';

/** Options of `QueueDelivery.nack`. */
export interface NackOptions {
  /**
   * True (default): retry after the topic's back-off (an attempt is counted; after `maxAttempts`
   * the message is dead-lettered with reason `max-attempts`). False: dead-letter it now with
   * reason `rejected`.
   */
  requeue?: boolean;
  /** Retry after exactly this many ms instead of the back-off. */
  delayMs?: number;
  /** Why: its code and message are kept as the message's last error (and in its dead letter). */
  error?: Error;
}

/**
 * One delivery of a message to a handler. In AUTO mode the handler's outcome acks or nacks it
 * (unless the handler settled it itself); in MANUAL mode call `ack()` or `nack()`. The first call
 * wins, later ones return false. A delivery not settled by `deadline` is redelivered.
 */
export class QueueDelivery {
  readonly message: QueueMessage;
  /** The consumer group this delivery is for. */
  readonly group: string;
  /** 1 for the first delivery, then 2, 3, ... for redeliveries. */
  readonly deliveryCount: number;
  readonly ackMode: AckMode;
  /** Clock time after which the publisher redelivers the message. */
  readonly deadline: number;
  private _outcome: DeliveryOutcome | undefined = undefined;
  private _listener: ((outcome: DeliveryOutcome) => void) | undefined = undefined;
  private _span: Span | undefined = undefined;

  constructor(message: QueueMessage, group: string, deliveryCount: number, ackMode: AckMode, deadline: number) {
    this.message = message;
    this.group = group;
    this.deliveryCount = deliveryCount;
    this.ackMode = ackMode;
    this.deadline = deadline;
  }

  /** True once acked or nacked (or expired). */
  get settled(): boolean {
    return this._outcome !== undefined;
  }

  /** The CONSUMER span of this delivery when the queue has a tracer: parent your own calls on it. */
  get span(): Span | undefined {
    return this._span;
  }

  /** Acknowledges: the group is done with the message. False when already settled. */
  ack(): boolean {
    return this.settle(DeliveryOutcome.ACK);
  }

  /** Rejects: retry later, or dead-letter it with `{ requeue: false }`. False when already settled. */
  nack(options?: NackOptions): boolean {
    const requeue = options?.requeue ?? true;
    const delay = options?.delayMs;
    const error = options?.error;
    const kind = requeue ? OutcomeKind.RETRY : OutcomeKind.DEAD;
    const delayMs = delay !== undefined && Number.isFinite(delay) && delay >= 0 ? delay : -1;
    const outcome = error !== undefined ? DeliveryOutcome.failure(kind, error, delayMs)
      : new DeliveryOutcome(kind, delayMs, ErrorCode.MESSAGE_REJECTED, requeue ? 'nacked' : 'rejected by the consumer');
    return this.settle(outcome);
  }

  /** Internal: the outcome once settled. */
  get outcome(): DeliveryOutcome | undefined {
    return this._outcome;
  }

  /** Internal: attaches the delivery span. */
  attachSpan(span: Span): void {
    this._span = span;
  }

  /** Internal: called once with the outcome when the delivery settles. */
  listen(listener: (outcome: DeliveryOutcome) => void): void {
    this._listener = listener;
  }

  /** Internal: settles with `outcome` unless already settled. */
  settle(outcome: DeliveryOutcome): boolean {
    if (this._outcome !== undefined) {
      return false;
    }
    this._outcome = outcome;
    const listener = this._listener;
    if (listener !== undefined) {
      this._listener = undefined;
      listener(outcome);
    }
    return true;
  }
}
