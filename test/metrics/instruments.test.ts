import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ErrorCode, InvalidArgumentError, MeshError } from '../../sdk/src/main/ets/core/index';
import { MemoryLogger, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  InstrumentKind, MeterProvider, MetricValueType, OVERFLOW_LABEL_KEY, type MetricLabels, type ObservableResult,
} from '../../sdk/src/main/ets/metrics/index';

const setup = (limit?: number) => {
  const clock = new VirtualClock({ startTime: 1_000_000 });
  const logger = new MemoryLogger();
  const provider = new MeterProvider({ clock, logger, cardinalityLimit: limit, resource: { 'service.name': 'tv' } });
  return { clock, logger, provider, meter: provider.getMeter('test', '1.0.0') };
};

describe('counters', () => {
  it('sums per label set, whatever the key order, with and without declared keys', () => {
    for (const labelKeys of [undefined, ['service', 'outcome']]) {
      const { provider, meter } = setup();
      const c = meter.createCounter('calls', { labelKeys });
      c.add(2, { service: 'a', outcome: 'ok' });
      c.add(3, { outcome: 'ok', service: 'a' });
      c.inc({ service: 'b', outcome: 'error' });
      c.bind({ service: 'a', outcome: 'ok' }).add(5);
      c.add(1);
      const snap = provider.collect();
      expect(snap.point('calls', { service: 'a', outcome: 'ok' })?.value).toBe(10);
      expect(snap.point('calls', { outcome: 'error', service: 'b' })?.value).toBe(1);
      expect(snap.point('calls', {})?.value).toBe(1);
      expect(snap.find('calls')?.points).toHaveLength(3);
    }
  });

  it('declared label keys project label sets (extra keys ignored, missing keys absent)', () => {
    const { provider, meter } = setup();
    const c = meter.createCounter('calls', { labelKeys: ['service'] });
    c.add(1, { service: 'a', device: 'tv' });
    c.add(1, { service: 'a', device: 'watch' });
    c.add(1, { device: 'watch' });
    const snap = provider.collect();
    expect(snap.point('calls', { service: 'a' })?.value).toBe(2);
    expect(snap.point('calls', {})?.value).toBe(1);
  });

  it('handles label keys named like Object.prototype members', () => {
    const { provider, meter } = setup();
    const declared = meter.createCounter('d', { labelKeys: ['constructor', 'toString'] });
    declared.add(1, {});
    declared.add(1, { toString: 'x' });
    declared.add(1, {});
    const dynamic = meter.createCounter('n');
    dynamic.add(2, { constructor: 'c', valueOf: 'v' });
    dynamic.add(3, { valueOf: 'v', constructor: 'c' });
    const snap = provider.collect();
    expect(snap.point('d', {})!.value).toBe(2);
    expect(snap.point('d', { toString: 'x' })!.value).toBe(1);
    expect(snap.point('n', { constructor: 'c', valueOf: 'v' })!.value).toBe(5);
  });

  it('drops bad values without throwing, counts them and logs once', () => {
    const { provider, meter, logger } = setup();
    const c = meter.createCounter('calls');
    c.add(-1);
    c.add(NaN);
    c.add(Infinity);
    c.add(1);
    const u = meter.createUpDownCounter('inflight');
    u.add(-3);
    u.add(Infinity);
    const snap = provider.collect();
    expect(snap.point('calls')?.value).toBe(1);
    expect(snap.find('calls')?.dropped).toBe(3);
    expect(snap.point('inflight')?.value).toBe(-3);
    expect(snap.find('inflight')?.dropped).toBe(1);
    expect(logger.records.filter((r) => r.message === 'metrics: value dropped')).toHaveLength(2);
  });

  it('truncates INT values', () => {
    const { provider, meter } = setup();
    meter.createCounter('bytes', { valueType: MetricValueType.INT }).add(2.9);
    meter.createGauge('g', { valueType: MetricValueType.INT }).set(-1.5);
    expect(provider.collect().point('bytes')?.value).toBe(2);
    expect(provider.collect().point('g')?.value).toBe(-1);
  });

  it('agrees with a plain model under random label sets and values (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('x', 'y'), fc.integer({ min: 0, max: 100 }), fc.boolean()), { maxLength: 200 }),
      (ops) => {
        const { provider, meter } = setup();
        const c = meter.createCounter('c');
        const model = new Map<string, number>();
        for (const [s, d, v, swap] of ops) {
          const labels: MetricLabels = swap ? { device: d, service: s } : { service: s, device: d };
          c.add(v, labels);
          model.set(`${s}/${d}`, (model.get(`${s}/${d}`) ?? 0) + v);
        }
        const snap = provider.collect();
        expect(snap.find('c')?.points ?? []).toHaveLength(model.size);
        for (const [k, v] of model) {
          const [s, d] = k.split('/');
          expect(snap.point('c', { service: s, device: d })?.value).toBe(v);
        }
      }), { numRuns: 100 });
  });
});

