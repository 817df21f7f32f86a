import { HiTraceIdValue } from './HiTraceChainPort';

/** Bits of a HiTraceId chain id. */
export const HITRACE_CHAIN_ID_BITS = 60;
/** Bits of a HiTraceId span id. */
export const HITRACE_SPAN_ID_BITS = 26;

const SPAN_MASK = (1 << HITRACE_SPAN_ID_BITS) - 1;
const HEX = /^[0-9a-f]+$/;

/**
 * The HiTrace chain id of a W3C trace id: its low 60 bits (the last 15 hex digits), or the 60 bits
 * before them when those are all zero. Every device derives the same chain id from the same trace,
 * so hilog lines of one distributed call share it. Undefined for a malformed or all-zero trace id.
 */
export const hiTraceChainIdOf = (traceId: string): bigint | undefined => {
  if (traceId.length !== 32 || !HEX.test(traceId)) {
    return undefined;
  }
  const low = BigInt(`0x${traceId.slice(17)}`);
  if (low !== BigInt(0)) {
    return low;
  }
  const high = BigInt(`0x${traceId.slice(2, 17)}`);
  return high !== BigInt(0) ? high : undefined;
};

/** The HiTrace span id of a W3C span id: its low 26 bits (0 for a malformed or missing id). */
export const hiTraceSpanIdOf = (spanId: string | undefined): number => {
  if (spanId === undefined || spanId.length !== 16 || !HEX.test(spanId)) {
    return 0;
  }
  return parseInt(spanId.slice(9), 16) & SPAN_MASK;
};

/** The HiTraceId mirroring a span: chain from the trace id, span and parent from the span ids. */
export const hiTraceIdOf = (traceId: string, spanId: string, parentSpanId: string | undefined,
  flags: number): HiTraceIdValue | undefined => {
  const chain = hiTraceChainIdOf(traceId);
  if (chain === undefined) {
    return undefined;
  }
  return new HiTraceIdValue(chain, hiTraceSpanIdOf(spanId), hiTraceSpanIdOf(parentSpanId), flags);
};
