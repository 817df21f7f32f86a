import { HeaderCarrier } from '../../core/headers/Headers';

/**
 * A HeaderCarrier over a plain string record, such as a transport Envelope's `headers`: reads
 * match names case-insensitively, writes store the lower-case name (replacing any other casing).
 *
 * @example
 * propagator.inject(span.spanContext(), new RecordHeaderCarrier(envelope.headers));
 */
export class RecordHeaderCarrier implements HeaderCarrier {
  private readonly _record: Record<string, string>;

  constructor(record: Record<string, string>) {
    this._record = record;
  }

  get(name: string): string | undefined {
    const lower = name.toLowerCase();
    const direct = this._record[lower];
    if (direct !== undefined) {
      return direct;
    }
    for (const k of Object.keys(this._record)) {
      if (k.toLowerCase() === lower) {
        return this._record[k];
      }
    }
    return undefined;
  }

  set(name: string, value: string): void {
    const lower = name.toLowerCase();
    for (const k of Object.keys(this._record)) {
      if (k !== lower && k.toLowerCase() === lower) {
        // ArkTS has no `delete`: another casing of the name gets the same value, so no reader sees a stale one.
        this._record[k] = value;
      }
    }
    this._record[lower] = value;
  }
}
