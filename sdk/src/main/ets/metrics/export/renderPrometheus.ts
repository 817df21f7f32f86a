import { Logger } from '../../platform/logging/Logger';
import { MetricData, MetricPoint } from '../collect/MetricData';
import { MetricsSnapshot } from '../collect/MetricsSnapshot';
import { InstrumentKind, isMonotonicKind } from '../InstrumentKind';
import { MetricLabels } from '../MetricLabels';
import {
  escapePrometheusHelp, escapePrometheusLabelValue, formatPrometheusValue, prometheusUnitSuffix,
  sanitizePrometheusLabelName, sanitizePrometheusMetricName
} from './prometheusFormat';

/** How histograms are exposed to Prometheus. */
export enum PrometheusHistogramFormat {
  /** `_bucket{le}` / `_sum` / `_count` from the exact explicit buckets: aggregatable in PromQL. */
  HISTOGRAM = 'histogram',
  /** `{quantile}` / `_sum` / `_count` from the quantile sketch: accurate quantiles, per series. */
  SUMMARY = 'summary'
}

/** Quantiles a SUMMARY exposes by default. */
export const DEFAULT_PROMETHEUS_QUANTILES: number[] = [0.5, 0.9, 0.99, 0.999];

/** Options of {@link renderPrometheus}. */
export interface PrometheusOptions {
  /** Default {@link PrometheusHistogramFormat.HISTOGRAM}. */
  histogramFormat?: PrometheusHistogramFormat;
  /** Quantiles of the SUMMARY format. Default {@link DEFAULT_PROMETHEUS_QUANTILES}. */
  quantiles?: number[];
  /** Appends the unit (`_milliseconds`, `_bytes`) to metric names. Default true. */
  unitSuffixes?: boolean;
  /** Writes the resource labels as a `target_info` gauge (when there are any). Default true. */
  targetInfo?: boolean;
  /** Appends the collection time (ms) to every sample. Default false. */
  timestamps?: boolean;
  /** Told about metrics skipped because their name clashes with another of another type. Default: none. */
  logger?: Logger;
}

/** One metric family of the output: one HELP/TYPE header and its samples. */
class Family {
  readonly type: string;
  readonly lines: string[] = [];

  constructor(name: string, type: string, help: string) {
    this.type = type;
    this.lines.push(`# HELP ${name} ${escapePrometheusHelp(help)}`);
    this.lines.push(`# TYPE ${name} ${type}`);
  }
}

/**
 * `name="value"` pairs of a label set, names sanitized (clashing names join their values with ';').
 * A label named like the family's own `reserved` label (`le`, `quantile`) becomes `key_<name>`.
 */
const labelPairs = (labels: MetricLabels, reserved: string): string[] => {
  const keys = Object.keys(labels).sort();
  const names: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < keys.length; i++) {
    const sanitized = sanitizePrometheusLabelName(keys[i]);
    const name = sanitized === reserved ? `key_${sanitized}` : sanitized;
    const prev = values.get(name);
    if (prev === undefined) {
      names.push(name);
      values.set(name, labels[keys[i]]);
    } else {
      values.set(name, `${prev};${labels[keys[i]]}`);
    }
  }
  const out: string[] = [];
  for (let i = 0; i < names.length; i++) {
    out.push(`${names[i]}="${escapePrometheusLabelValue(values.get(names[i]) as string)}"`);
  }
  return out;
};

const braces = (pairs: string[], extraName: string, extraValue: string): string => {
  const all = pairs.slice();
  if (extraName.length > 0) {
    all.push(`${extraName}="${escapePrometheusLabelValue(extraValue)}"`);
  }
  return all.length === 0 ? '' : `{${all.join(',')}}`;
};

const typeOf = (kind: InstrumentKind, histogramFormat: PrometheusHistogramFormat): string => {
  if (kind === InstrumentKind.HISTOGRAM) {
    return histogramFormat === PrometheusHistogramFormat.SUMMARY ? 'summary' : 'histogram';
  }
  return isMonotonicKind(kind) ? 'counter' : 'gauge';
};

