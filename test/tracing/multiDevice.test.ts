import { describe, expect, it } from 'vitest';
import { MeshError } from '../../sdk/src/main/ets/core/index';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  Envelope, EnvelopeKind, FixedLatency, MeshRequest, MeshResponse, SimNetwork, SimTransport,
} from '../../sdk/src/main/ets/transport/index';
import {
  BatchSpanProcessor, encodeJaegerJson, encodeOtlpJson, endRpcSpan, InMemorySpanExporter, RecordHeaderCarrier, RecordingSpan,
  SpanKind, startClientSpan, startDeliverySpan, startPublishSpan, startServerSpan, TraceResource, Tracer, TracerProvider,
} from '../../sdk/src/main/ets/tracing/index';

// gateway (phone) -> service A (device 1) -> service B (device 2) -> publish -> consumer (device 3),
// each device with its own TracerProvider and seeded ids, all on one VirtualClock and SimNetwork.
const T0 = 1_704_067_200_000;

interface Device { id: string; transport: SimTransport; tracer: Tracer; provider: TracerProvider }

const setup = () => {
  const clock = new VirtualClock({ startTime: T0 });
  const net = new SimNetwork({ clock, random: new SeededRandom('net'), serialize: true });
  net.setLinkConditions('phone', 'dev1', { latency: new FixedLatency(5) }, true);
  net.setLinkConditions('dev1', 'dev2', { latency: new FixedLatency(8) }, true);
  net.setLinkConditions('dev2', 'dev3', { latency: new FixedLatency(12) }, true);
  const exporter = new InMemorySpanExporter();
  const processors: BatchSpanProcessor[] = [];
  const device = (id: string, service: string): Device => {
    const processor = new BatchSpanProcessor(exporter, { clock, scheduledDelayMs: 1000 });
    processors.push(processor);
    const provider = new TracerProvider({
      random: new SeededRandom(`ids-${id}`), clock, processors: [processor], resource: TraceResource.forService(service, id),
    });
    return { id, transport: net.attach(id), tracer: provider.getTracer('arkmesh'), provider };
  };
  return { clock, net, exporter, processors, phone: device('phone', 'gateway'), dev1: device('dev1', 'service-a'), dev2: device('dev2', 'service-b'), dev3: device('dev3', 'consumer') };
};

const wait = (clock: VirtualClock, ms: number) => new Promise<void>((r) => clock.setTimer(ms, r));

/** A mesh call over the simulated transport, traced the way MeshNode.call will trace it. */
const call = async (from: Device, to: string, service: string, request: MeshRequest, parent: RecordingSpan, clock: VirtualClock): Promise<MeshResponse> => {
  const span = startClientSpan(from.tracer, service, request, { parent: parent.spanContext(), peerDevice: to });
  try {
    const reply = await from.transport.request(to, 'mesh.call', { service, path: request.path }, request.headers.toRecord(), clock.now() + 1000);
    const response = new MeshResponse({ status: Number(reply.headers['status'] ?? '200') });
    endRpcSpan(span, SpanKind.CLIENT, response);
    return response;
  } catch (e) {
    endRpcSpan(span, SpanKind.CLIENT, undefined, e as Error);
    throw e;
  }
};

/** Serves mesh.call on a device: a SERVER span continuing the caller's trace, then `work`. */
const serve = (dev: Device, service: string, work: (server: RecordingSpan) => Promise<void>) => {
  dev.transport.onRequest('mesh.call', async (env: Envelope) => {
    const request = new MeshRequest({ method: 'POST', path: String((env.body as { path: string }).path), headers: env.headers });
    const span = startServerSpan(dev.tracer, service, request, { peerDevice: env.from }) as RecordingSpan;
    await work(span);
    const response = new MeshResponse({ status: 200 });
    endRpcSpan(span, SpanKind.SERVER, response);
    return Envelope.replyTo(env, { status: '200' }, null);
  });
};

