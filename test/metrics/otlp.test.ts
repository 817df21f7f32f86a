// The OTLP/HTTP JSON encoding must be what OpenTelemetry itself sends for the same data: the same
// measurements go through @opentelemetry/sdk-metrics and through ArkMesh, and the official
// @opentelemetry/otlp-transformer JSON serializer's output must equal toOtlpMetricsRequest's.
import { describe, expect, it } from 'vitest';
import { ValueType } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import { JsonMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality as OtelTemporality, AggregationType, MeterProvider as OtelMeterProvider, MetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  AggregationTemporality, MeterProvider, MetricsReader, MetricValueType, OtlpHistogramFormat, OTLP_METRICS_CONTENT_TYPE,
  OTLP_METRICS_PATH, encodeOtlpMetricsJson, toOtlpMetricsRequest, type MetricsSnapshot,
} from '../../sdk/src/main/ets/metrics/index';

class ManualReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => OtelTemporality.CUMULATIVE });
  }
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

type Attrs = Record<string, string>;
const key = (name: string, attrs: Record<string, unknown>): string =>
  `${name}|${JSON.stringify(Object.keys(attrs).sort().map((k) => [k, String(attrs[k])]))}`;

/** Gives OpenTelemetry's points ArkMesh's (virtual) timestamps, so only the encoding is compared. */
const alignTimes = (rm: ResourceMetrics, snap: MetricsSnapshot): void => {
  const times = new Map<string, [number, number]>();
  for (const m of snap.metrics()) {
    for (const p of m.points) {
      const attrs: Record<string, unknown> = { ...p.labels };
      times.set(key(m.name, attrs), [p.startTime, p.time]);
    }
  }
  for (const sm of rm.scopeMetrics) {
    for (const md of sm.metrics) {
      for (const dp of md.dataPoints as Array<{ attributes: Record<string, unknown>; startTime: [number, number]; endTime: [number, number] }>) {
        const t = times.get(key(md.descriptor.name, dp.attributes));
        expect(t, `${md.descriptor.name} ${JSON.stringify(dp.attributes)}`).toBeDefined();
        dp.startTime = millisToHrTime(t![0]);
        dp.endTime = millisToHrTime(t![1]);
      }
    }
  }
};

/** Sorts scopes, metrics and points so the comparison does not depend on collection order. */
const canonical = (request: unknown): unknown => {
  const r = JSON.parse(JSON.stringify(request));
  for (const rm of r.resourceMetrics) {
    rm.scopeMetrics.sort((a: { scope: { name: string } }, b: { scope: { name: string } }) => a.scope.name.localeCompare(b.scope.name));
    for (const sm of rm.scopeMetrics) {
      sm.metrics.sort((a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name));
      for (const m of sm.metrics) {
        const body = m.sum ?? m.gauge ?? m.histogram ?? m.exponentialHistogram;
        body.dataPoints.sort((a: { attributes: unknown }, b: { attributes: unknown }) => JSON.stringify(a.attributes).localeCompare(JSON.stringify(b.attributes)));
      }
    }
  }
  return r;
};

const otelJson = (rm: ResourceMetrics): unknown =>
  JSON.parse(new TextDecoder().decode(JsonMetricsSerializer.serializeRequest(rm)));

