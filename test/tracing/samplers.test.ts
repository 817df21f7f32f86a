import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdGenerator } from '../../sdk/src/main/ets/core/index';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, RateLimitingSampler, Sampler, SamplingDecision, SamplingResult,
  SpanContext, SpanKind, TraceIdRatioSampler,
} from '../../sdk/src/main/ets/tracing/index';
import { setupTracing } from './helpers';

const decide = (s: Sampler, parent?: SpanContext, traceId = 'f'.repeat(32)): SamplingDecision =>
  s.shouldSample(parent, traceId, 'op', SpanKind.INTERNAL, undefined, undefined).decision;

const ctx = (sampled: boolean, remote: boolean) => new SpanContext('a'.repeat(32), 'b'.repeat(16), sampled ? 1 : 0, remote);

describe('samplers', () => {
  it('always on / always off', () => {
    expect(decide(new AlwaysOnSampler())).toBe(SamplingDecision.RECORD_AND_SAMPLE);
    expect(decide(new AlwaysOffSampler())).toBe(SamplingDecision.DROP);
    expect(new AlwaysOnSampler().usesTraceId).toBe(false);
  });

  it('trace-id ratio: reads the right-most 56 bits', () => {
    const tiny = new TraceIdRatioSampler(2 ** -56);
    expect(decide(tiny, undefined, 'ffffffffffffffffff00000000000000')).toBe(SamplingDecision.RECORD_AND_SAMPLE);
    expect(decide(tiny, undefined, '00000000000000000000000000000001')).toBe(SamplingDecision.DROP);
    expect(decide(new TraceIdRatioSampler(1 - 2 ** -53), undefined, '000000000000000000ffffffffffffff')).toBe(SamplingDecision.DROP);
    expect(decide(new TraceIdRatioSampler(1 - 2 ** -53), undefined, '000000000000000000fffffffffffff0')).toBe(SamplingDecision.RECORD_AND_SAMPLE);
    const half = new TraceIdRatioSampler(0.5);
    expect(decide(half, undefined, '0000000000000000007fffffffffffff')).toBe(SamplingDecision.RECORD_AND_SAMPLE);
    expect(decide(half, undefined, '00000000000000000080000000000000')).toBe(SamplingDecision.DROP);
    expect(decide(new TraceIdRatioSampler(0), undefined, '0'.repeat(31) + '1')).toBe(SamplingDecision.DROP);
    expect(decide(new TraceIdRatioSampler(1), undefined, 'f'.repeat(32))).toBe(SamplingDecision.RECORD_AND_SAMPLE);
    expect(() => new TraceIdRatioSampler(1.5)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', field: 'ratio' }));
    expect(() => new TraceIdRatioSampler(Number.NaN)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });

  it('trace-id ratio samples close to the ratio over random ids', () => {
    const ids = new IdGenerator(new SeededRandom('ratio'));
    for (const ratio of [0.01, 0.1, 0.5, 0.9]) {
      const s = new TraceIdRatioSampler(ratio);
      let n = 0;
      const total = 20000;
      for (let i = 0; i < total; i++) if (decide(s, undefined, ids.traceId()) === SamplingDecision.RECORD_AND_SAMPLE) n++;
      const sd = Math.sqrt(total * ratio * (1 - ratio));
      expect(Math.abs(n - total * ratio), `ratio ${ratio}`).toBeLessThan(5 * sd);
    }
  });

  it('trace-id ratio is consistent: a lower ratio samples a subset (property)', () => {
    const hexId = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 });
    fc.assert(fc.property(hexId, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (id, a, b) => {
      const [lo, hi] = a < b ? [a, b] : [b, a];
      if (decide(new TraceIdRatioSampler(lo), undefined, id) === SamplingDecision.RECORD_AND_SAMPLE) {
        expect(decide(new TraceIdRatioSampler(hi), undefined, id)).toBe(SamplingDecision.RECORD_AND_SAMPLE);
      }
      // Same id, same decision: every device agrees.
      expect(decide(new TraceIdRatioSampler(lo), undefined, id)).toBe(decide(new TraceIdRatioSampler(lo), undefined, id));
    }));
  });

  it('parent-based: follows the parent and delegates roots', () => {
    const pb = new ParentBasedSampler({ root: new AlwaysOffSampler() });
    expect(decide(pb)).toBe(SamplingDecision.DROP);
    expect(decide(pb, ctx(true, true))).toBe(SamplingDecision.RECORD_AND_SAMPLE);
    expect(decide(pb, ctx(false, true))).toBe(SamplingDecision.DROP);
    expect(decide(pb, ctx(true, false))).toBe(SamplingDecision.RECORD_AND_SAMPLE);
    expect(decide(pb, ctx(false, false))).toBe(SamplingDecision.DROP);
    const custom = new ParentBasedSampler({
      root: new AlwaysOnSampler(), remoteParentSampled: new AlwaysOffSampler(), remoteParentNotSampled: new AlwaysOnSampler(),
      localParentSampled: new AlwaysOffSampler(), localParentNotSampled: new AlwaysOnSampler(),
    });
    expect([decide(custom), decide(custom, ctx(true, true)), decide(custom, ctx(false, true)), decide(custom, ctx(true, false)), decide(custom, ctx(false, false))])
      .toEqual([2, 0, 2, 0, 2]);
    expect(custom.description()).toContain('root=AlwaysOnSampler');
    expect(new ParentBasedSampler({ root: new TraceIdRatioSampler(0.5) }).usesTraceId).toBe(true);
  });

  it('rate limiting: N traces per second of Clock time with a burst of N', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const s = new RateLimitingSampler(10, clock);
    let sampled = 0;
    for (let i = 0; i < 100; i++) if (decide(s) === SamplingDecision.RECORD_AND_SAMPLE) sampled++;
    expect(sampled).toBe(10);
    await clock.advance(100);
    expect(decide(s)).toBe(SamplingDecision.RECORD_AND_SAMPLE);
    expect(decide(s)).toBe(SamplingDecision.DROP);
    // Over 10 simulated seconds at one request per ms: 10 per second, plus the initial burst.
    sampled = 0;
    for (let t = 0; t < 10000; t++) {
      await clock.advance(1);
      if (decide(s) === SamplingDecision.RECORD_AND_SAMPLE) sampled++;
    }
    expect(sampled).toBe(100);
    const slow = new RateLimitingSampler(0.5, clock);
    expect(decide(slow)).toBe(SamplingDecision.RECORD_AND_SAMPLE);
    expect(decide(slow)).toBe(SamplingDecision.DROP);
    await clock.advance(1999);
    expect(decide(slow)).toBe(SamplingDecision.DROP);
    await clock.advance(1);
    expect(decide(slow)).toBe(SamplingDecision.RECORD_AND_SAMPLE);
    expect(decide(new RateLimitingSampler(0, clock))).toBe(SamplingDecision.DROP);
    expect(() => new RateLimitingSampler(-1, clock)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });

  it('rate limiting never exceeds its budget over any schedule (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 50 }), fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 200 }), async (rate, gaps) => {
      const clock = new VirtualClock({ startTime: 0 });
      const s = new RateLimitingSampler(rate, clock);
      let sampled = 0;
      for (const gap of gaps) {
        await clock.advance(gap);
        if (decide(s) === SamplingDecision.RECORD_AND_SAMPLE) sampled++;
      }
      expect(sampled).toBeLessThanOrEqual(rate + Math.floor((clock.now() * rate) / 1000));
    }), { numRuns: 50 });
  });

  it('the tracer applies sampler attributes and trace state, and skips the trace id for samplers that do not use it', () => {
    const seen: string[] = [];
    const sampler: Sampler = {
      usesTraceId: false,
      shouldSample: (_p, traceId) => { seen.push(traceId); return new SamplingResult(SamplingDecision.RECORD_AND_SAMPLE, { 'sampler.rule': 'x' }); },
      description: () => 'spy',
    };
    const { provider } = setupTracing({ sampler });
    const span = provider.getTracer('t').startSpan('op');
    expect(seen).toEqual(['']);
    expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect((span as unknown as { attributes: Record<string, unknown> }).attributes['sampler.rule']).toBe('x');
  });

  it('a parent-based ratio sampler keeps whole traces together', () => {
    const { provider } = setupTracing({ sampler: new ParentBasedSampler({ root: new TraceIdRatioSampler(0.3) }) });
    const tracer = provider.getTracer('t');
    for (let i = 0; i < 200; i++) {
      const root = tracer.startSpan('root');
      const child = tracer.startSpan('child', { parent: root.spanContext() });
      expect(child.spanContext().isSampled).toBe(root.spanContext().isSampled);
      expect(child.isRecording()).toBe(root.isRecording());
    }
  });
});
