import { Counter, Histogram, RedMetricName } from '../sdk';
import type { Instrument, Meter, MetricLabels, QuantileSketch, RedMetrics, RedSummary } from '../sdk';
import type { ServiceMetrics } from '../events/SimEvent';
import type { LatencySummary } from './Report';

// Every number the engine reports comes from the SDK metrics module: the RED instruments the
// engine records into (counters, cumulative and windowed histograms with quantile sketches), read
// through their public API (series values, merged sketches, RedMetrics summaries).

const find = (meter: Meter, name: string): Instrument | undefined => meter.instruments().find((i) => i.name === name);

export const counterOf = (meter: Meter, name: RedMetricName): Counter | undefined => {
  const i = find(meter, name);
  return i instanceof Counter ? i : undefined;
};

export const histogramOf = (meter: Meter, name: RedMetricName): Histogram | undefined => {
  const i = find(meter, name);
  return i instanceof Histogram ? i : undefined;
};

const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The latency summary of no data. */
export const NO_LATENCY: LatencySummary = { p50: null, p95: null, p99: null, max: null, mean: null };

/** p50/p95/p99/max/mean of a sketch (null when it is empty). */
export const latencySummary = (s: QuantileSketch): LatencySummary => {
  if (s.count === 0) return { ...NO_LATENCY };
  const q = s.quantiles([0.5, 0.95, 0.99]);
  return { p50: orNull(q[0]), p95: orNull(q[1]), p99: orNull(q[2]), max: orNull(s.max), mean: orNull(s.mean) };
};

/** Sums of a counter's series grouped by `key(labels)` (series whose key is undefined are skipped). */
export const sumBy = (counter: Counter | undefined, key: (labels: MetricLabels) => string | undefined): Map<string, number> => {
  const out = new Map<string, number>();
  if (counter === undefined) return out;
  for (const s of counter.series()) {
    const k = key(s.labels);
    if (k !== undefined) out.set(k, (out.get(k) ?? 0) + s.value);
  }
  return out;
};

const windowed = (summaries: RedSummary[], h: Histogram | undefined, label: string): ServiceMetrics[] =>
  summaries.map((s) => {
    const p95 = h === undefined ? NaN : h.mergedSketch((l: MetricLabels) => l[label] === s.key, true).quantile(0.95);
    return {
      key: s.key, requests: s.requests, errors: s.errors, rps: round(s.rps),
      successRate: s.requests === 0 ? 1 : round((s.requests - s.errors) / s.requests, 6),
      p50: round(s.p50), p95: round(p95), p99: round(s.p99),
    };
  });

/** Per-service golden signals over the RED sliding window (p95 from the merged window sketches). */
export const serviceWindowMetrics = (red: RedMetrics): ServiceMetrics[] =>
  windowed(red.serviceSummaries(), histogramOf(red.meter, RedMetricName.CALL_DURATION), 'service');

/** Per-route golden signals over the RED sliding window. */
export const routeWindowMetrics = (red: RedMetrics): ServiceMetrics[] =>
  windowed(red.routeSummaries(), histogramOf(red.meter, RedMetricName.ROUTE_DURATION), 'route');

/** Calls settled so far and how many failed (the RED call counter). */
export const callTotals = (meter: Meter): { calls: number; errors: number } => {
  let calls = 0;
  let errors = 0;
  const c = counterOf(meter, RedMetricName.CALLS);
  if (c !== undefined) {
    for (const s of c.series()) {
      calls += s.value;
      if (s.labels['outcome'] === 'error') errors += s.value;
    }
  }
  return { calls, errors };
};

/** Rounds to `digits` decimals; NaN stays NaN (JSON null). */
export const round = (v: number, digits = 3): number => {
  if (!Number.isFinite(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
