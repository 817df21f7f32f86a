/** Identifies an event as a cause: `emit(type, data, { cause })` continues its correlation. */
export interface EventIdentity {
  readonly id: string;
  readonly correlationId: string;
}

/** Message header of an event's correlation id. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';
/** Message header of an event's causation id. */
export const CAUSATION_ID_HEADER = 'x-causation-id';
/** Message header of an event's emission time (Clock ms on the emitting device). */
export const EVENT_TIME_HEADER = 'x-event-time';
/** Message header of the emitting device. */
export const EVENT_SOURCE_HEADER = 'x-event-source';

/**
 * A typed domain event on the bus: what happened (`type`, `data`), when and where it was emitted,
 * and the correlation (the business flow it belongs to) and causation (the event that caused it)
 * ids. `position` is its place in this node's event log (-1 when the bus keeps no log).
 */
export class BusEvent<T> implements EventIdentity {
  /** Unique id: also the message id, so duplicates of one event carry the same id. */
  readonly id: string;
  /** Event type, e.g. `order.placed` (dot-separated words). */
  readonly type: string;
  readonly data: T;
  /** Clock time of emission on the source device (epoch ms). */
  readonly time: number;
  /** The emitting device. */
  readonly source: string;
  /** The business flow: the first event's id, carried along by `cause`. */
  readonly correlationId: string;
  /** The id of the event (or command) that caused this one. */
  readonly causationId: string | undefined;
  /** Message headers (lower-case names): the correlation headers, trace context, your own. Treat as read-only. */
  readonly headers: Record<string, string>;
  /** Position in this node's event log; -1 when not logged. */
  readonly position: number;

  constructor(id: string, type: string, data: T, time: number, source: string, correlationId: string,
    causationId: string | undefined, headers: Record<string, string>, position: number) {
    this.id = id;
    this.type = type;
    this.data = data;
    this.time = time;
    this.source = source;
    this.correlationId = correlationId;
    this.causationId = causationId;
    this.headers = headers;
    this.position = position;
  }

  /** The same event with other data (a handler's decoded view). */
  withData<U>(data: U): BusEvent<U> {
    return new BusEvent<U>(this.id, this.type, data, this.time, this.source, this.correlationId, this.causationId,
      this.headers, this.position);
  }

  /** The same event at a log position. */
  at(position: number): BusEvent<T> {
    return new BusEvent<T>(this.id, this.type, this.data, this.time, this.source, this.correlationId, this.causationId,
      this.headers, position);
  }
}
