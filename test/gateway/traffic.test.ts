import { describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { MeshRequest } from '../../sdk/src/main/ets/transport/index';
import {
  FaultInjectionMiddleware, Gateway, GatewayAttribute, TrafficSplitMiddleware, type GatewayMiddleware,
} from '../../sdk/src/main/ets/gateway/index';
import { FakeUpstream } from './fakes';

const setup = (route: GatewayMiddleware[], seed: string | number = 'traffic') => {
  const clock = new VirtualClock({ startTime: 0 });
  const upstream = new FakeUpstream(clock);
  const gateway = new Gateway({ clock, random: new SeededRandom(seed), upstream });
  gateway.addRoute({ path: '/play', target: { service: 'player', version: '1.x' }, middleware: route });
  return { clock, upstream, gateway };
};

// Binomial tolerance: k standard deviations around n * p.
const within = (count: number, n: number, p: number, k = 4): void => {
  const sd = Math.sqrt(n * p * (1 - p));
  expect(count).toBeGreaterThanOrEqual(n * p - k * sd);
  expect(count).toBeLessThanOrEqual(n * p + k * sd);
};

describe('TrafficSplitMiddleware', () => {
  it('splits by weight within statistical tolerance and hands the version to the upstream', async () => {
    const { gateway, upstream } = setup([new TrafficSplitMiddleware({ splits: [{ version: '1.x', weight: 90 }, { version: '2.x', weight: 9 }, { service: 'player-next', version: '3.0.0', weight: 1 }] })]);
    const n = 20000;
    for (let i = 0; i < n; i++) await gateway.handle(new MeshRequest({ path: '/play' }));
    const by = (v: string): number => upstream.calls.filter((c) => c.version === v).length;
    within(by('1.x'), n, 0.9);
    within(by('2.x'), n, 0.09);
    within(by('3.0.0'), n, 0.01);
    expect(upstream.calls.filter((c) => c.version === '3.0.0').every((c) => c.service === 'player-next')).toBe(true);
    expect(upstream.calls.filter((c) => c.version !== '3.0.0').every((c) => c.service === 'player')).toBe(true);
  });

  it('sends header-matched requests to the canary first', async () => {
    const { gateway, upstream } = setup([new TrafficSplitMiddleware({
      splits: [{ version: '1.x', weight: 1 }],
      canary: [{ header: 'x-canary', value: 'always', version: '2.0.0-canary' }, { header: 'x-beta-tester', service: 'player-beta' }],
    })]);
    await gateway.handle(new MeshRequest({ path: '/play', headers: { 'x-canary': 'always' } }));
    await gateway.handle(new MeshRequest({ path: '/play', headers: { 'x-canary': 'sometimes' } }));
    await gateway.handle(new MeshRequest({ path: '/play', headers: { 'x-beta-tester': 'yes' } }));
    expect(upstream.calls.map((c) => [c.service, c.version])).toEqual([
      ['player', '2.0.0-canary'], ['player', '1.x'], ['player-beta', '1.x'],
    ]);
    expect(upstream.calls.map((c) => c.ctx.attributes.get(GatewayAttribute.SPLIT))).toEqual(['canary', 'split', 'canary']);
  });

  it('gives each client the same version when sticky, and spreads clients by weight', async () => {
    const { gateway, upstream } = setup([new TrafficSplitMiddleware({ sticky: true, splits: [{ version: 'a', weight: 50 }, { version: 'b', weight: 50 }] })]);
    const clients = 4000;
    for (let c = 0; c < clients; c++) {
      for (let k = 0; k < 2; k++) await gateway.handle(new MeshRequest({ path: '/play', headers: { 'x-client-id': `client-${c}` } }));
    }
    for (let c = 0; c < clients; c++) expect(upstream.calls[2 * c].version).toBe(upstream.calls[2 * c + 1].version);
    within(upstream.calls.filter((c, i) => i % 2 === 0 && c.version === 'a').length, clients, 0.5);
  });

  it('validates its options', () => {
    expect(() => new TrafficSplitMiddleware({})).toThrow(/splits/);
    expect(() => new TrafficSplitMiddleware({ splits: [{ weight: -1 }] })).toThrow(/weight/);
    expect(() => new TrafficSplitMiddleware({ splits: [{ weight: 0 }] })).toThrow(/more than 0/);
    expect(() => new TrafficSplitMiddleware({ canary: [{ header: 'bad header', version: '2' }] })).toThrow(/header/);
    expect(() => new TrafficSplitMiddleware({ canary: [{ header: 'x' }] })).toThrow(/service or a version/);
  });
});

describe('FaultInjectionMiddleware', () => {
  it('aborts the configured share of requests with the configured status, without calling the upstream', async () => {
    const fault = new FaultInjectionMiddleware({ abort: { percent: 30, status: 502 } });
    const { gateway, upstream } = setup([fault]);
    const n = 10000;
    const statuses = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const r = await gateway.handle(new MeshRequest({ path: '/play' }));
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status === 502) expect(r.headers.get('x-mesh-error')).toBe('ERR_FAULT_INJECTED');
    }
    within(statuses.get(502) ?? 0, n, 0.3);
    expect((statuses.get(502) ?? 0) + (statuses.get(200) ?? 0)).toBe(n);
    expect(upstream.calls.length).toBe(statuses.get(200));
    expect(fault.aborted).toBe(statuses.get(502));
  });

  it('delays the configured share of requests by a fixed time on the clock', async () => {
    const fault = new FaultInjectionMiddleware({ delay: { ms: 250, percent: 50 } });
    const { gateway, clock } = setup([fault], 7);
    const n = 2000;
    const durations: number[] = [];
    gateway.onExchange((e) => durations.push(e.durationMs));
    for (let i = 0; i < n; i++) {
      const p = gateway.handle(new MeshRequest({ path: '/play' }));
      await clock.advance(300);
      await p;
    }
    expect(new Set(durations)).toEqual(new Set([0, 250]));
    within(durations.filter((d) => d === 250).length, n, 0.5);
    expect(fault.delayed).toBe(durations.filter((d) => d === 250).length);
  });

  it('replays the same faults with the same seed', async () => {
    const pattern = async (): Promise<number[]> => {
      const { gateway } = setup([new FaultInjectionMiddleware({ abort: { percent: 50 } })], 'same-seed');
      const out: number[] = [];
      for (let i = 0; i < 50; i++) out.push((await gateway.handle(new MeshRequest({ path: '/play' }))).status);
      return out;
    };
    expect(await pattern()).toEqual(await pattern());
  });

  it('validates its options', () => {
    expect(() => new FaultInjectionMiddleware({})).toThrow(/delay, an abort/);
    expect(() => new FaultInjectionMiddleware({ abort: { percent: 101 } })).toThrow(/percent/);
    expect(() => new FaultInjectionMiddleware({ abort: { percent: 1, status: 200 } })).toThrow(/status/);
    expect(() => new FaultInjectionMiddleware({ delay: { ms: -1, percent: 1 } })).toThrow(/ms/);
  });
});
