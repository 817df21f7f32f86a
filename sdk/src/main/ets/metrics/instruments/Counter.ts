import { InstrumentCore } from '../internal/InstrumentCore';
import { MetricLabels } from '../MetricLabels';
import { SumInstrument } from './SumInstrument';

/**
 * A monotonic sum per label set: requests, errors, bytes. `add` takes values >= 0.
 *
 * @example
 * const calls = meter.createCounter('mesh.calls', { labelKeys: ['service', 'outcome'] });
 * calls.add(1, { 'service': 'media.player', 'outcome': 'ok' });
 * const ok = calls.bind({ 'service': 'media.player', 'outcome': 'ok' });
 * ok.add(1); // no lookup, no allocation
 */
export class Counter extends SumInstrument {
  constructor(core: InstrumentCore) {
    super(core, true);
  }

  /** Adds 1 to the series of `labels`. */
  inc(labels?: MetricLabels): void {
    this.add(1, labels);
  }
}