/** The Prometheus family name of a metric: sanitized, unit suffix, `_total` for counters. */
export const prometheusMetricName = (metric: MetricData, unitSuffixes: boolean): string => {
  let name = sanitizePrometheusMetricName(metric.name);
  const suffix = unitSuffixes ? prometheusUnitSuffix(metric.unit) : '';
  if (suffix.length > 0 && !name.endsWith(`_${suffix}`) && !name.endsWith(`_${suffix}_total`)) {
    name = `${name}_${suffix}`;
  }
  if (isMonotonicKind(metric.kind) && !name.endsWith('_total')) {
    name = `${name}_total`;
  }
  return name;
};

const writePoint = (out: string[], name: string, type: string, p: MetricPoint, quantiles: number[], stamp: string): void => {
  const pairs = labelPairs(p.labels, type === 'summary' ? 'quantile' : type === 'histogram' ? 'le' : '');
  const h = p.histogram;
  if (h === undefined) {
    out.push(`${name}${braces(pairs, '', '')} ${formatPrometheusValue(p.value)}${stamp}`);
    return;
  }
  if (type === 'summary') {
    const values = h.sketch.quantiles(quantiles);
    for (let i = 0; i < quantiles.length; i++) {
      out.push(`${name}${braces(pairs, 'quantile', formatPrometheusValue(quantiles[i]))} ${formatPrometheusValue(values[i])}${stamp}`);
    }
  } else {
    let cumulative = 0;
    for (let i = 0; i < h.boundaries.length; i++) {
      cumulative += h.bucketCounts[i];
      out.push(`${name}_bucket${braces(pairs, 'le', formatPrometheusValue(h.boundaries[i]))} ${formatPrometheusValue(cumulative)}${stamp}`);
    }
    out.push(`${name}_bucket${braces(pairs, 'le', '+Inf')} ${formatPrometheusValue(h.count)}${stamp}`);
  }
  out.push(`${name}_sum${braces(pairs, '', '')} ${formatPrometheusValue(h.sum)}${stamp}`);
  out.push(`${name}_count${braces(pairs, '', '')} ${formatPrometheusValue(h.count)}${stamp}`);
};

/**
 * Renders a cumulative snapshot in the Prometheus text exposition format (version 0.0.4; serve it
 * with {@link PROMETHEUS_CONTENT_TYPE}). Counters become `counter` families named `..._total`;
 * up-down counters and gauges `gauge`; histograms `histogram` families from their exact explicit
 * buckets (`le` up to `+Inf`, plus `_sum` and `_count`), or `summary` families from the quantile
 * sketch with PrometheusHistogramFormat.SUMMARY. Names and label names are sanitized, label values
 * and HELP text escaped. Sliding windows are not exposed (PromQL computes rates itself).
 */
export const renderPrometheus = (snapshot: MetricsSnapshot, options?: PrometheusOptions): string => {
  const histogramFormat = options?.histogramFormat ?? PrometheusHistogramFormat.HISTOGRAM;
  const quantiles = options?.quantiles ?? DEFAULT_PROMETHEUS_QUANTILES;
  const unitSuffixes = options?.unitSuffixes ?? true;
  const stamp = options?.timestamps === true ? ` ${Math.round(snapshot.time)}` : '';
  const families = new Map<string, Family>();
  const order: string[] = [];
  if ((options?.targetInfo ?? true) && Object.keys(snapshot.resource).length > 0) {
    const f = new Family('target_info', 'gauge', 'Target metadata');
    f.lines.push(`target_info${braces(labelPairs(snapshot.resource, ''), '', '')} 1${stamp}`);
    families.set('target_info', f);
    order.push('target_info');
  }
  const metrics = snapshot.metrics();
  for (let i = 0; i < metrics.length; i++) {
    const m = metrics[i];
    const name = prometheusMetricName(m, unitSuffixes);
    const type = typeOf(m.kind, histogramFormat);
    let family = families.get(name);
    if (family === undefined) {
      family = new Family(name, type, m.description.length > 0 ? m.description : m.name);
      families.set(name, family);
      order.push(name);
    } else if (family.type !== type) {
      options?.logger?.warn('metrics: Prometheus name clash, metric skipped', { 'metric': m.name, 'name': name });
      continue;
    }
    for (let j = 0; j < m.points.length; j++) {
      writePoint(family.lines, name, type, m.points[j], quantiles, stamp);
    }
  }
  const lines: string[] = [];
  for (let i = 0; i < order.length; i++) {
    const f = families.get(order[i]) as Family;
    for (let j = 0; j < f.lines.length; j++) {
      lines.push(f.lines[j]);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
