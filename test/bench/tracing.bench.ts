// Tracing against OpenTelemetry's SDK (@opentelemetry/sdk-trace-base: BasicTracerProvider with a
// BatchSpanProcessor and an InMemorySpanExporter, default limits): a sampled span with 10
// attributes, an unsampled span, and traceparent inject + extract. Both sides use crypto-strength
// ids (ours: CryptoRandom over crypto.getRandomValues; OpenTelemetry: its RandomIdGenerator).
//
// Setup also runs the "no silent loss" experiment: 1,000,000 spans created in a tight synchronous
// loop, then flushed, and the same with the producer yielding (setImmediate) every 1,000 spans. The
// results are written to node_modules/.cache/arkmesh-bench/tracing-loss.json and shown in the
// labels of the last rows.
import fs from 'node:fs';
import path from 'node:path';
import { context, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  AlwaysOffSampler as OtelAlwaysOff, BasicTracerProvider, BatchSpanProcessor as OtelBatch, InMemorySpanExporter as OtelMemory,
  ParentBasedSampler as OtelParentBased, AlwaysOnSampler as OtelAlwaysOn,
} from '@opentelemetry/sdk-trace-base';
import { createRuntimeRandom } from '../../sdk/src/host/index';
import { Headers } from '../../sdk/src/main/ets/core/index';
import { SystemClock } from '../../sdk/src/main/ets/platform/index';
import {
  AlwaysOffSampler, BatchSpanProcessor, InMemorySpanExporter, ParentBasedSampler, AlwaysOnSampler, SpanContext, SpanKind,
  TraceContextPropagator, TracerProvider,
} from '../../sdk/src/main/ets/tracing/index';
import { BenchCase, defineBench } from './harness';

const clock = new SystemClock();
const ATTRS: [string, string | number | boolean][] = [
  ['rpc.system', 'arkmesh'], ['rpc.service', 'media.player'], ['rpc.method', '/play'], ['http.request.method', 'GET'],
  ['url.path', '/play/42'], ['http.response.status_code', 200], ['arkmesh.peer.device', 'tv-livingroom'],
  ['retry.count', 0], ['cache.hit', true], ['latency.ratio', 0.25],
];

// --- ours ---
const ourExporter = new InMemorySpanExporter();
const ourBatch = new BatchSpanProcessor(ourExporter, { clock });
const ourProvider = new TracerProvider({ random: createRuntimeRandom(), clock, processors: [ourBatch] });
const ourTracer = ourProvider.getTracer('bench');
const ourOffTracer = new TracerProvider({ random: createRuntimeRandom(), clock, sampler: new AlwaysOffSampler(), processors: [new BatchSpanProcessor(new InMemorySpanExporter(), { clock })] }).getTracer('bench');
const ourParentBased = new TracerProvider({ random: createRuntimeRandom(), clock, sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }), processors: [new BatchSpanProcessor(new InMemorySpanExporter(), { clock })] }).getTracer('bench');
const unsampledParent = new SpanContext('4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7', 0, true);
const propagator = new TraceContextPropagator();
const ourContext = new SpanContext('4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7', 1);

// --- OpenTelemetry ---
const otelExporter = new OtelMemory();
const otelProvider = new BasicTracerProvider({ spanProcessors: [new OtelBatch(otelExporter)] });
const otelTracer = otelProvider.getTracer('bench');
const otelOffTracer = new BasicTracerProvider({ sampler: new OtelAlwaysOff(), spanProcessors: [new OtelBatch(new OtelMemory())] }).getTracer('bench');
const otelParentBased = new BasicTracerProvider({ sampler: new OtelParentBased({ root: new OtelAlwaysOn() }), spanProcessors: [new OtelBatch(new OtelMemory())] }).getTracer('bench');
const otelUnsampledParent = trace.setSpanContext(ROOT_CONTEXT, { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.NONE, isRemote: true });
const otelPropagator = new W3CTraceContextPropagator();
const otelContext = trace.setSpanContext(ROOT_CONTEXT, { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED });

let sink = 0;
let calls = 0;
// Exported spans pile up in both in-memory exporters: drop them now and then (outside the timing that matters).
const trim = (): void => {
  if ((++calls & 4095) === 0) {
    ourExporter.reset();
    otelExporter.reset();
  }
};

const ourSpan10 = (): void => {
  const span = ourTracer.startSpan('media.player GET /play', { kind: SpanKind.CLIENT });
  for (let i = 0; i < 10; i++) span.setAttribute(ATTRS[i][0], ATTRS[i][1]);
  span.end();
  trim();
};
const otelSpan10 = (): void => {
  const span = otelTracer.startSpan('media.player GET /play', { kind: 2 });
  for (let i = 0; i < 10; i++) span.setAttribute(ATTRS[i][0], ATTRS[i][1]);
  span.end();
  trim();
};

// ---- the "no silent loss" experiment ----
interface LossRow { side: string; mode: string; created: number; exported: number; dropped: number | string; ms: number }
const N = 1_000_000;
const yieldNow = (): Promise<void> => new Promise((r) => setImmediate(r));

