import { WriteOp } from '../platform/store/KeyValueStore';
import { SpanContext } from '../tracing/api/SpanContext';

/** Options of `MessageQueue.publish`. Everything is optional. */
export interface PublishOptions {
  /** 0..9, higher first; see MessagePriority. Default {@link DEFAULT_MESSAGE_PRIORITY} (4). */
  priority?: number;
  /** Deliver no earlier than this many ms from now. Default 0. */
  delayMs?: number;
  /** Deliver no earlier than this Clock time (epoch ms); the later of this and `delayMs` wins. */
  deliverAt?: number;
  /**
   * Time to live in ms: a message not acked by a group within it is dead-lettered there with
   * reason `expired`. Default: the topic's `ttlMs` (no expiry).
   */
  ttlMs?: number;
  /**
   * Message id for idempotent publishing: publishing an id the topic saw within its
   * `dedupWindowMs` resolves with the first publication's receipt (`duplicate: true`) and stores
   * nothing. 1..256 characters. Default: a generated id (no deduplication).
   */
  messageId?: string;
  /** Messages with the same key are delivered in publish order, one at a time per group. 1..256 characters. */
  orderingKey?: string;
  /** Headers carried with the message (names are lower-cased). Trace context is added here. */
  headers?: Record<string, string>;
  /**
   * Extra store writes committed in the same atomic batch as the message (a transactional outbox:
   * your own state changes and the publish become durable together). Keys must not start with the
   * queue's store prefix.
   */
  writes?: WriteOp[];
  /** Parent of the publish span when the queue has a tracer. Default: a new trace. */
  parent?: SpanContext;
}

/** What `publish` resolves with once the message is durable. */
export class PublishReceipt {
  readonly messageId: string;
  readonly topic: string;
  /** The publisher's sequence number. */
  readonly seq: number;
  /** Consumer groups the message targets (empty while the topic has no known group: it is held until one appears). */
  readonly groups: ReadonlyArray<string>;
  /** True when an earlier publication with the same `messageId` is still in the dedup window: nothing new was stored. */
  readonly duplicate: boolean;
  /** Messages of the topic this node holds (not yet acked by every group), this one included. */
  readonly depth: number;
  /** The topic's `maxLength`: depth / maxLength is the back-pressure a publisher sees. */
  readonly maxLength: number;
  /** Clock time of publication. */
  readonly publishedAt: number;

  constructor(messageId: string, topic: string, seq: number, groups: ReadonlyArray<string>, duplicate: boolean,
    depth: number, maxLength: number, publishedAt: number) {
    this.messageId = messageId;
    this.topic = topic;
    this.seq = seq;
    this.groups = groups;
    this.duplicate = duplicate;
    this.depth = depth;
    this.maxLength = maxLength;
    this.publishedAt = publishedAt;
  }

  /** depth / maxLength: 1 means the next publish is rejected or evicts the oldest message. */
  get pressure(): number {
    return this.maxLength > 0 ? this.depth / this.maxLength : 0;
  }
}
