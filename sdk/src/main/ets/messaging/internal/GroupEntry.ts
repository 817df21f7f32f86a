import { ConsumerRef } from './ConsumerRef';
import { ScheduledTask } from './ScheduledTask';
import { StoredMessage } from './StoredMessage';

/** Where a message stands in one group. */
export enum EntryState {
  /** Published, not yet durable: not deliverable. */
  NEW = 0,
  /** Behind an earlier message with the same ordering key. */
  WAITING = 1,
  /** Scheduled: a delay, or a back-off before a retry. */
  DELAYED = 2,
  /** In the group's priority buckets. */
  READY = 3,
  /** With a consumer, its visibility timeout scheduled. */
  IN_FLIGHT = 4,
  /** Acked or dead-lettered. */
  DONE = 5
}

/** Receives an entry's timer (end of a delay or back-off, or its visibility timeout). */
export interface EntryOwner {
  onEntryTimer(entry: GroupEntry, now: number): void;
}

/** One delivery to a consumer, settled once (by its outcome or by the visibility timeout). */
export class PendingDelivery {
  readonly entry: GroupEntry;
  readonly consumer: ConsumerRef;
  readonly startedAt: number;
  settled: boolean = false;

  constructor(entry: GroupEntry, consumer: ConsumerRef, startedAt: number) {
    this.entry = entry;
    this.consumer = consumer;
    this.startedAt = startedAt;
  }
}

/** A message's state in one consumer group. As a ScheduledTask it fires when its delay, back-off or visibility timeout ends. */
export class GroupEntry extends ScheduledTask {
  readonly message: StoredMessage;
  readonly owner: EntryOwner;
  state: EntryState = EntryState.NEW;
  /** Failed deliveries so far (handler errors, nacks, visibility timeouts). */
  attempts: number = 0;
  /** Clock time before which a retry must not be delivered. */
  retryAt: number = 0;
  /** Back-off used before the current retry. */
  lastDelayMs: number = 0;
  lastCode: string = '';
  lastMessage: string = '';
  delivery: PendingDelivery | undefined = undefined;
  /** A `p` record (retry state) exists in the store. */
  hasRecord: boolean = false;
  /** An `a` marker (done while others still hold the message) exists in the store. */
  marked: boolean = false;

  constructor(message: StoredMessage, owner: EntryOwner) {
    super();
    this.message = message;
    this.owner = owner;
  }

  run(now: number): void {
    this.owner.onEntryTimer(this, now);
  }
}
