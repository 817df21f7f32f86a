import { JsonArray, JsonObject, JsonValue } from '../../core/json/JsonValue';
import { HistogramPointValue, MetricData, MetricPoint } from '../collect/MetricData';
import { MetricsSnapshot } from '../collect/MetricsSnapshot';
import { AggregationTemporality, InstrumentKind, MetricValueType, isGaugeKind } from '../InstrumentKind';
import { MetricLabels, OVERFLOW_LABEL_KEY } from '../MetricLabels';
import { SketchBuckets } from '../sketch/QuantileSketch';

/** The OTLP/HTTP path metrics are posted to. */
export const OTLP_METRICS_PATH = '/v1/metrics';
/** The content type of OTLP/HTTP JSON. */
export const OTLP_METRICS_CONTENT_TYPE = 'application/json';

/** How histograms are encoded in OTLP. */
export enum OtlpHistogramFormat {
  /** `histogram`: the explicit buckets (exact counts per boundary). */
  EXPLICIT = 'explicit',
  /** `exponentialHistogram`: the quantile sketch's buckets as they are (same bucket layout as OTLP's). */
  EXPONENTIAL = 'exponential'
}

/** Options of {@link toOtlpMetricsRequest}. */
export interface OtlpMetricsOptions {
  /** Default {@link OtlpHistogramFormat.EXPLICIT}. */
  histogramFormat?: OtlpHistogramFormat;
}

/**
 * Epoch milliseconds as the decimal string of epoch nanoseconds (OTLP JSON's fixed64 form), exact
 * for integer milliseconds without BigInt arithmetic.
 */
export const toUnixNanoString = (ms: number): string => {
  if (!(ms > 0)) {
    return '0';
  }
  let whole = Math.floor(ms);
  let nanos = Math.round((ms - whole) * 1000000);
  if (nanos >= 1000000) {
    whole += 1;
    nanos -= 1000000;
  }
  if (whole === 0) {
    return String(nanos);
  }
  const digits = String(nanos);
  return `${whole}${'000000'.substring(digits.length)}${digits}`;
};

const temporalityCode = (t: AggregationTemporality): number => t === AggregationTemporality.DELTA ? 1 : 2;

const attributes = (labels: MetricLabels, overflow: boolean): JsonArray => {
  const out: JsonArray = [];
  const keys = Object.keys(labels);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const value: Record<string, JsonValue> = overflow && k === OVERFLOW_LABEL_KEY
      ? { 'boolValue': true } as Record<string, JsonValue>
      : { 'stringValue': labels[k] } as Record<string, JsonValue>;
    out.push({ 'key': k, 'value': value } as Record<string, JsonValue>);
  }
  return out;
};

const numbers = (values: number[]): JsonArray => {
  const out: JsonArray = [];
  for (let i = 0; i < values.length; i++) {
    out.push(values[i]);
  }
  return out;
};

const buckets = (b: SketchBuckets): JsonObject => {
  return { 'offset': b.offset, 'bucketCounts': numbers(b.counts) } as Record<string, JsonValue>;
};

const numberPoint = (p: MetricPoint, valueType: MetricValueType): JsonObject => {
  const out: JsonObject = {
    'attributes': attributes(p.labels, p.overflow),
    'startTimeUnixNano': toUnixNanoString(p.startTime),
    'timeUnixNano': toUnixNanoString(p.time)
  } as Record<string, JsonValue>;
  if (valueType === MetricValueType.INT) {
    out['asInt'] = p.value;
  } else {
    out['asDouble'] = p.value;
  }
  return out;
};

const minMax = (out: JsonObject, h: HistogramPointValue): void => {
  if (h.count > 0 && Number.isFinite(h.min) && Number.isFinite(h.max)) {
    out['min'] = h.min;
    out['max'] = h.max;
  }
};

const explicitPoint = (p: MetricPoint, h: HistogramPointValue): JsonObject => {
  const out: JsonObject = {
    'attributes': attributes(p.labels, p.overflow),
    'bucketCounts': numbers(h.bucketCounts),
    'explicitBounds': numbers(h.boundaries),
    'count': h.count,
    'sum': h.sum
  } as Record<string, JsonValue>;
  minMax(out, h);
  out['startTimeUnixNano'] = toUnixNanoString(p.startTime);
  out['timeUnixNano'] = toUnixNanoString(p.time);
  return out;
};

