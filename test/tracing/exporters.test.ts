import { describe, expect, it } from 'vitest';
import { MemoryLogger, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  BatchSpanProcessor, ConsoleSpanExporter, InMemorySpanExporter, JaegerJsonSpanExporter, OtlpHttpSpanExporter,
  SimpleSpanProcessor, SpanExporter, SpanExportResult, TraceHttpPoster, TraceHttpRequest, TraceHttpResponse, TracerProvider,
  ZipkinSpanExporter, ReadableSpan, SpanProcessorStats,
} from '../../sdk/src/main/ets/tracing/index';
import { buildFixtureSpans } from './fixtures';

/** A poster that answers from a script of responses (or failures) and records every request. */
class ScriptedPoster implements TraceHttpPoster {
  requests: TraceHttpRequest[] = [];
  times: number[] = [];
  constructor(private readonly clock: VirtualClock, private readonly script: (TraceHttpResponse | Error | 'hang')[]) {}
  post(request: TraceHttpRequest): Promise<TraceHttpResponse> {
    this.requests.push(request);
    this.times.push(this.clock.now());
    const next = this.script.length > 1 ? this.script.shift()! : this.script[0];
    if (next === 'hang') return new Promise(() => undefined);
    if (next instanceof Error) return Promise.reject(next);
    return Promise.resolve(next);
  }
}

const run = async (clock: VirtualClock, p: Promise<SpanExportResult>): Promise<SpanExportResult> => {
  let result: SpanExportResult | undefined;
  p.then((r) => { result = r; });
  while (result === undefined) await clock.runNext() || await clock.advance(0);
  return result;
};

describe('OtlpHttpSpanExporter', () => {
  it('POSTs OTLP JSON to /v1/traces with the content type and extra headers', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const poster = new ScriptedPoster(clock, [{ status: 200, body: '{}' }]);
    const exporter = new OtlpHttpSpanExporter({ poster, clock, headers: { 'X-Api-Key': 'k' } });
    const spans = await buildFixtureSpans();
    const result = await exporter.export(spans);
    expect(result.ok).toBe(true);
    const req = poster.requests[0];
    expect(req.url).toBe('http://localhost:4318/v1/traces');
    expect(req.headers).toEqual({ 'content-type': 'application/json', 'x-api-key': 'k' });
    expect(JSON.parse(req.body).resourceSpans).toHaveLength(2);
  });

  it('retries 429/503 and network errors with exponential backoff on the Clock, honouring Retry-After', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const poster = new ScriptedPoster(clock, [
      { status: 503 }, new Error('ECONNRESET'), { status: 429, headers: { 'retry-after': '2' } }, { status: 200 },
    ]);
    const exporter = new OtlpHttpSpanExporter({ poster, clock, initialBackoffMs: 100, maxBackoffMs: 3000 });
    const result = await run(clock, exporter.export(await buildFixtureSpans()));
    expect(result.ok).toBe(true);
    expect(poster.times).toEqual([0, 100, 300, 2300]);
  });

  it('falls back to the backoff for an empty or date-form Retry-After', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const poster = new ScriptedPoster(clock, [{ status: 503, headers: { 'retry-after': '' } }, { status: 503, headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' } }, { status: 200 }]);
    const result = await run(clock, new OtlpHttpSpanExporter({ poster, clock, initialBackoffMs: 100 }).export(await buildFixtureSpans()));
    expect(result.ok).toBe(true);
    expect(poster.times).toEqual([0, 100, 300]);
  });

  it('gives up after maxAttempts and on non-retryable statuses, with typed errors', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const flaky = new OtlpHttpSpanExporter({ poster: new ScriptedPoster(clock, [{ status: 503 }]), clock, maxAttempts: 3, initialBackoffMs: 10 });
    const r1 = await run(clock, flaky.export(await buildFixtureSpans()));
    expect(r1.ok).toBe(false);
    expect(r1.error!.code).toBe('ERR_UPSTREAM');
    const badPoster = new ScriptedPoster(clock, [{ status: 400 }]);
    const bad = new OtlpHttpSpanExporter({ poster: badPoster, clock });
    const r2 = await run(clock, bad.export(await buildFixtureSpans()));
    expect(r2.error!.message).toContain('HTTP 400');
    expect(badPoster.requests).toHaveLength(1);
    const down = new OtlpHttpSpanExporter({ poster: new ScriptedPoster(clock, [new Error('offline')]), clock, maxAttempts: 1 });
    expect((await run(clock, down.export(await buildFixtureSpans()))).error!.code).toBe('ERR_UNREACHABLE');
  });

  it('times out an attempt that never answers', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const exporter = new OtlpHttpSpanExporter({ poster: new ScriptedPoster(clock, ['hang']), clock, timeoutMs: 500, maxAttempts: 2, initialBackoffMs: 100 });
    const result = await run(clock, exporter.export(await buildFixtureSpans()));
    expect(result.error!.code).toBe('ERR_TIMEOUT');
    expect(clock.now()).toBe(1100);
  });

  it('reports partial success (rejected spans) as success with the count, and logs it', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const logger = new MemoryLogger();
    const poster = new ScriptedPoster(clock, [{ status: 200, body: '{"partialSuccess":{"rejectedSpans":"2","errorMessage":"too old"}}' }]);
    const result = await new OtlpHttpSpanExporter({ poster, clock, logger }).export(await buildFixtureSpans());
    expect(result.ok).toBe(true);
    expect(result.rejectedSpans).toBe(2);
    expect(logger.records[0].fields).toEqual({ rejectedSpans: 2, message: 'too old' });
  });

  it('validates options and fails after shutdown', async () => {
    const clock = new VirtualClock();
    const poster = new ScriptedPoster(clock, [{ status: 200 }]);
    expect(() => new OtlpHttpSpanExporter({ poster, url: '' })).toThrow(expect.objectContaining({ field: 'options.url' }));
    expect(() => new OtlpHttpSpanExporter({ poster, maxAttempts: 0 })).toThrow(expect.objectContaining({ field: 'options.maxAttempts' }));
    expect(() => new OtlpHttpSpanExporter({ poster, timeoutMs: 0 })).toThrow(expect.objectContaining({ field: 'options.timeoutMs' }));
    const e = new OtlpHttpSpanExporter({ poster, clock });
    expect((await e.export([])).ok).toBe(true);
    await e.shutdown();
    expect((await e.export(await buildFixtureSpans())).error!.code).toBe('ERR_INVALID_STATE');
  });

  it('works behind a BatchSpanProcessor on virtual time end to end', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const poster = new ScriptedPoster(clock, [{ status: 503 }, { status: 200 }]);
    const processor = new BatchSpanProcessor(new OtlpHttpSpanExporter({ poster, clock, initialBackoffMs: 50 }), { clock, scheduledDelayMs: 1000 });
    const provider = new TracerProvider({ random: new SeededRandom(5), clock, processors: [processor] });
    for (let i = 0; i < 3; i++) provider.getTracer('t').startSpan(`s${i}`).end();
    await clock.advance(2000);
    expect(poster.times).toEqual([1000, 1050]);
    expect(processor.stats()).toEqual(new SpanProcessorStats(3, 3, 0, 0, 0, 0));
  });
});

