import { encodeJaegerJson, encodeOtlpJson, encodeZipkinJson } from '../sdk';
import type { JsonValue, ReadableSpan } from '../sdk';

/** Trace export formats: OTLP/HTTP JSON (an OpenTelemetry Collector), Jaeger "Upload JSON", Zipkin v2. */
export type TraceFormat = 'otlp' | 'jaeger' | 'zipkin';
export const TRACE_FORMATS: readonly TraceFormat[] = ['otlp', 'jaeger', 'zipkin'];

/** The kept spans as a document in `format` (the SDK's encoders). */
export const encodeTraces = (spans: ReadableSpan[], format: TraceFormat): JsonValue => {
  switch (format) {
    case 'otlp':
      return encodeOtlpJson(spans);
    case 'jaeger':
      return encodeJaegerJson(spans);
    case 'zipkin':
      return encodeZipkinJson(spans);
  }
};

/** File name an export is written under by the CLI. */
export const traceFileName = (format: TraceFormat): string =>
  format === 'otlp' ? 'traces.otlp.json' : format === 'jaeger' ? 'traces.jaeger.json' : 'traces.zipkin.json';
