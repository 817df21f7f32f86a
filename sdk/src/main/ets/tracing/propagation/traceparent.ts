import { Hex } from '../../core/encoding/Hex';
import { INVALID_SPAN_ID, INVALID_TRACE_ID, SpanContext } from '../api/SpanContext';
import { TraceState } from './TraceState';

/** The `traceparent` version this implementation writes. */
export const TRACEPARENT_VERSION = '00';
// version "-" trace-id "-" parent-id "-" trace-flags: 2 + 1 + 32 + 1 + 16 + 1 + 2.
const TRACEPARENT_LENGTH = 55;

const isOws = (c: number): boolean => c === 32 || c === 9;

const hexValue = (c: number): number => (c <= 57 ? c - 48 : c - 87);

/**
 * Parses a `traceparent` header value per W3C Trace Context: version `00` must be exactly
 * `00-<32 hex>-<16 hex>-<2 hex>`; a higher version (except the invalid `ff`) is read by the same
 * rules and may carry more fields after a `-`. Hex must be lower-case and ids must not be all
 * zero. Optional spaces and tabs around the value are ignored. Returns undefined for anything
 * invalid (the caller then starts a new trace); never throws. The context is marked remote.
 */
export const parseTraceparent = (header: string, traceState?: TraceState): SpanContext | undefined => {
  let a = 0;
  let b = header.length;
  while (a < b && isOws(header.charCodeAt(a))) {
    a++;
  }
  while (b > a && isOws(header.charCodeAt(b - 1))) {
    b--;
  }
  const value = a === 0 && b === header.length ? header : header.substring(a, b);
  const n = value.length;
  if (n < TRACEPARENT_LENGTH || value.charCodeAt(2) !== 45 || value.charCodeAt(35) !== 45 || value.charCodeAt(52) !== 45) {
    return undefined;
  }
  const version = value.substring(0, 2);
  if (!Hex.isLowerHex(version, 2) || version === 'ff') {
    return undefined;
  }
  if (version === TRACEPARENT_VERSION ? n !== TRACEPARENT_LENGTH : (n > TRACEPARENT_LENGTH && value.charCodeAt(TRACEPARENT_LENGTH) !== 45)) {
    return undefined;
  }
  const traceId = value.substring(3, 35);
  const spanId = value.substring(36, 52);
  const flags = value.substring(53, 55);
  if (!Hex.isLowerHex(traceId, 32) || !Hex.isLowerHex(spanId, 16) || !Hex.isLowerHex(flags, 2) ||
    traceId === INVALID_TRACE_ID || spanId === INVALID_SPAN_ID) {
    return undefined;
  }
  const traceFlags = hexValue(flags.charCodeAt(0)) * 16 + hexValue(flags.charCodeAt(1));
  return new SpanContext(traceId, spanId, traceFlags, true, traceState);
};

/** Formats a context as a version-00 `traceparent` value (`00-<trace id>-<span id>-<flags>`). */
export const formatTraceparent = (context: SpanContext): string =>
  `${TRACEPARENT_VERSION}-${context.traceId}-${context.spanId}-${Hex.byte(context.traceFlags & 0xff)}`;
