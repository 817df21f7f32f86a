import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError } from '../../sdk/src/main/ets/core/index';
import { SeededRandom } from '../../sdk/src/main/ets/platform/index';
import { ExponentialMapping, QuantileSketch } from '../../sdk/src/main/ets/metrics/index';
// OpenTelemetry's own mapping, for an agreement check (internal module of @opentelemetry/sdk-metrics).
import { LogarithmMapping } from '@opentelemetry/sdk-metrics/build/src/aggregator/exponential-histogram/mapping/LogarithmMapping';

const QS = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];
// Exact order statistic with the sketch's rank definition: floor(q * (n - 1)).
const exact = (sorted: number[], q: number): number => sorted[Math.floor(q * (sorted.length - 1))];
const relErr = (estimate: number, truth: number): number =>
  truth === 0 ? Math.abs(estimate) : Math.abs(estimate - truth) / Math.abs(truth);

const normal = (r: SeededRandom): number => {
  // Box-Muller over the seeded source.
  const u = 1 - r.next();
  const v = r.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};

const checkAccuracy = (values: number[], sketch: QuantileSketch, bound: number): number => {
  const sorted = values.slice().sort((a, b) => a - b);
  let worst = 0;
  for (const q of QS) {
    const e = relErr(sketch.quantile(q), exact(sorted, q));
    worst = Math.max(worst, e);
    expect(e, `q=${q}`).toBeLessThanOrEqual(bound);
  }
  return worst;
};

describe('ExponentialMapping', () => {
  it('has the documented relative accuracy per scale', () => {
    expect(new ExponentialMapping(6).relativeAccuracy).toBeCloseTo(0.005415, 5);
    expect(new ExponentialMapping(5).relativeAccuracy).toBeGreaterThan(0.01);
    expect(() => new ExponentialMapping(13)).toThrow(InvalidArgumentError);
    expect(() => new ExponentialMapping(-1)).toThrow(InvalidArgumentError);
  });

  it('puts exact powers of two in the bucket they close, at every scale', () => {
    for (let scale = 0; scale <= 12; scale++) {
      const m = new ExponentialMapping(scale);
      for (let e = -40; e <= 40; e++) {
        const v = Math.pow(2, e);
        const i = m.indexOf(v);
        expect(i, `scale ${scale} 2^${e}`).toBe(e * Math.pow(2, scale) - 1);
      }
    }
  });

  it('agrees with OpenTelemetry\'s LogarithmMapping except within a few ulps of a boundary (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.double({ min: 1e-200, max: 1e200, noNaN: true }), (scale, v) => {
      const ours = new ExponentialMapping(scale).indexOf(v);
      const theirs = new LogarithmMapping(scale).mapToIndex(v);
      if (ours !== theirs) {
        // Only where the logarithm's rounding decides: v sits on the boundary between the two.
        const m = new ExponentialMapping(scale);
        const boundary = m.lowerBound(Math.max(ours, theirs));
        expect(Math.abs(v - boundary) / boundary).toBeLessThan(1e-12);
      }
    }), { numRuns: 20000 });
    const m = new ExponentialMapping(6);
    const otel = new LogarithmMapping(6);
    for (let e = -20; e <= 20; e++) {
      expect(m.indexOf(Math.pow(2, e))).toBe(otel.mapToIndex(Math.pow(2, e)));
    }
  });

  it('maps every value into (lower, upper] of its bucket (up to float rounding)', () => {
    const m = new ExponentialMapping(6);
    fc.assert(fc.property(fc.double({ min: 1e-9, max: 1e12, noNaN: true }), (v) => {
      const i = m.indexOf(v);
      expect(v).toBeGreaterThan(m.lowerBound(i) * (1 - 1e-12));
      expect(v).toBeLessThanOrEqual(m.upperBound(i) * (1 + 1e-12));
      expect(relErr(m.valueOf(i), v)).toBeLessThanOrEqual(m.relativeAccuracy + 1e-12);
    }));
  });
});

