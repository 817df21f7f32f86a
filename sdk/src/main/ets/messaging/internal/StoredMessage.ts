import { JsonValue } from '../../core/json/JsonValue';
import { QueueMessage } from '../QueueMessage';
import { GroupEntry } from './GroupEntry';
import { ScheduledTask } from './ScheduledTask';

const NO_ENTRIES: GroupEntry[] = [];

/**
 * A message the publishing node holds until every target group is done with it, shared by its
 * per-group entries. It is itself the QueueMessage local consumers receive (no copy per delivery);
 * the bookkeeping fields below are not part of that public type.
 */
export class StoredMessage extends QueueMessage {
  readonly availableAt: number;
  readonly expiresAt: number;
  /** True when the publisher chose the id (it is remembered for deduplication). */
  readonly explicitId: boolean;
  /** One entry per target group still tracked (replaced, never grown in place: the empty one is shared). */
  entries: GroupEntry[] = NO_ENTRIES;
  /** Groups done before a restart whose `a` markers are still stored (deleted with the message). */
  markers: string[] | undefined = undefined;
  /** Entries not yet acked or dead-lettered. */
  pending: number = 0;
  /** True once the message is in the store (immediately for a non-durable queue). */
  committed: boolean = false;
  /** True while the node holds it (counts against the topic's maxLength). */
  held: boolean = true;
  /** Neighbours in the topic's list of held messages (oldest first). */
  prevHeld: StoredMessage | undefined = undefined;
  nextHeld: StoredMessage | undefined = undefined;
  /** Its `m` record's store key ('' when not durable): one string for the write and the delete (its hash is computed once). */
  storeKey: string = '';
  /** Fires at `expiresAt` (only messages with a TTL have one). */
  ttlTask: ScheduledTask | undefined = undefined;

  constructor(seq: number, id: string, topic: string, payload: JsonValue, headers: Record<string, string>, priority: number,
    orderingKey: string | undefined, publishedAt: number, availableAt: number, expiresAt: number, explicitId: boolean,
    publisher: string) {
    super(id, topic, payload, headers, priority, orderingKey, publishedAt, publisher, seq);
    this.availableAt = availableAt;
    this.expiresAt = expiresAt;
    this.explicitId = explicitId;
  }

  /** True when no group was known at publication (held until one appears). */
  get unrouted(): boolean {
    return this.entries.length === 0;
  }

  /** The consumer's view: the message itself. */
  view(): QueueMessage {
    return this;
  }

  /** A plain copy of the public part (kept by dead letters, which outlive the message). */
  copy(): QueueMessage {
    return new QueueMessage(this.id, this.topic, this.payload, this.headers, this.priority, this.orderingKey,
      this.publishedAt, this.publisher, this.seq);
  }
}
