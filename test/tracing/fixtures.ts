import { Headers, MeshError } from '../../sdk/src/main/ets/core/index';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor, SpanContext, SpanKind, SpanLink, SpanStatusCode,
  TraceContextPropagator, TraceResource, TracerProvider,
} from '../../sdk/src/main/ets/tracing/index';

/**
 * A small deterministic two-device trace used by the exporter golden tests: a server span continuing
 * a remote parent (with tracestate), a client span with every attribute type, an event, an exception,
 * a link and an error status, and a server span on a second device.
 */
export const buildFixtureSpans = async (): Promise<ReadableSpan[]> => {
  const clock = new VirtualClock({ startTime: 1_704_067_200_123 });
  const exporter = new InMemorySpanExporter();
  const phone = new TracerProvider({
    random: new SeededRandom('golden-phone'), clock, processors: [new SimpleSpanProcessor(exporter)],
    resource: TraceResource.forService('gateway', 'phone-1', '1.2.0'),
  });
  const tv = new TracerProvider({
    random: new SeededRandom('golden-tv'), clock, processors: [new SimpleSpanProcessor(exporter)],
    resource: TraceResource.forService('media.player', 'tv-1'),
  });
  const propagator = new TraceContextPropagator();
  const incoming = Headers.from({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'rojo=00f067aa0ba902b7' });
  const gw = phone.getTracer('arkmesh.gateway', '0.1.0');
  const server = gw.startSpan('GET /play', { kind: SpanKind.SERVER, parent: propagator.extract(incoming), attributes: { 'http.request.method': 'GET', 'url.path': '/play' } });
  await clock.advance(2);
  const client = phone.getTracer('arkmesh.mesh').startSpan('media.player GET /play', {
    kind: SpanKind.CLIENT, parent: server.spanContext(),
    links: [new SpanLink(new SpanContext('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331', 1), { 'link.kind': 'batch' })],
  });
  client.setAttributes({ 'rpc.system': 'arkmesh', 'retry.count': 2, 'latency.ratio': 0.25, 'cache.hit': false, 'tags': ['a', 'b'], 'codes': [200, 503], 'flags': [true, false] });
  client.addEvent('breaker.half_open', { 'arkmesh.breaker.name': 'media' });
  await clock.advance(0.5);
  const headers = new Headers();
  propagator.inject(client.spanContext(), headers);
  const remote = tv.getTracer('arkmesh.mesh').startSpan('media.player GET /play', { kind: SpanKind.SERVER, parent: propagator.extract(headers) });
  await clock.advance(3);
  remote.setStatus(SpanStatusCode.OK);
  remote.end();
  await clock.advance(1);
  client.recordException(new MeshError('ERR_UPSTREAM', 'player crashed'));
  client.setStatus(SpanStatusCode.ERROR, 'player crashed');
  client.end();
  server.setAttribute('http.response.status_code', 502);
  await clock.advance(1.25);
  server.end();
  await phone.forceFlush();
  await tv.forceFlush();
  return exporter.getFinishedSpans();
};

/** Replaces stack traces (machine-specific) so payloads can be compared with golden files. */
export const stableStacks = (spans: ReadableSpan[]): ReadableSpan[] => {
  for (const s of spans) {
    for (const e of s.events) {
      if (e.attributes['exception.stacktrace'] !== undefined) e.attributes['exception.stacktrace'] = 'MeshError: player crashed\n    at <stack>';
    }
  }
  return spans;
};
