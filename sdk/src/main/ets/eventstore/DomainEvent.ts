import { JsonValue } from '../core/json/JsonValue';
import { EventMetadataInit } from './EventMetadata';

/** What an event is, whether new or recorded: its type and its JSON data. */
export interface DomainEvent {
  /** The event type, e.g. `OrderCreated`. Types starting with `$` are reserved for the store. */
  type: string;
  /** The event's data: any JSON value. */
  data: JsonValue;
}

/**
 * An event to append. `id` makes a retried append idempotent: appending events whose ids are
 * already at the expected position returns the original result instead of a conflict.
 */
export interface NewEvent extends DomainEvent {
  /** A unique id. Default: a random UUID. */
  id?: string;
  /** Correlation and causation ids, trace context, headers. */
  metadata?: EventMetadataInit;
}
