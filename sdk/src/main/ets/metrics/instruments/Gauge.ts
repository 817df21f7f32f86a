import { MetricData, MetricPoint } from '../collect/MetricData';
import { InstrumentCore } from '../internal/InstrumentCore';
import { SeriesTable } from '../internal/SeriesTable';
import { MetricLabels } from '../MetricLabels';
import { GaugeSeries } from './GaugeSeries';
import { Instrument } from './Instrument';

/** The last value set per label set: breaker state, members alive, queue depth pushed by events. */
export class Gauge extends Instrument {
  private readonly _table: SeriesTable<GaugeSeries>;

  constructor(core: InstrumentCore) {
    super(core);
    const d = core.descriptor;
    this._table = new SeriesTable<GaugeSeries>(d.labelKeys, d.cardinalityLimit,
      (labels: MetricLabels, key: string, overflow: boolean): GaugeSeries => new GaugeSeries(core, labels, key, overflow));
  }

  /** Sets the value of the series of `labels`. Never throws: NaN and infinities are dropped and counted. */
  set(value: number, labels?: MetricLabels): void {
    this._table.get(labels).set(value);
  }

  /** The series of `labels`, to set without a lookup. */
  bind(labels?: MetricLabels): GaugeSeries {
    return this._table.get(labels);
  }

  /** Every series, the overflow series last. */
  series(): GaugeSeries[] {
    return this._table.all();
  }

  collect(time: number): MetricData {
    const all = this._table.all();
    const points: MetricPoint[] = [];
    for (let i = 0; i < all.length; i++) {
      const s = all[i];
      if (s.hasValue) {
        points.push({ labels: s.labels, key: s.key, overflow: s.overflow, startTime: s.startTime, time: time, value: s.value });
      }
    }
    return this.metricData(points, this._table.folded);
  }
}
