import { JsonValue } from '../../core/json/JsonValue';
import { QueueMessage } from '../QueueMessage';
import { GroupEntry } from './GroupEntry';
import { ScheduledTask } from './ScheduledTask';

/** Receives a message's TTL expiry. */
export interface MessageOwner {
  expire(message: StoredMessage, now: number): void;
}

/**
 * A message the publishing node holds until every target group is done with it. Shared by its
 * per-group entries; as a ScheduledTask it fires at its expiry time (TTL).
 */
export class StoredMessage extends ScheduledTask {
  readonly seq: number;
  readonly id: string;
  readonly topic: string;
  readonly payload: JsonValue;
  readonly headers: Record<string, string>;
  readonly priority: number;
  readonly orderingKey: string | undefined;
  readonly publishedAt: number;
  readonly availableAt: number;
  readonly expiresAt: number;
  /** True when the publisher chose the id (it is remembered for deduplication). */
  readonly explicitId: boolean;
  readonly publisher: string;
  owner: MessageOwner | undefined = undefined;
  /** One entry per target group still tracked. */
  entries: GroupEntry[] = [];
  /** Groups done before a restart whose `a` markers are still stored (deleted with the message). */
  markers: string[] | undefined = undefined;
  /** Entries not yet acked or dead-lettered. */
  pending: number = 0;
  /** True once the message is in the store (immediately for a non-durable queue). */
  committed: boolean = false;
  /** True while the node holds it (counts against the topic's maxLength). */
  held: boolean = true;
  private _view: QueueMessage | undefined = undefined;

  constructor(seq: number, id: string, topic: string, payload: JsonValue, headers: Record<string, string>, priority: number,
    orderingKey: string | undefined, publishedAt: number, availableAt: number, expiresAt: number, explicitId: boolean,
    publisher: string) {
    super();
    this.seq = seq;
    this.id = id;
    this.topic = topic;
    this.payload = payload;
    this.headers = headers;
    this.priority = priority;
    this.orderingKey = orderingKey;
    this.publishedAt = publishedAt;
    this.availableAt = availableAt;
    this.expiresAt = expiresAt;
    this.explicitId = explicitId;
    this.publisher = publisher;
  }

  /** True when no group was known at publication (held until one appears). */
  get unrouted(): boolean {
    return this.entries.length === 0;
  }

  /** The consumer's view (built once, shared by every delivery). */
  view(): QueueMessage {
    let v = this._view;
    if (v === undefined) {
      v = new QueueMessage(this.id, this.topic, this.payload, this.headers, this.priority, this.orderingKey,
        this.publishedAt, this.publisher, this.seq);
      this._view = v;
    }
    return v;
  }

  run(now: number): void {
    const owner = this.owner;
    if (owner !== undefined) {
      owner.expire(this, now);
    }
  }
}