describe('a trace across four devices on SimNetwork', () => {
  it('exports one connected tree with correct parents and VirtualClock timings', async () => {
    const { clock, exporter, processors, phone, dev1, dev2, dev3 } = setup();
    serve(dev1, 'service-a', async (server) => {
      await wait(clock, 3);
      await call(dev1, 'dev2', 'service-b', new MeshRequest({ method: 'POST', path: '/reserve' }), server, clock);
      await wait(clock, 2);
    });
    serve(dev2, 'service-b', async (server) => {
      await wait(clock, 4);
      const headers: Record<string, string> = {};
      const publish = startPublishSpan(dev2.tracer, 'orders', new RecordHeaderCarrier(headers), { parent: server.spanContext(), messageId: 'm-1' });
      dev2.transport.send(EnvelopeKind.ONEWAY, 'dev3', 'queue.deliver', { order: 7 }, headers);
      await wait(clock, 1);
      publish.end();
    });
    const delivered = new Promise<void>((resolve) => {
      dev3.transport.onMessage('queue.deliver', (env: Envelope) => {
        const span = startDeliverySpan(dev3.tracer, 'orders', new RecordHeaderCarrier(env.headers), { consumerGroup: 'billing', messageId: 'm-1' });
        clock.setTimer(6, () => { span.end(); resolve(); });
      });
    });

    // The gateway receives an untraced request and starts the trace.
    const incoming = new MeshRequest({ method: 'GET', path: '/checkout' });
    const root = startServerSpan(phone.tracer, 'gateway', incoming, { operation: '/checkout' }) as RecordingSpan;
    const done = call(phone, 'dev1', 'service-a', new MeshRequest({ method: 'POST', path: '/order' }), root, clock)
      .then((res) => endRpcSpan(root, SpanKind.SERVER, res));
    await clock.advance(100);
    await done;
    await delivered;
    await Promise.all(processors.map((p) => p.forceFlush()));

    const spans = exporter.getFinishedSpans() as RecordingSpan[];
    expect(spans).toHaveLength(7);
    const traceIds = new Set(spans.map((s) => s.spanContext().traceId));
    expect(traceIds.size).toBe(1);
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const find = (service: string, kind: SpanKind) => spans.find((s) => s.resource.serviceName === service && s.kind === kind)!;
    const gwServer = find('gateway', SpanKind.SERVER);
    const gwClient = find('gateway', SpanKind.CLIENT);
    const aServer = find('service-a', SpanKind.SERVER);
    const aClient = find('service-a', SpanKind.CLIENT);
    const bServer = find('service-b', SpanKind.SERVER);
    const publish = find('service-b', SpanKind.PRODUCER);
    const consume = find('consumer', SpanKind.CONSUMER);
    // One connected tree: every span but the root has its parent in the export.
    const chain = [gwServer, gwClient, aServer, aClient, bServer, publish, consume];
    expect(gwServer.parentSpanId).toBeUndefined();
    for (let i = 1; i < chain.length; i++) {
      expect(chain[i].parentSpanId, chain[i].name).toBe(chain[i - 1].spanContext().spanId);
      expect(byId.has(chain[i].parentSpanId!)).toBe(true);
    }
    // Remote parents are marked as such where the trace crossed a device.
    expect([aServer, bServer, consume].every((s) => s.parentIsRemote)).toBe(true);
    expect([gwClient, aClient, publish].every((s) => !s.parentIsRemote)).toBe(true);
    // Timings: 5 ms phone<->dev1, 8 ms dev1<->dev2, 12 ms dev2->dev3; A works 3 ms before and 2 ms
    // after its call, B 4 ms then publishes (1 ms), the consumer works 6 ms.
    const t = (s: RecordingSpan) => [s.startTime - T0, s.endTime - T0];
    expect(t(gwServer)).toEqual([0, 36]);
    expect(t(gwClient)).toEqual([0, 36]);
    expect(t(aServer)).toEqual([5, 31]);
    expect(t(aClient)).toEqual([8, 29]);
    expect(t(bServer)).toEqual([16, 21]);
    expect(t(publish)).toEqual([20, 21]);
    expect(t(consume)).toEqual([32, 38]);
    expect(aServer.attributes['arkmesh.peer.device']).toBe('phone');
    expect(consume.attributes['messaging.consumer.group.name']).toBe('billing');
    expect(gwServer.name).toBe('gateway GET /checkout');
    expect(gwServer.attributes['http.response.status_code']).toBe(200);

    // The same tree in the export formats: one OTLP resource per device, one Jaeger trace.
    const otlp = encodeOtlpJson(spans) as { resourceSpans: unknown[] };
    expect(otlp.resourceSpans).toHaveLength(4);
    const jaeger = encodeJaegerJson(spans) as { data: { spans: unknown[]; processes: Record<string, unknown> }[] };
    expect(jaeger.data).toHaveLength(1);
    expect(Object.keys(jaeger.data[0].processes)).toHaveLength(4);
  });

  it('records a failed downstream call as an error on both sides and keeps the tree', async () => {
    const { clock, exporter, processors, phone, dev1 } = setup();
    dev1.transport.onRequest('mesh.call', async (env: Envelope) => {
      const request = new MeshRequest({ headers: env.headers });
      const span = startServerSpan(dev1.tracer, 'service-a', request);
      const error = new MeshError('ERR_NO_HEALTHY_INSTANCE', 'no instance');
      endRpcSpan(span, SpanKind.SERVER, undefined, error);
      throw error;
    });
    const root = startServerSpan(phone.tracer, 'gateway', new MeshRequest({ path: '/x' })) as RecordingSpan;
    const failed = call(phone, 'dev1', 'service-a', new MeshRequest({ path: '/x' }), root, clock).catch((e) => e);
    await clock.advance(50);
    const err = await failed;
    expect(err.code).toBe('ERR_NO_HEALTHY_INSTANCE');
    root.end();
    await Promise.all(processors.map((p) => p.forceFlush()));
    const spans = exporter.getFinishedSpans() as RecordingSpan[];
    const client = spans.find((s) => s.kind === SpanKind.CLIENT)!;
    const server = spans.find((s) => s.kind === SpanKind.SERVER && s.resource.serviceName === 'service-a')!;
    expect(server.parentSpanId).toBe(client.spanContext().spanId);
    expect(client.status.code).toBe(2);
    expect(client.attributes['error.type']).toBe('ERR_NO_HEALTHY_INSTANCE');
    expect(server.attributes['error.type']).toBe('ERR_NO_HEALTHY_INSTANCE');
  });
});
