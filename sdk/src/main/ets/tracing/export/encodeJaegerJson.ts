import { JsonArray, JsonObject, JsonValue } from '../../core/json/JsonValue';
import { ReadableSpan } from '../api/ReadableSpan';
import { SpanAttributes, SpanAttributeValue } from '../api/SpanAttributes';
import { SpanKind, spanKindName } from '../api/SpanKind';
import { SpanStatusCode, spanStatusName } from '../api/SpanStatus';
import { TraceResource } from '../api/TraceResource';
import { msToMicros } from '../internal/timeUnits';

/** A Jaeger tag (`{ key, type, value }`), typed as Jaeger's JSON model types them. */
export const jaegerTag = (key: string, value: SpanAttributeValue): JsonObject => {
  if (typeof value === 'string') {
    return { 'key': key, 'type': 'string', 'value': value } as Record<string, JsonValue>;
  }
  if (typeof value === 'boolean') {
    return { 'key': key, 'type': 'bool', 'value': value } as Record<string, JsonValue>;
  }
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) {
      return { 'key': key, 'type': 'int64', 'value': value } as Record<string, JsonValue>;
    }
    if (Number.isFinite(value)) {
      return { 'key': key, 'type': 'float64', 'value': value } as Record<string, JsonValue>;
    }
    return { 'key': key, 'type': 'string', 'value': String(value) } as Record<string, JsonValue>;
  }
  // Jaeger has no array type: arrays become their JSON text, as OpenTelemetry's Jaeger translator does.
  return { 'key': key, 'type': 'string', 'value': JSON.stringify(value) } as Record<string, JsonValue>;
};

const tags = (attributes: SpanAttributes, skip?: string): JsonArray => {
  const out: JsonArray = [];
  for (const key of Object.keys(attributes)) {
    if (key !== skip) {
      out.push(jaegerTag(key, attributes[key]));
    }
  }
  return out;
};

const spanTags = (span: ReadableSpan): JsonArray => {
  const out = tags(span.attributes);
  if (span.kind !== SpanKind.INTERNAL) {
    out.push(jaegerTag('span.kind', spanKindName(span.kind)));
  }
  if (span.status.code !== SpanStatusCode.UNSET) {
    out.push(jaegerTag('otel.status_code', spanStatusName(span.status.code)));
  }
  if (span.status.code === SpanStatusCode.ERROR) {
    out.push(jaegerTag('error', true));
    if (span.status.message.length > 0) {
      out.push(jaegerTag('otel.status_description', span.status.message));
    }
  }
  out.push(jaegerTag('otel.scope.name', span.scope.name));
  if (span.scope.version !== undefined) {
    out.push(jaegerTag('otel.scope.version', span.scope.version));
  }
  const state = span.spanContext().traceState;
  if (state !== undefined) {
    out.push(jaegerTag('w3c.tracestate', state.serialize()));
  }
  if (span.droppedAttributesCount > 0) {
    out.push(jaegerTag('otel.dropped_attributes_count', span.droppedAttributesCount));
  }
  if (span.droppedEventsCount > 0) {
    out.push(jaegerTag('otel.dropped_events_count', span.droppedEventsCount));
  }
  return out;
};

const jaegerSpan = (span: ReadableSpan, processId: string): JsonObject => {
  const context = span.spanContext();
  const references: JsonArray = [];
  if (span.parentSpanId !== undefined) {
    references.push({ 'refType': 'CHILD_OF', 'traceID': context.traceId, 'spanID': span.parentSpanId } as Record<string, JsonValue>);
  }
  for (const link of span.links) {
    references.push({ 'refType': 'FOLLOWS_FROM', 'traceID': link.context.traceId, 'spanID': link.context.spanId } as Record<string, JsonValue>);
  }
  const logs: JsonArray = [];
  for (const event of span.events) {
    const fields: JsonArray = [jaegerTag('event', event.name)];
    for (const f of tags(event.attributes, 'event')) {
      fields.push(f);
    }
    logs.push({ 'timestamp': msToMicros(event.time), 'fields': fields } as Record<string, JsonValue>);
  }
  const start = msToMicros(span.startTime);
  return {
    'traceID': context.traceId,
    'spanID': context.spanId,
    'flags': context.traceFlags,
    'operationName': span.name,
    'references': references,
    'startTime': start,
    'duration': Math.max(0, msToMicros(span.endTime) - start),
    'tags': spanTags(span),
    'logs': logs,
    'processID': processId
  } as Record<string, JsonValue>;
};

/**
 * Spans as a Jaeger trace document (`{ data: [trace, ...] }`, one trace per trace id, each with
 * its `spans` and `processes`): the format of Jaeger's query API, which the Jaeger UI's "Upload
 * JSON" (Search > JSON File) loads. Times are microseconds; the parent is a CHILD_OF reference,
 * links are FOLLOWS_FROM references, events are logs.
 */
export const encodeJaegerJson = (spans: ReadableSpan[]): JsonObject => {
  const traces = new Map<string, ReadableSpan[]>();
  for (const span of spans) {
    const id = span.spanContext().traceId;
    let list = traces.get(id);
    if (list === undefined) {
      list = [];
      traces.set(id, list);
    }
    list.push(span);
  }
  const data: JsonArray = [];
  traces.forEach((list: ReadableSpan[], traceId: string): void => {
    const processIds = new Map<TraceResource, string>();
    const processes: JsonObject = {} as Record<string, JsonValue>;
    const encoded: JsonArray = [];
    for (const span of list) {
      let pid = processIds.get(span.resource);
      if (pid === undefined) {
        pid = `p${processIds.size + 1}`;
        processIds.set(span.resource, pid);
        processes[pid] = {
          'serviceName': span.resource.serviceName,
          'tags': tags(span.resource.attributes, 'service.name')
        } as Record<string, JsonValue>;
      }
      encoded.push(jaegerSpan(span, pid));
    }
    data.push({ 'traceID': traceId, 'spans': encoded, 'processes': processes } as Record<string, JsonValue>);
  });
  return { 'data': data } as Record<string, JsonValue>;
};
