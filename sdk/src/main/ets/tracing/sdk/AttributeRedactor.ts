import { SpanAttributeValue } from '../api/SpanAttributes';

/**
 * Decides what of an attribute may be recorded. Every attribute of a span, an event or a link
 * passes through the tracer's redactor before it is stored, so secrets never reach processors,
 * exporters or logs.
 */
export interface AttributeRedactor {
  /** The value to record for `key`: `value` itself, or a replacement such as `[REDACTED]`. */
  redact(key: string, value: SpanAttributeValue): SpanAttributeValue;
}

/** Records every attribute as it is (opt out of redaction). */
export class NoopAttributeRedactor implements AttributeRedactor {
  redact(key: string, value: SpanAttributeValue): SpanAttributeValue {
    return value;
  }
}
