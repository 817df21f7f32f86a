// Tracing: tracer and spans, W3C trace context and baggage, samplers, processors, exporters, and
// the span helpers the mesh, gateway, queues and sagas use. Public names are listed by hand.
export { SpanKind, spanKindName } from './api/SpanKind';
export { SpanStatus, SpanStatusCode, spanStatusName } from './api/SpanStatus';
export { TraceFlags } from './api/TraceFlags';
export type { SpanAttributes, SpanAttributeValue } from './api/SpanAttributes';
export { SpanContext, INVALID_TRACE_ID, INVALID_SPAN_ID } from './api/SpanContext';
export { SpanEvent } from './api/SpanEvent';
export { SpanLink } from './api/SpanLink';
export type { Span } from './api/Span';
export type { SpanOptions } from './api/SpanOptions';
export type { ReadableSpan } from './api/ReadableSpan';
export { TraceResource, DEFAULT_SERVICE_NAME } from './api/TraceResource';
export { TraceScope } from './api/TraceScope';

export { Tracer } from './sdk/Tracer';
export { TracerProvider } from './sdk/TracerProvider';
export type { TracerProviderOptions } from './sdk/TracerProvider';
export { RecordingSpan } from './sdk/RecordingSpan';
export { NonRecordingSpan } from './sdk/NonRecordingSpan';
export {
  SpanLimits, DEFAULT_ATTRIBUTE_COUNT_LIMIT, DEFAULT_ATTRIBUTE_VALUE_LENGTH_LIMIT, DEFAULT_EVENT_COUNT_LIMIT,
  DEFAULT_LINK_COUNT_LIMIT, DEFAULT_ATTRIBUTE_PER_EVENT_COUNT_LIMIT
} from './sdk/SpanLimits';
export type { SpanLimitsOptions } from './sdk/SpanLimits';
export { NoopAttributeRedactor } from './sdk/AttributeRedactor';
export type { AttributeRedactor } from './sdk/AttributeRedactor';
export { SensitiveAttributeRedactor, DEFAULT_REDACTION_REPLACEMENT, DEFAULT_SENSITIVE_NAMES } from './sdk/SensitiveAttributeRedactor';
export type { RedactionOptions } from './sdk/SensitiveAttributeRedactor';

export {
  TraceState, isValidTraceStateKey, isValidTraceStateValue, MAX_TRACE_STATE_MEMBERS, DEFAULT_TRACE_STATE_MAX_LENGTH
} from './propagation/TraceState';
export { parseTraceparent, formatTraceparent, TRACEPARENT_VERSION } from './propagation/traceparent';
export { TraceContextPropagator, TRACEPARENT_HEADER, TRACESTATE_HEADER } from './propagation/TraceContextPropagator';
export { RecordHeaderCarrier } from './propagation/RecordHeaderCarrier';
export { Baggage, BaggageEntry } from './propagation/Baggage';
export {
  BaggagePropagator, BAGGAGE_HEADER, MAX_BAGGAGE_MEMBERS, MAX_BAGGAGE_MEMBER_LENGTH, MAX_BAGGAGE_LENGTH,
  encodeBaggageValue, decodeBaggageValue
} from './propagation/BaggagePropagator';

export { SamplingDecision, SamplingResult } from './samplers/Sampler';
export type { Sampler } from './samplers/Sampler';
export { AlwaysOnSampler } from './samplers/AlwaysOnSampler';
export { AlwaysOffSampler } from './samplers/AlwaysOffSampler';
export { TraceIdRatioSampler } from './samplers/TraceIdRatioSampler';
export { ParentBasedSampler } from './samplers/ParentBasedSampler';
export type { ParentBasedSamplerOptions } from './samplers/ParentBasedSampler';
export { RateLimitingSampler } from './samplers/RateLimitingSampler';

export type { SpanProcessor } from './processors/SpanProcessor';
export { NoopSpanProcessor } from './processors/NoopSpanProcessor';
export { MultiSpanProcessor } from './processors/MultiSpanProcessor';
export { SimpleSpanProcessor } from './processors/SimpleSpanProcessor';
export {
  BatchSpanProcessor, DEFAULT_BATCH_MAX_QUEUE_SIZE, DEFAULT_BATCH_MAX_EXPORT_BATCH_SIZE, DEFAULT_BATCH_SCHEDULED_DELAY_MS,
  DEFAULT_BATCH_EXPORT_TIMEOUT_MS
} from './processors/BatchSpanProcessor';
export type { BatchSpanProcessorOptions } from './processors/BatchSpanProcessor';
export { SpanDropEvent, SpanDropReason } from './processors/SpanDropEvent';
export { SpanProcessorStats } from './processors/SpanProcessorStats';

export { SpanExportResult, SpanExportResultCode } from './export/SpanExporter';
export type { SpanExporter } from './export/SpanExporter';
export { InMemorySpanExporter } from './export/InMemorySpanExporter';
export { ConsoleSpanExporter } from './export/ConsoleSpanExporter';
export type { ConsoleSpanExporterOptions, SpanLineSink } from './export/ConsoleSpanExporter';
export type { TraceHttpPoster, TraceHttpRequest, TraceHttpResponse } from './export/TraceHttpPoster';
export { encodeOtlpJson, otlpSpan, otlpAttributes, otlpAnyValue } from './export/encodeOtlpJson';
export {
  DEFAULT_EXPORT_HTTP_TIMEOUT_MS, DEFAULT_EXPORT_HTTP_MAX_ATTEMPTS, DEFAULT_EXPORT_HTTP_INITIAL_BACKOFF_MS,
  DEFAULT_EXPORT_HTTP_MAX_BACKOFF_MS
} from './export/HttpSpanExporterOptions';
export type { HttpSpanExporterOptions } from './export/HttpSpanExporterOptions';
export { OtlpHttpSpanExporter, DEFAULT_OTLP_TRACES_URL } from './export/OtlpHttpSpanExporter';
export { encodeJaegerJson, jaegerTag } from './export/encodeJaegerJson';
export { JaegerJsonSpanExporter } from './export/JaegerJsonSpanExporter';
export type { JaegerDocumentSink } from './export/JaegerJsonSpanExporter';
export { encodeZipkinJson, zipkinSpan } from './export/encodeZipkinJson';
export { ZipkinSpanExporter, DEFAULT_ZIPKIN_URL } from './export/ZipkinSpanExporter';

export { TraceAttributeNames } from './instrumentation/TraceAttributeNames';
export { startClientSpan, startServerSpan, endRpcSpan, rpcSpanName } from './instrumentation/rpcSpans';
export type { RpcSpanOptions } from './instrumentation/rpcSpans';
export { startPublishSpan, startDeliverySpan } from './instrumentation/messagingSpans';
export type { MessagingSpanOptions } from './instrumentation/messagingSpans';
export { startSagaSpan, startSagaStepSpan } from './instrumentation/sagaSpans';
export type { SagaStepSpanOptions } from './instrumentation/sagaSpans';
export { recordBreakerRejection, BREAKER_REJECTED_EVENT } from './instrumentation/breakerEvents';
