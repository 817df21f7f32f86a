import { TraceState } from '../propagation/TraceState';
import { TraceFlags } from './TraceFlags';

/** The all-zero trace id: never valid on the wire. */
export const INVALID_TRACE_ID = '00000000000000000000000000000000';
/** The all-zero span id: never valid on the wire. */
export const INVALID_SPAN_ID = '0000000000000000';

/**
 * What identifies a span across devices: the part of a span that travels in `traceparent` and
 * `tracestate`. Ids are lower-case hex (32 digits for the trace, 16 for the span). Pass a span's
 * context as `parent` when starting a child: ArkTS has no async-local storage, so context is
 * always explicit.
 */
export class SpanContext {
  readonly traceId: string;
  readonly spanId: string;
  /** W3C trace-flags bits (see {@link TraceFlags}). */
  readonly traceFlags: number;
  /** True when the context came from another process or device (extracted from headers). */
  readonly isRemote: boolean;
  /** Vendor state carried in `tracestate`; undefined when empty. */
  readonly traceState: TraceState | undefined;

  constructor(traceId: string, spanId: string, traceFlags: number, isRemote?: boolean, traceState?: TraceState) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.traceFlags = traceFlags;
    this.isRemote = isRemote === true;
    this.traceState = traceState !== undefined && traceState.size > 0 ? traceState : undefined;
  }

  /** True when the SAMPLED flag is set. */
  get isSampled(): boolean {
    return (this.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED;
  }

  /**
   * True when both ids have the right length and are not all zero. (Contexts parsed from headers
   * are fully validated by the propagator; this cheap check guards hand-built ones.)
   */
  isValid(): boolean {
    return this.traceId.length === 32 && this.spanId.length === 16 &&
      this.traceId !== INVALID_TRACE_ID && this.spanId !== INVALID_SPAN_ID;
  }

  /** A copy with another trace state. */
  withTraceState(traceState: TraceState | undefined): SpanContext {
    return new SpanContext(this.traceId, this.spanId, this.traceFlags, this.isRemote, traceState);
  }
}
