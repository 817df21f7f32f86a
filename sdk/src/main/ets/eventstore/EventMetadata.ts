import { JsonObject, JsonValue } from '../core/json/JsonValue';

/** Metadata supplied with a new event; every field is optional. */
export interface EventMetadataInit {
  /** Groups every event of one business flow. Default: the event's own id. */
  correlationId?: string;
  /** The id of the event (or command, or message) that caused this one. Default: none. */
  causationId?: string;
  /** W3C `traceparent` of the span that appended the event, so consumers continue the trace. */
  traceparent?: string;
  /** W3C `tracestate` travelling with `traceparent`. */
  tracestate?: string;
  /** Free-form string headers (user id, tenant, schema version of the data, ...). */
  headers?: Record<string, string>;
}

/**
 * The metadata of a recorded event: correlation and causation ids, trace context and free-form
 * headers. Immutable once recorded.
 */
export class EventMetadata {
  readonly correlationId: string;
  readonly causationId: string | undefined;
  readonly traceparent: string | undefined;
  readonly tracestate: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    correlationId: string,
    causationId: string | undefined,
    traceparent: string | undefined,
    tracestate: string | undefined,
    headers: Record<string, string>
  ) {
    this.correlationId = correlationId;
    this.causationId = causationId;
    this.traceparent = traceparent;
    this.tracestate = tracestate;
    this.headers = headers;
  }

  /**
   * Resolves an event's metadata: the event's own init, then the append's defaults, field by field
   * (headers merged, the event's winning). `eventId` is the correlation id of last resort.
   */
  static resolve(eventId: string, own: EventMetadataInit | undefined, defaults: EventMetadataInit | undefined): EventMetadata {
    if (own === undefined && defaults === undefined) {
      return new EventMetadata(eventId, undefined, undefined, undefined, {});
    }
    const headers: Record<string, string> = {};
    const dh = defaults?.headers;
    if (dh !== undefined) {
      for (const k of Object.keys(dh)) {
        headers[k] = dh[k];
      }
    }
    const oh = own?.headers;
    if (oh !== undefined) {
      for (const k of Object.keys(oh)) {
        headers[k] = oh[k];
      }
    }
    return new EventMetadata(
      own?.correlationId ?? defaults?.correlationId ?? eventId,
      own?.causationId ?? defaults?.causationId,
      own?.traceparent ?? defaults?.traceparent,
      own?.tracestate ?? defaults?.tracestate,
      headers
    );
  }

  /** The stored JSON form as text (built directly: this runs once per appended event). */
  toJsonText(): string {
    let text = '{"c":' + JSON.stringify(this.correlationId);
    if (this.causationId !== undefined) {
      text += ',"k":' + JSON.stringify(this.causationId);
    }
    if (this.traceparent !== undefined) {
      text += ',"tp":' + JSON.stringify(this.traceparent);
    }
    if (this.tracestate !== undefined) {
      text += ',"ts":' + JSON.stringify(this.tracestate);
    }
    if (Object.keys(this.headers).length > 0) {
      text += ',"h":' + JSON.stringify(this.headers);
    }
    return text + '}';
  }

  /** The stored JSON form: `{ c, k?, tp?, ts?, h? }`. */
  toJson(): Record<string, JsonValue> {
    const o: Record<string, JsonValue> = { 'c': this.correlationId };
    if (this.causationId !== undefined) {
      o['k'] = this.causationId;
    }
    if (this.traceparent !== undefined) {
      o['tp'] = this.traceparent;
    }
    if (this.tracestate !== undefined) {
      o['ts'] = this.tracestate;
    }
    const names = Object.keys(this.headers);
    if (names.length > 0) {
      const h: Record<string, JsonValue> = {};
      for (const n of names) {
        h[n] = this.headers[n];
      }
      o['h'] = h;
    }
    return o;
  }

  /** Parses the stored JSON form; undefined when it is not one. */
  static fromJson(value: JsonValue | undefined): EventMetadata | undefined {
    if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
      return undefined;
    }
    const o = value as JsonObject;
    const c = o['c'];
    if (typeof c !== 'string') {
      return undefined;
    }
    const headers: Record<string, string> = {};
    const h = o['h'];
    if (h !== undefined && h !== null && typeof h === 'object' && !Array.isArray(h)) {
      const ho = h as JsonObject;
      for (const n of Object.keys(ho)) {
        const v = ho[n];
        if (typeof v === 'string') {
          headers[n] = v;
        }
      }
    }
    return new EventMetadata(c, optionalString(o['k']), optionalString(o['tp']), optionalString(o['ts']), headers);
  }
}

const optionalString = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
