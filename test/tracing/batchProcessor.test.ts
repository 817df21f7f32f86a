import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryLogger, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  BatchSpanProcessor, InMemorySpanExporter, ReadableSpan, SpanDropEvent, SpanDropReason, SpanExporter, SpanExportResult,
  TracerProvider, AlwaysOffSampler, SpanProcessorStats,
} from '../../sdk/src/main/ets/tracing/index';
import { MeshError } from '../../sdk/src/main/ets/core/index';

/** An exporter that settles only when told to (or after a virtual delay), recording batch sizes. */
class ControlledExporter implements SpanExporter {
  batches: number[] = [];
  exported = 0;
  private resolvers: ((r: SpanExportResult) => void)[] = [];
  constructor(private readonly clock?: VirtualClock, private readonly delayMs = 0, private readonly fail = false) {}
  export(spans: ReadableSpan[]): Promise<SpanExportResult> {
    this.batches.push(spans.length);
    return new Promise((resolve) => {
      const done = () => { if (!this.fail) this.exported += spans.length; resolve(this.fail ? SpanExportResult.failed(new MeshError('ERR_UPSTREAM', 'down')) : SpanExportResult.SUCCESS); };
      if (this.clock && this.delayMs > 0) this.clock.setTimer(this.delayMs, done);
      else if (this.clock) done();
      else this.resolvers.push(done);
    });
  }
  settleAll(): void { const r = this.resolvers; this.resolvers = []; r.forEach((f) => f(SpanExportResult.SUCCESS)); }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

const setup = (exporter: SpanExporter, opts: { maxQueueSize?: number; maxExportBatchSize?: number; scheduledDelayMs?: number; exportTimeoutMs?: number } = {}) => {
  const clock = new VirtualClock({ startTime: 0 });
  const logger = new MemoryLogger();
  const processor = new BatchSpanProcessor(exporter, { clock, logger, ...opts });
  const provider = new TracerProvider({ random: new SeededRandom('batch'), clock, processors: [processor] });
  const tracer = provider.getTracer('bench');
  const make = (n: number) => { for (let i = 0; i < n; i++) tracer.startSpan('s').end(); };
  return { clock, logger, processor, provider, tracer, make };
};

const balanced = (s: SpanProcessorStats) => s.exported + s.failed + s.dropped + s.queued + s.inFlight;

describe('BatchSpanProcessor', () => {
  it('exports a full batch at once and a partial batch after the scheduled delay on the Clock', async () => {
    const exporter = new InMemorySpanExporter();
    const { clock, processor, make } = setup(exporter, { maxExportBatchSize: 10, scheduledDelayMs: 1000 });
    make(10);
    await clock.advance(0);
    expect(exporter.getFinishedSpans()).toHaveLength(10);
    make(3);
    await clock.advance(999);
    expect(exporter.getFinishedSpans()).toHaveLength(10);
    await clock.advance(1);
    expect(exporter.getFinishedSpans()).toHaveLength(13);
    expect(processor.stats()).toEqual(new SpanProcessorStats(13, 13, 0, 0, 0, 0));
    expect(clock.pendingTimers).toBe(0);
  });

  it('never has two exports in flight and never exceeds the batch size', async () => {
    const exporter = new ControlledExporter();
    const { processor, make } = setup(exporter, { maxQueueSize: 100, maxExportBatchSize: 8 });
    make(20);
    expect(exporter.batches).toEqual([8]);
    expect(processor.stats().inFlight).toBe(8);
    expect(processor.stats().queued).toBe(12);
    exporter.settleAll();
    await Promise.resolve(); await Promise.resolve();
    expect(exporter.batches).toEqual([8, 8]);
    exporter.settleAll();
    await Promise.resolve(); await Promise.resolve();
    expect(exporter.batches).toEqual([8, 8]);
    expect(processor.stats().queued).toBe(4);
    const flushed = processor.forceFlush();
    await Promise.resolve();
    exporter.settleAll();
    await flushed;
    expect(exporter.batches).toEqual([8, 8, 4]);
  });

  it('drops spans beyond the bounded queue and reports exactly how many (tight synchronous loop)', async () => {
    const exporter = new InMemorySpanExporter();
    const { clock, logger, processor, make } = setup(exporter, { maxQueueSize: 64, maxExportBatchSize: 16 });
    const drops: SpanDropEvent[] = [];
    processor.onDrop((e) => drops.push(e));
    const created = 10_000;
    make(created);
    // No yield: one batch went out synchronously, the queue filled, the rest was dropped.
    const mid = processor.stats();
    expect(mid.received).toBe(created);
    expect(mid.inFlight).toBe(16);
    expect(mid.queued).toBe(64);
    expect(mid.dropped).toBe(created - 80);
    expect(balanced(mid)).toBe(created);
    await processor.forceFlush();
    await clock.advance(0);
    const end = processor.stats();
    expect(end.exported + end.dropped).toBe(created);
    expect(exporter.getFinishedSpans()).toHaveLength(end.exported);
    expect(drops.reduce((n, e) => n + e.count, 0)).toBe(end.dropped);
    expect(drops.every((e) => e.reason === SpanDropReason.QUEUE_FULL)).toBe(true);
    expect(logger.records.some((r) => r.message === 'spans dropped' && r.fields['count'] === created - 80)).toBe(true);
  });

  it('exports every span when the producer yields now and then', async () => {
    const exporter = new InMemorySpanExporter();
    const { clock, processor, make } = setup(exporter);
    const created = 100_000;
    for (let done = 0; done < created; done += 1000) {
      make(1000);
      await clock.advance(0);
    }
    await processor.forceFlush();
    const s = processor.stats();
    expect(s.dropped).toBe(0);
    expect(s.exported).toBe(created);
    expect(exporter.exportedCount).toBe(created);
  });

  it('accounts for every span under any mix of load, yields, delays and failures (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 50 })), { minLength: 1, maxLength: 25 }),
      fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 30 }), fc.boolean(),
      async (steps, batch, queueFactor, exportDelay, failing) => {
        const clock = new VirtualClock({ startTime: 0 });
        const exporter = new ControlledExporter(clock, exportDelay, failing);
        const processor = new BatchSpanProcessor(exporter, { clock, maxExportBatchSize: batch, maxQueueSize: batch * queueFactor, scheduledDelayMs: 20 });
        const provider = new TracerProvider({ random: new SeededRandom(7), clock, processors: [processor] });
        const tracer = provider.getTracer('p');
        let created = 0;
        for (const [n, wait] of steps) {
          for (let i = 0; i < n; i++) tracer.startSpan('s').end();
          created += n;
          expect(balanced(processor.stats())).toBe(created);
          await clock.advance(wait);
        }
        const flushing = processor.forceFlush();
        await clock.runUntilIdle();
        await flushing;
        const s = processor.stats();
        expect(s.received).toBe(created);
        expect(s.queued + s.inFlight).toBe(0);
        expect(s.exported + s.failed + s.dropped).toBe(created);
        expect(exporter.exported).toBe(s.exported);
        expect(Math.max(0, ...exporter.batches)).toBeLessThanOrEqual(batch);
      }), { numRuns: 60 });
  });

  it('counts a timed-out export as failed and carries on', async () => {
    const exporter = new ControlledExporter();
    const { clock, processor, make } = setup(exporter, { maxExportBatchSize: 4, exportTimeoutMs: 100 });
    make(6);
    await clock.advance(100);
    const s = processor.stats();
    expect(s.failed).toBe(4);
    expect(exporter.batches).toEqual([4]);
    // The remaining partial batch waits for the scheduled delay.
    await clock.advance(5000);
    expect(exporter.batches).toEqual([4, 2]);
    exporter.settleAll();
    await clock.advance(0);
    expect(processor.stats().exported).toBe(2);
  });

  it('counts failed exports, and exporters that throw or reject', async () => {
    const throwing: SpanExporter = { export: () => { throw new Error('sync'); }, forceFlush: async () => undefined, shutdown: async () => undefined };
    const rejecting: SpanExporter = { export: () => Promise.reject(new Error('async')), forceFlush: async () => undefined, shutdown: async () => undefined };
    for (const exporter of [throwing, rejecting]) {
      const { processor, logger, make } = setup(exporter, { maxExportBatchSize: 5 });
      make(12);
      await processor.forceFlush();
      expect(processor.stats()).toEqual(new SpanProcessorStats(12, 0, 12, 0, 0, 0));
      expect(logger.records.filter((r) => r.message === 'span export failed')).toHaveLength(3);
    }
  });

  it('shuts down once: flushes, shuts the exporter, drops and reports later spans', async () => {
    let shutdowns = 0;
    const inner = new InMemorySpanExporter();
    const exporter: SpanExporter = { export: (s) => inner.export(s), forceFlush: async () => undefined, shutdown: async () => { shutdowns++; } };
    const { processor, make } = setup(exporter);
    const drops: SpanDropEvent[] = [];
    processor.onDrop((e) => drops.push(e));
    make(7);
    const first = processor.shutdown();
    expect(processor.shutdown()).toBe(first);
    make(3);
    await first;
    await processor.shutdown();
    expect(shutdowns).toBe(1);
    expect(inner.getFinishedSpans()).toHaveLength(7);
    expect(processor.stats()).toEqual(new SpanProcessorStats(10, 7, 0, 3, 0, 0));
    expect(drops).toEqual([new SpanDropEvent(SpanDropReason.SHUTDOWN, 3, 3)]);
  });

  it('ignores unsampled spans', async () => {
    const exporter = new InMemorySpanExporter();
    const clock = new VirtualClock();
    const processor = new BatchSpanProcessor(exporter, { clock });
    const provider = new TracerProvider({ random: new SeededRandom(1), clock, sampler: new AlwaysOffSampler(), processors: [processor] });
    provider.getTracer('t').startSpan('x').end();
    await processor.forceFlush();
    expect(processor.stats().received).toBe(0);
  });

  it('validates its options', () => {
    const e = new InMemorySpanExporter();
    expect(() => new BatchSpanProcessor(e, { maxQueueSize: 0 })).toThrow(expect.objectContaining({ field: 'options.maxQueueSize' }));
    expect(() => new BatchSpanProcessor(e, { maxQueueSize: 10, maxExportBatchSize: 11 })).toThrow(expect.objectContaining({ field: 'options.maxExportBatchSize' }));
    expect(() => new BatchSpanProcessor(e, { scheduledDelayMs: -1 })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });
});