describe('cardinality limit', () => {
  it('folds label sets past the limit into one overflow series and counts them', () => {
    for (const labelKeys of [undefined, ['user']]) {
      const { provider, meter } = setup();
      const c = meter.createCounter('hits', { cardinalityLimit: 5, labelKeys });
      for (let i = 0; i < 100; i++) c.add(1, { user: `u${i}` });
      c.add(1, { user: 'u0' }); // an existing series still records normally
      const m = provider.collect().find('hits')!;
      expect(m.points).toHaveLength(5);
      const overflow = m.points.find((p) => p.overflow)!;
      expect(overflow.labels).toEqual({ [OVERFLOW_LABEL_KEY]: 'true' });
      expect(overflow.value).toBe(96);
      expect(m.folded).toBe(96);
      expect(m.points.filter((p) => !p.overflow).reduce((a, p) => a + p.value, 0)).toBe(5);
      expect(m.points.reduce((a, p) => a + p.value, 0)).toBe(101);
    }
  });

  it('applies the provider default and to histograms, gauges and bound handles', () => {
    const { provider, meter } = setup(3);
    const h = meter.createHistogram('lat');
    const g = meter.createGauge('g');
    for (let i = 0; i < 10; i++) {
      h.bind({ k: String(i) }).record(i);
      g.set(i, { k: String(i) });
    }
    const snap = provider.collect();
    expect(snap.find('lat')!.points).toHaveLength(3);
    expect(snap.find('lat')!.points[2].histogram!.count).toBe(8);
    expect(snap.find('g')!.points).toHaveLength(3);
    expect(snap.find('g')!.points[2].value).toBe(9);
  });

  it('keeps memory bounded under a flood of distinct label sets', () => {
    const { meter } = setup();
    const c = meter.createCounter('flood', { cardinalityLimit: 50 });
    for (let i = 0; i < 20000; i++) c.add(1, { id: `id-${i}`, other: String(i % 7) });
    expect(c.series()).toHaveLength(50);
  });
});

describe('gauges, histograms and observable instruments', () => {
  it('gauges keep the last value and skip series never set', () => {
    const { provider, meter } = setup();
    const g = meter.createGauge('state');
    g.set(1, { name: 'a' });
    g.set(2, { name: 'a' });
    g.bind({ name: 'b' });
    g.set(NaN, { name: 'a' });
    const m = provider.collect().find('state')!;
    expect(m.points).toHaveLength(1);
    expect(m.points[0].value).toBe(2);
    expect(m.dropped).toBe(1);
  });

  it('histograms keep exact explicit buckets next to the sketch', () => {
    const { provider, meter } = setup();
    const h = meter.createHistogram('lat', { boundaries: [1, 10, 100] });
    for (const v of [0.5, 1, 1.0001, 10, 50, 100, 100.5, 1e6]) h.record(v);
    h.record(-1);
    h.record(NaN);
    const p = provider.collect().point('lat')!;
    expect(p.histogram!.bucketCounts).toEqual([2, 2, 2, 2]);
    expect(p.histogram!.count).toBe(8);
    expect(p.histogram!.sum).toBeCloseTo(0.5 + 1 + 1.0001 + 10 + 50 + 100 + 100.5 + 1e6, 6);
    expect(p.histogram!.min).toBe(0.5);
    expect(p.histogram!.max).toBe(1e6);
    expect(p.histogram!.sketch.quantile(0.5)).toBeCloseTo(10, 0);
    expect(provider.collect().find('lat')!.dropped).toBe(2);
  });

  it('explicit bucket counts match a plain model (property)', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 2e4, noNaN: true }), { maxLength: 300 }), (values) => {
      const { provider, meter } = setup();
      const h = meter.createHistogram('h');
      for (const v of values) h.record(v);
      const p = provider.collect().point('h');
      if (values.length === 0) return;
      const bounds = p!.histogram!.boundaries;
      const model = new Array(bounds.length + 1).fill(0);
      for (const v of values) {
        let i = bounds.findIndex((b) => v <= b);
        if (i < 0) i = bounds.length;
        model[i]++;
      }
      expect(p!.histogram!.bucketCounts).toEqual(model);
    }), { numRuns: 100 });
  });

  it('observable instruments call back at collection; a failing callback is logged and skipped', () => {
    const { provider, meter, logger } = setup();
    let depth = 3;
    const g = meter.createObservableGauge('depth', {}, (r: ObservableResult) => {
      r.observe(depth, { topic: 'a' });
      r.observe(depth * 2, { topic: 'b' });
    });
    g.addCallback(() => { throw new Error('boom'); });
    const total = meter.createObservableCounter('bytes');
    const sub = total.addCallback((r) => { r.observe(100); r.observe(-5, { bad: 'x' }); });
    expect(g.kind).toBe(InstrumentKind.OBSERVABLE_GAUGE);
    let snap = provider.collect();
    expect(snap.point('depth', { topic: 'a' })!.value).toBe(3);
    expect(snap.point('depth', { topic: 'b' })!.value).toBe(6);
    expect(snap.point('bytes')!.value).toBe(100);
    expect(snap.find('bytes')!.dropped).toBe(1);
    expect(logger.records.some((r) => r.message === 'metrics: observable callback failed')).toBe(true);
    depth = 7;
    sub.dispose();
    snap = provider.collect();
    expect(snap.point('depth', { topic: 'a' })!.value).toBe(7);
    expect(snap.find('bytes')!.points).toHaveLength(0);
  });

  it('observable overflow sums counters and keeps the last gauge value', () => {
    const { provider, meter } = setup();
    meter.createObservableCounter('c', { cardinalityLimit: 2 }, (r) => {
      for (let i = 0; i < 5; i++) r.observe(10, { k: String(i) });
    });
    const m = provider.collect().find('c')!;
    expect(m.points.map((p) => p.value)).toEqual([10, 40]);
    expect(m.points[1].overflow).toBe(true);
  });
});