describe('QuantileSketch accuracy (p50, p90, p99, p99.9 within 1%)', () => {
  it('uniform latencies, 200k values', () => {
    const r = new SeededRandom('uniform');
    const s = new QuantileSketch();
    const values: number[] = [];
    for (let i = 0; i < 200000; i++) {
      const v = 0.5 + r.next() * 2000;
      values.push(v);
      s.add(v);
    }
    expect(s.count).toBe(200000);
    checkAccuracy(values, s, 0.01);
    checkAccuracy(values, s, s.relativeAccuracy + 1e-9);
  });

  it('log-normal (heavy right tail), 200k values', () => {
    const r = new SeededRandom('lognormal');
    const s = new QuantileSketch();
    const values: number[] = [];
    for (let i = 0; i < 200000; i++) {
      const v = Math.exp(3 + 1.5 * normal(r));
      values.push(v);
      s.add(v);
    }
    checkAccuracy(values, s, s.relativeAccuracy + 1e-9);
  });

  it('Pareto (alpha 1.2, very heavy tail), 200k values', () => {
    const r = new SeededRandom('pareto');
    const s = new QuantileSketch();
    const values: number[] = [];
    for (let i = 0; i < 200000; i++) {
      const v = 1 / Math.pow(1 - r.next(), 1 / 1.2);
      values.push(v);
      s.add(v);
    }
    checkAccuracy(values, s, s.relativeAccuracy + 1e-9);
    expect(s.max).toBe(values.reduce((a, b) => Math.max(a, b)));
    expect(s.min).toBe(values.reduce((a, b) => Math.min(a, b)));
  });

  it('mixed signs and zeros', () => {
    const r = new SeededRandom('mixed');
    const s = new QuantileSketch();
    const values: number[] = [];
    for (let i = 0; i < 50000; i++) {
      const k = r.nextInt(10);
      const v = k === 0 ? 0 : (k < 4 ? -1 : 1) * Math.exp(4 * normal(r));
      values.push(v);
      s.add(v);
    }
    expect(s.zeroCount).toBe(values.filter((v) => v === 0).length);
    checkAccuracy(values, s, s.relativeAccuracy + 1e-9);
  });

  it('holds the bound for any input (property)', () => {
    // The guarantee covers every normal double; subnormals (|v| < 2^-1022) share one bucket.
    const normalDouble = fc.double({ min: -1e9, max: 1e9, noNaN: true }).filter((v) => v === 0 || Math.abs(v) >= 1e-300);
    fc.assert(fc.property(
      fc.array(normalDouble, { minLength: 1, maxLength: 400 }),
      fc.constantFrom(...QS),
      (values, q) => {
        // Enough buckets for the whole range of doubles used (about 1030 powers of two).
        const s = new QuantileSketch({ maxBuckets: 70000 });
        for (const v of values) s.add(v);
        const sorted = values.slice().sort((a, b) => a - b);
        expect(s.collapsed).toBe(false);
        expect(relErr(s.quantile(q), exact(sorted, q))).toBeLessThanOrEqual(s.relativeAccuracy + 1e-9);
      }), { numRuns: 300 });
  });

  it('holds the bound with default buckets for values spanning 1 µs to 1,000 s (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }),
      fc.constantFrom(...QS),
      (values, q) => {
        const s = new QuantileSketch();
        for (const v of values) s.add(v);
        const sorted = values.slice().sort((a, b) => a - b);
        expect(s.collapsed).toBe(false);
        expect(relErr(s.quantile(q), exact(sorted, q))).toBeLessThanOrEqual(s.relativeAccuracy + 1e-9);
      }), { numRuns: 300 });
  });

  it('finer scales are more accurate', () => {
    const r = new SeededRandom('fine');
    const s = new QuantileSketch({ scale: 9, maxBuckets: 16384 });
    const values: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const v = Math.exp(2 + normal(r));
      values.push(v);
      s.add(v);
    }
    expect(s.relativeAccuracy).toBeLessThan(0.001);
    checkAccuracy(values, s, s.relativeAccuracy + 1e-9);
  });
});

describe('QuantileSketch behaviour', () => {
  it('ignores NaN and infinities, and reports NaN when empty or q is out of range', () => {
    const s = new QuantileSketch();
    expect(s.quantile(0.5)).toBeNaN();
    expect(s.add(NaN)).toBe(false);
    expect(s.add(Infinity)).toBe(false);
    expect(s.add(-Infinity)).toBe(false);
    expect(s.count).toBe(0);
    expect(s.min).toBeNaN();
    s.add(3);
    expect(s.quantile(-0.1)).toBeNaN();
    expect(s.quantile(1.1)).toBeNaN();
    expect(s.quantile(0.5)).toBe(3);
    expect(s.mean).toBe(3);
  });

  it('keeps memory bounded: past maxBuckets the lowest buckets fold, high quantiles stay accurate', () => {
    const s = new QuantileSketch({ maxBuckets: 128 });
    const values: number[] = [];
    // 1e-6 .. 1e6 spans ~40 powers of two = 2560 buckets at scale 6: far beyond 128.
    const r = new SeededRandom('wide');
    for (let i = 0; i < 100000; i++) {
      const v = Math.pow(10, -6 + 12 * r.next());
      values.push(v);
      s.add(v);
    }
    expect(s.collapsed).toBe(true);
    const pos = s.positiveBuckets();
    expect(pos.counts.length).toBeLessThanOrEqual(128);
    expect(pos.counts.reduce((a, b) => a + b, 0)).toBe(100000);
    const sorted = values.slice().sort((a, b) => a - b);
    for (const q of [0.99, 0.999, 1]) {
      expect(relErr(s.quantile(q), exact(sorted, q))).toBeLessThanOrEqual(s.relativeAccuracy + 1e-9);
    }
  });

  it('validates options', () => {
    expect(() => new QuantileSketch({ maxBuckets: 0 })).toThrow(InvalidArgumentError);
    expect(() => new QuantileSketch({ scale: 2.5 })).toThrow(InvalidArgumentError);
  });

  it('round-trips through toData/fromData and rejects inconsistent data', () => {
    const r = new SeededRandom('data');
    const s = new QuantileSketch();
    for (let i = 0; i < 1000; i++) s.add((r.next() - 0.2) * 100);
    s.add(0);
    const data = JSON.parse(JSON.stringify(s.toData()));
    const back = QuantileSketch.fromData(data);
    expect(back.toData()).toEqual(s.toData());
    for (const q of QS) expect(back.quantile(q)).toBe(s.quantile(q));
    expect(() => QuantileSketch.fromData({ ...data, count: data.count + 1 })).toThrow(InvalidArgumentError);
    expect(() => QuantileSketch.fromData({ ...data, positive: { offset: 0.5, counts: [] } })).toThrow(InvalidArgumentError);
    expect(() => QuantileSketch.fromData({ ...data, negative: { offset: 0, counts: [-1] } })).toThrow(InvalidArgumentError);
    expect(() => QuantileSketch.fromData({ ...data, sum: NaN })).toThrow(InvalidArgumentError);
  });
});

