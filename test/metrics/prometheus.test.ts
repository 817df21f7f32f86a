import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryLogger, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  MeterProvider, MetricValueType, PROMETHEUS_CONTENT_TYPE, PrometheusHistogramFormat, escapePrometheusHelp,
  escapePrometheusLabelValue, formatPrometheusValue, prometheusUnitSuffix, renderPrometheus, sanitizePrometheusLabelName,
  sanitizePrometheusMetricName,
} from '../../sdk/src/main/ets/metrics/index';

interface Sample { name: string; labels: Record<string, string>; value: number }

/** A strict parser of the text format's sample lines (as Prometheus reads them), for round trips. */
const parseSamples = (text: string): Sample[] => {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    let i = 0;
    const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)!;
    const name = nameMatch[0];
    i = name.length;
    const labels: Record<string, string> = {};
    if (line[i] === '{') {
      i++;
      while (line[i] !== '}') {
        const ln = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(i))![0];
        i += ln.length;
        expect(line.slice(i, i + 2)).toBe('="');
        i += 2;
        let v = '';
        while (line[i] !== '"') {
          if (line[i] === '\\') {
            const n = line[i + 1];
            expect(['\\', '"', 'n']).toContain(n);
            v += n === 'n' ? '\n' : n;
            i += 2;
          } else {
            expect(line[i]).not.toBe('\n');
            v += line[i++];
          }
        }
        i++;
        labels[ln] = v;
        if (line[i] === ',') i++;
      }
      i++;
    }
    expect(line[i]).toBe(' ');
    const raw = line.slice(i + 1).split(' ')[0];
    const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw);
    out.push({ name, labels, value });
  }
  return out;
};

const setup = () => {
  const clock = new VirtualClock({ startTime: 1_700_000_000_000 });
  const provider = new MeterProvider({ clock, resource: { 'service.name': 'phone', 'device.id': 'p-1' } });
  return { clock, provider, meter: provider.getMeter('arkmesh') };
};