describe('meters and registration', () => {
  it('returns the same instrument for a repeated registration and rejects conflicts', () => {
    const { provider, meter } = setup();
    const a = meter.createCounter('Calls', { unit: '{call}' });
    expect(meter.createCounter('calls', { unit: '{call}' })).toBe(a);
    const err = ((): unknown => { try { meter.createHistogram('calls'); } catch (e) { return e; } return undefined; })();
    expect(err).toBeInstanceOf(MeshError);
    expect((err as MeshError).code).toBe(ErrorCode.METRIC_INVALID);
    expect(() => meter.createCounter('calls', { unit: 'ms' })).toThrow(MeshError);
    expect(provider.getMeter('test', '1.0.0')).toBe(meter);
    expect(provider.getMeter('test')).not.toBe(meter);
  });

  it('validates names and options with InvalidArgumentError naming the field', () => {
    const { meter } = setup();
    const field = (f: () => unknown): string | undefined => {
      try { f(); } catch (e) { return e instanceof InvalidArgumentError ? e.field : 'other'; }
      return undefined;
    };
    expect(field(() => meter.createCounter('1abc'))).toBe('name');
    expect(field(() => meter.createCounter('a b'))).toBe('name');
    expect(field(() => meter.createCounter('x'.repeat(256)))).toBe('name');
    expect(field(() => meter.createCounter('ok.name-1/x_y'))).toBeUndefined();
    expect(field(() => meter.createHistogram('h1', { boundaries: [1, 1] }))).toBe('options.boundaries');
    expect(field(() => meter.createHistogram('h2', { boundaries: [1, NaN] }))).toBe('options.boundaries');
    expect(field(() => meter.createHistogram('h3', { scale: 13 }))).toBe('options.scale');
    expect(field(() => meter.createHistogram('h4', { windowMs: -1 }))).toBe('options.windowMs');
    expect(field(() => meter.createHistogram('h5', { windowMs: 100, windowSlots: 0 }))).toBe('options.windowSlots');
    expect(field(() => meter.createCounter('c1', { cardinalityLimit: 0 }))).toBe('options.cardinalityLimit');
    expect(field(() => meter.createCounter('c2', { labelKeys: ['a', 'a'] }))).toBe('options.labelKeys');
    expect(field(() => meter.createCounter('c3', { unit: 'u'.repeat(64) }))).toBe('options.unit');
    expect(field(() => new MeterProvider({ cardinalityLimit: 1.5 }))).toBe('options.cardinalityLimit');
    expect(field(() => new MeterProvider({ resource: { a: 1 as unknown as string } }))).toBe('options.resource.a');
    expect(field(() => new MeterProvider().getMeter(''))).toBe('name');
  });

  it('snapshots group metrics by meter with resource and times from the clock', async () => {
    const { provider, clock } = setup();
    const a = provider.getMeter('arkmesh.gateway');
    const b = provider.getMeter('arkmesh.queue', '2');
    a.createCounter('requests').add(1);
    await clock.advance(500);
    b.createGauge('depth').set(4);
    await clock.advance(500);
    const snap = provider.collect();
    expect(snap.time).toBe(1_001_000);
    expect(snap.resource).toEqual({ 'service.name': 'tv' });
    expect(snap.scopes.map((s) => `${s.name}@${s.version}`)).toEqual(['test@1.0.0', 'arkmesh.gateway@', 'arkmesh.queue@2']);
    expect(snap.point('requests')!.startTime).toBe(1_000_000);
    expect(snap.point('depth')!.startTime).toBe(1_000_500);
    expect(snap.find('depth', 'arkmesh.gateway')).toBeUndefined();
    expect(snap.metrics().map((m) => m.name)).toEqual(['requests', 'depth']);
  });
});
