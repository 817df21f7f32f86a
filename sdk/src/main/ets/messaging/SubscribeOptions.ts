import { ErrorPredicate } from '../resilience/CircuitBreakerOptions';
import { QueueDelivery } from './QueueDelivery';

/** How deliveries are acknowledged. */
export enum AckMode {
  /** Acked when the handler resolves (or returns), nacked for a retry when it throws or rejects. */
  AUTO = 'auto',
  /** The handler calls `delivery.ack()` or `delivery.nack()`; silence past the visibility timeout redelivers. */
  MANUAL = 'manual'
}

/**
 * Handles one delivery. Return (or resolve) to ack in AUTO mode; throw (or reject) to nack it for
 * a retry. May return nothing: a synchronous handler is acked without a promise.
 */
export type QueueHandler = (delivery: QueueDelivery) => Promise<void> | void;

/** Options of `MessageQueue.subscribe`. Everything is optional. */
export interface SubscribeOptions {
  /**
   * Consumer group: within a group each message goes to one consumer (on any device); every group
   * gets every message. Letters, digits and `. _ : @ ~ -`, 1..100 characters. Default
   * {@link DEFAULT_CONSUMER_GROUP}.
   */
  group?: string;
  /** Handler invocations running at once on this subscription. Default {@link DEFAULT_CONCURRENCY} (1). */
  concurrency?: number;
  /**
   * Unacked deliveries a publisher may push to this device for the group (the handler's queue
   * included): the consumer's credit. Default 2 x concurrency.
   */
  prefetch?: number;
  /** Default AUTO. */
  ackMode?: AckMode;
  /**
   * How long a delivery may stay unacked before it is redelivered (the consumer crashed or went
   * silent), ms. Default: the topic's `visibilityTimeoutMs` on the publisher.
   */
  visibilityTimeoutMs?: number;
  /**
   * A publisher forgets this group after it has had no consumer for this long, dead-lettering what
   * it still holds for it with reason `group-expired`. Default Infinity (groups are durable).
   */
  groupExpiryMs?: number;
  /**
   * AUTO mode: which handler errors are retried; the others dead-letter the message at once (reason
   * `rejected`). Default `isTransientError` (everything but bad input, refused authorisation and
   * the like).
   */
  retryOn?: ErrorPredicate;
}

/** Group of subscriptions that name none. */
export const DEFAULT_CONSUMER_GROUP = 'default';
/** Handler invocations at once per subscription. */
export const DEFAULT_CONCURRENCY = 1;
/** Upper bound of `concurrency` and `prefetch`. */
export const MAX_PREFETCH = 10000;
