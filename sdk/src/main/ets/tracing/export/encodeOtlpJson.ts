import { JsonArray, JsonObject, JsonValue } from '../../core/json/JsonValue';
import { ReadableSpan } from '../api/ReadableSpan';
import { SpanAttributes, SpanAttributeValue } from '../api/SpanAttributes';
import { SpanContext } from '../api/SpanContext';
import { SpanEvent } from '../api/SpanEvent';
import { SpanLink } from '../api/SpanLink';
import { TraceResource } from '../api/TraceResource';
import { msToUnixNanos } from '../internal/timeUnits';

// OTLP span flags: the low byte is the W3C trace flags; bit 8 says whether bit 9 (remote parent) is known.
const FLAG_HAS_IS_REMOTE = 0x100;
const FLAG_IS_REMOTE = 0x200;

const scalar = (value: string | number | boolean): JsonObject => {
  if (typeof value === 'string') {
    return { 'stringValue': value } as Record<string, JsonValue>;
  }
  if (typeof value === 'boolean') {
    return { 'boolValue': value } as Record<string, JsonValue>;
  }
  if (Number.isSafeInteger(value)) {
    // int64 is a decimal string in the protobuf JSON mapping.
    return { 'intValue': String(value) } as Record<string, JsonValue>;
  }
  if (Number.isFinite(value)) {
    return { 'doubleValue': value } as Record<string, JsonValue>;
  }
  return { 'doubleValue': Number.isNaN(value) ? 'NaN' : (value > 0 ? 'Infinity' : '-Infinity') } as Record<string, JsonValue>;
};

/** An attribute value as an OTLP `AnyValue`. */
export const otlpAnyValue = (value: SpanAttributeValue): JsonObject => {
  if (Array.isArray(value)) {
    const items = value as (string | number | boolean)[];
    const values: JsonArray = [];
    for (let i = 0; i < items.length; i++) {
      values.push(scalar(items[i]));
    }
    return { 'arrayValue': { 'values': values } as Record<string, JsonValue> } as Record<string, JsonValue>;
  }
  return scalar(value as string | number | boolean);
};

/** Attributes as OTLP `KeyValue`s. */
export const otlpAttributes = (attributes: SpanAttributes): JsonArray => {
  const out: JsonArray = [];
  for (const key of Object.keys(attributes)) {
    out.push({ 'key': key, 'value': otlpAnyValue(attributes[key]) } as Record<string, JsonValue>);
  }
  return out;
};

const spanFlags = (context: SpanContext, remote: boolean): number =>
  (context.traceFlags & 0xff) | FLAG_HAS_IS_REMOTE | (remote ? FLAG_IS_REMOTE : 0);

const otlpEvent = (event: SpanEvent): JsonObject => ({
  'timeUnixNano': msToUnixNanos(event.time),
  'name': event.name,
  'attributes': otlpAttributes(event.attributes),
  'droppedAttributesCount': event.droppedAttributesCount
} as Record<string, JsonValue>);

const otlpLink = (link: SpanLink): JsonObject => {
  const out: JsonObject = {
    'traceId': link.context.traceId,
    'spanId': link.context.spanId,
    'attributes': otlpAttributes(link.attributes),
    'droppedAttributesCount': link.droppedAttributesCount,
    'flags': spanFlags(link.context, link.context.isRemote)
  } as Record<string, JsonValue>;
  const state = link.context.traceState;
  if (state !== undefined) {
    out['traceState'] = state.serialize();
  }
  return out;
};

/** One span as an OTLP JSON `Span` (ids as lower-case hex, times as decimal nanosecond strings). */
export const otlpSpan = (span: ReadableSpan): JsonObject => {
  const context = span.spanContext();
  const events: JsonArray = [];
  for (const e of span.events) {
    events.push(otlpEvent(e));
  }
  const links: JsonArray = [];
  for (const l of span.links) {
    links.push(otlpLink(l));
  }
  const status: JsonObject = { 'code': span.status.code } as Record<string, JsonValue>;
  if (span.status.message.length > 0) {
    status['message'] = span.status.message;
  }
  const out: JsonObject = {
    'traceId': context.traceId,
    'spanId': context.spanId
  } as Record<string, JsonValue>;
  if (context.traceState !== undefined) {
    out['traceState'] = context.traceState.serialize();
  }
  if (span.parentSpanId !== undefined) {
    out['parentSpanId'] = span.parentSpanId;
  }
  out['flags'] = spanFlags(context, span.parentIsRemote);
  out['name'] = span.name;
  out['kind'] = span.kind;
  out['startTimeUnixNano'] = msToUnixNanos(span.startTime);
  out['endTimeUnixNano'] = msToUnixNanos(span.endTime);
  out['attributes'] = otlpAttributes(span.attributes);
  out['droppedAttributesCount'] = span.droppedAttributesCount;
  out['events'] = events;
  out['droppedEventsCount'] = span.droppedEventsCount;
  out['links'] = links;
  out['droppedLinksCount'] = span.droppedLinksCount;
  out['status'] = status;
  return out;
};

/**
 * Spans as an OTLP/HTTP JSON `ExportTraceServiceRequest` (`{ resourceSpans: [...] }`), grouped by
 * resource, then by instrumentation scope: the body an OpenTelemetry Collector's OTLP receiver
 * accepts at `POST /v1/traces` with `content-type: application/json`.
 */
export const encodeOtlpJson = (spans: ReadableSpan[]): JsonObject => {
  const byResource = new Map<TraceResource, Map<string, ReadableSpan[]>>();
  for (const span of spans) {
    let scopes = byResource.get(span.resource);
    if (scopes === undefined) {
      scopes = new Map<string, ReadableSpan[]>();
      byResource.set(span.resource, scopes);
    }
    const key = `${span.scope.name}@${span.scope.version ?? ''}`;
    let list = scopes.get(key);
    if (list === undefined) {
      list = [];
      scopes.set(key, list);
    }
    list.push(span);
  }
  const resourceSpans: JsonArray = [];
  byResource.forEach((scopes: Map<string, ReadableSpan[]>, resource: TraceResource): void => {
    const scopeSpans: JsonArray = [];
    scopes.forEach((list: ReadableSpan[]): void => {
      const scope: JsonObject = { 'name': list[0].scope.name } as Record<string, JsonValue>;
      const version = list[0].scope.version;
      if (version !== undefined) {
        scope['version'] = version;
      }
      const encoded: JsonArray = [];
      for (const s of list) {
        encoded.push(otlpSpan(s));
      }
      scopeSpans.push({ 'scope': scope, 'spans': encoded } as Record<string, JsonValue>);
    });
    resourceSpans.push({
      'resource': { 'attributes': otlpAttributes(resource.attributes), 'droppedAttributesCount': 0 } as Record<string, JsonValue>,
      'scopeSpans': scopeSpans
    } as Record<string, JsonValue>);
  });
  return { 'resourceSpans': resourceSpans } as Record<string, JsonValue>;
};
