import { JsonValue } from '../../core/json/JsonValue';
import { WriteOp } from '../../platform/store/KeyValueStore';
import { SpanContext } from '../../tracing/api/SpanContext';
import { BusEvent, EventIdentity } from './BusEvent';

/** Handles one event. Throw (or reject) to have it retried; other handlers are not affected. */
export type BusEventHandler<T> = (event: BusEvent<T>) => Promise<void> | void;

/** Options of an EventBus. Everything is optional. */
export interface EventBusOptions {
  /** The bus name: event type `t` travels on queue topic `<name>.<t>`. Default {@link DEFAULT_EVENT_BUS_NAME}. */
  name?: string;
  /** Keep an event log on this node (every event emitted or received here). Default true. */
  log?: boolean;
  /** Most events the log retains (oldest dropped first). Default {@link DEFAULT_EVENT_LOG_MAX_EVENTS}. */
  logMaxEvents?: number;
  /** Oldest event age the log retains, ms. Default {@link DEFAULT_EVENT_LOG_MAX_AGE_MS} (7 days). */
  logMaxAgeMs?: number;
  /**
   * Group of handlers that name none. Default: one group per device (`<name>@<deviceId>`), so every
   * device with a handler gets every event of the type.
   */
  defaultGroup?: string;
  /**
   * How long publishers keep events for a device-group with no handler (the device is off, or its
   * handlers are gone), ms. Default {@link DEFAULT_EVENT_GROUP_EXPIRY_MS} (24 h); then they are dead-lettered.
   */
  groupExpiryMs?: number;
}

/** Options of `EventBus.emit`. Everything is optional. */
export interface EmitOptions {
  /** Event id (also the message id: emitting an id again within the topic's dedup window is a no-op). Default: generated. */
  id?: string;
  /** The event that caused this one: its correlation id is continued and its id becomes the causation id. */
  cause?: EventIdentity;
  /** Default: the cause's correlation id, else the event's own id. */
  correlationId?: string;
  /** Default: the cause's id, else none. */
  causationId?: string;
  /** More headers (lower-cased). */
  headers?: Record<string, string>;
  /** Queue priority 0..9. */
  priority?: number;
  /** Deliver no earlier than this many ms from now. */
  delayMs?: number;
  /** Time to live of the event message, ms. */
  ttlMs?: number;
  /** Per-key ordering of the event messages (e.g. an aggregate id). */
  orderingKey?: string;
  /** Store writes committed in the same atomic batch as the event (transactional outbox). Needs a durable queue. */
  writes?: WriteOp[];
  /** Parent span of the publish span. */
  parent?: SpanContext;
}

/** Options of `EventBus.on`. Everything is optional. */
export interface BusOnOptions<T> {
  /** Consumer group: handlers in one group share the events (one device handles each). Default: the bus's default group. */
  group?: string;
  /** Events handled at once for this type and group on this device. Default 1. */
  concurrency?: number;
  /** A name for error reports. Default `handler-<n>`. */
  name?: string;
  /** Validates and converts the JSON data; a throw dead-letters the event (ERR_MESSAGE_INVALID). Default: the data as is. */
  decode?: (data: JsonValue) => T;
}

/** Which events `read` and `replay` return. Everything optional; conditions combine. */
export interface BusReplayOptions {
  /** From this log position (inclusive). */
  fromPosition?: number;
  /** From this Clock time of emission (inclusive). */
  fromTime?: number;
  /** Only these types. */
  types?: string[];
  /** At most this many. */
  limit?: number;
}

/** A handler failed (the event is retried for the handlers that failed only). */
export interface BusHandlerError {
  type: string;
  eventId: string;
  handler: string;
  group: string;
  error: Error;
  /** Delivery count of the event in the group. */
  attempt: number;
}

/** Default bus name (topic prefix). */
export const DEFAULT_EVENT_BUS_NAME = 'events';
/** Default events retained by the log. */
export const DEFAULT_EVENT_LOG_MAX_EVENTS = 10000;
/** Default oldest age retained by the log: 7 days. */
export const DEFAULT_EVENT_LOG_MAX_AGE_MS = 604800000;
/** Default expiry of a device's event group at the publishers: 24 h. */
export const DEFAULT_EVENT_GROUP_EXPIRY_MS = 86400000;
