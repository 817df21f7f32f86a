/**
 * A span attribute value, as in OpenTelemetry: a string, a number, a boolean, or a homogeneous
 * array of one of them. Integers are exported as OTLP `intValue`, other numbers as `doubleValue`.
 */
export type SpanAttributeValue = string | number | boolean | string[] | number[] | boolean[];

/** Attributes of a span, an event or a link: `{ 'rpc.service': 'media.player' }`. */
export type SpanAttributes = Record<string, SpanAttributeValue>;
