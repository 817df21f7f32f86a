// The public names of the event store module (listed by hand: no `export *` inside modules).
export { EventStore, EventStoreStats, DEFAULT_PUBLICATION_NAME } from './EventStore';
export type { DeleteStreamOptions } from './EventStore';
export {
  ResolvedEventStoreOptions, DEFAULT_EVENT_STORE_PREFIX, DEFAULT_MAX_APPEND_EVENTS, DEFAULT_MAX_GROUP_COMMANDS,
  DEFAULT_HEAD_CACHE_SIZE, MAX_EVENT_STORE_NAME_LENGTH, MAX_EVENT_STORE_PREFIX_LENGTH
} from './EventStoreOptions';
export type { EventStoreOptions, EventStoreAttachOptions } from './EventStoreOptions';
export { ExpectedVersion, EMPTY_STREAM_VERSION, describeExpectedVersion, isValidExpectedVersion } from './ExpectedVersion';
export type { DomainEvent, NewEvent } from './DomainEvent';
export { EventMetadata } from './EventMetadata';
export type { EventMetadataInit } from './EventMetadata';
export { RecordedEvent, SYSTEM_EVENT_PREFIX } from './RecordedEvent';
export { AppendResult } from './AppendResult';
export type { AppendOptions } from './AppendResult';
export {
  ReadDirection, StreamReadStatus, StreamSlice, LogSlice, StreamInfo, DEFAULT_READ_MAX_COUNT
} from './ReadResults';
export type { ReadStreamOptions, ReadAllOptions, ReadByTypeOptions } from './ReadResults';
export { EventFilter } from './EventFilter';
export type { EventFilterOptions } from './EventFilter';
export { StreamSnapshot, SNAPSHOT_FORMAT_VERSION } from './StreamSnapshot';
export type { SnapshotInit } from './StreamSnapshot';
export { STREAM_DELETED_EVENT_TYPE } from './internal/DeleteStreamCommand';
export { ConcurrencyConflictError } from './errors/ConcurrencyConflictError';
export { StreamDeletedError } from './errors/StreamDeletedError';
export { StreamNotFoundError } from './errors/StreamNotFoundError';
export { CatchUpSubscription, SubscriptionState, SubscriptionErrorEvent } from './subscription/CatchUpSubscription';
export {
  ResolvedSubscriptionOptions, DEFAULT_SUBSCRIPTION_BATCH_SIZE, DEFAULT_CHECKPOINT_EVERY, DEFAULT_SUBSCRIPTION_MAX_RETRIES,
  DEFAULT_SUBSCRIPTION_RETRY_DELAY_MS
} from './subscription/SubscriptionOptions';
export type { CatchUpSubscriptionOptions, RecordedEventHandler } from './subscription/SubscriptionOptions';
export { KeyValueCheckpointStore } from './subscription/CheckpointStore';
export type { CheckpointStore } from './subscription/CheckpointStore';
export { Aggregate } from './aggregate/Aggregate';
export { AggregateRepository, DEFAULT_SNAPSHOT_EVERY, DEFAULT_UPDATE_ATTEMPTS } from './aggregate/AggregateRepository';
export type { AggregateRepositoryOptions, AggregateSaveOptions } from './aggregate/AggregateRepository';
export { Projection } from './projection/Projection';
export { ProjectionRunner, PROJECTION_CHECKPOINT_PREFIX } from './projection/ProjectionRunner';
export type { ProjectionRunnerOptions } from './projection/ProjectionRunner';
export type { EventPublisher } from './publish/EventPublisher';
export {
  EventBusPublisher, STREAM_ID_HEADER, STREAM_VERSION_HEADER, STORE_POSITION_HEADER
} from './publish/EventBusPublisher';
export type { EventBusPublisherOptions } from './publish/EventBusPublisher';
