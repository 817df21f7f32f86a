import { MetricData, MetricPoint } from '../collect/MetricData';
import { InstrumentCore } from '../internal/InstrumentCore';
import { SeriesTable } from '../internal/SeriesTable';
import { MetricLabels } from '../MetricLabels';
import { QuantileSketch } from '../sketch/QuantileSketch';
import { HistogramSeries } from './HistogramSeries';
import { Instrument } from './Instrument';

/**
 * A distribution per label set, e.g. call latency in ms: accurate quantiles (p50..p99.9 within
 * 0.55% by default) from a mergeable sketch, exact explicit-bucket counts, and optionally a sliding
 * window for "last N seconds" views.
 *
 * @example
 * const latency = meter.createHistogram('mesh.call.duration', { unit: 'ms', labelKeys: ['service'], windowMs: 10000 });
 * latency.record(12.5, { 'service': 'media.player' });
 * latency.bind({ 'service': 'media.player' }).quantile(0.99);
 */
export class Histogram extends Instrument {
  private readonly _table: SeriesTable<HistogramSeries>;

  constructor(core: InstrumentCore) {
    super(core);
    const d = core.descriptor;
    this._table = new SeriesTable<HistogramSeries>(d.labelKeys, d.cardinalityLimit,
      (labels: MetricLabels, key: string, overflow: boolean): HistogramSeries => new HistogramSeries(core, labels, key, overflow));
  }

  /** Records `value` in the series of `labels`. Never throws: bad values are dropped and counted. */
  record(value: number, labels?: MetricLabels): void {
    this._table.get(labels).record(value);
  }

  /** The series of `labels`, to record without a lookup. */
  bind(labels?: MetricLabels): HistogramSeries {
    return this._table.get(labels);
  }

  /** Every series, the overflow series last. */
  series(): HistogramSeries[] {
    return this._table.all();
  }

  /**
   * One sketch merging the series whose labels `match` accepts (all when omitted): cumulative, or
   * over the sliding window when `windowed` is true (an empty sketch without a window).
   */
  mergedSketch(match?: (labels: MetricLabels) => boolean, windowed?: boolean): QuantileSketch {
    const d = this._core.descriptor;
    const out = new QuantileSketch({ scale: d.scale, maxBuckets: d.maxBuckets });
    const now = this._core.clock.now();
    const all = this._table.all();
    for (let i = 0; i < all.length; i++) {
      const s = all[i];
      if (match !== undefined && !match(s.labels)) {
        continue;
      }
      if (windowed === true) {
        const w = s.window();
        if (w !== undefined) {
          out.merge(w.merged(now));
        }
      } else {
        out.merge(s.sketch());
      }
    }
    return out;
  }

  collect(time: number): MetricData {
    const all = this._table.all();
    const points: MetricPoint[] = [];
    for (let i = 0; i < all.length; i++) {
      const s = all[i];
      const sketch = s.sketch();
      const p: MetricPoint = {
        labels: s.labels,
        key: s.key,
        overflow: s.overflow,
        startTime: s.startTime,
        time: time,
        value: sketch.count,
        histogram: {
          count: sketch.count,
          sum: sketch.sum,
          min: sketch.min,
          max: sketch.max,
          boundaries: this._core.descriptor.boundaries,
          bucketCounts: s.bucketCounts(),
          sketch: sketch
        }
      };
      const w = s.window();
      if (w !== undefined) {
        const ws = w.merged(time);
        p.window = { windowMs: w.windowMs, coveredMs: w.coveredMs(time), total: ws.count, sketch: ws };
      }
      points.push(p);
    }
    return this.metricData(points, this._table.folded);
  }
}
