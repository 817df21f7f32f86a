import { InstrumentCore } from '../internal/InstrumentCore';
import { MetricValueType } from '../InstrumentKind';
import { MetricLabels } from '../MetricLabels';
import { SumWindow } from '../window/SumWindow';
import { BoundCounter } from './BoundInstruments';

/** One series of a counter or up-down counter; also its bound handle. */
export class SumSeries implements BoundCounter {
  readonly labels: MetricLabels;
  readonly key: string;
  readonly overflow: boolean;
  readonly startTime: number;
  private _value: number = 0;
  private readonly _core: InstrumentCore;
  private readonly _floor: number;
  private readonly _int: boolean;
  private readonly _window: SumWindow | undefined;

  constructor(core: InstrumentCore, labels: MetricLabels, key: string, overflow: boolean, monotonic: boolean) {
    this._core = core;
    this.labels = labels;
    this.key = key;
    this.overflow = overflow;
    this.startTime = core.clock.now();
    this._floor = monotonic ? 0 : Number.NEGATIVE_INFINITY;
    const d = core.descriptor;
    this._int = d.valueType === MetricValueType.INT;
    this._window = d.windowMs > 0 ? new SumWindow(d.windowMs, d.windowSlots, core.createdAt) : undefined;
  }

  /** The sum so far. */
  get value(): number {
    return this._value;
  }

  /** Hot path: a range check and an addition (plus the window, when configured). */
  add(value: number): void {
    if (value - value !== 0 || value < this._floor) {
      this._core.drop(value, this._floor === 0 ? 'counter values must be finite and >= 0' : 'values must be finite');
      return;
    }
    const v = this._int ? Math.trunc(value) : value;
    this._value += v;
    const w = this._window;
    if (w !== undefined) {
      w.add(v, this._core.clock.now());
    }
  }

  /** The sum added in the sliding window ending now; undefined without a window. */
  windowTotal(): number | undefined {
    const w = this._window;
    return w === undefined ? undefined : w.total(this._core.clock.now());
  }

  /** The sliding window, when configured (internal: collection). */
  window(): SumWindow | undefined {
    return this._window;
  }
}
