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
  readonly metadata: EventMetadata;
  readonly createdAt: number;
  private _data: JsonValue | undefined;
  private _dataText: string | undefined;

  constructor(
    id: string,
    streamId: string,
    type: string,
    version: number,
    position: number,
    data: JsonValue | undefined,
    metadata: EventMetadata,
    createdAt: number,
    dataText?: string
  ) {
    this.id = id;
    this.streamId = streamId;
    this.type = type;
    this.version = version;
    this.position = position;
    this._data = data;
    this._dataText = dataText;
    this.metadata = metadata;
    this.createdAt = createdAt;
  }

  /**
   * The event's data: any JSON value. An event recorded by this process is given its data as
   * JSON text, parsed on first access (so an append's result costs no parse unless it is read).
   */
  get data(): JsonValue {
    let d = this._data;
    if (d === undefined) {
      d = this._dataText !== undefined ? JSON.parse(this._dataText) as JsonValue : null;
      this._data = d;
      this._dataText = undefined;
    }
    return d;
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
