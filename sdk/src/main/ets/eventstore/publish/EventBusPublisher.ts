import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { EventBus } from '../../messaging/eventbus/EventBus';
import { RecordedEvent } from '../RecordedEvent';
import { EventPublisher } from './EventPublisher';

/** Options of an {@link EventBusPublisher}. */
export interface EventBusPublisherOptions {
  /**
   * The bus event type of a recorded event (bus types are dot-separated words of letters, digits,
   * `_` and `-`). Default: the recorded event's type.
   */
  typeOf?: (event: RecordedEvent) => string;
  /** Deliver the events of one stream in order (the stream id is the ordering key). Default true. */
  orderByStream?: boolean;
}

/** Header with the stream id of a published store event. */
export const STREAM_ID_HEADER = 'x-stream-id';
/** Header with the stream version of a published store event. */
export const STREAM_VERSION_HEADER = 'x-stream-version';
/** Header with the global position (in the publishing store) of a published store event. */
export const STORE_POSITION_HEADER = 'x-store-position';

/**
 * Publishes recorded events on the mesh through an {@link EventBus}, so handlers on every device
 * (`bus.on(type, ...)`) receive them. The bus event keeps the store event's id (the bus drops a
 * re-publication within its dedup window, so redeliveries after a crash are not duplicated), its
 * correlation and causation ids, its trace context (`traceparent`/`tracestate` headers), its
 * metadata headers, and `x-stream-id`, `x-stream-version`, `x-store-position`.
 */
export class EventBusPublisher implements EventPublisher {
  readonly bus: EventBus;
  private readonly _typeOf: ((event: RecordedEvent) => string) | undefined;
  private readonly _orderByStream: boolean;

  /** @throws InvalidArgumentError for a missing bus or a bad option. */
  constructor(bus: EventBus, options?: EventBusPublisherOptions) {
    if (bus === undefined || bus === null || !(bus instanceof EventBus)) {
      throw new InvalidArgumentError('bus', 'must be an EventBus');
    }
    const typeOf = options?.typeOf;
    if (typeOf !== undefined && typeof typeOf !== 'function') {
      throw new InvalidArgumentError('options.typeOf', 'must be a function');
    }
    this.bus = bus;
    this._typeOf = typeOf;
    this._orderByStream = options?.orderByStream ?? true;
  }

  async publish(event: RecordedEvent): Promise<void> {
    const headers: Record<string, string> = {};
    const own = event.metadata.headers;
    for (const k of Object.keys(own)) {
      headers[k] = own[k];
    }
    const tp = event.metadata.traceparent;
    if (tp !== undefined) {
      headers['traceparent'] = tp;
    }
    const ts = event.metadata.tracestate;
    if (ts !== undefined) {
      headers['tracestate'] = ts;
    }
    headers[STREAM_ID_HEADER] = event.streamId;
    headers[STREAM_VERSION_HEADER] = String(event.version);
    headers[STORE_POSITION_HEADER] = String(event.position);
    const typeOf = this._typeOf;
    const type = typeOf !== undefined ? typeOf(event) : event.type;
    await this.bus.emit(type, event.data, {
      id: event.id,
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.causationId,
      headers: headers,
      orderingKey: this._orderByStream ? event.streamId : undefined
    });
  }
}
