import { JsonValue } from '../core/json/JsonValue';

/** Named priority levels. Any integer 0..9 is a priority; higher is delivered first. */
export enum MessagePriority {
  LOW = 0,
  NORMAL = 4,
  HIGH = 9
}

/** Lowest priority. */
export const MIN_MESSAGE_PRIORITY = 0;
/** Highest priority. */
export const MAX_MESSAGE_PRIORITY = 9;
/** Priority of a message published without one. */
export const DEFAULT_MESSAGE_PRIORITY: number = MessagePriority.NORMAL;

/**
 * A message as a consumer sees it. `id` is stable across redeliveries and duplicates (use it to
 * deduplicate); `seq` orders the messages of one publisher.
 */
export class QueueMessage {
  /** Message id: the publisher's `messageId`, or a generated one. */
  readonly id: string;
  readonly topic: string;
  readonly payload: JsonValue;
  /** Message headers (lower-case names); trace context travels here. Read-only: messages may share one record. */
  readonly headers: Record<string, string>;
  /** 0..9, higher first. */
  readonly priority: number;
  /** Messages with the same ordering key (from one publisher) are delivered one at a time, in order. */
  readonly orderingKey: string | undefined;
  /** Clock time of publication on the publisher. */
  readonly publishedAt: number;
  /** The publishing device. */
  readonly publisher: string;
  /** The publisher's sequence number of the message. */
  readonly seq: number;

  constructor(id: string, topic: string, payload: JsonValue, headers: Record<string, string>, priority: number,
    orderingKey: string | undefined, publishedAt: number, publisher: string, seq: number) {
    this.id = id;
    this.topic = topic;
    this.payload = payload;
    this.headers = headers;
    this.priority = priority;
    this.orderingKey = orderingKey;
    this.publishedAt = publishedAt;
    this.publisher = publisher;
    this.seq = seq;
  }
}
