import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { Clock } from '../platform/Clock';
import { Logger } from '../platform/logging/Logger';
import { NoopLogger } from '../platform/logging/NoopLogger';
import { SystemClock } from '../platform/SystemClock';
import { ScopeMetrics } from './collect/MetricData';
import { MetricsSnapshot } from './collect/MetricsSnapshot';
import { AggregationTemporality } from './InstrumentKind';
import { DEFAULT_CARDINALITY_LIMIT } from './InstrumentOptions';
import { Meter } from './Meter';
import { MetricLabels } from './MetricLabels';

/** Options of a {@link MeterProvider}. */
export interface MeterProviderOptions {
  /** Time for start times, windows and collection. Default: a new SystemClock (use VirtualClock in tests). */
  clock?: Clock;
  /** Where dropped values and failing callbacks are reported. Default: NoopLogger. */
  logger?: Logger;
  /** Labels describing the producer (OTLP resource, Prometheus target_info), e.g. `{ 'service.name': 'tv' }`. Default {}. */
  resource?: MetricLabels;
  /** Default cardinality limit of every instrument. Default {@link DEFAULT_CARDINALITY_LIMIT}. */
  cardinalityLimit?: number;
}

/**
 * The root of the metrics module: hands out Meters and collects every instrument into a
 * {@link MetricsSnapshot} (the pull API; see MetricsReader for deltas and periodic collection).
 *
 * @example
 * const provider = new MeterProvider({ clock, resource: { 'service.name': 'phone' } });
 * const meter = provider.getMeter('arkmesh.mesh');
 * meter.createCounter('mesh.calls').add(1, { 'service': 'media.player' });
 * const text = renderPrometheus(provider.collect());
 */
export class MeterProvider {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly resource: MetricLabels;
  /** When the provider was created (clock time). */
  readonly startTime: number;
  private readonly _limit: number;
  private readonly _meters: Map<string, Meter> = new Map<string, Meter>();
  private readonly _order: Meter[] = [];

  /** @throws ERR_INVALID_ARGUMENT for a bad cardinality limit or resource. */
  constructor(options?: MeterProviderOptions) {
    this.clock = options?.clock ?? new SystemClock();
    this.logger = options?.logger ?? new NoopLogger();
    const resource: MetricLabels = {};
    const given = options?.resource;
    if (given !== undefined) {
      const keys = Object.keys(given);
      for (let i = 0; i < keys.length; i++) {
        if (typeof given[keys[i]] !== 'string') {
          throw new InvalidArgumentError(`options.resource.${keys[i]}`, 'must be a string');
        }
        resource[keys[i]] = given[keys[i]];
      }
    }
    this.resource = resource;
    this._limit = options?.cardinalityLimit ?? DEFAULT_CARDINALITY_LIMIT;
    if (!Number.isInteger(this._limit) || this._limit < 1) {
      throw new InvalidArgumentError('options.cardinalityLimit', 'must be a positive integer');
    }
    this.startTime = this.clock.now();
  }

  /** The Meter of a component (created on first use; the same name and version give the same Meter). */
  getMeter(name: string, version?: string): Meter {
    if (typeof name !== 'string' || name.length === 0) {
      throw new InvalidArgumentError('name', 'must be a non-empty string');
    }
    const v = version ?? '';
    const id = `${name}\u0000${v}`;
    let meter = this._meters.get(id);
    if (meter === undefined) {
      meter = new Meter(name, v, this.clock, this.logger, this._limit);
      this._meters.set(id, meter);
      this._order.push(meter);
    }
    return meter;
  }

  /** Every meter, in creation order. */
  meters(): Meter[] {
    return this._order.slice();
  }

  /** Collects every instrument now: cumulative values since each series started. Never throws. */
  collect(): MetricsSnapshot {
    const time = this.clock.now();
    const scopes: ScopeMetrics[] = [];
    for (let i = 0; i < this._order.length; i++) {
      scopes.push(this._order[i].collect(time));
    }
    return new MetricsSnapshot(time, this.resource, AggregationTemporality.CUMULATIVE, scopes);
  }
}
