/** What happened to a message (the simulator's and the tests' view of the queue). */
export enum QueueEventType {
  /** Durable on the publisher. */
  PUBLISHED = 'published',
  /** A publish with a `messageId` still in the dedup window: nothing stored. */
  DUPLICATE = 'duplicate',
  /** A publish refused because the topic was full. */
  REJECTED = 'rejected',
  /** Held messages of a topic got their first target groups. */
  ROUTED = 'routed',
  /** Handed to a consumer (`attempt` is the delivery count). */
  DELIVERED = 'delivered',
  ACKED = 'acked',
  /** A failed delivery will be retried after `delayMs`. */
  RETRY = 'retry',
  /** Dead-lettered in `group` with `reason`. */
  DEAD_LETTERED = 'dead-lettered',
  /** Dead letters put back into their group's queue. */
  REPLAYED = 'replayed'
}

/** One queue event. Built only while someone listens. */
export interface QueueEvent {
  type: QueueEventType;
  topic: string;
  /** '' for topic-level events (published, duplicate, rejected). */
  group: string;
  messageId: string;
  seq: number;
  /** Deliveries so far (DELIVERED: this one included). */
  attempt: number;
  /** The consumer's device for DELIVERED and ACKED ('' otherwise or when unknown). */
  consumer: string;
  /** Dead-letter reason, or the last error code of a retry ('' otherwise). */
  reason: string;
  /** RETRY: the back-off in ms (0 otherwise). */
  delayMs: number;
  at: number;
}

/** Back-pressure levels. */
export enum BackpressureLevel {
  /** The topic's depth reached its high watermark: slow down. */
  HIGH = 'high',
  /** The depth fell back to the low watermark: go on. */
  LOW = 'low'
}

/** Emitted when a topic's depth crosses a watermark (high, then low, then high, ...). */
export interface BackpressureEvent {
  topic: string;
  level: BackpressureLevel;
  depth: number;
  maxLength: number;
  at: number;
}
