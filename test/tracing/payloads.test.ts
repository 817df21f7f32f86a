import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';
import {
  encodeJaegerJson, encodeOtlpJson, encodeZipkinJson, ReadableSpan, SpanContext, SpanKind,
} from '../../sdk/src/main/ets/tracing/index';
import { buildFixtureSpans, stableStacks } from './fixtures';
import { JAEGER_UPLOAD, OTLP_TRACES_REQUEST, validate, ZIPKIN_LIST_OF_SPANS } from './schema';

const golden = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden', name), 'utf8'));
// Payloads as they go on the wire (undefined fields vanish, numbers stay numbers).
const wire = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

const hr = (ms: number): [number, number] => [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];

/** Our span as an OpenTelemetry SDK ReadableSpan, to feed the official OTLP transformer (which groups by resource identity). */
const otelResources = new Map<unknown, { attributes: unknown }>();
const toOtel = (s: ReadableSpan) => {
  if (!otelResources.has(s.resource)) otelResources.set(s.resource, { attributes: s.resource.attributes });
  const c = s.spanContext();
  const ctx = (x: SpanContext) => ({ traceId: x.traceId, spanId: x.spanId, traceFlags: x.traceFlags, isRemote: x.isRemote, traceState: x.traceState ? { serialize: () => x.traceState!.serialize() } : undefined });
  return {
    name: s.name, kind: s.kind - 1, spanContext: () => ctx(c),
    parentSpanContext: s.parentSpanId ? { traceId: c.traceId, spanId: s.parentSpanId, traceFlags: 1, isRemote: s.parentIsRemote } : undefined,
    startTime: hr(s.startTime), endTime: hr(s.endTime), duration: hr(s.endTime - s.startTime), ended: true,
    status: s.status.message ? { code: s.status.code, message: s.status.message } : { code: s.status.code },
    attributes: s.attributes, links: s.links.map((l) => ({ context: ctx(l.context), attributes: l.attributes, droppedAttributesCount: l.droppedAttributesCount })),
    events: s.events.map((e) => ({ name: e.name, time: hr(e.time), attributes: e.attributes, droppedAttributesCount: e.droppedAttributesCount })),
    resource: otelResources.get(s.resource), instrumentationScope: { name: s.scope.name, version: s.scope.version },
    droppedAttributesCount: s.droppedAttributesCount, droppedEventsCount: s.droppedEventsCount, droppedLinksCount: s.droppedLinksCount,
  };
};

// The transformer writes int64 attribute values as JSON numbers; the protobuf JSON mapping (which
// we follow) writes them as decimal strings. Receivers accept both; compare modulo that.
const intsAsStrings = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(intsAsStrings);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'intValue' && typeof x === 'number' ? String(x) : intsAsStrings(x)]));
  }
  return v;
};

describe('OTLP/HTTP JSON payload', () => {
  it('matches the golden file', async () => {
    const spans = stableStacks(await buildFixtureSpans());
    expect(wire(encodeOtlpJson(spans))).toEqual(golden('otlp-traces.json'));
  });

  it('has the field names and types of ExportTraceServiceRequest (opentelemetry-proto, JSON mapping)', async () => {
    const payload = wire(encodeOtlpJson(await buildFixtureSpans()));
    expect(validate(payload, OTLP_TRACES_REQUEST)).toEqual([]);
    expect(validate(golden('otlp-traces.json'), OTLP_TRACES_REQUEST)).toEqual([]);
  });

  it('equals what the official @opentelemetry/otlp-transformer produces for the same spans', async () => {
    const spans = await buildFixtureSpans();
    const theirs = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans.map(toOtel) as never)!));
    expect(intsAsStrings(theirs)).toEqual(wire(encodeOtlpJson(spans)));
  });

  it('writes nanosecond timestamps exactly, also for fractional milliseconds', async () => {
    const spans = await buildFixtureSpans();
    const payload = encodeOtlpJson(spans) as { resourceSpans: { scopeSpans: { spans: { startTimeUnixNano: string; endTimeUnixNano: string }[] }[] }[] };
    const all = payload.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    expect(all.map((s) => s.startTimeUnixNano).sort()).toEqual(['1704067200123000000', '1704067200125000000', '1704067200125500000']);
    expect(all.map((s) => s.endTimeUnixNano).sort()).toEqual(['1704067200128500000', '1704067200129500000', '1704067200130750000']);
  });

  it('marks remote parents in the span flags and groups spans by resource and scope', async () => {
    const spans = await buildFixtureSpans();
    const payload = wire(encodeOtlpJson(spans)) as { resourceSpans: { scopeSpans: { scope: { name: string }; spans: { name: string; kind: number; flags: number }[] }[] }[] };
    expect(payload.resourceSpans).toHaveLength(2);
    const gateway = payload.resourceSpans[1].scopeSpans;
    expect(gateway.map((s) => s.scope.name).sort()).toEqual(['arkmesh.gateway', 'arkmesh.mesh']);
    const server = gateway.find((s) => s.scope.name === 'arkmesh.gateway')!.spans[0];
    expect(server.kind).toBe(2);
    expect(server.flags).toBe(0x301);
  });
});

