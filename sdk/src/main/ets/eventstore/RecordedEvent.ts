import { JsonValue } from '../core/json/JsonValue';
import { DomainEvent } from './DomainEvent';
import { EventMetadata, EventMetadataInit } from './EventMetadata';

/** Event types starting with this prefix are written by the store itself (e.g. `$streamDeleted`). */
export const SYSTEM_EVENT_PREFIX = '$';

/**
 * An event as the store recorded it: its id, type, data and metadata, the stream it belongs to,
 * its version in that stream (0-based), its position in the store's global log (1-based, strictly
 * increasing in append order) and the time it was recorded (`Clock.now()`).
 */
export class RecordedEvent implements DomainEvent {
  readonly id: string;
  readonly streamId: string;
  readonly type: string;
  readonly version: number;
  readonly position: number;
  readonly data: JsonValue;
  readonly metadata: EventMetadata;
  readonly createdAt: number;

  constructor(
    id: string,
    streamId: string,
    type: string,
    version: number,
    position: number,
    data: JsonValue,
    metadata: EventMetadata,
    createdAt: number
  ) {
    this.id = id;
    this.streamId = streamId;
    this.type = type;
    this.version = version;
    this.position = position;
    this.data = data;
    this.metadata = metadata;
    this.createdAt = createdAt;
  }

  /** True for events the store writes itself (types starting with `$`). */
  get isSystem(): boolean {
    return this.type.startsWith(SYSTEM_EVENT_PREFIX);
  }

  /**
   * Metadata for an event this one causes: the same correlation id and trace context, this event's
   * id as the causation id. Pass it as `NewEvent.metadata` (or `AppendOptions.metadata`).
   */
  causationMetadata(headers?: Record<string, string>): EventMetadataInit {
    const init: EventMetadataInit = {
      correlationId: this.metadata.correlationId,
      causationId: this.id
    };
    if (this.metadata.traceparent !== undefined) {
      init.traceparent = this.metadata.traceparent;
    }
    if (this.metadata.tracestate !== undefined) {
      init.tracestate = this.metadata.tracestate;
    }
    if (headers !== undefined) {
      init.headers = headers;
    }
    return init;
  }
}
