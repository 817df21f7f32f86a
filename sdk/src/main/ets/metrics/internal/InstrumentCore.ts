import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { InstrumentDescriptor } from '../InstrumentOptions';

/**
 * What an instrument's series share: the descriptor, the clock (windows, start times) and the
 * accounting of dropped values. Metrics never throw into business code: a bad value is dropped,
 * counted, and logged once per instrument.
 */
export class InstrumentCore {
  readonly descriptor: InstrumentDescriptor;
  readonly clock: Clock;
  /** When the instrument was created (clock time). */
  readonly createdAt: number;
  private readonly _logger: Logger;
  private _dropped: number = 0;

  constructor(descriptor: InstrumentDescriptor, clock: Clock, logger: Logger) {
    this.descriptor = descriptor;
    this.clock = clock;
    this.createdAt = clock.now();
    this._logger = logger;
  }

  /** Values dropped so far (NaN, infinite, negative where not allowed). */
  get dropped(): number {
    return this._dropped;
  }

  /** Counts a dropped value; the first one per instrument is logged as a warning. */
  drop(value: number, reason: string): void {
    this._dropped++;
    if (this._dropped === 1) {
      this._logger.warn('metrics: value dropped', {
        'instrument': this.descriptor.name,
        'value': String(value),
        'reason': reason
      });
    }
  }

  /** Logs a failure that metrics absorbed (e.g. an observable callback that threw). */
  warn(message: string, error: Error): void {
    this._logger.warn(message, { 'instrument': this.descriptor.name, 'error': error.message });
  }
}
