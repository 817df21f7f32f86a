import { JsonArray, JsonObject, JsonValue } from '../../core/json/JsonValue';
import { ReadableSpan } from '../api/ReadableSpan';
import { SpanAttributeValue } from '../api/SpanAttributes';
import { SpanKind } from '../api/SpanKind';
import { SpanStatusCode, spanStatusName } from '../api/SpanStatus';
import { msToMicros } from '../internal/timeUnits';

const zipkinKind = (kind: SpanKind): string | undefined => {
  switch (kind) {
    case SpanKind.SERVER:
      return 'SERVER';
    case SpanKind.CLIENT:
      return 'CLIENT';
    case SpanKind.PRODUCER:
      return 'PRODUCER';
    case SpanKind.CONSUMER:
      return 'CONSUMER';
    default:
      return undefined;
  }
};

// Zipkin tags are strings: arrays become JSON text, as OpenTelemetry's Zipkin exporter does.
const tagText = (value: SpanAttributeValue): string => (typeof value === 'string' ? value : (Array.isArray(value) ? JSON.stringify(value) : String(value)));

/** One span in Zipkin's v2 model (`Span` of zipkin2-api.yaml). */
export const zipkinSpan = (span: ReadableSpan): JsonObject => {
  const context = span.spanContext();
  const tags: JsonObject = {} as Record<string, JsonValue>;
  for (const key of Object.keys(span.attributes)) {
    tags[key] = tagText(span.attributes[key]);
  }
  tags['otel.scope.name'] = span.scope.name;
  if (span.scope.version !== undefined) {
    tags['otel.scope.version'] = span.scope.version;
  }
  if (span.status.code !== SpanStatusCode.UNSET) {
    tags['otel.status_code'] = spanStatusName(span.status.code);
  }
  if (span.status.code === SpanStatusCode.ERROR) {
    tags['error'] = span.status.message;
  }
  const annotations: JsonArray = [];
  for (const event of span.events) {
    const keys = Object.keys(event.attributes);
    annotations.push({
      'timestamp': msToMicros(event.time),
      'value': keys.length === 0 ? event.name : `${event.name} ${JSON.stringify(event.attributes)}`
    } as Record<string, JsonValue>);
  }
  const start = msToMicros(span.startTime);
  const out: JsonObject = {
    'traceId': context.traceId,
    'id': context.spanId
  } as Record<string, JsonValue>;
  if (span.parentSpanId !== undefined) {
    out['parentId'] = span.parentSpanId;
  }
  out['name'] = span.name;
  const kind = zipkinKind(span.kind);
  if (kind !== undefined) {
    out['kind'] = kind;
  }
  out['timestamp'] = start;
  // Zipkin rounds durations under one microsecond up to one.
  out['duration'] = Math.max(1, msToMicros(span.endTime) - start);
  out['localEndpoint'] = { 'serviceName': span.resource.serviceName } as Record<string, JsonValue>;
  const peer = span.attributes['peer.service'];
  if (typeof peer === 'string') {
    out['remoteEndpoint'] = { 'serviceName': peer } as Record<string, JsonValue>;
  }
  if (annotations.length > 0) {
    out['annotations'] = annotations;
  }
  out['tags'] = tags;
  return out;
};

/**
 * Spans as a Zipkin v2 JSON list (`POST /api/v2/spans` body): lower-case hex ids, microsecond
 * `timestamp`/`duration`, `kind` (omitted for internal spans), string `tags`, events as
 * `annotations`, the resource's `service.name` as `localEndpoint.serviceName`.
 */
export const encodeZipkinJson = (spans: ReadableSpan[]): JsonArray => {
  const out: JsonArray = [];
  for (const span of spans) {
    out.push(zipkinSpan(span));
  }
  return out;
};
