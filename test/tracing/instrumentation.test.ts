import { describe, expect, it } from 'vitest';
import { Headers, MeshError } from '../../sdk/src/main/ets/core/index';
import { MeshRequest, MeshResponse } from '../../sdk/src/main/ets/transport/index';
import {
  AlwaysOffSampler, BREAKER_REJECTED_EVENT, endRpcSpan, formatTraceparent, parseTraceparent, RecordHeaderCarrier, RecordingSpan,
  recordBreakerRejection, SpanKind, SpanStatusCode, startClientSpan, startDeliverySpan, startPublishSpan, startSagaSpan,
  startSagaStepSpan, startServerSpan,
} from '../../sdk/src/main/ets/tracing/index';
import { finished, setupTracing } from './helpers';

describe('RPC span helpers', () => {
  it('client span: semantic attributes, injects its context, continues an existing traceparent', () => {
    const { provider } = setupTracing();
    const tracer = provider.getTracer('mesh');
    const req = new MeshRequest({ method: 'post', path: '/users/42', headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', authorization: 'Bearer x', 'x-tenant': 'acme' } });
    const span = startClientSpan(tracer, 'users', req, { operation: '/users/:id', peerDevice: 'tv-1', captureHeaders: ['Authorization', 'X-Tenant'] }) as RecordingSpan;
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.name).toBe('users POST /users/:id');
    expect(span.parentSpanId).toBe('00f067aa0ba902b7');
    expect(span.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(span.attributes).toEqual({
      'rpc.system': 'arkmesh', 'rpc.service': 'users', 'rpc.method': '/users/:id', 'http.request.method': 'POST', 'url.path': '/users/42',
      'http.route': '/users/:id', 'arkmesh.peer.device': 'tv-1', 'http.request.header.authorization': '[REDACTED]', 'http.request.header.x-tenant': 'acme',
    });
    expect(req.headers.get('traceparent')).toBe(formatTraceparent(span.spanContext()));
  });

  it('server span continues the caller; an invalid traceparent starts a new trace', () => {
    const { provider } = setupTracing();
    const tracer = provider.getTracer('mesh');
    const caller = startClientSpan(tracer, 'svc', new MeshRequest({ path: '/a' }));
    const req = new MeshRequest({ path: '/a' });
    req.headers.set('traceparent', formatTraceparent(caller.spanContext()));
    const server = startServerSpan(tracer, 'svc', req) as RecordingSpan;
    expect(server.parentSpanId).toBe(caller.spanContext().spanId);
    expect(server.parentIsRemote).toBe(true);
    // The request now carries the server span, so calls made with its headers become its children.
    const downstream = startClientSpan(tracer, 'next', new MeshRequest({ headers: req.headers.toRecord() })) as RecordingSpan;
    expect(downstream.parentSpanId).toBe(server.spanContext().spanId);
    const bad = new MeshRequest({ headers: { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' } });
    const fresh = startServerSpan(tracer, 'svc', bad) as RecordingSpan;
    expect(fresh.parentSpanId).toBeUndefined();
    expect(fresh.spanContext().traceId).not.toBe('0'.repeat(32));
  });

  it('endRpcSpan maps statuses and errors per the HTTP conventions', async () => {
    const { exporter, provider } = setupTracing();
    const t = provider.getTracer('mesh');
    endRpcSpan(startServerSpan(t, 's', new MeshRequest()), SpanKind.SERVER, new MeshResponse({ status: 404 }));
    endRpcSpan(startClientSpan(t, 's', new MeshRequest()), SpanKind.CLIENT, new MeshResponse({ status: 404 }));
    endRpcSpan(startServerSpan(t, 's', new MeshRequest()), SpanKind.SERVER, new MeshResponse({ status: 503 }));
    endRpcSpan(startClientSpan(t, 's', new MeshRequest()), SpanKind.CLIENT, undefined, new MeshError('ERR_TIMEOUT', 'late'));
    await provider.forceFlush();
    const [s404, c404, s503, cErr] = finished(exporter);
    expect(s404.status.code).toBe(SpanStatusCode.UNSET);
    expect(c404.status.code).toBe(SpanStatusCode.ERROR);
    expect(c404.attributes['error.type']).toBe('404');
    expect(s503.status.message).toBe('HTTP 503');
    expect(cErr.attributes['error.type']).toBe('ERR_TIMEOUT');
    expect(cErr.events[0].name).toBe('exception');
  });

  it('a dropped trace still propagates an unsampled context downstream', () => {
    const { provider } = setupTracing({ sampler: new AlwaysOffSampler() });
    const req = new MeshRequest();
    const span = startClientSpan(provider.getTracer('mesh'), 'svc', req);
    const ctx = parseTraceparent(req.headers.get('traceparent')!)!;
    expect(ctx.isSampled).toBe(false);
    expect(ctx.spanId).toBe(span.spanContext().spanId);
  });
});

describe('messaging, saga and breaker helpers', () => {
  it('publish and delivery spans: producer/consumer kinds, messaging attributes, parent through headers', () => {
    const { provider } = setupTracing();
    const t = provider.getTracer('queue');
    const headers = new Headers();
    const pub = startPublishSpan(t, 'orders', headers, { messageId: 'm1' }) as RecordingSpan;
    const envelopeHeaders = headers.toRecord();
    const del = startDeliverySpan(t, 'orders', new RecordHeaderCarrier(envelopeHeaders), { consumerGroup: 'billing', deliveryCount: 2 }) as RecordingSpan;
    expect([pub.kind, pub.name]).toEqual([SpanKind.PRODUCER, 'publish orders']);
    expect([del.kind, del.name]).toEqual([SpanKind.CONSUMER, 'process orders']);
    expect(del.parentSpanId).toBe(pub.spanContext().spanId);
    expect(pub.attributes).toMatchObject({ 'messaging.system': 'arkmesh', 'messaging.destination.name': 'orders', 'messaging.operation.type': 'send', 'messaging.message.id': 'm1' });
    expect(del.attributes).toMatchObject({ 'messaging.operation.type': 'process', 'messaging.consumer.group.name': 'billing', 'messaging.delivery.count': 2 });
  });

  it('saga and step spans; the saga context survives a log round trip', () => {
    const { provider } = setupTracing();
    const t = provider.getTracer('saga');
    const saga = startSagaSpan(t, 'checkout', 'saga-1') as RecordingSpan;
    const logged = formatTraceparent(saga.spanContext());
    const restored = parseTraceparent(logged)!;
    const step = startSagaStepSpan(t, restored, 'reserve', { attempt: 2 }) as RecordingSpan;
    const undo = startSagaStepSpan(t, saga.spanContext(), 'reserve', { compensation: true }) as RecordingSpan;
    expect(saga.name).toBe('saga checkout');
    expect(saga.attributes).toEqual({ 'arkmesh.saga.name': 'checkout', 'arkmesh.saga.id': 'saga-1' });
    expect([step.name, step.parentSpanId, step.attributes['arkmesh.saga.attempt']]).toEqual(['saga step reserve', saga.spanContext().spanId, 2]);
    expect([undo.name, undo.attributes['arkmesh.saga.compensation']]).toEqual(['saga compensate reserve', true]);
  });

  it('breaker rejections are span events', () => {
    const { provider } = setupTracing();
    const span = provider.getTracer('mesh').startSpan('call') as RecordingSpan;
    recordBreakerRejection(span, 'media.player', 'open');
    expect(span.events[0].name).toBe(BREAKER_REJECTED_EVENT);
    expect(span.events[0].attributes).toEqual({ 'arkmesh.breaker.name': 'media.player', 'arkmesh.breaker.state': 'open' });
  });

  it('RecordHeaderCarrier reads any casing and writes lower-case', () => {
    const rec: Record<string, string> = { TraceParent: 'x' };
    const c = new RecordHeaderCarrier(rec);
    expect(c.get('traceparent')).toBe('x');
    c.set('TRACEPARENT', 'y');
    expect(rec).toEqual({ TraceParent: 'y', traceparent: 'y' });
    expect(c.get('missing')).toBeUndefined();
  });
});
