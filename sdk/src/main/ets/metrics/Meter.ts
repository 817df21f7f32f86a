import { ErrorCode } from '../core/errors/ErrorCode';
import { MeshError } from '../core/errors/MeshError';
import { Clock } from '../platform/Clock';
import { Logger } from '../platform/logging/Logger';
import { MetricData, ScopeMetrics } from './collect/MetricData';
import { InstrumentCore } from './internal/InstrumentCore';
import { InstrumentKind } from './InstrumentKind';
import {
  CounterOptions, HistogramOptions, InstrumentDescriptor, InstrumentOptions, widenCounterOptions, widenOptions
} from './InstrumentOptions';
import { Counter } from './instruments/Counter';
import { Gauge } from './instruments/Gauge';
import { Histogram } from './instruments/Histogram';
import { Instrument } from './instruments/Instrument';
import { ObservableCallback, ObservableInstrument } from './instruments/ObservableInstrument';
import { UpDownCounter } from './instruments/UpDownCounter';

/**
 * Creates instruments for one component (OpenTelemetry: an instrumentation scope), e.g.
 * `provider.getMeter('arkmesh.gateway')`. Instrument names are case-insensitive within a meter:
 * asking again for the same name and options returns the same instrument; the same name with
 * different options is an error.
 */
export class Meter {
  readonly name: string;
  readonly version: string;
  private readonly _clock: Clock;
  private readonly _logger: Logger;
  private readonly _defaultLimit: number;
  private readonly _instruments: Map<string, Instrument> = new Map<string, Instrument>();
  private readonly _order: Instrument[] = [];

  constructor(name: string, version: string, clock: Clock, logger: Logger, defaultLimit: number) {
    this.name = name;
    this.version = version;
    this._clock = clock;
    this._logger = logger;
    this._defaultLimit = defaultLimit;
  }

  /**
   * A monotonic sum per label set.
   * @throws ERR_INVALID_ARGUMENT for a bad name or option; ERR_METRIC_INVALID when the name is taken by a different instrument.
   */
  createCounter(name: string, options?: CounterOptions): Counter {
    const core = this.core(name, InstrumentKind.COUNTER, widenCounterOptions(options));
    const existing = this._instruments.get(name.toLowerCase());
    if (existing !== undefined) {
      return existing as Counter;
    }
    const created = new Counter(core);
    this.add(created);
    return created;
  }

  /** A sum per label set that goes up and down. @throws as {@link createCounter}. */
  createUpDownCounter(name: string, options?: CounterOptions): UpDownCounter {
    const core = this.core(name, InstrumentKind.UP_DOWN_COUNTER, widenCounterOptions(options));
    const existing = this._instruments.get(name.toLowerCase());
    if (existing !== undefined) {
      return existing as UpDownCounter;
    }
    const created = new UpDownCounter(core);
    this.add(created);
    return created;
  }

  /** The last value set per label set. @throws as {@link createCounter}. */
  createGauge(name: string, options?: InstrumentOptions): Gauge {
    const core = this.core(name, InstrumentKind.GAUGE, widenOptions(options));
    const existing = this._instruments.get(name.toLowerCase());
    if (existing !== undefined) {
      return existing as Gauge;
    }
    const created = new Gauge(core);
    this.add(created);
    return created;
  }

  /** A distribution per label set (quantile sketch, explicit buckets, optional window). @throws as {@link createCounter}. */
  createHistogram(name: string, options?: HistogramOptions): Histogram {
    const core = this.core(name, InstrumentKind.HISTOGRAM, options);
    const existing = this._instruments.get(name.toLowerCase());
    if (existing !== undefined) {
      return existing as Histogram;
    }
    const created = new Histogram(core);
    this.add(created);
    return created;
  }

  /** A value read by callbacks at collection. @throws as {@link createCounter}. */
  createObservableGauge(name: string, options?: InstrumentOptions, callback?: ObservableCallback): ObservableInstrument {
    return this.observable(name, InstrumentKind.OBSERVABLE_GAUGE, options, callback);
  }

  /** A monotonic total read by callbacks at collection. @throws as {@link createCounter}. */
  createObservableCounter(name: string, options?: InstrumentOptions, callback?: ObservableCallback): ObservableInstrument {
    return this.observable(name, InstrumentKind.OBSERVABLE_COUNTER, options, callback);
  }

  /** A non-monotonic total read by callbacks at collection. @throws as {@link createCounter}. */
  createObservableUpDownCounter(name: string, options?: InstrumentOptions, callback?: ObservableCallback): ObservableInstrument {
    return this.observable(name, InstrumentKind.OBSERVABLE_UP_DOWN_COUNTER, options, callback);
  }

  /** The clock of the provider (start times, windows). */
  get clock(): Clock {
    return this._clock;
  }

  /** Every instrument, in creation order. */
  instruments(): Instrument[] {
    return this._order.slice();
  }

  /** The meter's metrics at `time`, cumulative (used by MeterProvider.collect). */
  collect(time: number): ScopeMetrics {
    const metrics: MetricData[] = [];
    for (let i = 0; i < this._order.length; i++) {
      metrics.push(this._order[i].collect(time));
    }
    return { name: this.name, version: this.version, metrics: metrics };
  }

  private observable(name: string, kind: InstrumentKind, options: InstrumentOptions | undefined,
    callback: ObservableCallback | undefined): ObservableInstrument {
    const core = this.core(name, kind, widenOptions(options));
    const existing = this._instruments.get(name.toLowerCase());
    let instrument: ObservableInstrument;
    if (existing !== undefined) {
      instrument = existing as ObservableInstrument;
    } else {
      instrument = new ObservableInstrument(core);
      this.add(instrument);
    }
    if (callback !== undefined) {
      instrument.addCallback(callback);
    }
    return instrument;
  }

  /** Validates a registration; a repeated one (same options) is fine, a conflicting one throws. */
  private core(name: string, kind: InstrumentKind, options: HistogramOptions | undefined): InstrumentCore {
    const d = InstrumentDescriptor.resolve(name, kind, options, this._defaultLimit);
    const existing = this._instruments.get(name.toLowerCase());
    if (existing !== undefined && !existing.descriptor.sameAs(d)) {
      throw new MeshError(ErrorCode.METRIC_INVALID,
        `metric '${name}' already exists in meter '${this.name}' as a ${existing.descriptor.kind} with other options`);
    }
    return new InstrumentCore(d, this._clock, this._logger);
  }

  private add(instrument: Instrument): void {
    this._instruments.set(instrument.name.toLowerCase(), instrument);
    this._order.push(instrument);
  }
}
