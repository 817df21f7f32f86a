import { HeaderCarrier } from '../../core/headers/Headers';
import { SpanContext } from '../api/SpanContext';
import { formatTraceparent, parseTraceparent } from './traceparent';
import { DEFAULT_TRACE_STATE_MAX_LENGTH, TraceState } from './TraceState';

/** The `traceparent` header name. */
export const TRACEPARENT_HEADER = 'traceparent';
/** The `tracestate` header name. */
export const TRACESTATE_HEADER = 'tracestate';

/**
 * W3C Trace Context over any HeaderCarrier: MeshRequest headers, transport envelope headers,
 * queue message headers, or a saga step's stored headers. `inject` writes `traceparent` (and
 * `tracestate` when there is one); `extract` reads them back as a remote parent context.
 *
 * Carriers hold one value per name; when a transport receives a header several times it must
 * join the values with `,` (HTTP's rule): two `traceparent` values then fail to parse, and
 * several `tracestate` values form one list, both as the specification requires.
 *
 * @example
 * propagator.inject(span.spanContext(), request.headers);   // caller side
 * const parent = propagator.extract(request.headers);         // callee side, undefined: new trace
 * const child = tracer.startSpan('handle', { kind: SpanKind.SERVER, parent: parent });
 */
export class TraceContextPropagator {
  private readonly _maxTraceStateLength: number;

  /** `maxTraceStateLength`: longest `tracestate` written (default 512, the specification's minimum). */
  constructor(maxTraceStateLength?: number) {
    this._maxTraceStateLength = maxTraceStateLength ?? DEFAULT_TRACE_STATE_MAX_LENGTH;
  }

  /** The header names this propagator reads and writes. */
  fields(): string[] {
    return [TRACEPARENT_HEADER, TRACESTATE_HEADER];
  }

  /**
   * Writes `context` into the carrier. An undefined or invalid context writes nothing (and
   * removes nothing). Never throws: a carrier that rejects a value is left as it was.
   */
  inject(context: SpanContext | undefined, carrier: HeaderCarrier): void {
    if (context === undefined || !context.isValid()) {
      return;
    }
    try {
      carrier.set(TRACEPARENT_HEADER, formatTraceparent(context));
      const state = context.traceState;
      if (state !== undefined && state.size > 0) {
        const value = state.serialize(this._maxTraceStateLength);
        if (value.length > 0) {
          carrier.set(TRACESTATE_HEADER, value);
        }
      }
    } catch (e) {
      // A carrier that refuses a header leaves the message untraced, never broken.
    }
  }

  /**
   * Reads the remote parent from the carrier: undefined when `traceparent` is missing or
   * invalid (start a new trace). An invalid `tracestate` is discarded; the parent is kept.
   */
  extract(carrier: HeaderCarrier): SpanContext | undefined {
    const traceparent = carrier.get(TRACEPARENT_HEADER);
    if (traceparent === undefined) {
      return undefined;
    }
    const tracestate = carrier.get(TRACESTATE_HEADER);
    const state = tracestate !== undefined ? TraceState.parse(tracestate) : undefined;
    return parseTraceparent(traceparent, state);
  }
}