describe('Prometheus text exposition', () => {
  it('has the 0.0.4 content type', () => {
    expect(PROMETHEUS_CONTENT_TYPE).toBe('text/plain; version=0.0.4; charset=utf-8');
  });

  it('renders counters, gauges and histograms with HELP/TYPE, suffixes, le buckets and target_info', () => {
    const { provider, meter } = setup();
    meter.createCounter('mesh.calls', { description: 'Calls made', unit: '{call}' }).add(3, { service: 'media.player', outcome: 'ok' });
    meter.createUpDownCounter('mesh.inflight').add(-2);
    meter.createGauge('mesh.breaker.state', { valueType: MetricValueType.INT }).set(1, { breaker: 'photos' });
    const h = meter.createHistogram('mesh.call.duration', { description: 'Call latency', unit: 'ms', boundaries: [5, 50] });
    for (const v of [1, 5, 7, 60, 600]) h.record(v, { service: 'photos' });
    meter.createCounter('transport.bytes', { unit: 'By' }).add(1024, { direction: 'sent' });
    meter.createObservableGauge('queue.age', { unit: 's' }, (r) => r.observe(1.5));
    expect(renderPrometheus(provider.collect())).toBe([
      '# HELP target_info Target metadata',
      '# TYPE target_info gauge',
      'target_info{device_id="p-1",service_name="phone"} 1',
      '# HELP mesh_calls_total Calls made',
      '# TYPE mesh_calls_total counter',
      'mesh_calls_total{outcome="ok",service="media.player"} 3',
      '# HELP mesh_inflight mesh.inflight',
      '# TYPE mesh_inflight gauge',
      'mesh_inflight -2',
      '# HELP mesh_breaker_state mesh.breaker.state',
      '# TYPE mesh_breaker_state gauge',
      'mesh_breaker_state{breaker="photos"} 1',
      '# HELP mesh_call_duration_milliseconds Call latency',
      '# TYPE mesh_call_duration_milliseconds histogram',
      'mesh_call_duration_milliseconds_bucket{service="photos",le="5"} 2',
      'mesh_call_duration_milliseconds_bucket{service="photos",le="50"} 3',
      'mesh_call_duration_milliseconds_bucket{service="photos",le="+Inf"} 5',
      'mesh_call_duration_milliseconds_sum{service="photos"} 673',
      'mesh_call_duration_milliseconds_count{service="photos"} 5',
      '# HELP transport_bytes_total transport.bytes',
      '# TYPE transport_bytes_total counter',
      'transport_bytes_total{direction="sent"} 1024',
      '# HELP queue_age_seconds queue.age',
      '# TYPE queue_age_seconds gauge',
      'queue_age_seconds 1.5',
      '',
    ].join('\n'));
  });

  it('renders summaries from the sketch, with optional timestamps and no target_info', () => {
    const { provider, meter } = setup();
    const h = meter.createHistogram('lat', { unit: 'ms' });
    for (let i = 1; i <= 1000; i++) h.record(i);
    meter.createHistogram('empty');
    const text = renderPrometheus(provider.collect(), {
      histogramFormat: PrometheusHistogramFormat.SUMMARY, quantiles: [0.5, 0.99], timestamps: true, targetInfo: false,
    });
    const samples = parseSamples(text);
    expect(text).toContain('# TYPE lat_milliseconds summary\n');
    expect(text).not.toContain('target_info');
    const q = (name: string, quantile: string) => samples.find((s) => s.name === name && s.labels.quantile === quantile)!.value;
    expect(Math.abs(q('lat_milliseconds', '0.5') - 500) / 500).toBeLessThan(0.01);
    expect(Math.abs(q('lat_milliseconds', '0.99') - 990) / 990).toBeLessThan(0.01);
    expect(samples.find((s) => s.name === 'lat_milliseconds_count')!.value).toBe(1000);
    expect(text).toContain('lat_milliseconds_sum 500500 1700000000000\n');
    expect(text.split('\n').filter((l) => l.startsWith('empty')).length).toBe(0);
    const withEmpty = renderPrometheus(provider.collect(), { histogramFormat: PrometheusHistogramFormat.SUMMARY });
    expect(withEmpty).toContain('# TYPE empty summary');
  });

  it('escapes label values and HELP text, and sanitizes names', () => {
    expect(escapePrometheusLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(escapePrometheusHelp('line1\nback\\slash "quotes"')).toBe('line1\\nback\\\\slash "quotes"');
    expect(sanitizePrometheusMetricName('mesh.call-duration/ms')).toBe('mesh_call_duration_ms');
    expect(sanitizePrometheusMetricName('9lives')).toBe('_9lives');
    expect(sanitizePrometheusMetricName('a..b__c:d')).toBe('a_b_c:d');
    expect(sanitizePrometheusLabelName('service.name')).toBe('service_name');
    expect(sanitizePrometheusLabelName('2xx')).toBe('key_2xx');
    expect(sanitizePrometheusLabelName('a:b')).toBe('a_b');
    expect(formatPrometheusValue(NaN)).toBe('NaN');
    expect(formatPrometheusValue(Infinity)).toBe('+Inf');
    expect(formatPrometheusValue(-Infinity)).toBe('-Inf');
    expect(formatPrometheusValue(0.1)).toBe('0.1');
    expect(prometheusUnitSuffix('ms')).toBe('milliseconds');
    expect(prometheusUnitSuffix('By/s')).toBe('bytes_per_second');
    expect(prometheusUnitSuffix('{request}/s')).toBe('per_second');
    expect(prometheusUnitSuffix('{request}')).toBe('');
    expect(prometheusUnitSuffix('1')).toBe('');
    expect(prometheusUnitSuffix('toString')).toBe('toString');
  });

  it('round-trips any label value and label key through a strict parser (property)', () => {
    fc.assert(fc.property(
      fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 20, unit: 'binary' }), { maxKeys: 4 }),
      fc.integer({ min: 0, max: 1e9 }),
      (labels, value) => {
        const { provider, meter } = setup();
        meter.createCounter('c').add(value, labels);
        const samples = parseSamples(renderPrometheus(provider.collect(), { targetInfo: false }));
        expect(samples).toHaveLength(1);
        expect(samples[0].value).toBe(value);
        // Keys are sanitized (clashing keys join their values with ';'); every value survives escaping.
        const expected = new Map<string, string[]>();
        for (const k of Object.keys(labels).sort()) {
          const name = sanitizePrometheusLabelName(k);
          expected.set(name, [...(expected.get(name) ?? []), labels[k]]);
        }
        expect(new Map(Object.entries(samples[0].labels))).toEqual(new Map([...expected].map(([k, v]) => [k, v.join(';')])));
      }), { numRuns: 300 });
  });

  it('keeps the first metric of a clashing name and reports the other', () => {
    const { provider } = setup();
    const logger = new MemoryLogger();
    provider.getMeter('a').createCounter('x.y').add(1);
    provider.getMeter('b').createGauge('x_y_total').set(2);
    provider.getMeter('c').createCounter('x_y').add(5, { from: 'c' });
    const text = renderPrometheus(provider.collect(), { logger, targetInfo: false });
    expect(text).toBe('# HELP x_y_total x.y\n# TYPE x_y_total counter\nx_y_total 1\nx_y_total{from="c"} 5\n');
    expect(logger.records.map((r) => r.message)).toEqual(['metrics: Prometheus name clash, metric skipped']);
  });

  it('renders the overflow series with a sanitized overflow label', () => {
    const { provider, meter } = setup();
    const c = meter.createCounter('hits', { cardinalityLimit: 2 });
    for (let i = 0; i < 4; i++) c.add(1, { user: String(i) });
    expect(renderPrometheus(provider.collect(), { targetInfo: false, unitSuffixes: false }))
      .toContain('hits_total{user="0"} 1\nhits_total{otel_metric_overflow="true"} 3\n');
  });

  it('renames user labels that clash with le and quantile', () => {
    const { provider, meter } = setup();
    meter.createHistogram('h', { boundaries: [1] }).record(0.5, { le: 'x' });
    const text = renderPrometheus(provider.collect(), { targetInfo: false });
    expect(text).toContain('h_bucket{key_le="x",le="1"} 1\n');
    const summary = renderPrometheus(provider.collect(), { targetInfo: false, histogramFormat: PrometheusHistogramFormat.SUMMARY, quantiles: [0.5] });
    expect(summary).toContain('h{le="x",quantile="0.5"} 0.5\n');
    meter.createCounter('c').add(1, { quantile: 'q' });
    expect(renderPrometheus(provider.collect(), { targetInfo: false })).toContain('c_total{quantile="q"} 1\n');
  });

  it('renders nothing for an empty provider', () => {
    expect(renderPrometheus(new MeterProvider({ clock: new VirtualClock() }).collect())).toBe('');
  });
});
