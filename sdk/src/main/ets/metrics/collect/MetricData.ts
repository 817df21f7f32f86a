import { AggregationTemporality, InstrumentKind, MetricValueType } from '../InstrumentKind';
import { MetricLabels } from '../MetricLabels';
import { QuantileSketch } from '../sketch/QuantileSketch';

/** A histogram series' value at collection. */
export interface HistogramPointValue {
  count: number;
  sum: number;
  /** Smallest value (NaN when `count` is 0). */
  min: number;
  /** Largest value (NaN when `count` is 0). */
  max: number;
  /** Explicit bucket upper bounds (inclusive, Prometheus `le`). */
  boundaries: number[];
  /** Count per explicit bucket, not cumulative; one more entry than `boundaries` (the +Inf bucket). */
  bucketCounts: number[];
  /** The quantile sketch of the same values (a copy, the caller's to keep). */
  sketch: QuantileSketch;
}

/** A series' sliding window at collection ("last N seconds"). */
export interface WindowPointValue {
  /** The configured window length. */
  windowMs: number;
  /** History the window actually covers (see SlidingWindow.coveredMs); divide `total` by it for a rate. */
  coveredMs: number;
  /** Counters: the sum added in the window. Histograms: the number of values recorded in it. */
  total: number;
  /** Histograms: the distribution of the window. */
  sketch?: QuantileSketch;
}

/** One series of a metric at collection. */
export interface MetricPoint {
  labels: MetricLabels;
  /** Canonical key of `labels` (stable across collections). */
  key: string;
  /** True for the series that absorbed label sets past the cardinality limit. */
  overflow: boolean;
  /** Start of the period the value covers (series creation, or the previous collection for delta). */
  startTime: number;
  /** Collection time. */
  time: number;
  /** Sums and gauges: the value. Histograms: the count. */
  value: number;
  histogram?: HistogramPointValue;
  window?: WindowPointValue;
}

/** One instrument's series at collection. */
export interface MetricData {
  name: string;
  description: string;
  unit: string;
  kind: InstrumentKind;
  valueType: MetricValueType;
  temporality: AggregationTemporality;
  /** True for counters (sums that only grow). */
  monotonic: boolean;
  points: MetricPoint[];
  /** Values dropped since the instrument was created (NaN, infinite, negative where not allowed). */
  dropped: number;
  /** Lookups folded into the overflow series since the instrument was created. */
  folded: number;
}

/** The metrics of one Meter (OpenTelemetry: instrumentation scope). */
export interface ScopeMetrics {
  name: string;
  version: string;
  metrics: MetricData[];
}

/** Rate per second of a window: `total / coveredMs * 1000`. */
export const windowRate = (w: WindowPointValue): number => {
  return w.coveredMs > 0 ? (w.total * 1000) / w.coveredMs : 0;
};