describe('ZipkinSpanExporter', () => {
  it('POSTs Zipkin v2 JSON to /api/v2/spans', async () => {
    const clock = new VirtualClock();
    const poster = new ScriptedPoster(clock, [{ status: 202 }]);
    const result = await new ZipkinSpanExporter({ poster, clock }).export(await buildFixtureSpans());
    expect(result.ok).toBe(true);
    expect(poster.requests[0].url).toBe('http://localhost:9411/api/v2/spans');
    expect(JSON.parse(poster.requests[0].body)).toHaveLength(3);
    const failing = new ZipkinSpanExporter({ poster: new ScriptedPoster(clock, [{ status: 500 }]), clock, url: 'http://zipkin:9411/api/v2/spans' });
    expect((await failing.export(await buildFixtureSpans())).ok).toBe(false);
  });
});

describe('JaegerJsonSpanExporter, ConsoleSpanExporter, InMemorySpanExporter', () => {
  it('writes one Jaeger document per export to the sink; a failing sink fails the export', async () => {
    const docs: string[] = [];
    const exporter = new JaegerJsonSpanExporter((d) => { docs.push(d); });
    expect((await exporter.export(await buildFixtureSpans())).ok).toBe(true);
    expect(JSON.parse(docs[0]).data[0].spans).toHaveLength(3);
    const broken = new JaegerJsonSpanExporter(async () => { throw new Error('disk full'); });
    const r = await broken.export(await buildFixtureSpans());
    expect([r.ok, r.error!.message]).toEqual([false, 'disk full']);
  });

  it('console exporter logs flat fields and/or writes JSON lines, never printing by itself', async () => {
    const logger = new MemoryLogger();
    const lines: string[] = [];
    const spans = await buildFixtureSpans();
    await new ConsoleSpanExporter({ logger, sink: (l) => lines.push(l) }).export(spans);
    expect(logger.records).toHaveLength(3);
    expect(logger.records[2].fields).toMatchObject({ name: 'GET /play', kind: 'server', service: 'gateway', durationMs: 7.75, status: 'UNSET' });
    expect(JSON.parse(lines[0]).traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(() => new ConsoleSpanExporter({})).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    const throwingSink = new ConsoleSpanExporter({ sink: () => { throw new Error('x'); } });
    expect((await throwingSink.export(spans)).ok).toBe(true);
  });

  it('in-memory exporter keeps spans until reset and refuses exports after shutdown', async () => {
    const e = new InMemorySpanExporter();
    const spans = await buildFixtureSpans();
    await e.export(spans);
    e.reset();
    await e.export(spans.slice(0, 1));
    expect(e.getFinishedSpans()).toHaveLength(1);
    expect(e.exportedCount).toBe(4);
    await e.shutdown();
    expect((await e.export(spans)).error!.code).toBe('ERR_INVALID_STATE');
  });
});

describe('SimpleSpanProcessor', () => {
  it('exports each span as it ends, in order, without overlapping exports', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const seen: string[] = [];
    const slow: SpanExporter = {
      export: async (spans: ReadableSpan[]) => {
        inFlight++; maxInFlight = Math.max(maxInFlight, inFlight);
        await Promise.resolve();
        spans.forEach((s) => seen.push(s.name));
        inFlight--;
        return SpanExportResult.SUCCESS;
      },
      forceFlush: async () => undefined, shutdown: async () => undefined,
    };
    const processor = new SimpleSpanProcessor(slow);
    const provider = new TracerProvider({ random: new SeededRandom(1), processors: [processor] });
    for (let i = 0; i < 5; i++) provider.getTracer('t').startSpan(`s${i}`).end();
    await processor.forceFlush();
    expect(seen).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(maxInFlight).toBe(1);
    await processor.shutdown();
    provider.getTracer('t').startSpan('late').end();
    expect(processor.stats()).toEqual(new SpanProcessorStats(6, 5, 0, 1, 0, 0));
  });
});
