import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Headers } from '../../sdk/src/main/ets/core/index';
import {
  formatTraceparent, parseTraceparent, SpanContext, TraceContextPropagator, TraceState,
} from '../../sdk/src/main/ets/tracing/index';

// Cases from the W3C Trace Context test suite (w3c/trace-context test/test.py) and the
// specification's traceparent section, typed in. "valid" means the receiver continues the trace
// (keeps the trace id); "invalid" means it must start a new trace.
const TRACE = '12345678901234567890123456789012';
const SPAN = '1234567890123456';

const valid: [string, string][] = [
  ['version 00, sampled', `00-${TRACE}-${SPAN}-01`],
  ['version 00, not sampled', `00-${TRACE}-${SPAN}-00`],
  ['future version cc', `cc-${TRACE}-${SPAN}-01`],
  ['future version with extra fields', `cc-${TRACE}-${SPAN}-01-what-the-future-will-be-like`],
  ['leading space', ` 00-${TRACE}-${SPAN}-01`],
  ['leading tab', `\t00-${TRACE}-${SPAN}-01`],
  ['trailing space', `00-${TRACE}-${SPAN}-01 `],
  ['trailing tab', `00-${TRACE}-${SPAN}-01\t`],
  ['tabs and spaces around', `\t 00-${TRACE}-${SPAN}-01 \t`],
  ['unknown flag bits', `00-${TRACE}-${SPAN}-ff`],
  ['spec example', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
];

const invalid: [string, string][] = [
  ['version 00 with a trailing dot', `00-${TRACE}-${SPAN}-01.`],
  ['version 00 with extra fields', `00-${TRACE}-${SPAN}-01-what-the-future-will-be-like`],
  ['future version, extra data not after a dash', `cc-${TRACE}-${SPAN}-01.what-the-future-will-be-like`],
  ['version ff', `ff-${TRACE}-${SPAN}-01`],
  ['version with illegal character (first)', `.0-${TRACE}-${SPAN}-01`],
  ['version with illegal character (second)', `0.-${TRACE}-${SPAN}-01`],
  ['version too long (3)', `000-${TRACE}-${SPAN}-01`],
  ['version too long (4)', `0000-${TRACE}-${SPAN}-01`],
  ['version too short', `0-${TRACE}-${SPAN}-01`],
  ['upper-case version', `0A-${TRACE}-${SPAN}-01`],
  ['trace id all zero', `00-00000000000000000000000000000000-${SPAN}-01`],
  ['trace id illegal character first', `00-.2345678901234567890123456789012-${SPAN}-01`],
  ['trace id illegal character last', `00-1234567890123456789012345678901.-${SPAN}-01`],
  ['trace id too long', `00-123456789012345678901234567890123-${SPAN}-01`],
  ['trace id too short', `00-1234567890123456789012345678901-${SPAN}-01`],
  ['trace id upper-case hex', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'],
  ['parent id all zero', `00-${TRACE}-0000000000000000-01`],
  ['parent id illegal character first', `00-${TRACE}-.234567890123456-01`],
  ['parent id illegal character last', `00-${TRACE}-123456789012345.-01`],
  ['parent id too long', `00-${TRACE}-12345678901234567-01`],
  ['parent id too short', `00-${TRACE}-123456789012345-01`],
  ['parent id upper-case hex', '00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01'],
  ['flags illegal character first', `00-${TRACE}-${SPAN}-.0`],
  ['flags illegal character last', `00-${TRACE}-${SPAN}-0.`],
  ['flags too long', `00-${TRACE}-${SPAN}-001`],
  ['flags too short', `00-${TRACE}-${SPAN}-1`],
  ['flags upper-case hex', `00-${TRACE}-${SPAN}-0A`],
  ['two values joined (duplicated header)', `00-${TRACE.slice(0, 31)}1-${SPAN}-01,00-${TRACE}-${SPAN}-01`],
  ['empty', ''],
  ['only whitespace', ' \t '],
  ['wrong delimiters', `00_${TRACE}_${SPAN}_01`],
  ['dash inside a field', `00-${TRACE.slice(0, 16)}-${TRACE.slice(17)}-${SPAN}-01`],
];

describe('traceparent parsing (W3C Trace Context)', () => {
  it.each(valid)('accepts %s', (_name, header) => {
    const ctx = parseTraceparent(header);
    expect(ctx).toBeDefined();
    expect(ctx!.isRemote).toBe(true);
    expect(ctx!.traceId).toBe(header.trim().slice(3, 35));
    expect(ctx!.spanId).toBe(header.trim().slice(36, 52));
  });

  it.each(invalid)('rejects %s', (_name, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });

  it('reads the flags byte and the sampled bit', () => {
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-01`)!.isSampled).toBe(true);
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-00`)!.isSampled).toBe(false);
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-09`)!.traceFlags).toBe(9);
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-fe`)!.isSampled).toBe(false);
  });

  it('formats version 00 with two lower-case hex flag digits', () => {
    expect(formatTraceparent(new SpanContext(TRACE, SPAN, 1))).toBe(`00-${TRACE}-${SPAN}-01`);
    expect(formatTraceparent(new SpanContext(TRACE, SPAN, 0))).toBe(`00-${TRACE}-${SPAN}-00`);
    expect(formatTraceparent(new SpanContext(TRACE, SPAN, 0xab))).toBe(`00-${TRACE}-${SPAN}-ab`);
  });

  const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
  const nonZero = (n: number) => hex(n).filter((s) => /[1-9a-f]/.test(s));

  it('round-trips every valid context (property)', () => {
    fc.assert(fc.property(nonZero(32), nonZero(16), fc.integer({ min: 0, max: 255 }), (t, s, f) => {
      const ctx = parseTraceparent(formatTraceparent(new SpanContext(t, s, f)));
      expect(ctx).toBeDefined();
      expect([ctx!.traceId, ctx!.spanId, ctx!.traceFlags]).toEqual([t, s, f]);
    }));
  });

  it('never throws and only accepts well-formed values (property)', () => {
    const wellFormed = /^[ \t]*([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?[ \t]*$/s;
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'0123456789abcdefABF- \t.') })), (text) => {
      const ctx = parseTraceparent(text);
      if (ctx !== undefined) {
        const m = wellFormed.exec(text);
        expect(m).not.toBeNull();
        expect(m![1]).not.toBe('ff');
        expect(ctx.traceId).not.toBe('0'.repeat(32));
        expect(ctx.spanId).not.toBe('0'.repeat(16));
      }
    }));
  });

  it('rejects any single-character corruption of a valid header (property)', () => {
    const base = `00-${TRACE}-${SPAN}-01`;
    fc.assert(fc.property(fc.integer({ min: 0, max: base.length - 1 }), fc.constantFrom('G', 'A', '.', '-', 'z', '_'), (i, c) => {
      const broken = base.slice(0, i) + c + base.slice(i + 1);
      if (broken === base) return;
      const isDash = i === 2 || i === 35 || i === 52;
      // Replacing a hex digit by another lower-case hex digit would stay valid; the units above never do that.
      expect(parseTraceparent(broken), `${broken} (${isDash ? 'delimiter' : 'field'})`).toBeUndefined();
    }));
  });
});

