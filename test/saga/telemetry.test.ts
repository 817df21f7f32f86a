import { describe, expect, it } from 'vitest';
import { MemoryStore, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { MeshResponse, SimNetwork } from '../../sdk/src/main/ets/transport/index';
import { MeshNode } from '../../sdk/src/main/ets/mesh/index';
import {
  InMemorySpanExporter, SimpleSpanProcessor, SpanStatusCode, TracerProvider, parseTraceparent, type ReadableSpan,
} from '../../sdk/src/main/ets/tracing/index';
import { MeterProvider, RedMetricName, RedMetrics } from '../../sdk/src/main/ets/metrics/index';
import { SagaAction, SagaDefinitionBuilder, SagaOrchestrator, SagaStatus } from '../../sdk/src/main/ets/saga/index';
import { drive, rig, scripted } from './harness';

const tracing = (clockSeed: string) => {
  const exporter = new InMemorySpanExporter();
  return { exporter, processor: new SimpleSpanProcessor(exporter), seed: clockSeed };
};

describe('saga telemetry', () => {
  it('makes the execution a span and each attempt a child span; calls carry the step span', async () => {
    const t = tracing('spans');
    const r = rig();
    const provider = new TracerProvider({ random: new SeededRandom('ids'), clock: r.clock, processors: [t.processor] });
    r.restart({ tracer: provider.getTracer('arkmesh.saga') });
    const seenTraceparents: string[] = [];
    const def = new SagaDefinitionBuilder('traced', 1)
      .step({ name: 'a', action: scripted(r.rec, r.clock, 'a', ['fail', 'ok']), compensation: scripted(r.rec, r.clock, 'a', ['ok'], true) })
      .step({ name: 'b', action: SagaAction.local(async (ctx) => { seenTraceparents.push(ctx.traceparent!); throw new Error('boom'); }), retry: { maxAttempts: 1 } })
      .build();
    const e = await drive(r.clock, r.orch.run(def, null));
    expect(e.status).toBe(SagaStatus.COMPENSATED);
    const spans = t.exporter.getFinishedSpans();
    const names = spans.map((s: ReadableSpan) => s.name);
    expect(names).toEqual(['saga step a', 'saga step a', 'saga step b', 'saga compensate a', 'saga traced']);
    const root = spans.at(-1)!;
    expect(root.attributes['arkmesh.saga.id']).toBe(e.id);
    expect(root.status.code).toBe(SpanStatusCode.ERROR);
    for (const s of spans.slice(0, -1)) {
      expect(s.spanContext().traceId).toBe(root.spanContext().traceId);
      expect(s.parentSpanId).toBe(root.spanContext().spanId);
    }
    expect(spans.map((s) => s.attributes['arkmesh.saga.attempt'])).toEqual([1, 2, 1, 1, undefined]);
    expect(spans[0].status.code).toBe(SpanStatusCode.ERROR);
    expect(spans[1].status.code).toBe(SpanStatusCode.OK);
    expect(spans[3].attributes['arkmesh.saga.compensation']).toBe(true);
    expect(parseTraceparent(seenTraceparents[0])!.spanId).toBe(spans[2].spanContext().spanId);
    expect(e.traceparent).toBe(`00-${root.spanContext().traceId}-${root.spanContext().spanId}-01`);
  });

  it('continues the same trace after a restart (the traceparent is in the log)', async () => {
    const t = tracing('recover');
    const r = rig();
    const provider = new TracerProvider({ random: new SeededRandom('ids'), clock: r.clock, processors: [t.processor] });
    r.restart({ tracer: provider.getTracer('arkmesh.saga') });
    const def = new SagaDefinitionBuilder('long', 1)
      .step({ name: 'a', action: scripted(r.rec, r.clock, 'a', [{ delayMs: 1000 }]) })
      .build();
    const id = await drive(r.clock, r.orch.start(def, null));
    await r.clock.advance(100);
    const logged = (await r.orch.get(id))!.traceparent!;
    const fresh = r.restart({ tracer: provider.getTracer('arkmesh.saga'), definitions: [def] });
    await drive(r.clock, fresh.recover());
    await drive(r.clock, fresh.wait(id));
    const spans = t.exporter.getFinishedSpans();
    const traceId = parseTraceparent(logged)!.traceId;
    expect(spans.every((s) => s.spanContext().traceId === traceId)).toBe(true);
    const sagas = spans.filter((s) => s.name === 'saga long');
    expect(sagas).toHaveLength(2);
    expect(sagas[0].attributes['arkmesh.saga.interrupted']).toBe(true);
    const recovered = sagas.find((s) => s.attributes['arkmesh.saga.recovered'] === true)!;
    expect(recovered.parentSpanId).toBe(parseTraceparent(logged)!.spanId);
    expect(recovered.status.code).toBe(SpanStatusCode.OK);
  });

  it('counts and times settled executions with RedMetrics', async () => {
    const r = rig();
    const provider = new MeterProvider({ clock: r.clock });
    const red = new RedMetrics(provider.getMeter('arkmesh'));
    r.restart({ metrics: red });
    const ok = new SagaDefinitionBuilder('checkout', 1).step({ name: 'a', action: scripted(r.rec, r.clock, 'a', [{ delayMs: 120 }]) }).build();
    const bad = new SagaDefinitionBuilder('checkout', 2).step({ name: 'a', action: scripted(r.rec, r.clock, 'a', ['reject']) }).build();
    await drive(r.clock, r.orch.run(ok, null));
    await drive(r.clock, r.orch.run(ok, null));
    await drive(r.clock, r.orch.run(bad, null));
    const snap = provider.collect();
    expect(snap.point(RedMetricName.SAGAS, { saga: 'checkout', outcome: 'completed' })!.value).toBe(2);
    expect(snap.point(RedMetricName.SAGAS, { saga: 'checkout', outcome: 'compensated' })!.value).toBe(1);
    expect(snap.point(RedMetricName.SAGA_DURATION, { saga: 'checkout', outcome: 'completed' })!.histogram!.sum).toBe(240);
  });
});

describe('saga telemetry through the node\'s standard plugins', () => {
  it('takes the tracer and RED metrics of the node; a step\'s call is a child of the step span, across devices', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const random = new SeededRandom('wired');
    const net = new SimNetwork({ clock, random: random.fork('net') });
    const exporter = new InMemorySpanExporter();
    const processor = new SimpleSpanProcessor(exporter);
    const provider = (id: string) => new TracerProvider({ random: new SeededRandom(`ids-${id}`), clock, processors: [processor] });
    const meters = new MeterProvider({ clock });
    const phone = MeshNode.create({ deviceId: 'phone', deviceType: 'phone', transport: net.attach('phone'), clock, random: random.fork('p'), store: new MemoryStore(), seeds: ['tv'],
      tracing: { tracer: provider('phone').getTracer('arkmesh') }, metrics: { meterProvider: meters } });
    const tv = MeshNode.create({ deviceId: 'tv', deviceType: 'tv', transport: net.attach('tv'), clock, random: random.fork('t'), seeds: ['phone'],
      tracing: { tracer: provider('tv').getTracer('arkmesh') } });
    tv.provide('media.tv', async () => MeshResponse.json({ ok: true }));
    await phone.start();
    await tv.start();
    for (let i = 0; i < 100 && phone.registry.discover('media.tv').length === 0; i++) await clock.advance(100);
    const sagas = new SagaOrchestrator({ node: phone });
    const def = new SagaDefinitionBuilder('wired', 1).step({ name: 'play', action: SagaAction.call('media.tv', { path: '/play' }) }).build();
    const e = await drive(clock, sagas.run(def, null));
    expect(e.status).toBe(SagaStatus.COMPLETED);
    const spans = exporter.getFinishedSpans();
    const saga = spans.find((s) => s.name === 'saga wired')!;
    const step = spans.find((s) => s.name === 'saga step play')!;
    const client = spans.find((s) => s.kind === 3 /* CLIENT */)!;
    const server = spans.find((s) => s.kind === 2 /* SERVER */)!;
    expect(step.parentSpanId).toBe(saga.spanContext().spanId);
    expect(client.parentSpanId).toBe(step.spanContext().spanId);
    expect(server.parentSpanId).toBe(client.spanContext().spanId);
    expect(new Set([saga, step, client, server].map((s) => s.spanContext().traceId)).size).toBe(1);
    expect(meters.collect().point(RedMetricName.SAGAS, { saga: 'wired', outcome: 'completed' })!.value).toBe(1);
  });
});
