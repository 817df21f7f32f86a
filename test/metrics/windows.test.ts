import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../sdk/src/main/ets/core/index';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  AggregationTemporality, MeterProvider, MetricsReader, MetricsSnapshot, QuantileSketch, SketchWindow, SumWindow, windowRate,
} from '../../sdk/src/main/ets/metrics/index';

describe('sliding windows on VirtualClock', () => {
  it('SumWindow forgets values older than the window', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const w = new SumWindow(10_000, 10, 0);
    w.add(5, clock.now());
    await clock.advance(4_000);
    w.add(3, clock.now());
    expect(w.total(clock.now())).toBe(8);
    await clock.advance(6_500); // t = 10.5 s: the first sub-window [0, 1 s) has expired
    expect(w.total(clock.now())).toBe(3);
    await clock.advance(4_000); // t = 14.5 s: [4 s, 5 s) has expired too
    expect(w.total(clock.now())).toBe(0);
    w.add(1, clock.now());
    await clock.advance(100_000); // a long gap clears everything
    expect(w.total(clock.now())).toBe(0);
  });

  it('covers between windowMs - slotMs and windowMs, bounded by the origin', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const w = new SumWindow(10_000, 10, 0);
    await clock.advance(2_500);
    expect(w.coveredMs(clock.now())).toBe(2_500);
    await clock.advance(20_000);
    const covered = w.coveredMs(clock.now());
    expect(covered).toBeGreaterThanOrEqual(9_000);
    expect(covered).toBeLessThanOrEqual(10_000);
  });

  it('SketchWindow reports quantiles of the window only', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const w = new SketchWindow(5_000, 5, 0, {});
    for (let i = 0; i < 100; i++) w.record(1000, clock.now()); // slow period
    await clock.advance(5_000);
    for (let i = 0; i < 100; i++) w.record(10, clock.now()); // fast period
    const merged = w.merged(clock.now());
    expect(merged.count).toBe(100);
    expect(merged.quantile(0.99)).toBeCloseTo(10, 0);
    expect(w.count(clock.now())).toBe(100);
  });

  it('matches a brute-force model of the window at random times', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const r = new SeededRandom('win');
    const w = new SketchWindow(10_000, 20, 0, {});
    const events: Array<[number, number]> = [];
    for (let step = 0; step < 400; step++) {
      await clock.advance(r.nextInt(700));
      const v = 1 + r.nextInt(1000);
      w.record(v, clock.now());
      events.push([clock.now(), v]);
      const now = clock.now();
      const slot = 500;
      const start = (Math.floor(now / slot) - 19) * slot;
      const inWindow = events.filter(([t]) => t >= start).map(([, x]) => x);
      const s = w.merged(now);
      expect(s.count).toBe(inWindow.length);
      const exact = new QuantileSketch();
      for (const x of inWindow) exact.add(x);
      expect(s.quantile(0.9)).toBe(exact.quantile(0.9));
    }
  });

  it('instrument windows give last-N-seconds rate and quantiles per series', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const provider = new MeterProvider({ clock });
    const meter = provider.getMeter('m');
    const calls = meter.createCounter('calls', { windowMs: 10_000 });
    const lat = meter.createHistogram('lat', { windowMs: 10_000, windowSlots: 10 });
    for (let s = 0; s < 30; s++) {
      for (let i = 0; i < 5; i++) {
        calls.add(1, { svc: 'a' });
        lat.record(s < 20 ? 100 : 10, { svc: 'a' });
      }
      await clock.advance(1_000);
    }
    const snap = provider.collect();
    const c = snap.point('calls', { svc: 'a' })!;
    expect(c.value).toBe(150);
    // At t = 30 s the current sub-window [30 s, 31 s) is empty; the window holds [21 s, 30 s).
    expect(c.window!.coveredMs).toBe(9_000);
    expect(c.window!.total).toBe(45);
    expect(windowRate(c.window!)).toBeCloseTo(5, 5);
    const h = snap.point('lat', { svc: 'a' })!;
    expect(h.histogram!.count).toBe(150);
    expect(h.window!.total).toBe(45);
    expect(h.window!.sketch!.quantile(0.99)).toBeCloseTo(10, 0);
    expect(h.histogram!.sketch.quantile(0.5)).toBeCloseTo(100, -1);
    expect(calls.bind({ svc: 'a' }).windowTotal()).toBe(45);
    expect(lat.bind({ svc: 'a' }).windowSketch()!.count).toBe(45);
    expect(lat.mergedSketch(undefined, true).count).toBe(45);
    expect(lat.mergedSketch().count).toBe(150);
    expect(lat.mergedSketch((l) => l.svc === 'b').count).toBe(0);
    await clock.advance(60_000);
    expect(provider.collect().point('calls', { svc: 'a' })!.window!.total).toBe(0);
  });
});

