import { Disposable } from '../../core/events/Disposable';
import { MetricData, MetricPoint } from '../collect/MetricData';
import { InstrumentCore } from '../internal/InstrumentCore';
import { InstrumentKind, isMonotonicKind, isSumKind } from '../InstrumentKind';
import { Instrument } from './Instrument';
import { ObservableResult } from './ObservableResult';

/** A callback of an observable instrument: reports current values through `result.observe`. */
export type ObservableCallback = (result: ObservableResult) => void;

/**
 * An instrument read at collection time by callbacks: an observable gauge (queue depth, age of the
 * oldest message), counter (a total kept elsewhere, e.g. transport bytes) or up-down counter.
 * A callback that throws is logged and skipped; the others still report.
 *
 * @example
 * const depth = meter.createObservableGauge('mesh.queue.depth');
 * depth.addCallback((r: ObservableResult): void => r.observe(queue.size, { 'topic': 'orders' }));
 */
export class ObservableInstrument extends Instrument {
  private _callbacks: ObservableCallback[] = [];
  private _folded: number = 0;

  constructor(core: InstrumentCore) {
    super(core);
  }

  /** The kind: OBSERVABLE_GAUGE, OBSERVABLE_COUNTER or OBSERVABLE_UP_DOWN_COUNTER. */
  get kind(): InstrumentKind {
    return this._core.descriptor.kind;
  }

  /** Registers a callback run at every collection; dispose the result to remove it. */
  addCallback(callback: ObservableCallback): Disposable {
    const next = this._callbacks.slice();
    next.push(callback);
    this._callbacks = next;
    return new Disposable((): void => {
      const i = this._callbacks.indexOf(callback);
      if (i >= 0) {
        const rest = this._callbacks.slice();
        rest.splice(i, 1);
        this._callbacks = rest;
      }
    });
  }

  collect(time: number): MetricData {
    const kind = this._core.descriptor.kind;
    const result = new ObservableResult(this._core, isSumKind(kind), isMonotonicKind(kind));
    const callbacks = this._callbacks;
    for (let i = 0; i < callbacks.length; i++) {
      try {
        callbacks[i](result);
      } catch (e) {
        this._core.warn('metrics: observable callback failed', e instanceof Error ? e : new Error(String(e)));
      }
    }
    this._folded += result.folded;
    const values = result.values();
    const points: MetricPoint[] = [];
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v.observed) {
        points.push({ labels: v.labels, key: v.key, overflow: v.overflow, startTime: this._core.createdAt, time: time, value: v.value });
      }
    }
    return this.metricData(points, this._folded);
  }
}