describe('OTLP/HTTP JSON metrics', () => {
  it('equals @opentelemetry/otlp-transformer output for the same counters, gauges, histograms and observables', async () => {
    const clock = new VirtualClock({ startTime: 1_700_000_000_123 });
    const mine = new MeterProvider({ clock, resource: { 'service.name': 'tv', 'device.id': 'tv-1' } });
    const reader = new ManualReader();
    const otel = new OtelMeterProvider({
      resource: resourceFromAttributes({ 'service.name': 'tv', 'device.id': 'tv-1' }),
      readers: [reader],
      views: [{ instrumentName: 'hits', aggregationCardinalityLimit: 3 }],
    });
    const a = mine.getMeter('arkmesh.mesh', '1.0.0');
    const b = mine.getMeter('arkmesh.queue');
    const oa = otel.getMeter('arkmesh.mesh', '1.0.0');
    const ob = otel.getMeter('arkmesh.queue');

    const calls = a.createCounter('mesh.calls', { description: 'Calls made', unit: '{call}' });
    const ocalls = oa.createCounter('mesh.calls', { description: 'Calls made', unit: '{call}' });
    const inflight = a.createUpDownCounter('mesh.inflight', { valueType: MetricValueType.INT });
    const oinflight = oa.createUpDownCounter('mesh.inflight', { valueType: ValueType.INT });
    const state = a.createGauge('mesh.breaker.state', { description: 'Breaker state' });
    const ostate = oa.createGauge('mesh.breaker.state', { description: 'Breaker state' });
    const lat = a.createHistogram('mesh.call.duration', { unit: 'ms' });
    const olat = oa.createHistogram('mesh.call.duration', { unit: 'ms' });
    const size = a.createHistogram('mesh.body.size', { unit: 'By', boundaries: [16, 256, 4096] });
    const osize = oa.createHistogram('mesh.body.size', { unit: 'By', advice: { explicitBucketBoundaries: [16, 256, 4096] } });
    const hits = a.createCounter('hits', { cardinalityLimit: 3 });
    const ohits = oa.createCounter('hits');

    const r = new SeededRandom('otlp');
    for (let i = 0; i < 500; i++) {
      const attrs: Attrs = { service: ['media.player', 'photos', 'clock'][i % 3], outcome: i % 7 === 0 ? 'error' : 'ok' };
      calls.add(1, attrs);
      ocalls.add(1, attrs);
      const ms = Math.round(Math.exp(2 + 1.3 * r.next()) * 1000) / 1000;
      lat.record(ms, { service: attrs.service });
      olat.record(ms, { service: attrs.service });
      const bytes = r.nextInt(10000);
      size.record(bytes);
      osize.record(bytes);
      hits.add(2, { user: `u${i % 10}` });
      ohits.add(2, { user: `u${i % 10}` });
    }
    inflight.add(5, { service: 'photos' });
    inflight.add(-2, { service: 'photos' });
    oinflight.add(5, { service: 'photos' });
    oinflight.add(-2, { service: 'photos' });
    state.set(2, { breaker: 'photos' });
    ostate.record(2, { breaker: 'photos' });
    b.createObservableGauge('queue.depth', { unit: '{message}' }, (res) => {
      res.observe(12, { topic: 'orders' });
      res.observe(0.5, { topic: 'audit' });
    });
    ob.createObservableGauge('queue.depth', { unit: '{message}' }).addCallback((res) => {
      res.observe(12, { topic: 'orders' });
      res.observe(0.5, { topic: 'audit' });
    });
    b.createObservableCounter('queue.published', { valueType: MetricValueType.INT }, (res) => res.observe(42, { topic: 'orders' }));
    ob.createObservableCounter('queue.published', { valueType: ValueType.INT }).addCallback((res) => res.observe(42, { topic: 'orders' }));
    a.createCounter('never.used');
    oa.createCounter('never.used');
    await clock.advance(15_000);

    const snap = mine.collect();
    const collected = await reader.collect();
    expect(collected.errors).toEqual([]);
    alignTimes(collected.resourceMetrics, snap);
    const theirs = otelJson(collected.resourceMetrics);
    const ours = toOtlpMetricsRequest(snap);
    const names = (ours as unknown as { resourceMetrics: Array<{ scopeMetrics: Array<{ metrics: Array<{ name: string }> }> }> })
      .resourceMetrics[0].scopeMetrics.flatMap((s) => s.metrics.map((m) => m.name)).sort();
    expect(names).toEqual(['hits', 'mesh.body.size', 'mesh.breaker.state', 'mesh.call.duration', 'mesh.calls', 'mesh.inflight', 'queue.depth', 'queue.published']);
    expect(canonical(ours)).toEqual(canonical(theirs));
    // Same text modulo ordering, and the overflow series carries a boolean attribute.
    expect(JSON.parse(encodeOtlpMetricsJson(snap))).toEqual(JSON.parse(JSON.stringify(ours)));
    expect(encodeOtlpMetricsJson(snap)).toContain('{"key":"otel.metric.overflow","value":{"boolValue":true}}');
    expect(OTLP_METRICS_PATH).toBe('/v1/metrics');
    expect(OTLP_METRICS_CONTENT_TYPE).toBe('application/json');
  });

  it('exports sketches as exponential histograms identical to OpenTelemetry\'s at the same scale', async () => {
    const clock = new VirtualClock({ startTime: 1_700_000_000_000 });
    const mine = new MeterProvider({ clock });
    const reader = new ManualReader();
    // OpenTelemetry picks the finest scale that fits maxSize buckets: values spanning 1..4.5 need
    // 139 buckets at scale 6 and 278 at scale 7, so with maxSize 160 it settles on scale 6, ours.
    const otel = new OtelMeterProvider({
      resource: resourceFromAttributes({}),
      readers: [reader],
      views: [{ instrumentName: 'lat', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM, options: { maxSize: 160 } } }],
    });
    const h = mine.getMeter('m').createHistogram('lat', { unit: 'ms' });
    const oh = otel.getMeter('m').createHistogram('lat', { unit: 'ms' });
    const r = new SeededRandom('expo');
    const values = [1, 2, 4, 4.5, 0, 3.999999, 2.0000001, Math.SQRT2];
    for (let i = 0; i < 2000; i++) values.push(1 + 3.5 * r.next());
    for (const v of values) {
      h.record(v, { device: 'tv' });
      oh.record(v, { device: 'tv' });
    }
    await clock.advance(1000);
    const snap = mine.collect();
    const collected = await reader.collect();
    alignTimes(collected.resourceMetrics, snap);
    const theirs = otelJson(collected.resourceMetrics) as { resourceMetrics: Array<{ scopeMetrics: Array<{ metrics: Array<{ exponentialHistogram: { dataPoints: Array<{ scale: number }> } }> }> }> };
    expect(theirs.resourceMetrics[0].scopeMetrics[0].metrics[0].exponentialHistogram.dataPoints[0].scale).toBe(6);
    expect(toOtlpMetricsRequest(snap, { histogramFormat: OtlpHistogramFormat.EXPONENTIAL })).toEqual(theirs);
  });

  it('encodes DELTA snapshots with temporality 1 and per-interval start times', async () => {
    const clock = new VirtualClock({ startTime: 1_000 });
    const provider = new MeterProvider({ clock });
    const c = provider.getMeter('m').createCounter('n');
    const reader = new MetricsReader(provider, { temporality: AggregationTemporality.DELTA });
    c.add(1);
    await clock.advance(500);
    reader.collect();
    c.add(2);
    await clock.advance(250.5);
    const body = toOtlpMetricsRequest(reader.collect()) as unknown as {
      resourceMetrics: Array<{ scopeMetrics: Array<{ metrics: Array<{ sum: { aggregationTemporality: number; isMonotonic: boolean; dataPoints: Array<Record<string, unknown>> } }> }> }>;
    };
    const sum = body.resourceMetrics[0].scopeMetrics[0].metrics[0].sum;
    expect(sum.aggregationTemporality).toBe(1);
    expect(sum.isMonotonic).toBe(true);
    expect(sum.dataPoints[0]).toEqual({ attributes: [], startTimeUnixNano: '1500000000', timeUnixNano: '1750500000', asDouble: 2 });
  });
});