describe('TraceContextPropagator', () => {
  const propagator = new TraceContextPropagator();

  it('injects traceparent and tracestate and extracts them back as a remote context', () => {
    const headers = new Headers();
    const state = TraceState.parse('rojo=00f067aa0ba902b7,congo=t61rcWkgMzE')!;
    propagator.inject(new SpanContext(TRACE, SPAN, 1, false, state), headers);
    expect(headers.get('traceparent')).toBe(`00-${TRACE}-${SPAN}-01`);
    expect(headers.get('tracestate')).toBe('rojo=00f067aa0ba902b7,congo=t61rcWkgMzE');
    const ctx = propagator.extract(headers)!;
    expect(ctx.traceId).toBe(TRACE);
    expect(ctx.isRemote).toBe(true);
    expect(ctx.traceState!.get('congo')).toBe('t61rcWkgMzE');
  });

  it('matches header names case-insensitively (test suite: TraceParent, TrAcEpArEnT, TRACEPARENT)', () => {
    for (const name of ['TraceParent', 'TrAcEpArEnT', 'TRACEPARENT']) {
      const h = Headers.from({ [name]: `00-${TRACE}-${SPAN}-01`, TraceState: 'foo=1' });
      expect(propagator.extract(h)!.traceId).toBe(TRACE);
      expect(propagator.extract(h)!.traceState!.get('foo')).toBe('1');
    }
  });

  it('ignores wrong header names (trace-parent, trace.parent, trace-state)', () => {
    expect(propagator.extract(Headers.from({ 'trace-parent': `00-${TRACE}-${SPAN}-01` }))).toBeUndefined();
    expect(propagator.extract(Headers.from({ 'trace.parent': `00-${TRACE}-${SPAN}-01` }))).toBeUndefined();
    const ctx = propagator.extract(Headers.from({ traceparent: `00-${TRACE}-${SPAN}-00`, 'trace-state': 'foo=1' }))!;
    expect(ctx.traceState).toBeUndefined();
  });

  it('discards an invalid tracestate but keeps the parent', () => {
    const ctx = propagator.extract(Headers.from({ traceparent: `00-${TRACE}-${SPAN}-00`, tracestate: 'foo=1,foo=2' }))!;
    expect(ctx.traceId).toBe(TRACE);
    expect(ctx.traceState).toBeUndefined();
  });

  it('drops tracestate without a valid traceparent', () => {
    expect(propagator.extract(Headers.from({ tracestate: 'foo=1' }))).toBeUndefined();
    expect(propagator.extract(Headers.from({ traceparent: `00-${'0'.repeat(32)}-${SPAN}-01`, tracestate: 'foo=1' }))).toBeUndefined();
  });

  it('writes nothing for an undefined or invalid context', () => {
    const h = new Headers();
    propagator.inject(undefined, h);
    propagator.inject(new SpanContext('0'.repeat(32), SPAN, 1), h);
    propagator.inject(new SpanContext(TRACE, 'abc', 1), h);
    expect(h.size).toBe(0);
  });

  it('never throws when the carrier refuses a header', () => {
    const refusing = { get: () => undefined, set: () => { throw new Error('read-only'); } };
    expect(() => propagator.inject(new SpanContext(TRACE, SPAN, 1), refusing)).not.toThrow();
  });
});
