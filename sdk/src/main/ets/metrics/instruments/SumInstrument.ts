import { MetricData, MetricPoint } from '../collect/MetricData';
import { InstrumentCore } from '../internal/InstrumentCore';
import { SeriesTable } from '../internal/SeriesTable';
import { MetricLabels } from '../MetricLabels';
import { Instrument } from './Instrument';
import { SumSeries } from './SumSeries';

/** The shared body of Counter and UpDownCounter: series of sums, found by label set. */
export abstract class SumInstrument extends Instrument {
  private readonly _table: SeriesTable<SumSeries>;

  constructor(core: InstrumentCore, monotonic: boolean) {
    super(core);
    const d = core.descriptor;
    this._table = new SeriesTable<SumSeries>(d.labelKeys, d.cardinalityLimit,
      (labels: MetricLabels, key: string, overflow: boolean): SumSeries => new SumSeries(core, labels, key, overflow, monotonic));
  }

  /** Adds `value` to the series of `labels`. Never throws: bad values are dropped and counted. */
  add(value: number, labels?: MetricLabels): void {
    this._table.get(labels).add(value);
  }

  /**
   * The series of `labels`, to record without a lookup (`bound.add(1)`). Past the cardinality
   * limit this is the overflow series.
   */
  bind(labels?: MetricLabels): SumSeries {
    return this._table.get(labels);
  }

  /** Every series, the overflow series last. */
  series(): SumSeries[] {
    return this._table.all();
  }

  collect(time: number): MetricData {
    const all = this._table.all();
    const points: MetricPoint[] = [];
    for (let i = 0; i < all.length; i++) {
      const s = all[i];
      const p: MetricPoint = {
        labels: s.labels,
        key: s.key,
        overflow: s.overflow,
        startTime: s.startTime,
        time: time,
        value: s.value
      };
      const w = s.window();
      if (w !== undefined) {
        p.window = { windowMs: w.windowMs, coveredMs: w.coveredMs(time), total: w.total(time) };
      }
      points.push(p);
    }
    return this.metricData(points, this._table.folded);
  }
}
