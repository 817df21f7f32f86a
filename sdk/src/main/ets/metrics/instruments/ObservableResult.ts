import { SeriesTable } from '../internal/SeriesTable';
import { InstrumentCore } from '../internal/InstrumentCore';
import { MetricValueType } from '../InstrumentKind';
import { MetricLabels } from '../MetricLabels';

/** One label set observed during a collection. */
export class ObservedValue {
  readonly labels: MetricLabels;
  readonly key: string;
  readonly overflow: boolean;
  value: number = 0;
  observed: boolean = false;

  constructor(labels: MetricLabels, key: string, overflow: boolean) {
    this.labels = labels;
    this.key = key;
    this.overflow = overflow;
  }
}

/**
 * Handed to observable callbacks at collection: `observe(value, labels)` reports the current value
 * of a label set. The last observation of a label set wins; label sets past the cardinality limit
 * fold into the overflow series (summed for counters, last value for gauges).
 */
export class ObservableResult {
  private readonly _core: InstrumentCore;
  private readonly _table: SeriesTable<ObservedValue>;
  private readonly _sum: boolean;
  private readonly _floor: number;

  constructor(core: InstrumentCore, sum: boolean, monotonic: boolean) {
    this._core = core;
    this._sum = sum;
    this._floor = monotonic ? 0 : Number.NEGATIVE_INFINITY;
    const d = core.descriptor;
    this._table = new SeriesTable<ObservedValue>(d.labelKeys, d.cardinalityLimit,
      (labels: MetricLabels, key: string, overflow: boolean): ObservedValue => new ObservedValue(labels, key, overflow));
  }

  /** Reports `value` for `labels`. Never throws: bad values are dropped and counted. */
  observe(value: number, labels?: MetricLabels): void {
    if (value - value !== 0 || value < this._floor) {
      this._core.drop(value, this._floor === 0 ? 'observed counter values must be finite and >= 0' : 'observed values must be finite');
      return;
    }
    const v = this._core.descriptor.valueType === MetricValueType.INT ? Math.trunc(value) : value;
    const slot = this._table.get(labels);
    slot.value = slot.overflow && this._sum && slot.observed ? slot.value + v : v;
    slot.observed = true;
  }

  /** What was observed (internal: collection). */
  values(): ObservedValue[] {
    return this._table.all();
  }

  /** Label sets folded into the overflow series (internal: collection). */
  get folded(): number {
    return this._table.folded;
  }
}
