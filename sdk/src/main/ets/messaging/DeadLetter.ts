import { QueueMessage } from './QueueMessage';

/** Why a message was dead-lettered in a group. */
export enum DeadLetterReason {
  /** Its TTL passed before the group acked it. */
  EXPIRED = 'expired',
  /** It failed `maxAttempts` deliveries. */
  MAX_ATTEMPTS = 'max-attempts',
  /** A consumer rejected it (`nack({ requeue: false })`, or a non-transient error). */
  REJECTED = 'rejected',
  /** The topic was full and its overflow policy is `dead-letter-oldest`. */
  OVERFLOW = 'overflow',
  /** The group had no consumer for longer than its `groupExpiryMs`. */
  GROUP_EXPIRED = 'group-expired'
}

/** Group name of dead letters that expired before any group was known for their topic. */
export const UNROUTED_GROUP = '*';

/** A message a group gave up on, kept by the publishing node until replayed or purged. */
export class DeadLetter {
  readonly message: QueueMessage;
  /** The group that gave up ({@link UNROUTED_GROUP} when the topic had none). */
  readonly group: string;
  readonly reason: DeadLetterReason;
  /** Deliveries made. */
  readonly attempts: number;
  /** Code of the last error ('' when none). */
  readonly errorCode: string;
  /** Message of the last error ('' when none). */
  readonly errorMessage: string;
  /** Clock time it was dead-lettered. */
  readonly deadAt: number;

  constructor(message: QueueMessage, group: string, reason: DeadLetterReason, attempts: number, errorCode: string,
    errorMessage: string, deadAt: number) {
    this.message = message;
    this.group = group;
    this.reason = reason;
    this.attempts = attempts;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
    this.deadAt = deadAt;
  }
}

/** Which dead letters `replayDeadLetters` and `purgeDeadLetters` act on. Everything optional. */
export interface DeadLetterFilter {
  /** Only this group's. */
  group?: string;
  /** Only these message ids. */
  messageIds?: string[];
  /** Only those with this reason. */
  reason?: DeadLetterReason;
}
