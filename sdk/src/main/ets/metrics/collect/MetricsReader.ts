import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Disposable } from '../../core/events/Disposable';
import { EventEmitter, Listener } from '../../core/events/EventEmitter';
import { TimerId } from '../../platform/Clock';
import { AggregationTemporality, InstrumentKind, isSumKind } from '../InstrumentKind';
import { MeterProvider } from '../MeterProvider';
import { QuantileSketch } from '../sketch/QuantileSketch';
import { HistogramPointValue, MetricData, MetricPoint, ScopeMetrics } from './MetricData';
import { MetricsSnapshot } from './MetricsSnapshot';

/** Default number of snapshots a reader keeps in its history. */
export const DEFAULT_READER_HISTORY = 60;

/** Options of a {@link MetricsReader}. */
export interface MetricsReaderOptions {
  /** CUMULATIVE (since each series started) or DELTA (since this reader's previous collection). Default CUMULATIVE. */
  temporality?: AggregationTemporality;
  /**
   * Snapshots kept for `history()` (0 keeps none). Each holds copies of the histogram sketches, so
   * memory grows with history x series. Default {@link DEFAULT_READER_HISTORY}.
   */
  historySize?: number;
}

/** What a delta reader remembers of a series from its previous collection. */
class PreviousPoint {
  readonly time: number;
  readonly value: number;
  readonly histogram: HistogramPointValue | undefined;

  constructor(time: number, value: number, histogram: HistogramPointValue | undefined) {
    this.time = time;
    this.value = value;
    this.histogram = histogram;
  }
}

/**
 * The pull API for the simulator, the CLI and exporters: `collect()` takes a snapshot now, and
 * `start(intervalMs)` takes one every interval on the provider's Clock (VirtualClock in the
 * simulator), emits it to `onSnapshot` listeners and keeps the last ones in `history()`. With
 * DELTA temporality each snapshot holds what happened since the reader's previous collection
 * (per-interval counts and per-interval latency sketches); gauges are always current values.
 *
 * @example
 * const reader = new MetricsReader(provider, { temporality: AggregationTemporality.DELTA });
 * reader.onSnapshot((s: MetricsSnapshot): void => chart.push(s));
 * reader.start(1000);
 */
export class MetricsReader {
  readonly provider: MeterProvider;
  readonly temporality: AggregationTemporality;
  private readonly _historySize: number;
  private readonly _history: MetricsSnapshot[] = [];
  private readonly _previous: Map<string, PreviousPoint> = new Map<string, PreviousPoint>();
  private readonly _emitter: EventEmitter<MetricsSnapshot>;
  private _timer: TimerId | undefined = undefined;
  private _intervalMs: number = 0;

  /** @throws ERR_INVALID_ARGUMENT for a bad temporality or history size. */
  constructor(provider: MeterProvider, options?: MetricsReaderOptions) {
    this.provider = provider;
    this.temporality = options?.temporality ?? AggregationTemporality.CUMULATIVE;
    if (this.temporality !== AggregationTemporality.CUMULATIVE && this.temporality !== AggregationTemporality.DELTA) {
      throw new InvalidArgumentError('options.temporality', 'must be an AggregationTemporality');
    }
    this._historySize = options?.historySize ?? DEFAULT_READER_HISTORY;
    if (!Number.isInteger(this._historySize) || this._historySize < 0) {
      throw new InvalidArgumentError('options.historySize', 'must be an integer >= 0');
    }
    this._emitter = new EventEmitter<MetricsSnapshot>((e: Error): void => {
      provider.logger.warn('metrics: snapshot listener failed', { 'error': e.message });
    });
  }

  /** True while periodic collection runs. */
  get running(): boolean {
    return this._timer !== undefined;
  }

  /** Collects a snapshot now (also emitted and kept in the history). Never throws. */
  collect(): MetricsSnapshot {
    const cumulative = this.provider.collect();
    const snapshot = this.temporality === AggregationTemporality.DELTA ? this.toDelta(cumulative) : cumulative;
    if (this._historySize > 0) {
      this._history.push(snapshot);
      if (this._history.length > this._historySize) {
        this._history.shift();
      }
    }
    this._emitter.emit(snapshot);
    return snapshot;
  }

  /**
   * Collects every `intervalMs` on the provider's clock until `stop()` (restarts if running).
   * @throws ERR_INVALID_ARGUMENT when `intervalMs` is not a positive finite number.
   */
  start(intervalMs: number): void {
    if (typeof intervalMs !== 'number' || !Number.isFinite(intervalMs) || intervalMs <= 0) {
      throw new InvalidArgumentError('intervalMs', 'must be a positive finite number');
    }
    this.stop();
    this._intervalMs = intervalMs;
    this.arm();
  }