const exponentialPoint = (p: MetricPoint, h: HistogramPointValue): JsonObject => {
  const out: JsonObject = {
    'attributes': attributes(p.labels, p.overflow),
    'count': h.count
  } as Record<string, JsonValue>;
  minMax(out, h);
  out['sum'] = h.sum;
  out['positive'] = buckets(h.sketch.positiveBuckets());
  out['negative'] = buckets(h.sketch.negativeBuckets());
  out['scale'] = h.sketch.scale;
  out['zeroCount'] = h.sketch.zeroCount;
  out['startTimeUnixNano'] = toUnixNanoString(p.startTime);
  out['timeUnixNano'] = toUnixNanoString(p.time);
  return out;
};

const metricJson = (m: MetricData, format: OtlpHistogramFormat): JsonObject => {
  const out: JsonObject = { 'name': m.name, 'description': m.description, 'unit': m.unit } as Record<string, JsonValue>;
  const points: JsonArray = [];
  if (m.kind === InstrumentKind.HISTOGRAM) {
    for (let i = 0; i < m.points.length; i++) {
      const p = m.points[i];
      const h = p.histogram;
      if (h !== undefined) {
        points.push(format === OtlpHistogramFormat.EXPONENTIAL ? exponentialPoint(p, h) : explicitPoint(p, h));
      }
    }
    const body = { 'aggregationTemporality': temporalityCode(m.temporality), 'dataPoints': points } as Record<string, JsonValue>;
    out[format === OtlpHistogramFormat.EXPONENTIAL ? 'exponentialHistogram' : 'histogram'] = body;
    return out;
  }
  for (let i = 0; i < m.points.length; i++) {
    points.push(numberPoint(m.points[i], m.valueType));
  }
  if (isGaugeKind(m.kind)) {
    out['gauge'] = { 'dataPoints': points } as Record<string, JsonValue>;
  } else {
    out['sum'] = {
      'aggregationTemporality': temporalityCode(m.temporality),
      'isMonotonic': m.monotonic,
      'dataPoints': points
    } as Record<string, JsonValue>;
  }
  return out;
};

/**
 * A snapshot as an OTLP `ExportMetricsServiceRequest` in OTLP/HTTP JSON form: the same object
 * `@opentelemetry/otlp-transformer`'s JsonMetricsSerializer produces for the same data (checked in
 * a test). Metrics without points and scopes without metrics are left out, as OpenTelemetry does;
 * the overflow series carries `otel.metric.overflow: true`. Post it to {@link OTLP_METRICS_PATH}.
 */
export const toOtlpMetricsRequest = (snapshot: MetricsSnapshot, options?: OtlpMetricsOptions): JsonObject => {
  const format = options?.histogramFormat ?? OtlpHistogramFormat.EXPLICIT;
  const scopes: JsonArray = [];
  for (let i = 0; i < snapshot.scopes.length; i++) {
    const s = snapshot.scopes[i];
    const metrics: JsonArray = [];
    for (let j = 0; j < s.metrics.length; j++) {
      if (s.metrics[j].points.length > 0) {
        metrics.push(metricJson(s.metrics[j], format));
      }
    }
    if (metrics.length > 0) {
      const scope = { 'name': s.name, 'version': s.version } as Record<string, JsonValue>;
      scopes.push({ 'scope': scope, 'metrics': metrics } as Record<string, JsonValue>);
    }
  }
  const resource = { 'attributes': attributes(snapshot.resource, false), 'droppedAttributesCount': 0 } as Record<string, JsonValue>;
  const rm = { 'resource': resource, 'scopeMetrics': scopes } as Record<string, JsonValue>;
  const all: JsonArray = [rm];
  return { 'resourceMetrics': all } as Record<string, JsonValue>;
};

/** {@link toOtlpMetricsRequest} as the JSON text of an OTLP/HTTP request body ({@link OTLP_METRICS_CONTENT_TYPE}). */
export const encodeOtlpMetricsJson = (snapshot: MetricsSnapshot, options?: OtlpMetricsOptions): string => {
  return JSON.stringify(toOtlpMetricsRequest(snapshot, options));
};