describe('MetricsReader (pull API)', () => {
  it('collects every interval on the clock, keeps a bounded history and notifies listeners', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const provider = new MeterProvider({ clock });
    const c = provider.getMeter('m').createCounter('n');
    const reader = new MetricsReader(provider, { historySize: 3 });
    const seen: number[] = [];
    const sub = reader.onSnapshot((s: MetricsSnapshot) => seen.push(s.time));
    reader.start(1_000);
    expect(reader.running).toBe(true);
    for (let i = 0; i < 5; i++) {
      c.add(1);
      await clock.advance(1_000);
    }
    expect(seen).toEqual([1_000, 2_000, 3_000, 4_000, 5_000]);
    expect(reader.history().map((s) => s.point('n')!.value)).toEqual([3, 4, 5]);
    expect(reader.latest()!.time).toBe(5_000);
    sub.dispose();
    reader.stop();
    expect(reader.running).toBe(false);
    await clock.advance(5_000);
    expect(seen).toHaveLength(5);
    expect(() => reader.start(0)).toThrow(InvalidArgumentError);
    expect(() => new MetricsReader(provider, { historySize: -1 })).toThrow(InvalidArgumentError);
  });

  it('DELTA readers report per-interval sums and histograms; gauges stay current', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const provider = new MeterProvider({ clock });
    const m = provider.getMeter('m');
    const c = m.createCounter('n');
    const h = m.createHistogram('lat', { boundaries: [50] });
    const g = m.createGauge('g');
    const delta = new MetricsReader(provider, { temporality: AggregationTemporality.DELTA });
    const cumulative = new MetricsReader(provider);
    c.add(3);
    for (let i = 0; i < 10; i++) h.record(10);
    g.set(1);
    await clock.advance(1_000);
    let d = delta.collect();
    expect(cumulative.collect().point('n')!.value).toBe(3);
    expect(d.temporality).toBe(AggregationTemporality.DELTA);
    expect(d.point('n')!.value).toBe(3);
    expect(d.point('n')!.startTime).toBe(0);
    c.add(4);
    for (let i = 0; i < 5; i++) h.record(100);
    g.set(2);
    await clock.advance(1_000);
    d = delta.collect();
    const n = d.point('n')!;
    expect([n.value, n.startTime, n.time]).toEqual([4, 1_000, 2_000]);
    const lat = d.point('lat')!.histogram!;
    expect(lat.count).toBe(5);
    expect(lat.sum).toBeCloseTo(500, 9);
    expect(lat.bucketCounts).toEqual([0, 5]);
    expect(lat.sketch.quantile(0.5)).toBeCloseTo(100, 0);
    expect(d.point('g')!.value).toBe(2);
    expect(cumulative.collect().point('n')!.value).toBe(7);
    d = delta.collect();
    expect(d.point('n')!.value).toBe(0);
    expect(d.point('lat')!.histogram!.count).toBe(0);
    expect(d.find('lat')!.temporality).toBe(AggregationTemporality.DELTA);
  });

  it('DELTA treats a falling observed total as a reset and forgets vanished series', () => {
    const clock = new VirtualClock({ startTime: 0 });
    const provider = new MeterProvider({ clock });
    let total = 10;
    let show = true;
    provider.getMeter('m').createObservableCounter('t', {}, (r) => {
      r.observe(total);
      if (show) r.observe(1, { extra: 'y' });
    });
    const reader = new MetricsReader(provider, { temporality: AggregationTemporality.DELTA });
    expect(reader.collect().point('t')!.value).toBe(10);
    total = 15;
    expect(reader.collect().point('t')!.value).toBe(5);
    total = 2;
    expect(reader.collect().point('t')!.value).toBe(2);
    show = false;
    expect(reader.collect().find('t')!.points).toHaveLength(1);
    show = true;
    expect(reader.collect().point('t', { extra: 'y' })!.value).toBe(1);
  });
});
