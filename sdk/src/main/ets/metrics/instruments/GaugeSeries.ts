import { InstrumentCore } from '../internal/InstrumentCore';
import { MetricValueType } from '../InstrumentKind';
import { MetricLabels } from '../MetricLabels';
import { BoundGauge } from './BoundInstruments';

/** One series of a gauge; also its bound handle. */
export class GaugeSeries implements BoundGauge {
  readonly labels: MetricLabels;
  readonly key: string;
  readonly overflow: boolean;
  readonly startTime: number;
  private _value: number = 0;
  private _hasValue: boolean = false;
  private readonly _core: InstrumentCore;
  private readonly _int: boolean;

  constructor(core: InstrumentCore, labels: MetricLabels, key: string, overflow: boolean) {
    this._core = core;
    this.labels = labels;
    this.key = key;
    this.overflow = overflow;
    this.startTime = core.clock.now();
    this._int = core.descriptor.valueType === MetricValueType.INT;
  }

  /** The last value set (0 before the first). */
  get value(): number {
    return this._value;
  }

  /** False until the first `set` (collection skips such series). */
  get hasValue(): boolean {
    return this._hasValue;
  }

  set(value: number): void {
    if (value - value !== 0) {
      this._core.drop(value, 'gauge values must be finite');
      return;
    }
    this._value = this._int ? Math.trunc(value) : value;
    this._hasValue = true;
  }
}
