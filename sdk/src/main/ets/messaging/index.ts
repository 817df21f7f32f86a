// The public names of the messaging module (listed by hand: no `export *` inside modules).
export { MessageQueue } from './MessageQueue';
export type { MessageQueueOptions, MessagingSettings } from './MessageQueueOptions';
export { DEFAULT_BUSY_RETRY_MS, DEFAULT_UNREACHABLE_RETRY_MS } from './MessageQueueOptions';
export { MessagingPlugin } from './MessagingPlugin';
export {
  QueueMessage, MessagePriority, MIN_MESSAGE_PRIORITY, MAX_MESSAGE_PRIORITY, DEFAULT_MESSAGE_PRIORITY
} from './QueueMessage';
export { PublishReceipt } from './PublishOptions';
export type { PublishOptions } from './PublishOptions';
export { AckMode, DEFAULT_CONSUMER_GROUP, DEFAULT_CONCURRENCY, MAX_PREFETCH } from './SubscribeOptions';
export type { SubscribeOptions, QueueHandler } from './SubscribeOptions';
export { QueueDelivery } from './QueueDelivery';
export type { NackOptions } from './QueueDelivery';
export { QueueSubscription } from './QueueSubscription';
export {
  OverflowPolicy, ResolvedTopicOptions, defaultQueueBackoff, DEFAULT_MAX_QUEUE_LENGTH, DEFAULT_MAX_ATTEMPTS,
  DEFAULT_VISIBILITY_TIMEOUT_MS, DEFAULT_DEDUP_WINDOW_MS, DEFAULT_HIGH_WATERMARK, DEFAULT_LOW_WATERMARK
} from './TopicOptions';
export type { TopicOptions } from './TopicOptions';
export { DeadLetter, DeadLetterReason, UNROUTED_GROUP } from './DeadLetter';
export type { DeadLetterFilter } from './DeadLetter';
export { QueueEventType, BackpressureLevel } from './QueueEvents';
export type { QueueEvent, BackpressureEvent } from './QueueEvents';
export type { QueueGroupStats, QueueTopicStats } from './QueueStats';
export { QueueFullError } from './errors/QueueFullError';
export { MESSAGING_STORE_PREFIX } from './internal/StoreKeys';
export { MQ_DELIVER_TOPIC } from './internal/deliveryWire';
export { consumerServiceName } from './internal/MeshBinding';
export { EventBus } from './eventbus/EventBus';
export {
  BusEvent, CORRELATION_ID_HEADER, CAUSATION_ID_HEADER, EVENT_TIME_HEADER, EVENT_SOURCE_HEADER
} from './eventbus/BusEvent';
export type { EventIdentity } from './eventbus/BusEvent';
export { BusEventLog, LogReservation, EVENT_LOG_STORE_PREFIX } from './eventbus/BusEventLog';
export {
  DEFAULT_EVENT_BUS_NAME, DEFAULT_EVENT_LOG_MAX_EVENTS, DEFAULT_EVENT_LOG_MAX_AGE_MS, DEFAULT_EVENT_GROUP_EXPIRY_MS
} from './eventbus/EventBusOptions';
export type {
  EventBusOptions, EmitOptions, BusOnOptions, BusReplayOptions, BusEventHandler, BusHandlerError
} from './eventbus/EventBusOptions';
export {
  IdempotentConsumer, DEFAULT_IDEMPOTENCY_PREFIX, DEFAULT_IDEMPOTENCY_WINDOW_MS, DEFAULT_IDEMPOTENCY_MAX_ENTRIES
} from './IdempotentConsumer';
export type { IdempotentConsumerOptions } from './IdempotentConsumer';
