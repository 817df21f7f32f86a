import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, MeshError } from '../../sdk/src/main/ets/core/index';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  AlwaysOffSampler, NonRecordingSpan, NoopAttributeRedactor, ReadableSpan, RecordingSpan, Sampler, SamplingResult,
  SimpleSpanProcessor, SpanContext, SpanKind, SpanLink, SpanProcessor, SpanStatusCode, TraceFlags, TracerProvider, SensitiveAttributeRedactor,
  TraceState, InMemorySpanExporter,
} from '../../sdk/src/main/ets/tracing/index';
import { finished, setupTracing } from './helpers';

describe('Tracer and spans', () => {
  it('records name, kind, times from the Clock, and lower-case hex ids', async () => {
    const { clock, exporter, provider } = setupTracing();
    const tracer = provider.getTracer('app', '1.0');
    const span = tracer.startSpan('load', { kind: SpanKind.CLIENT });
    await clock.advance(25);
    span.end();
    await provider.forceFlush();
    const [s] = finished(exporter);
    expect(s.name).toBe('load');
    expect(s.kind).toBe(SpanKind.CLIENT);
    expect(s.startTime).toBe(1_700_000_000_000);
    expect(s.endTime).toBe(1_700_000_000_025);
    expect(s.duration()).toBe(25);
    expect(s.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(s.spanContext().spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(s.spanContext().traceFlags).toBe(TraceFlags.SAMPLED);
    expect(s.parentSpanId).toBeUndefined();
    expect(s.scope.name).toBe('app');
    expect(s.scope.version).toBe('1.0');
    expect(s.resource.serviceName).toBe('test.service');
    expect(provider.getTracer('app', '1.0')).toBe(tracer);
  });

  it('continues the parent trace with an explicit parent context', () => {
    const { provider } = setupTracing();
    const tracer = provider.getTracer('app');
    const root = tracer.startSpan('root');
    const child = tracer.startSpan('child', { parent: root.spanContext() }) as RecordingSpan;
    expect(child.spanContext().traceId).toBe(root.spanContext().traceId);
    expect(child.parentSpanId).toBe(root.spanContext().spanId);
    expect(child.parentIsRemote).toBe(false);
    const fresh = tracer.startSpan('fresh', { parent: root.spanContext(), root: true }) as RecordingSpan;
    expect(fresh.spanContext().traceId).not.toBe(root.spanContext().traceId);
    expect(fresh.parentSpanId).toBeUndefined();
    const invalid = tracer.startSpan('x', { parent: new SpanContext('0'.repeat(32), '1'.repeat(16), 1) }) as RecordingSpan;
    expect(invalid.parentSpanId).toBeUndefined();
  });

  it('inherits trace state and the RANDOM flag, never unknown flag bits', () => {
    const { provider } = setupTracing();
    const state = TraceState.parse('vendor=abc')!;
    const parent = new SpanContext('a'.repeat(32), 'b'.repeat(16), 0xff, true, state);
    const child = provider.getTracer('t').startSpan('c', { parent });
    expect(child.spanContext().traceFlags).toBe(TraceFlags.SAMPLED | TraceFlags.RANDOM);
    expect(child.spanContext().traceState!.get('vendor')).toBe('abc');
  });

  it('stores typed attributes, events, links and status', async () => {
    const { clock, exporter, provider } = setupTracing();
    const span = provider.getTracer('t').startSpan('op', { attributes: { a: 1 } });
    span.setAttribute('s', 'x').setAttribute('n', 1.5).setAttribute('b', true).setAttributes({ arr: ['p', 'q'], nums: [1, 2] });
    span.addEvent('started', { step: 1 });
    await clock.advance(5);
    span.addEvent('at', undefined, clock.now() - 1);
    const other = new SpanContext('c'.repeat(32), 'd'.repeat(16), 1);
    span.addLink(new SpanLink(other, { why: 'batch' }));
    span.setStatus(SpanStatusCode.ERROR, 'boom');
    span.updateName('op2');
    span.end();
    const s = finished(exporter)[0];
    expect(s.name).toBe('op2');
    expect(s.attributes).toEqual({ a: 1, s: 'x', n: 1.5, b: true, arr: ['p', 'q'], nums: [1, 2] });
    expect(s.events.map((e) => [e.name, e.time - s.startTime, e.attributes])).toEqual([['started', 0, { step: 1 }], ['at', 4, {}]]);
    expect(s.links[0].context.spanId).toBe('d'.repeat(16));
    expect(s.links[0].attributes).toEqual({ why: 'batch' });
    expect(s.status.code).toBe(SpanStatusCode.ERROR);
    expect(s.status.message).toBe('boom');
  });

  it('treats OK as final, ignores UNSET, keeps messages for ERROR only', () => {
    const { provider } = setupTracing();
    const t = provider.getTracer('t');
    const a = t.startSpan('a') as RecordingSpan;
    a.setStatus(SpanStatusCode.OK, 'ignored');
    a.setStatus(SpanStatusCode.ERROR, 'late');
    expect([a.status.code, a.status.message]).toEqual([SpanStatusCode.OK, '']);
    const b = t.startSpan('b') as RecordingSpan;
    b.setStatus(SpanStatusCode.ERROR, 'x');
    b.setStatus(SpanStatusCode.UNSET);
    expect(b.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('ignores changes after end and ends only once', async () => {
    const { clock, exporter, provider } = setupTracing();
    const span = provider.getTracer('t').startSpan('op');
    span.end();
    await clock.advance(10);
    span.end();
    span.setAttribute('late', 1).addEvent('late').setStatus(SpanStatusCode.ERROR).updateName('renamed');
    await provider.forceFlush();
    const spans = finished(exporter);
    expect(spans).toHaveLength(1);
    expect(spans[0].name).toBe('op');
    expect(spans[0].attributes).toEqual({});
    expect(spans[0].events).toEqual([]);
    expect(spans[0].duration()).toBe(0);
    expect(spans[0].isRecording()).toBe(false);
  });

  it('clamps an end time before the start to the start', () => {
    const { exporter, provider } = setupTracing();
    const span = provider.getTracer('t').startSpan('op', { startTime: 1000 });
    span.end(500);
    expect(finished(exporter)[0].endTime).toBe(1000);
  });

  it('records exceptions with type, message, stack and MeshError code', () => {
    const { exporter, provider } = setupTracing();
    const span = provider.getTracer('t').startSpan('op');
    span.recordException(new InvalidArgumentError('options.x', 'bad'));
    span.end();
    const e = finished(exporter)[0].events[0];
    expect(e.name).toBe('exception');
    expect(e.attributes['exception.type']).toBe('InvalidArgumentError');
    expect(e.attributes['exception.message']).toBe('options.x: bad');
    expect(e.attributes['exception.code']).toBe('ERR_INVALID_ARGUMENT');
    expect(String(e.attributes['exception.stacktrace'])).toContain('InvalidArgumentError');
  });

  it('records non-Error throwables from untyped callers as text', () => {
    const { exporter, provider } = setupTracing();
    const span = provider.getTracer('t').startSpan('op');
    const loose = span as unknown as { recordException(e: unknown): void };
    loose.recordException('plain string');
    loose.recordException(null);
    span.end();
    expect(finished(exporter)[0].events.map((e) => e.attributes)).toEqual([
      { 'exception.type': 'string', 'exception.message': 'plain string' },
      { 'exception.type': 'object', 'exception.message': 'null' },
    ]);
  });

  it('withSpan ends the span, and on failure records the error, sets ERROR and rethrows', async () => {
    const { exporter, provider } = setupTracing();
    const tracer = provider.getTracer('t');
    await expect(tracer.withSpan('ok', async (span) => { span.setAttribute('k', 1); return 42; })).resolves.toBe(42);
    const err = new MeshError('ERR_UPSTREAM', 'down');
    await expect(tracer.withSpan('bad', async () => { throw err; })).rejects.toBe(err);
    const [ok, bad] = finished(exporter);
    expect(ok.isEnded() && ok.status.code === SpanStatusCode.UNSET).toBe(true);
    expect(bad.status.code).toBe(SpanStatusCode.ERROR);
    expect(bad.status.message).toBe('down');
    expect(bad.events[0].attributes['exception.code']).toBe('ERR_UPSTREAM');
  });
});

describe('span limits', () => {
  it('drops attributes beyond the count limit but still updates existing keys', () => {
    const { exporter, provider } = setupTracing({ limits: { attributeCountLimit: 3 } });
    const span = provider.getTracer('t').startSpan('op');
    for (let i = 0; i < 6; i++) span.setAttribute(`k${i}`, i);
    span.setAttribute('k0', 'updated');
    span.end();
    const s = finished(exporter)[0];
    expect(s.attributes).toEqual({ k0: 'updated', k1: 1, k2: 2 });
    expect(s.droppedAttributesCount).toBe(3);
  });

  it('truncates long strings, also inside arrays', () => {
    const { exporter, provider } = setupTracing({ limits: { attributeValueLengthLimit: 4 } });
    const span = provider.getTracer('t').startSpan('op');
    span.setAttribute('s', 'abcdefgh').setAttribute('a', ['abcdef', 'xy']).setAttribute('n', 123456789);
    span.end();
    expect(finished(exporter)[0].attributes).toEqual({ s: 'abcd', a: ['abcd', 'xy'], n: 123456789 });
  });

  it('keeps the latest events and counts the dropped oldest ones', () => {
    const { exporter, provider } = setupTracing({ limits: { eventCountLimit: 2, attributePerEventCountLimit: 1 } });
    const span = provider.getTracer('t').startSpan('op');
    span.addEvent('e1').addEvent('e2').addEvent('e3', { a: 1, b: 2 });
    span.end();
    const s = finished(exporter)[0];
    expect(s.events.map((e) => e.name)).toEqual(['e2', 'e3']);
    expect(s.droppedEventsCount).toBe(1);
    expect(s.events[1].droppedAttributesCount).toBe(1);
  });

  it('drops links beyond the limit', () => {
    const { exporter, provider } = setupTracing({ limits: { linkCountLimit: 1 } });
    const l = new SpanLink(new SpanContext('c'.repeat(32), 'd'.repeat(16), 1));
    const span = provider.getTracer('t').startSpan('op', { links: [l, l, l] });
    span.end();
    expect(finished(exporter)[0].links).toHaveLength(1);
    expect(finished(exporter)[0].droppedLinksCount).toBe(2);
  });

  it('drops values that are not attribute values (untyped callers)', () => {
    const { exporter, provider } = setupTracing();
    const span = provider.getTracer('t').startSpan('op');
    const loose = span as unknown as { setAttribute(k: string, v: unknown): void };
    loose.setAttribute('null', null);
    loose.setAttribute('undef', undefined);
    loose.setAttribute('obj', { a: 1 });
    loose.setAttribute('mixed', [1, 'a']);
    loose.setAttribute('', 'empty key');
    span.end();
    expect(finished(exporter)[0].attributes).toEqual({});
  });

  it('rejects invalid limits with ERR_INVALID_ARGUMENT naming the field', () => {
    expect(() => new TracerProvider({ random: new SeededRandom(1), limits: { attributeCountLimit: -1 } }))
      .toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', field: 'limits.attributeCountLimit' }));
  });
});

describe('redaction', () => {
  it('redacts credential headers and attributes by default', () => {
    const { exporter, provider } = setupTracing();
    const span = provider.getTracer('t').startSpan('op', { attributes: { 'http.request.header.authorization': 'Bearer abc' } });
    span.setAttributes({
      'http.request.header.cookie': 'sid=1',
      'http.response.header.set-cookie': 'sid=2',
      'user.password': 'hunter2',
      'oauth.access_token': 'tok',
      'x-api-key': 'k',
      'client_secret': 's',
      'note': 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig',
      'jwtish': 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
      'gen_ai.usage.input_tokens': 12,
      'token.count': 3,
      'http.request.method': 'GET',
    });
    span.addEvent('login', { password: 'x', user: 'alice' });
    span.end();
    const s = finished(exporter)[0];
    for (const k of ['http.request.header.authorization', 'http.request.header.cookie', 'http.response.header.set-cookie', 'user.password',
      'oauth.access_token', 'x-api-key', 'client_secret', 'note', 'jwtish']) {
      expect(s.attributes[k], k).toBe('[REDACTED]');
    }
    expect(s.attributes['gen_ai.usage.input_tokens']).toBe(12);
    expect(s.attributes['token.count']).toBe(3);
    expect(s.attributes['http.request.method']).toBe('GET');
    expect(s.events[0].attributes).toEqual({ password: '[REDACTED]', user: 'alice' });
  });

  it('answers the same from its caches as a fresh redactor, whatever the key sequence (property)', () => {
    const word = fc.constantFrom('authorization', 'cookie', 'token', 'access_token', 'x-api-key', 'method', 'path', 'tokens', 'count', 'Set-Cookie', 'a', 'b.c', 'secret', 'my-secret', 'device');
    const key = fc.array(word, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
    fc.assert(fc.property(fc.array(key, { maxLength: 300 }), (keys) => {
      const cached = new SensitiveAttributeRedactor();
      for (const k of keys) expect(cached.isSensitiveKey(k), k).toBe(new SensitiveAttributeRedactor().isSensitiveKey(k));
    }));
  });

  it('takes extra names and a replacement, and can be turned off', () => {
    const clock = new VirtualClock();
    const exporter = new InMemorySpanExporter();
    const custom = new TracerProvider({
      random: new SeededRandom(1), clock, processors: [new SimpleSpanProcessor(exporter)],
      redaction: { extraNames: ['Device-Serial'], replacement: '***' },
    });
    const s1 = custom.getTracer('t').startSpan('op');
    s1.setAttribute('device-serial', 'SN1').setAttribute('authorization', 'x');
    s1.end();
    expect(exporter.getFinishedSpans()[0].attributes).toEqual({ 'device-serial': '***', authorization: '***' });
    const open = new TracerProvider({ random: new SeededRandom(1), clock, processors: [new SimpleSpanProcessor(exporter)], redactor: new NoopAttributeRedactor() });
    const s2 = open.getTracer('t').startSpan('op');
    s2.setAttribute('authorization', 'Bearer x');
    s2.end();
    expect(exporter.getFinishedSpans()[1].attributes).toEqual({ authorization: 'Bearer x' });
  });
});

describe('dropped spans', () => {
  it('returns a NonRecordingSpan whose ids are drawn on first use and stay stable', () => {
    const { exporter, provider } = setupTracing({ sampler: new AlwaysOffSampler() });
    const span = provider.getTracer('t').startSpan('dropped');
    expect(span).toBeInstanceOf(NonRecordingSpan);
    expect(span.isRecording()).toBe(false);
    const ctx = span.spanContext();
    expect(ctx.isValid()).toBe(true);
    expect(ctx.isSampled).toBe(false);
    expect(span.spanContext()).toBe(ctx);
    span.setAttribute('a', 1).addEvent('e').end();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });

  it('keeps the parent trace id for a dropped child, and wraps a remote context', () => {
    const { provider } = setupTracing({ sampler: new AlwaysOffSampler() });
    const parent = new SpanContext('a'.repeat(32), 'b'.repeat(16), 0, true);
    const span = provider.getTracer('t').startSpan('x', { parent });
    expect(span.spanContext().traceId).toBe('a'.repeat(32));
    expect(span.spanContext().spanId).not.toBe('b'.repeat(16));
    expect(new NonRecordingSpan(parent).spanContext()).toBe(parent);
  });

  it('records RECORD_ONLY spans for processors but does not export them', () => {
    const recordOnly: Sampler = { usesTraceId: false, shouldSample: () => SamplingResult.RECORD_ONLY, description: () => 'recordOnly' };
    const seen: ReadableSpan[] = [];
    const spy: SpanProcessor = { onStart: () => undefined, onEnd: (s) => { seen.push(s); }, forceFlush: async () => undefined, shutdown: async () => undefined };
    const { exporter, provider } = setupTracing({ sampler: recordOnly });
    provider.addSpanProcessor(spy);
    const span = provider.getTracer('t').startSpan('x');
    expect(span.isRecording()).toBe(true);
    expect(span.spanContext().isSampled).toBe(false);
    span.end();
    expect(seen).toHaveLength(1);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });

  it('treats a throwing sampler or processor as harmless', () => {
    const bad: Sampler = { usesTraceId: false, shouldSample: () => { throw new Error('sampler bug'); }, description: () => 'bad' };
    const { provider } = setupTracing({ sampler: bad });
    expect(provider.getTracer('t').startSpan('x').isRecording()).toBe(false);
    const throwing: SpanProcessor = { onStart: () => { throw new Error('a'); }, onEnd: () => { throw new Error('b'); }, forceFlush: async () => undefined, shutdown: async () => undefined };
    const p = new TracerProvider({ random: new SeededRandom(2), processors: [throwing] });
    const span = p.getTracer('t').startSpan('y');
    expect(() => span.end()).not.toThrow();
  });

  it('shuts down once and flushes every processor', async () => {
    const calls: string[] = [];
    const proc = (name: string): SpanProcessor => ({
      onStart: () => undefined, onEnd: () => undefined,
      forceFlush: async () => { calls.push(`${name}:flush`); }, shutdown: async () => { calls.push(`${name}:shutdown`); },
    });
    const provider = new TracerProvider({ random: new SeededRandom(3), processors: [proc('a'), proc('b')] });
    await provider.forceFlush();
    const first = provider.shutdown();
    expect(provider.shutdown()).toBe(first);
    await first;
    expect(calls).toEqual(['a:flush', 'b:flush', 'a:shutdown', 'b:shutdown']);
  });
});
