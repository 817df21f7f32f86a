/** Statistics of one consumer group of a topic, as the publishing node sees it. */
export interface QueueGroupStats {
  topic: string;
  group: string;
  /** Consumers known for the group (this device's and remote). */
  consumers: number;
  /** Messages waiting: ready + delayed (scheduled or backing off) + behind their ordering key. */
  depth: number;
  ready: number;
  delayed: number;
  inFlight: number;
  /** Deliveries made (redeliveries included). */
  delivered: number;
  acked: number;
  /** Failed deliveries scheduled for a retry. */
  retried: number;
  /** Deliveries that hit the visibility timeout. */
  timedOut: number;
  deadLettered: number;
  /** Of the dead-lettered, those that expired. */
  expired: number;
  /** Age of the oldest message the group has not acked, ms (0 when none). */
  oldestAgeMs: number;
  /** Deliveries per second over the last 10 s. */
  deliverRate: number;
  /** Acks per second over the last 10 s. */
  ackRate: number;
}

/** Statistics of one topic on the publishing node. */
export interface QueueTopicStats {
  topic: string;
  /** Messages held (not yet acked by every target group). */
  depth: number;
  maxLength: number;
  /** Held messages no group is known for yet. */
  unrouted: number;
  published: number;
  duplicates: number;
  /** Publishes refused with ERR_QUEUE_FULL. */
  rejected: number;
  /** Dead letters kept. */
  deadLetters: number;
  /** Publishes per second over the last 10 s. */
  publishRate: number;
  groups: QueueGroupStats[];
}
