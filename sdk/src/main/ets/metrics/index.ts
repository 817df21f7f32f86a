// The metrics module's public names, listed by hand (see docs/metrics.md).
export { MeterProvider } from './MeterProvider';
export type { MeterProviderOptions } from './MeterProvider';
export { Meter } from './Meter';
export { InstrumentKind, MetricValueType, AggregationTemporality } from './InstrumentKind';
export {
  InstrumentDescriptor, DEFAULT_CARDINALITY_LIMIT, DEFAULT_HISTOGRAM_BOUNDARIES, DEFAULT_WINDOW_SLOTS, MAX_WINDOW_SLOTS
} from './InstrumentOptions';
export type { InstrumentOptions, CounterOptions, HistogramOptions } from './InstrumentOptions';
export { OVERFLOW_LABEL_KEY } from './MetricLabels';
export type { MetricLabels } from './MetricLabels';
export { Instrument } from './instruments/Instrument';
export { Counter } from './instruments/Counter';
export { UpDownCounter } from './instruments/UpDownCounter';
export { Gauge } from './instruments/Gauge';
export { Histogram } from './instruments/Histogram';
export { ObservableInstrument } from './instruments/ObservableInstrument';
export type { ObservableCallback } from './instruments/ObservableInstrument';
export { ObservableResult } from './instruments/ObservableResult';
export { SumSeries } from './instruments/SumSeries';
export { GaugeSeries } from './instruments/GaugeSeries';
export { HistogramSeries } from './instruments/HistogramSeries';
export type { BoundCounter, BoundGauge, BoundHistogram } from './instruments/BoundInstruments';
export { QuantileSketch, DEFAULT_SKETCH_SCALE, DEFAULT_SKETCH_MAX_BUCKETS } from './sketch/QuantileSketch';
export type { QuantileSketchOptions, QuantileSketchData, SketchBuckets } from './sketch/QuantileSketch';
export { ExponentialMapping, MIN_SKETCH_SCALE, MAX_SKETCH_SCALE } from './sketch/ExponentialMapping';
export { SumWindow } from './window/SumWindow';
export { SketchWindow } from './window/SketchWindow';
export { MetricsSnapshot } from './collect/MetricsSnapshot';
export { windowRate } from './collect/MetricData';
export type { MetricData, MetricPoint, HistogramPointValue, WindowPointValue, ScopeMetrics } from './collect/MetricData';
export { MetricsReader, DEFAULT_READER_HISTORY } from './collect/MetricsReader';
export type { MetricsReaderOptions } from './collect/MetricsReader';
export {
  PROMETHEUS_CONTENT_TYPE, escapePrometheusLabelValue, escapePrometheusHelp, sanitizePrometheusMetricName,
  sanitizePrometheusLabelName, formatPrometheusValue, prometheusUnitSuffix
} from './export/prometheusFormat';
export {
  renderPrometheus, prometheusMetricName, PrometheusHistogramFormat, DEFAULT_PROMETHEUS_QUANTILES
} from './export/renderPrometheus';
export type { PrometheusOptions } from './export/renderPrometheus';
export {
  toOtlpMetricsRequest, encodeOtlpMetricsJson, OtlpHistogramFormat, OTLP_METRICS_PATH, OTLP_METRICS_CONTENT_TYPE
} from './export/otlpMetricsJson';
export type { OtlpMetricsOptions } from './export/otlpMetricsJson';
export { RedMetrics, DEFAULT_RED_WINDOW_MS, redStatusClass } from './red/RedMetrics';
export type { RedMetricsOptions } from './red/RedMetrics';
export { RedMetricName } from './red/RedMetricNames';
export { RedDeliveryOutcome, RedDirection } from './red/RedEvents';
export type {
  RedCallEvent, RedRouteEvent, RedDeliveryEvent, RedQueueState, RedSagaEvent, RedMembershipCounts, RedTransportEvent, RedSummary
} from './red/RedEvents';