describe('Jaeger "upload JSON" payload', () => {
  it('matches the golden file and the model/json schema', async () => {
    const payload = wire(encodeJaegerJson(stableStacks(await buildFixtureSpans())));
    expect(payload).toEqual(golden('jaeger-upload.json'));
    expect(validate(payload, JAEGER_UPLOAD)).toEqual([]);
  });

  it('groups one trace per trace id with a process per device, times in microseconds', async () => {
    const spans = await buildFixtureSpans();
    const doc = wire(encodeJaegerJson(spans)) as { data: { traceID: string; spans: { spanID: string; operationName: string; startTime: number; duration: number; processID: string; references: { refType: string; spanID: string }[]; tags: { key: string; value: unknown }[]; logs: { fields: { key: string; value: unknown }[] }[] }[]; processes: Record<string, { serviceName: string; tags: { key: string; value: unknown }[] }> }[] };
    expect(doc.data).toHaveLength(1);
    const trace = doc.data[0];
    expect(trace.traceID).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(Object.values(trace.processes).map((p) => p.serviceName).sort()).toEqual(['gateway', 'media.player']);
    const byName = (n: string) => trace.spans.filter((s) => s.operationName === n);
    const gw = byName('GET /play')[0];
    expect(gw.startTime).toBe(1_704_067_200_123_000);
    expect(gw.duration).toBe(7750);
    expect(gw.references).toEqual([{ refType: 'CHILD_OF', traceID: trace.traceID, spanID: '00f067aa0ba902b7' }]);
    const client = byName('media.player GET /play').find((s) => s.tags.some((t) => t.key === 'span.kind' && t.value === 'client'))!;
    expect(client.references.map((r) => r.refType)).toEqual(['CHILD_OF', 'FOLLOWS_FROM']);
    expect(client.tags).toContainEqual({ key: 'error', type: 'bool', value: true });
    expect(client.tags).toContainEqual({ key: 'retry.count', type: 'int64', value: 2 });
    expect(client.tags).toContainEqual({ key: 'latency.ratio', type: 'float64', value: 0.25 });
    expect(client.tags).toContainEqual({ key: 'tags', type: 'string', value: '["a","b"]' });
    expect(client.logs[0].fields[0]).toEqual({ key: 'event', type: 'string', value: 'breaker.half_open' });
    expect(trace.processes[gw.processID].tags).toContainEqual({ key: 'device.id', type: 'string', value: 'phone-1' });
  });
});

describe('Zipkin v2 payload', () => {
  it('matches the golden file and the zipkin2-api schema', async () => {
    const payload = wire(encodeZipkinJson(stableStacks(await buildFixtureSpans())));
    expect(payload).toEqual(golden('zipkin-v2.json'));
    expect(validate(payload, ZIPKIN_LIST_OF_SPANS)).toEqual([]);
  });

  it('maps kinds, parents, endpoints, tags and annotations', async () => {
    const list = wire(encodeZipkinJson(await buildFixtureSpans())) as { id: string; parentId?: string; kind?: string; name: string; timestamp: number; duration: number; localEndpoint: { serviceName: string }; tags: Record<string, string>; annotations?: { value: string }[] }[];
    expect(list.map((s) => s.kind).sort()).toEqual(['CLIENT', 'SERVER', 'SERVER']);
    const client = list.find((s) => s.kind === 'CLIENT')!;
    expect(client.localEndpoint.serviceName).toBe('gateway');
    expect(client.tags['otel.status_code']).toBe('ERROR');
    expect(client.tags['error']).toBe('player crashed');
    expect(client.tags['retry.count']).toBe('2');
    expect(client.tags['codes']).toBe('[200,503]');
    expect(client.annotations!.map((a) => a.value)[0]).toBe('breaker.half_open {"arkmesh.breaker.name":"media"}');
    const remote = list.find((s) => s.localEndpoint.serviceName === 'media.player')!;
    expect(remote.parentId).toBe(client.id);
    expect(remote.duration).toBe(3000);
  });

  it('rounds sub-microsecond durations up to one and omits kind for internal spans', async () => {
    const spans = await buildFixtureSpans();
    const internal = Object.create(Object.getPrototypeOf(spans[0]), Object.getOwnPropertyDescriptors(spans[0]));
    Object.assign(internal, { kind: SpanKind.INTERNAL, endTime: spans[0].startTime });
    const [z] = wire(encodeZipkinJson([internal])) as { kind?: string; duration: number }[];
    expect(z.kind).toBeUndefined();
    expect(z.duration).toBe(1);
  });
});
