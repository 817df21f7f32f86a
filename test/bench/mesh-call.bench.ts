// The cost of a local MeshNode.call (discovery, balancer, attempt, deadline race, handler) against
// calling the handler directly; the same with one pass-through interceptor on each chain; and with
// the standard plugins (mesh/plugins) on the call path: breaker + tracer (1 % of traces sampled),
// the full stack (tracing 1 %, resilience defaults, RED metrics), and tracing with every trace
// sampled. Plugin cases build a fresh request per call (a reused one would carry the previous
// call's traceparent) and are compared with the bare node doing the same.
import { MemoryStore, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { MeshRequest, MeshResponse, SimNetwork } from '../../sdk/src/main/ets/transport/index';
import { MeshNode, ServiceContext, type MeshNodeOptions } from '../../sdk/src/main/ets/mesh/index';
import {
  AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, SpanExportResult, TraceIdRatioSampler, TracerProvider,
  type ReadableSpan, type SpanExporter,
} from '../../sdk/src/main/ets/tracing/index';
import { MeterProvider } from '../../sdk/src/main/ets/metrics/index';
import { defineBench } from './harness';

const clock = new VirtualClock({ startTime: 0 });
const random = new SeededRandom('bench');
const net = new SimNetwork({ clock, random });
const response = MeshResponse.json({ ok: true });
const handler = (req: MeshRequest, ctx?: ServiceContext): Promise<MeshResponse> => Promise.resolve(response);
const make = (id: string, extra: Partial<MeshNodeOptions> = {}): MeshNode =>
  MeshNode.create({ deviceId: id, deviceType: 'phone', transport: net.attach(id), clock, random, store: new MemoryStore(), ...extra });

/** Drops every span (counting them), so the batch processor's export path runs without keeping memory. */
class DroppingExporter implements SpanExporter {
  exported = 0;
  export(spans: ReadableSpan[]): Promise<SpanExportResult> {
    this.exported += spans.length;
    return Promise.resolve(SpanExportResult.SUCCESS);
  }
  forceFlush(): Promise<void> { return Promise.resolve(); }
  shutdown(): Promise<void> { return Promise.resolve(); }
}
const tracer = (ratio: number): TracerProvider => new TracerProvider({
  random: new SeededRandom(`trace-${ratio}`), clock,
  sampler: new ParentBasedSampler({ root: ratio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioSampler(ratio) }),
  processors: [new BatchSpanProcessor(new DroppingExporter(), { clock, maxExportBatchSize: 512 })],
});

const plain = make('plain');
const wrapped = make('wrapped');
const breakerTracer = make('breaker-tracer', { tracing: { tracer: tracer(0.01) }, resilience: { profile: { maxAttempts: 1 } } });
const full = make('full', { tracing: { tracer: tracer(0.01) }, resilience: {}, metrics: { meterProvider: new MeterProvider({ clock }), transportSyncMs: 0 } });
const sampled = make('sampled', { tracing: { tracer: tracer(1) } });
for (const n of [plain, wrapped, breakerTracer, full, sampled]) n.provide('echo', handler);
wrapped.useCall((ctx, next) => next());
wrapped.useAttempt((ctx, next) => next());
wrapped.useInbound((ctx, next) => next());
const req = new MeshRequest({ path: '/echo' });
let sink = 0;
const fresh = (node: MeshNode) => async (): Promise<void> => { sink += (await node.call('echo', new MeshRequest({ path: '/echo' }))).status; };
const direct = async (): Promise<void> => { sink += (await handler(new MeshRequest({ path: '/echo' }))).status; };

export default defineBench({
  name: 'mesh-call',
  setup: async () => {
    for (const n of [plain, wrapped, breakerTracer, full, sampled]) await n.start();
  },
  cases: [
    {
      op: 'local call, no interceptors',
      arkmesh: async () => { sink += (await plain.call('echo', req)).status; },
      peers: [{ name: 'direct call', fn: async () => { sink += (await handler(req)).status; } }],
    },
    {
      op: 'local call, 1 call + 1 attempt + 1 inbound interceptor',
      arkmesh: async () => { sink += (await wrapped.call('echo', req)).status; },
      peers: [{ name: 'direct call', fn: async () => { sink += (await handler(req)).status; } }],
    },
    {
      op: 'local call, breaker + tracer (1 % sampled), fresh request',
      arkmesh: fresh(breakerTracer),
      peers: [{ name: 'bare node, fresh request', fn: fresh(plain) }, { name: 'direct call, fresh request', fn: direct }],
    },
    {
      op: 'local call, full stack (tracing 1 %, resilience, metrics), fresh request',
      arkmesh: fresh(full),
      peers: [{ name: 'bare node, fresh request', fn: fresh(plain) }, { name: 'direct call, fresh request', fn: direct }],
    },
    {
      op: 'local call, tracing 100 % sampled (client + server span), fresh request',
      arkmesh: fresh(sampled),
      peers: [{ name: 'bare node, fresh request', fn: fresh(plain) }],
    },
  ],
});