const lossOurs = async (yieldEvery: number): Promise<LossRow> => {
  const exporter = new InMemorySpanExporter();
  const processor = new BatchSpanProcessor(exporter, { clock });
  const tracer = new TracerProvider({ random: createRuntimeRandom(), clock, processors: [processor] }).getTracer('loss');
  const t0 = performance.now();
  for (let i = 1; i <= N; i++) {
    tracer.startSpan('s').end();
    if (yieldEvery > 0 && i % yieldEvery === 0) await yieldNow();
  }
  await processor.forceFlush();
  const ms = performance.now() - t0;
  const s = processor.stats();
  await processor.shutdown();
  return { side: 'ArkMesh', mode: yieldEvery > 0 ? `yield every ${yieldEvery}` : 'tight loop', created: s.received, exported: exporter.exportedCount, dropped: s.dropped, ms };
};

const lossOtel = async (yieldEvery: number): Promise<LossRow> => {
  const exporter = new OtelMemory();
  const processor = new OtelBatch(exporter);
  const tracer = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('loss');
  const t0 = performance.now();
  for (let i = 1; i <= N; i++) {
    tracer.startSpan('s').end();
    if (yieldEvery > 0 && i % yieldEvery === 0) await yieldNow();
  }
  await processor.forceFlush();
  const ms = performance.now() - t0;
  const exported = exporter.getFinishedSpans().length;
  await processor.shutdown();
  // OpenTelemetry keeps its drop count private and only logs (once, at debug level) that it dropped.
  return { side: 'OpenTelemetry', mode: yieldEvery > 0 ? `yield every ${yieldEvery}` : 'tight loop', created: N, exported, dropped: `not reported (${N - exported} lost)`, ms };
};

const lossLabels = { tightOurs: '', yieldOurs: '' };

const cases: BenchCase[] = [
  { op: 'span start+end, 10 attributes (sampled, batch processor)', arkmesh: ourSpan10, peers: [{ name: '@opentelemetry/sdk-trace-base', fn: otelSpan10 }] },
  {
    op: 'unsampled span start+end (AlwaysOff root)',
    arkmesh: () => { ourOffTracer.startSpan('op').end(); },
    peers: [{ name: '@opentelemetry/sdk-trace-base', fn: () => { otelOffTracer.startSpan('op').end(); } }],
  },
  {
    op: 'unsampled span start+end (child of an unsampled remote parent, ParentBased)',
    arkmesh: () => { ourParentBased.startSpan('op', { parent: unsampledParent }).end(); },
    peers: [{ name: '@opentelemetry/sdk-trace-base', fn: () => { otelParentBased.startSpan('op', {}, otelUnsampledParent).end(); } }],
  },
  {
    op: 'span start+end, no attributes (sampled, tight loop)',
    arkmesh: () => { ourTracer.startSpan('s').end(); trim(); },
    peers: [{ name: '@opentelemetry/sdk-trace-base', fn: () => { otelTracer.startSpan('s').end(); trim(); } }],
  },
  {
    op: 'span start+end, producer yields (setImmediate) every 1000 spans',
    arkmesh: async () => { for (let i = 0; i < 1000; i++) ourTracer.startSpan('s').end(); await yieldNow(); ourExporter.reset(); },
    peers: [{ name: '@opentelemetry/sdk-trace-base', fn: async () => { for (let i = 0; i < 1000; i++) otelTracer.startSpan('s').end(); await yieldNow(); otelExporter.reset(); } }],
    batch: 1000,
  },
  {
    op: 'traceparent inject + extract',
    arkmesh: () => {
      const h = new Headers();
      propagator.inject(ourContext, h);
      sink += propagator.extract(h)!.traceFlags;
    },
    peers: [{
      name: '@opentelemetry/core W3CTraceContextPropagator',
      fn: () => {
        const carrier: Record<string, string> = {};
        otelPropagator.inject(otelContext, carrier, defaultTextMapSetter);
        sink += trace.getSpanContext(otelPropagator.extract(context.active(), carrier, defaultTextMapGetter))!.traceFlags;
      },
    }],
  },
];

export default defineBench({
  name: 'tracing',
  setup: async () => {
    const rows: LossRow[] = [await lossOurs(0), await lossOtel(0), await lossOurs(1000), await lossOtel(1000)];
    const dir = path.join(process.cwd(), 'node_modules/.cache/arkmesh-bench');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'tracing-loss.json'), JSON.stringify(rows, null, 2) + '\n');
    for (const r of rows) process.stderr.write(`loss: ${r.side} ${r.mode}: created ${r.created}, exported ${r.exported}, dropped ${r.dropped}, ${r.ms.toFixed(0)} ms\n`);
    const [to, tt, yo, yt] = rows;
    const pct = (r: LossRow) => `${((100 * r.exported) / r.created).toFixed(2)}%`;
    lossLabels.tightOurs = `1M-span tight loop: ArkMesh exported ${to.exported} (${pct(to)}) + reported ${to.dropped} dropped; OTel exported ${tt.exported} (${pct(tt)}), drops unreported`;
    lossLabels.yieldOurs = `1M spans, yield every 1000: ArkMesh exported ${yo.exported} (${pct(yo)}), dropped ${yo.dropped}; OTel exported ${yt.exported} (${pct(yt)})`;
    // The experiment leaves a few hundred MB of spans behind: collect them before timing anything.
    (globalThis as { gc?: () => void }).gc?.();
    cases[3].op += ` | ${lossLabels.tightOurs}`;
    cases[4].op += ` | ${lossLabels.yieldOurs}`;
  },
  cases,
});

