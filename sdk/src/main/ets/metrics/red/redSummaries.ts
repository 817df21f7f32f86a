import { Histogram } from '../instruments/Histogram';
import { MetricLabels } from '../MetricLabels';
import { QuantileSketch } from '../sketch/QuantileSketch';
import { RedSummary } from './RedEvents';

/** Per-group accumulation of windowed series. */
class Group {
  readonly sketch: QuantileSketch = new QuantileSketch();
  errors: number = 0;
}

/** Decides whether a series' values count as errors. */
export type ErrorLabelTest = (labels: MetricLabels) => boolean;

/**
 * Golden signals per value of `groupKey` over the sliding window of a windowed latency histogram:
 * requests, errors (series `isError` accepts), rate, error rate, p50/p90/p99. Sorted by key.
 */
export const summarizeWindow = (h: Histogram, groupKey: string, isError: ErrorLabelTest, now: number): RedSummary[] => {
  const groups = new Map<string, Group>();
  let covered = 0;
  const all = h.series();
  for (let i = 0; i < all.length; i++) {
    const s = all[i];
    const w = s.window();
    if (w === undefined) {
      continue;
    }
    covered = w.coveredMs(now);
    const key = s.labels[groupKey] ?? '';
    let g = groups.get(key);
    if (g === undefined) {
      g = new Group();
      groups.set(key, g);
    }
    const sketch = w.merged(now);
    g.sketch.merge(sketch);
    if (isError(s.labels)) {
      g.errors += sketch.count;
    }
  }
  const keys = Array.from(groups.keys()).sort();
  const out: RedSummary[] = [];
  for (let i = 0; i < keys.length; i++) {
    const g = groups.get(keys[i]) as Group;
    const n = g.sketch.count;
    const q = g.sketch.quantiles([0.5, 0.9, 0.99]);
    out.push({
      key: keys[i],
      requests: n,
      errors: g.errors,
      rps: covered > 0 ? (n * 1000) / covered : 0,
      errorRate: n > 0 ? g.errors / n : 0,
      p50: q[0],
      p90: q[1],
      p99: q[2],
      coveredMs: covered
    });
  }
  return out;
};
