import { MetricData, MetricPoint } from '../collect/MetricData';
import { InstrumentCore } from '../internal/InstrumentCore';
import { AggregationTemporality, isMonotonicKind } from '../InstrumentKind';
import { InstrumentDescriptor } from '../InstrumentOptions';

/** What every instrument has: a descriptor, dropped-value accounting, and collection. */
export abstract class Instrument {
  protected readonly _core: InstrumentCore;

  constructor(core: InstrumentCore) {
    this._core = core;
  }

  get name(): string {
    return this._core.descriptor.name;
  }

  /** The instrument's resolved options. */
  get descriptor(): InstrumentDescriptor {
    return this._core.descriptor;
  }

  /** Values dropped so far (NaN, infinite, negative where not allowed). */
  get dropped(): number {
    return this._core.dropped;
  }

  /** The instrument's series at `time`, cumulative (used by MeterProvider.collect). */
  abstract collect(time: number): MetricData;

  protected metricData(points: MetricPoint[], folded: number): MetricData {
    const d = this._core.descriptor;
    return {
      name: d.name,
      description: d.description,
      unit: d.unit,
      kind: d.kind,
      valueType: d.valueType,
      temporality: AggregationTemporality.CUMULATIVE,
      monotonic: isMonotonicKind(d.kind),
      points: points,
      dropped: this._core.dropped,
      folded: folded
    };
  }
}
