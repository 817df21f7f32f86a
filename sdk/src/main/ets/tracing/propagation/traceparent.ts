import { Hex } from '../../core/encoding/Hex';
import { SpanContext } from '../api/SpanContext';
import { TraceState } from './TraceState';

/** The `traceparent` version this implementation writes. */
export const TRACEPARENT_VERSION = '00';
// version "-" trace-id "-" parent-id "-" trace-flags: 2 + 1 + 32 + 1 + 16 + 1 + 2.
const TRACEPARENT_LENGTH = 55;

const isOws = (c: number): boolean => c === 32 || c === 9;

const hexValue = (c: number): number => (c <= 57 ? c - 48 : c - 87);

// Lower-case hex digits in text[from, from + count): 0 when one is not, 1 when all are '0', 2 otherwise.
// Checked in place, so parsing allocates only the two id strings.
const NOT_HEX = 0;
const ALL_ZERO = 1;
const HEX_OK = 2;
const scanHex = (text: string, from: number, count: number): number => {
  let nonZero = false;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i);
    if (c >= 49 && c <= 57) {
      nonZero = true;
    } else if (c >= 97 && c <= 102) {
      nonZero = true;
    } else if (c !== 48) {
      return NOT_HEX;
    }
  }
  return nonZero ? HEX_OK : ALL_ZERO;
};

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
  const n = b - a;
  if (n < TRACEPARENT_LENGTH || header.charCodeAt(a + 2) !== 45 || header.charCodeAt(a + 35) !== 45 ||
    header.charCodeAt(a + 52) !== 45) {
    return undefined;
  }
  const version = scanHex(header, a, 2);
  if (version === NOT_HEX || (header.charCodeAt(a) === 102 && header.charCodeAt(a + 1) === 102)) {
    return undefined;
  }
  // Version 00 is exactly 55 characters; a later version may go on, after a dash.
  if (version === ALL_ZERO ? n !== TRACEPARENT_LENGTH : (n > TRACEPARENT_LENGTH && header.charCodeAt(a + TRACEPARENT_LENGTH) !== 45)) {
    return undefined;
  }
  if (scanHex(header, a + 3, 32) !== HEX_OK || scanHex(header, a + 36, 16) !== HEX_OK || scanHex(header, a + 53, 2) === NOT_HEX) {
    return undefined;
  }
  const traceFlags = hexValue(header.charCodeAt(a + 53)) * 16 + hexValue(header.charCodeAt(a + 54));
  return new SpanContext(header.substring(a + 3, a + 35), header.substring(a + 36, a + 52), traceFlags, true, traceState);
};

/** Formats a context as a version-00 `traceparent` value (`00-<trace id>-<span id>-<flags>`). */
export const formatTraceparent = (context: SpanContext): string =>
  `${TRACEPARENT_VERSION}-${context.traceId}-${context.spanId}-${Hex.byte(context.traceFlags & 0xff)}`;
