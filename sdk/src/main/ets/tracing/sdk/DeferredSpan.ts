import { SpanContext } from '../api/SpanContext';
import { TraceIdSource } from '../internal/TraceIdSource';
import { TraceState } from '../propagation/TraceState';
import { NonRecordingSpan } from './NonRecordingSpan';

// Stands in for the real context until it is drawn; never handed out.
const PENDING = new SpanContext('', '', 0);

/**
 * A dropped span whose ids are drawn only when its context is first asked for (to propagate it or
 * to parent a child): a new span id, and a new trace id when it is a dropped root. Most dropped
 * spans are never asked, so an unsampled span costs almost nothing.
 */
export class DeferredSpan extends NonRecordingSpan {
  private _drawn: SpanContext | undefined = undefined;
  private readonly _ids: TraceIdSource;
  private readonly _traceId: string;
  private readonly _traceFlags: number;
  private readonly _traceState: TraceState | undefined;

  /** `traceId` is the parent's, or empty for a dropped root. */
  constructor(ids: TraceIdSource, traceId: string, traceFlags: number, traceState: TraceState | undefined) {
    super(PENDING);
    this._ids = ids;
    this._traceId = traceId;
    this._traceFlags = traceFlags;
    this._traceState = traceState;
  }

  override spanContext(): SpanContext {
    let context = this._drawn;
    if (context === undefined) {
      const traceId = this._traceId.length > 0 ? this._traceId : this._ids.traceId();
      context = new SpanContext(traceId, this._ids.spanId(), this._traceFlags, false, this._traceState);
      this._drawn = context;
    }
    return context;
  }
}
