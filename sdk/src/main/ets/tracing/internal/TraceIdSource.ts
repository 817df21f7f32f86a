import { IdGenerator } from '../../core/ids/IdGenerator';
import { INVALID_SPAN_ID, INVALID_TRACE_ID } from '../api/SpanContext';

// Random bytes drawn per refill: 2 KiB (4096 hex digits) serve 256 span ids or 128 trace ids.
const POOL_BYTES = 2048;
const POOL_CHARS = POOL_BYTES * 2;

/**
 * Trace and span ids for the tracer, from the core IdGenerator over the provider's Random. Asking
 * the generator for one id at a time costs a random-source call and a hex encoding per id; this
 * draws 256 bytes at once and cuts ids out of their hex text, which makes an id several times
 * cheaper (the hot path of every sampled span). Ids stay lower-case hex, never all zero, and,
 * with a seeded Random, replay identically.
 */
export class TraceIdSource {
  private readonly _ids: IdGenerator;
  private _pool: string = '';
  private _pos: number = POOL_CHARS;

  constructor(ids: IdGenerator) {
    this._ids = ids;
  }

  /** A 128-bit trace id: 32 lower-case hex digits, not all zero. */
  traceId(): string {
    for (;;) {
      const id = this.take(32);
      if (id !== INVALID_TRACE_ID) {
        return id;
      }
    }
  }

  /** A 64-bit span id: 16 lower-case hex digits, not all zero. */
  spanId(): string {
    for (;;) {
      const id = this.take(16);
      if (id !== INVALID_SPAN_ID) {
        return id;
      }
    }
  }

  private take(chars: number): string {
    if (this._pos + chars > POOL_CHARS) {
      this._pool = this._ids.hex(POOL_BYTES);
      this._pos = 0;
    }
    const start = this._pos;
    this._pos = start + chars;
    return this._pool.substring(start, start + chars);
  }
}
