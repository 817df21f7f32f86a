/**
 * The labels (OpenTelemetry: attributes) of one series: label key to value, e.g.
 * `{ 'service': 'media.player', 'outcome': 'ok' }`. Keys and values are strings; a series is
 * identified by its label set, whatever the order the keys were written in.
 */
export type MetricLabels = Record<string, string>;

/** The label OpenTelemetry puts on the series that absorbs label sets past the cardinality limit. */
export const OVERFLOW_LABEL_KEY = 'otel.metric.overflow';
