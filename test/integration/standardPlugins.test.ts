// MeshNode.create's tracing/resilience/metrics/gateway options and standardPlugins: the full stack
// in a few lines, in the right order, each part optional, misuse rejected naming the field.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../sdk/src/main/ets/platform/index';
import { MeshRequest, MeshResponse } from '../../sdk/src/main/ets/transport/index';
import { InMemorySpanExporter, SimpleSpanProcessor, SpanKind, TracerProvider, type RecordingSpan } from '../../sdk/src/main/ets/tracing/index';
import { MeterProvider, RedMetricName } from '../../sdk/src/main/ets/metrics/index';
import {
  MetricsPlugin, ResiliencePlugin, TracingPlugin, standardPlugins, type MeshPlugin,
} from '../../sdk/src/main/ets/mesh/index';
import { MeshCluster } from '../mesh/meshCluster';

describe('the standard plugins', () => {
  it('MeshNode.create installs tracing, resilience and metrics in order, then the user plugins', async () => {
    const c = new MeshCluster({ seed: 'standard' });
    const exporter = new InMemorySpanExporter();
    const tracer = new TracerProvider({ random: new SeededRandom('ids'), clock: c.clock, processors: [new SimpleSpanProcessor(exporter)] });
    const meters = new MeterProvider({ clock: c.clock });
    const mine: MeshPlugin = { name: 'mine', install: () => undefined };
    const node = c.add('tv', 'tv', {
      tracing: { tracer }, resilience: {}, metrics: { meterProvider: meters }, plugins: [mine],
      gateway: { routes: [{ path: '/echo', target: { service: 'echo' } }] },
    });
    expect(node.plugins).toEqual(['tracing', 'resilience', 'metrics', 'mine']);
    expect(node.plugin('resilience')).toBeInstanceOf(ResiliencePlugin);
    expect(node.plugin('nope')).toBeUndefined();
    expect(node.gateway.middleware().map((m) => m.name)).toEqual(['tracing']);
    node.provide('echo', (req) => Promise.resolve(MeshResponse.json(req.path)));
    await c.startAll();
    const res = await c.settle(node.request(new MeshRequest({ path: '/echo' })));
    expect(res.body).toBe('/echo');
    // In the order they ended: the handler's server span, the call's client span, the gateway's span.
    expect((exporter.getFinishedSpans() as RecordingSpan[]).map((s) => s.kind)).toEqual([SpanKind.SERVER, SpanKind.CLIENT, SpanKind.SERVER]);
    expect((exporter.getFinishedSpans() as RecordingSpan[])[2].name).toBe('gateway GET /echo');
    const snap = meters.collect();
    expect(snap.find(RedMetricName.CALLS)!.points[0].value).toBe(1);
    expect(snap.find(RedMetricName.ROUTE_REQUESTS)!.points[0].labels).toMatchObject({ route: '/echo', status_class: '2xx' });
    expect((node.plugin('resilience') as ResiliencePlugin).breakers.keys()).toEqual(['echo@tv']);
  });

  it('standardPlugins builds only what is asked for, in installation order', () => {
    const c = new MeshCluster({ seed: 'standard-list' });
    const tracer = new TracerProvider({ random: new SeededRandom('ids'), clock: c.clock });
    expect(standardPlugins({}).map((p) => p.name)).toEqual([]);
    const all = standardPlugins({ metrics: { meterProvider: new MeterProvider({ clock: c.clock }) }, resilience: {}, tracing: { tracer } });
    expect(all.map((p) => p.name)).toEqual(['tracing', 'resilience', 'metrics']);
    expect(all[0]).toBeInstanceOf(TracingPlugin);
    expect(all[2]).toBeInstanceOf(MetricsPlugin);
  });

  it('without plugins a node keeps the empty-interceptor fast path', async () => {
    const c = new MeshCluster({ seed: 'bare' });
    const node = c.add('tv', 'tv');
    expect(node.plugins).toEqual([]);
    // No call, attempt or inbound interceptor, no gateway until asked for.
    const pipeline = (node as unknown as { _pipeline: { callChain: unknown[]; attemptChain: unknown[]; inboundChain: unknown[] } })._pipeline;
    expect([pipeline.callChain.length, pipeline.attemptChain.length, pipeline.inboundChain.length]).toEqual([0, 0, 0]);
    expect((node as unknown as { _gateway: unknown })._gateway).toBeUndefined();
    node.provide('echo', () => Promise.resolve(MeshResponse.json('ok')));
    await c.startAll();
    expect((await c.settle(node.call('echo', new MeshRequest()))).body).toBe('ok');
  });

  it('rejects misuse naming the field, and one plugin instance per node', () => {
    const c = new MeshCluster({ seed: 'misuse' });
    expect(() => c.add('a', 'phone', { tracing: { tracer: {} as never } })).toThrow(/options.tracer/);
    expect(() => c.add('b', 'phone', { metrics: {} })).toThrow(/options.red/);
    expect(() => c.add('c', 'phone', { resilience: { profile: { attemptTimeoutMs: -1 } } })).toThrow(/options.profile.attemptTimeoutMs/);
    const tracing = new TracingPlugin({ tracer: new TracerProvider({ random: new SeededRandom('x'), clock: c.clock }) });
    c.add('d', 'phone', { plugins: [tracing] });
    expect(() => c.add('e', 'phone', { plugins: [tracing] })).toThrow(/one per node/);
    const resilience = new ResiliencePlugin();
    c.add('f', 'phone', { plugins: [resilience] });
    expect(() => c.add('g', 'phone', { plugins: [resilience] })).toThrow(/one per node/);
  });

  it('lets each part of the tracing plugin be switched off', async () => {
    const c = new MeshCluster({ seed: 'tracing-parts' });
    const exporter = new InMemorySpanExporter();
    const tracer = new TracerProvider({ random: new SeededRandom('ids'), clock: c.clock, processors: [new SimpleSpanProcessor(exporter)] });
    const node = c.add('tv', 'tv', { tracing: { tracer, inbound: false, gateway: false }, gateway: { routes: [{ path: '/e', target: { service: 'echo' } }] } });
    node.provide('echo', () => Promise.resolve(MeshResponse.json('ok')));
    await c.startAll();
    await c.settle(node.request(new MeshRequest({ path: '/e' })));
    expect((exporter.getFinishedSpans() as RecordingSpan[]).map((s) => s.kind)).toEqual([SpanKind.CLIENT]);
    expect(node.gateway.middleware()).toEqual([]);
  });
});
