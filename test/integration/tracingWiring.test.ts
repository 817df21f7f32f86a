// The tracing plugin on MeshNodes: a gateway request -> service A on device 1 -> service B on
// device 2 exports one connected trace tree with correct parents and VirtualClock timings;
// unsampled traces stay unsampled everywhere; retries, failed attempts and breaker rejections
// are events on the client span; local calls get a client/server pair too.
import { describe, expect, it } from 'vitest';
import { ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import { SeededRandom } from '../../sdk/src/main/ets/platform/index';
import { RoundRobinBalancer } from '../../sdk/src/main/ets/registry/index';
import { FixedLatency, MeshRequest, MeshResponse } from '../../sdk/src/main/ets/transport/index';
import {
  AlwaysOffSampler, encodeJaegerJson, encodeOtlpJson, InMemorySpanExporter, ParentBasedSampler, RecordingSpan, SimpleSpanProcessor,
  SpanKind, TraceResource, TracerProvider, parseTraceparent,
} from '../../sdk/src/main/ets/tracing/index';
import { RequestIdMiddleware } from '../../sdk/src/main/ets/gateway/index';
import { standardPlugins, type MeshNode, type MeshNodeOptions, type ServiceContext } from '../../sdk/src/main/ets/mesh/index';
import { MeshCluster } from '../mesh/meshCluster';

const wait = (c: MeshCluster, ms: number) => new Promise<void>((r) => c.clock.setTimer(ms, r));

/** phone (gateway) -> dev1 (service-a) -> dev2 (service-b), each with its own TracerProvider. */
const setup = async (sampled = true) => {
  const c = new MeshCluster({ seed: 'tracing-wiring', conditions: { latency: new FixedLatency(5) } });
  c.net.setLinkConditions('dev1', 'dev2', { latency: new FixedLatency(8) }, true);
  const exporter = new InMemorySpanExporter();
  const providers: TracerProvider[] = [];
  const traced = (id: string, extra: Partial<MeshNodeOptions> = {}): MeshNode => {
    const provider = new TracerProvider({
      random: new SeededRandom(`ids-${id}`), clock: c.clock, processors: [new SimpleSpanProcessor(exporter)],
      resource: TraceResource.forService(id, id), sampler: sampled ? undefined : new ParentBasedSampler({ root: new AlwaysOffSampler() }),
    });
    providers.push(provider);
    return c.add(id, 'phone', { tracing: { tracer: provider }, ...extra });
  };
  const phone = traced('phone', {
    gateway: { routes: [{ method: 'POST', path: '/checkout/:cart', target: { service: 'service-a', rewrite: '/order/:cart' } }], middleware: [new RequestIdMiddleware()] },
  });
  const dev1 = traced('dev1');
  const dev2 = traced('dev2');
  const seenByB: string[] = [];
  dev1.provide('service-a', async (req: MeshRequest, ctx: ServiceContext) => {
    await wait(c, 3);
    const res = await dev1.call('service-b', new MeshRequest({ method: 'POST', path: '/reserve' }), { parent: ctx.spanContext });
    await wait(c, 2);
    return MeshResponse.json({ reserved: res.body as never });
  });
  dev2.provide('service-b', async (req: MeshRequest) => {
    seenByB.push(req.headers.get('traceparent') ?? '');
    await wait(c, 4);
    return MeshResponse.json('ok');
  });
  await c.startAll();
  await c.until(() => c.sees('service-a', 1) && c.sees('service-b', 1));
  exporter.reset();
  return { c, exporter, providers, phone, dev1, dev2, seenByB };
};

describe('tracing plugin across devices', () => {
  it('exports one connected tree: gateway -> A (device 1) -> B (device 2), with VirtualClock timings', async () => {
    const { c, exporter, phone, seenByB } = await setup();
    const t0 = c.clock.now();
    const res = await c.settle(phone.request(new MeshRequest({ method: 'POST', path: '/checkout/c-9' })), 1000, 1);
    expect(res.status).toBe(200);
    const spans = exporter.getFinishedSpans() as RecordingSpan[];
    expect(spans).toHaveLength(5);
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
    const find = (device: string, kind: SpanKind) => spans.find((s) => s.resource.serviceName === device && s.kind === kind)!;
    const gw = find('phone', SpanKind.SERVER);
    const gwClient = find('phone', SpanKind.CLIENT);
    const aServer = find('dev1', SpanKind.SERVER);
    const aClient = find('dev1', SpanKind.CLIENT);
    const bServer = find('dev2', SpanKind.SERVER);
    const chain = [gw, gwClient, aServer, aClient, bServer];
    expect(gw.parentSpanId).toBeUndefined();
    for (let i = 1; i < chain.length; i++) expect(chain[i].parentSpanId, chain[i].name).toBe(chain[i - 1].spanContext().spanId);
    expect(chain.map((s) => s.parentIsRemote)).toEqual([false, false, true, false, true]);
    // 5 ms phone<->dev1, 8 ms dev1<->dev2; A works 3 ms before and 2 ms after its call, B 4 ms.
    expect(chain.map((s) => [s.startTime - t0, s.endTime - t0])).toEqual([[0, 35], [0, 35], [5, 30], [8, 28], [16, 20]]);
    expect(gw.name).toBe('gateway POST /checkout/:cart');
    expect(gw.attributes['http.route']).toBe('/checkout/:cart');
    expect(gw.attributes['arkmesh.request.id']).toBe(res.headers.get('x-request-id'));
    expect(gw.attributes['http.response.status_code']).toBe(200);
    expect(gwClient.name).toBe('service-a POST /order/c-9');
    expect(gwClient.attributes).toMatchObject({
      'rpc.system': 'arkmesh', 'rpc.service': 'service-a', 'arkmesh.peer.device': 'dev1', 'arkmesh.instance.id': 'service-a@dev1',
      'arkmesh.route.id': 'POST /checkout/:cart',
    });
    expect(aServer.attributes['arkmesh.peer.device']).toBe('phone');
    expect(bServer.attributes['arkmesh.peer.device']).toBe('dev1');
    // B's handler sees its own server span in the request headers (forwarded headers parent under it).
    expect(parseTraceparent(seenByB[0])!.spanId).toBe(bServer.spanContext().spanId);
    // The same tree in the export formats: one OTLP resource per device, one Jaeger trace.
    expect((encodeOtlpJson(spans) as { resourceSpans: unknown[] }).resourceSpans).toHaveLength(3);
    expect((encodeJaegerJson(spans) as { data: unknown[] }).data).toHaveLength(1);
  });

  it('keeps an unsampled trace unsampled on every device, with one trace id and no spans', async () => {
    const { c, exporter, phone, seenByB } = await setup(false);
    const res = await c.settle(phone.request(new MeshRequest({ method: 'POST', path: '/checkout/c-1' })), 1000, 1);
    expect(res.status).toBe(200);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    const tp = parseTraceparent(seenByB[0])!;
    expect(tp.isSampled).toBe(false);
    expect(tp.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('records failed attempts, retries and breaker rejections as events on the client span', async () => {
    const c = new MeshCluster({ seed: 'tracing-events', conditions: { latency: new FixedLatency(5) } });
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({ random: new SeededRandom('ids'), clock: c.clock, processors: [new SimpleSpanProcessor(exporter)] });
    const phone = c.add('phone', 'phone', {
      balancer: () => new RoundRobinBalancer(), outlierDetection: { ejectionFailures: 1000, warningFailures: 1000 },
      plugins: standardPlugins({
        tracing: { tracer: provider }, resilience: { profile: { maxAttempts: 2, breaker: { consecutiveFailures: 2, openDurationMs: 60000 } } },
      }),
    });
    c.add('tv1', 'tv').provide('photos', () => Promise.reject(new MeshError(ErrorCode.UPSTREAM, 'broken')));
    c.add('tv2', 'tv').provide('photos', () => Promise.resolve(MeshResponse.json('ok')));
    await c.startAll();
    await c.until(() => c.sees('photos', 2));
    exporter.reset();
    for (let i = 0; i < 6; i++) await c.settle(phone.call('photos', new MeshRequest()));
    const clients = (exporter.getFinishedSpans() as RecordingSpan[]).filter((s) => s.kind === SpanKind.CLIENT);
    expect(clients).toHaveLength(6);
    const retried = clients.filter((s) => s.events.some((e) => e.name === 'arkmesh.retry'));
    expect(retried.length).toBeGreaterThan(0);
    const one = retried[0];
    expect(one.events.map((e) => e.name)).toEqual(['arkmesh.attempt.failed', 'arkmesh.retry']);
    expect(one.events[0].attributes).toMatchObject({ 'error.type': 'ERR_UPSTREAM', 'arkmesh.attempt': 1, 'arkmesh.instance.id': 'photos@tv1' });
    expect(one.events[1].attributes).toMatchObject({ 'arkmesh.attempt': 2, 'arkmesh.instance.id': 'photos@tv2' });
    expect(one.status.code).toBe(0);                             // the call itself succeeded: UNSET, not ERROR
    expect(one.attributes['arkmesh.peer.device']).toBe('tv2');

    // tv1's breaker is open and tv1 out of discovery. When tv2 dies, tv1 comes back (its breaker
    // answers rather than discovery finding nothing), and the rejection is an event on the span.
    expect(phone.registry.discover('photos').map((i) => i.deviceId)).toEqual(['tv2']);
    c.crash('tv2');
    await c.until(() => phone.registry.get('photos@tv2') === undefined, 30000);
    expect(phone.registry.discover('photos').map((i) => i.deviceId)).toEqual(['tv1']);
    exporter.reset();
    await c.settle(phone.call('photos', new MeshRequest())).catch(() => undefined);
    const rejected = (exporter.getFinishedSpans() as RecordingSpan[]).find((s) => s.kind === SpanKind.CLIENT)!;
    const breakerEvents = rejected.events.filter((e) => e.name === 'arkmesh.breaker.rejected');
    expect(breakerEvents.length).toBeGreaterThan(0);
    expect(breakerEvents[0].attributes).toMatchObject({ 'arkmesh.breaker.name': 'photos@tv1', 'arkmesh.breaker.state': 'open' });
    expect(rejected.status.code).toBe(2);
    expect(rejected.attributes['error.type']).toBe('ERR_BREAKER_OPEN');
  });

  it('pairs client and server spans of a local call, with a local parent', async () => {
    const c = new MeshCluster({ seed: 'tracing-local' });
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({ random: new SeededRandom('ids'), clock: c.clock, processors: [new SimpleSpanProcessor(exporter)] });
    const node = c.add('tv', 'tv', { tracing: { tracer: provider, captureHeaders: ['x-tenant', 'authorization'] } });
    let forwarded: string | undefined;
    node.provide('inner', async (req) => { forwarded = req.headers.get('traceparent'); return MeshResponse.json('in'); });
    node.provide('outer', async (req, ctx) => {
      // Passing the parent explicitly is the reliable way; a local call shares the caller's headers.
      await node.call('inner', new MeshRequest(), { parent: ctx.spanContext });
      return MeshResponse.json('out');
    });
    await c.startAll();
    const res = await c.settle(node.call('outer', new MeshRequest({ headers: { 'x-tenant': 'acme', authorization: 'Bearer abc.def.ghi' } })));
    expect(res.body).toBe('out');
    const spans = exporter.getFinishedSpans() as RecordingSpan[];
    expect(spans.map((s) => [s.kind, s.attributes['rpc.service']])).toEqual([
      [SpanKind.SERVER, 'inner'], [SpanKind.CLIENT, 'inner'], [SpanKind.SERVER, 'outer'], [SpanKind.CLIENT, 'outer'],
    ]);
    const byName = (kind: SpanKind, service: string) => spans.find((s) => s.kind === kind && s.attributes['rpc.service'] === service)!;
    const outerClient = byName(SpanKind.CLIENT, 'outer');
    const outerServer = byName(SpanKind.SERVER, 'outer');
    const innerClient = byName(SpanKind.CLIENT, 'inner');
    const innerServer = byName(SpanKind.SERVER, 'inner');
    expect(outerServer.parentSpanId).toBe(outerClient.spanContext().spanId);
    expect(innerClient.parentSpanId).toBe(outerServer.spanContext().spanId);
    expect(innerServer.parentSpanId).toBe(innerClient.spanContext().spanId);
    expect([outerServer, innerServer].map((s) => s.parentIsRemote)).toEqual([false, false]);
    expect(parseTraceparent(forwarded!)!.spanId).toBe(innerClient.spanContext().spanId);
    expect(outerClient.attributes['http.request.header.x-tenant']).toBe('acme');
    expect(outerClient.attributes['http.request.header.authorization']).toBe('[REDACTED]');
  });

  it('lets a remote handler that forwards its request headers continue under its server span', async () => {
    const { c, exporter, phone, dev1 } = await setup();
    dev1.provide('relay', async (req) => dev1.call('service-b', new MeshRequest({ path: '/fwd', headers: req.headers.toRecord() })));
    await c.until(() => phone.registry.discover('relay').length === 1);
    exporter.reset();
    await c.settle(phone.call('relay', new MeshRequest()), 1000, 1);
    const spans = exporter.getFinishedSpans() as RecordingSpan[];
    const relayServer = spans.find((s) => s.kind === SpanKind.SERVER && s.attributes['rpc.service'] === 'relay')!;
    const fwdClient = spans.find((s) => s.kind === SpanKind.CLIENT && s.attributes['rpc.service'] === 'service-b')!;
    expect(fwdClient.parentSpanId).toBe(relayServer.spanContext().spanId);
    expect(fwdClient.parentIsRemote).toBe(true);                 // it came through headers
  });

  it('names unrouted gateway spans without the raw path and keeps 4xx out of ERROR', async () => {
    const { c, exporter, phone } = await setup();
    const res = await c.settle(phone.request(new MeshRequest({ method: 'GET', path: '/users/12345' })));
    expect(res.status).toBe(404);
    const [span] = exporter.getFinishedSpans() as RecordingSpan[];
    expect(span.name).toBe('gateway GET');
    expect(span.status.code).toBe(0);
    expect(span.attributes['error.type']).toBe('ERR_NO_ROUTE');
    expect(span.attributes['http.response.status_code']).toBe(404);
  });
});
