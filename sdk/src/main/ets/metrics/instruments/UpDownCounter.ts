import { InstrumentCore } from '../internal/InstrumentCore';
import { SumInstrument } from './SumInstrument';

/** A sum per label set that goes up and down: in-flight calls, open connections. */
export class UpDownCounter extends SumInstrument {
  constructor(core: InstrumentCore) {
    super(core, false);
  }
}