describe('QuantileSketch merge', () => {
  it('merge(a, b) equals the sketch of a ∪ b (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 300 }),
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 300 }),
      (a, b) => {
        const sa = new QuantileSketch();
        const sb = new QuantileSketch();
        const su = new QuantileSketch();
        for (const v of a) { sa.add(v); su.add(v); }
        for (const v of b) { sb.add(v); su.add(v); }
        sa.merge(sb);
        const x = sa.toData();
        const y = su.toData();
        expect(x.count).toBe(y.count);
        expect(x.positive).toEqual(y.positive);
        expect(x.negative).toEqual(y.negative);
        expect(x.zeroCount).toBe(y.zeroCount);
        expect(x.min).toBe(y.min);
        expect(x.max).toBe(y.max);
        expect(x.sum).toBeCloseTo(y.sum, 3);
        for (const q of QS) expect(sa.quantile(q)).toBe(su.quantile(q));
      }), { numRuns: 200 });
  });

  it('merges many device sketches into accurate fleet-wide quantiles', () => {
    const r = new SeededRandom('fleet');
    const fleet = new QuantileSketch();
    const all: number[] = [];
    for (let d = 0; d < 20; d++) {
      const device = new QuantileSketch();
      const mu = 1 + d * 0.2;
      for (let i = 0; i < 5000; i++) {
        const v = Math.exp(mu + normal(r));
        all.push(v);
        device.add(v);
      }
      // Devices ship sketches as data.
      fleet.merge(QuantileSketch.fromData(JSON.parse(JSON.stringify(device.toData()))));
    }
    expect(fleet.count).toBe(100000);
    checkAccuracy(all, fleet, fleet.relativeAccuracy + 1e-9);
  });

  it('merges sketches of different scales at the coarser scale', () => {
    const r = new SeededRandom('scales');
    const fine = new QuantileSketch({ scale: 8, maxBuckets: 8192 });
    const coarse = new QuantileSketch({ scale: 5 });
    const all: number[] = [];
    for (let i = 0; i < 10000; i++) {
      const v = Math.exp(3 + normal(r));
      all.push(v);
      (i % 2 === 0 ? fine : coarse).add(v);
    }
    fine.merge(coarse);
    expect(fine.scale).toBe(5);
    expect(fine.count).toBe(10000);
    checkAccuracy(all, fine, fine.relativeAccuracy + 1e-9);
  });

  it('minus(earlier) gives the values added since (delta of cumulative states)', () => {
    const r = new SeededRandom('delta');
    const s = new QuantileSketch();
    for (let i = 0; i < 3000; i++) s.add(r.next() * 10);
    const before = s.copy();
    const later: number[] = [];
    const fresh = new QuantileSketch();
    for (let i = 0; i < 2000; i++) {
      const v = 100 + r.next() * 900;
      later.push(v);
      s.add(v);
      fresh.add(v);
    }
    const delta = s.minus(before);
    expect(delta.count).toBe(2000);
    expect(delta.positiveBuckets()).toEqual(fresh.positiveBuckets());
    expect(delta.sum).toBeCloseTo(fresh.sum, 6);
    for (const q of [0.5, 0.9, 0.99]) expect(delta.quantile(q)).toBeCloseTo(fresh.quantile(q), 9);
    // min/max are estimated from the buckets.
    expect(relErr(delta.min, fresh.min)).toBeLessThan(0.02);
    expect(relErr(delta.max, fresh.max)).toBeLessThan(0.02);
    expect(s.minus(s.copy()).count).toBe(0);
  });
});