  /** Stops periodic collection. Harmless when not running. */
  stop(): void {
    if (this._timer !== undefined) {
      this.provider.clock.clearTimer(this._timer);
      this._timer = undefined;
    }
  }

  /** Subscribes to every snapshot this reader takes. */
  onSnapshot(listener: Listener<MetricsSnapshot>): Disposable {
    return this._emitter.on(listener);
  }

  /** The last snapshots, oldest first (at most `historySize`). */
  history(): MetricsSnapshot[] {
    return this._history.slice();
  }

  /** The newest snapshot; undefined before the first collection. */
  latest(): MetricsSnapshot | undefined {
    return this._history.length > 0 ? this._history[this._history.length - 1] : undefined;
  }

  private arm(): void {
    this._timer = this.provider.clock.setTimer(this._intervalMs, (): void => {
      this.arm();
      this.collect();
    });
  }

  private toDelta(cumulative: MetricsSnapshot): MetricsSnapshot {
    const seen = new Set<string>();
    const scopes: ScopeMetrics[] = [];
    for (let i = 0; i < cumulative.scopes.length; i++) {
      const scope = cumulative.scopes[i];
      const metrics: MetricData[] = [];
      for (let j = 0; j < scope.metrics.length; j++) {
        metrics.push(this.deltaMetric(`${scope.name}\u0000${scope.version}\u0000`, scope.metrics[j], seen));
      }
      scopes.push({ name: scope.name, version: scope.version, metrics: metrics });
    }
    // Forget series that were not reported (observations that stopped), so memory stays bounded.
    const stale: string[] = [];
    this._previous.forEach((p: PreviousPoint, id: string): void => {
      if (!seen.has(id)) {
        stale.push(id);
      }
    });
    for (let i = 0; i < stale.length; i++) {
      this._previous.delete(stale[i]);
    }
    return new MetricsSnapshot(cumulative.time, cumulative.resource, AggregationTemporality.DELTA, scopes);
  }

  private deltaMetric(prefix: string, m: MetricData, seen: Set<string>): MetricData {
    if (!isSumKind(m.kind) && m.kind !== InstrumentKind.HISTOGRAM) {
      return m;
    }
    const points: MetricPoint[] = [];
    for (let i = 0; i < m.points.length; i++) {
      const p = m.points[i];
      const id = `${prefix}${m.name}\u0000${p.key}`;
      seen.add(id);
      const prev = this._previous.get(id);
      this._previous.set(id, new PreviousPoint(p.time, p.value, p.histogram));
      points.push(MetricsReader.deltaPoint(p, prev));
    }
    return {
      name: m.name,
      description: m.description,
      unit: m.unit,
      kind: m.kind,
      valueType: m.valueType,
      temporality: AggregationTemporality.DELTA,
      monotonic: m.monotonic,
      points: points,
      dropped: m.dropped,
      folded: m.folded
    };
  }

  private static deltaPoint(p: MetricPoint, prev: PreviousPoint | undefined): MetricPoint {
    // A sum that went down was reset (e.g. an observed total restarted): the delta is the new value.
    const reset = prev === undefined || p.value < prev.value || p.startTime > prev.time;
    const out: MetricPoint = {
      labels: p.labels,
      key: p.key,
      overflow: p.overflow,
      startTime: reset ? p.startTime : (prev as PreviousPoint).time,
      time: p.time,
      value: reset ? p.value : p.value - (prev as PreviousPoint).value
    };
    if (p.window !== undefined) {
      out.window = p.window;
    }
    const h = p.histogram;
    if (h !== undefined) {
      const before = reset ? undefined : (prev as PreviousPoint).histogram;
      out.histogram = before === undefined ? h : MetricsReader.histogramDelta(h, before);
    }
    return out;
  }

  private static histogramDelta(now: HistogramPointValue, before: HistogramPointValue): HistogramPointValue {
    const sketch: QuantileSketch = now.sketch.minus(before.sketch);
    const buckets: number[] = [];
    for (let i = 0; i < now.bucketCounts.length; i++) {
      buckets.push(now.bucketCounts[i] - (i < before.bucketCounts.length ? before.bucketCounts[i] : 0));
    }
    return {
      count: sketch.count,
      sum: sketch.sum,
      min: sketch.min,
      max: sketch.max,
      boundaries: now.boundaries,
      bucketCounts: buckets,
      sketch: sketch
    };
  }
}
