import { describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  ConsistentHashBalancer, LeastRequestBalancer, LoadBalancer, LocalityAwareBalancer, P2cEwmaBalancer, PickContext, RandomBalancer,
  RoundRobinBalancer, ServiceInstance, WeightedRoundRobinBalancer,
} from '../../sdk/src/main/ets/registry/index';
import { MeshRequest } from '../../sdk/src/main/ets/transport/index';

const inst = (id: string, over: { weight?: number; deviceId?: string; deviceType?: string; zone?: string } = {}) =>
  ServiceInstance.create({ id, serviceName: 'svc', version: '1.0.0', deviceId: over.deviceId ?? `dev-${id}`, deviceType: over.deviceType ?? 'tv', weight: over.weight, zone: over.zone });
const ctx = new PickContext();
const counts = (b: LoadBalancer, cs: ServiceInstance[], n: number, c = ctx) => {
  const m = new Map<string, number>(cs.map((x) => [x.id, 0]));
  for (let i = 0; i < n; i++) { const p = b.pick(cs, c)!; m.set(p.id, m.get(p.id)! + 1); }
  return m;
};

describe('balancers', () => {
  it('round robin cycles through the candidates evenly', () => {
    const cs = ['a', 'b', 'c'].map((x) => inst(x));
    const b = new RoundRobinBalancer();
    expect(Array.from({ length: 6 }, () => b.pick(cs, ctx)!.id).join('')).toBe('abcabc');
    expect(b.pick([], ctx)).toBeUndefined();
  });

  it('smooth weighted round robin honours weights exactly and interleaves (nginx sequence)', () => {
    const cs = [inst('a', { weight: 5 }), inst('b', { weight: 1 }), inst('c', { weight: 1 })];
    const b = new WeightedRoundRobinBalancer();
    expect(Array.from({ length: 7 }, () => b.pick(cs, ctx)!.id).join('')).toBe('aabacaa');
    const many = [inst('w1', { weight: 1 }), inst('w2', { weight: 2 }), inst('w3', { weight: 3 }), inst('w4', { weight: 4 })];
    const m = counts(new WeightedRoundRobinBalancer(), many, 10000);
    expect([...m.values()]).toEqual([1000, 2000, 3000, 4000]);
  });

  it('weighted random stays within 1% of the weights', () => {
    const cs = [inst('w1', { weight: 1 }), inst('w2', { weight: 2 }), inst('w3', { weight: 3 }), inst('w4', { weight: 4 })];
    const n = 100000;
    const m = counts(new RandomBalancer(new SeededRandom('wr')), cs, n);
    cs.forEach((c) => expect(Math.abs(m.get(c.id)! / n - c.weight / 10)).toBeLessThan(0.01));
    const uni = counts(new RandomBalancer(new SeededRandom('u')), ['a', 'b', 'c', 'd'].map((x) => inst(x)), n);
    for (const v of uni.values()) expect(Math.abs(v / n - 0.25)).toBeLessThan(0.01);
  });

  it('least request (P2C) never picks the busiest instance and spreads evenly otherwise', () => {
    const cs = ['a', 'b', 'c', 'd'].map((x) => inst(x));
    const b = new LeastRequestBalancer(new SeededRandom('lr'));
    for (let i = 0; i < 10; i++) b.onCallStart(cs[0]);
    const m = counts(b, cs, 3000);
    expect(m.get('a')).toBe(0);
    for (const id of ['b', 'c', 'd']) expect(Math.abs(m.get(id)! / 3000 - 1 / 3)).toBeLessThan(0.03);
    for (let i = 0; i < 10; i++) b.onCallEnd(cs[0], 5, true);
    expect(b.inflight('a')).toBe(0);
  });

  // Closed loop on a VirtualClock: `concurrency` callers, each call takes its instance's latency.
  const simulate = async (b: LoadBalancer, cs: ServiceInstance[], latency: (id: string) => number, clock: VirtualClock, seconds: number, concurrency: number) => {
    const m = new Map<string, number>(cs.map((x) => [x.id, 0]));
    let running = true;
    const caller = async (): Promise<void> => {
      while (running) {
        const p = b.pick(cs, ctx)!;
        m.set(p.id, m.get(p.id)! + 1);
        b.onCallStart(p);
        const start = clock.now();
        await new Promise<void>((resolve) => clock.setTimer(latency(p.id), resolve));
        b.onCallEnd(p, clock.now() - start, true);
      }
    };
    const callers = Array.from({ length: concurrency }, () => caller());
    await clock.advance(seconds * 1000);
    running = false;
    await clock.advance(1000);
    await Promise.all(callers);
    return m;
  };

  it('P2C-EWMA sends less than 10% of traffic to an instance 10x slower', async () => {
    const cs = ['a', 'b', 'c', 'd', 'slow'].map((x) => inst(x));
    const lat = (id: string) => (id === 'slow' ? 100 : 10);
    const clock = new VirtualClock({ startTime: 0 });
    const m = await simulate(new P2cEwmaBalancer(new SeededRandom('ewma'), clock), cs, lat, clock, 120, 8);
    const total = [...m.values()].reduce((a, x) => a + x, 0);
    const share = m.get('slow')! / total;
    console.log(`P2C-EWMA: slow instance got ${(100 * share).toFixed(2)}% of ${total} calls`);
    expect(share).toBeLessThan(0.1);
    expect(m.get('slow')).toBeGreaterThan(0); // still probed now and then, as its cost decays
    // Round robin, for contrast, gives it its 20%.
    const rrClock = new VirtualClock({ startTime: 0 });
    const rr = await simulate(new RoundRobinBalancer(), cs, lat, rrClock, 20, 8);
    const rrTotal = [...rr.values()].reduce((a, x) => a + x, 0);
    expect(rr.get('slow')! / rrTotal).toBeCloseTo(0.2, 1);
  });

  it('consistent hashing is stable and moves about 1/N of the keys when an instance is added', () => {
    const ten = Array.from({ length: 10 }, (_, i) => inst(`node-${i}`));
    const b = new ConsistentHashBalancer(new SeededRandom('ch'));
    const keys = Array.from({ length: 20000 }, (_, i) => `user-${i}`);
    const before = keys.map((k) => b.lookup(ten, k)!.id);
    expect(keys.map((k) => b.lookup(ten.slice().reverse(), k)!.id)).toEqual(before);
    const share = new Map<string, number>();
    for (const id of before) share.set(id, (share.get(id) ?? 0) + 1);
    for (const v of share.values()) expect(Math.abs(v / keys.length - 0.1)).toBeLessThan(0.035);
    const eleven = ten.concat([inst('node-10')]);
    const after = keys.map((k) => b.lookup(eleven, k)!.id);
    const moved = after.filter((id, i) => id !== before[i]);
    const fraction = moved.length / keys.length;
    console.log(`consistent hash: adding an 11th instance moved ${(100 * fraction).toFixed(2)}% of keys (ideal ${(100 / 11).toFixed(2)}%)`);
    expect(fraction).toBeGreaterThan(0.05);
    expect(fraction).toBeLessThan(0.13);
    expect(new Set(moved)).toEqual(new Set(['node-10']));
    // Removing one moves only its keys.
    const nine = ten.filter((x) => x.id !== 'node-3');
    keys.forEach((k, i) => { if (before[i] !== 'node-3') expect(b.lookup(nine, k)!.id).toBe(before[i]); });
  });

  it('consistent hashing reads the key from the call or the request header, else spreads at random', () => {
    const cs = ['a', 'b', 'c'].map((x) => inst(x));
    const b = new ConsistentHashBalancer(new SeededRandom('h'));
    const c = new PickContext();
    c.request = new MeshRequest({ headers: { 'X-Mesh-Hash-Key': 'session-42' } });
    const viaHeader = b.pick(cs, c)!.id;
    for (let i = 0; i < 20; i++) expect(b.pick(cs, c)!.id).toBe(viaHeader);
    c.hashKey = 'session-42';
    c.request = undefined;
    expect(b.pick(cs, c)!.id).toBe(viaHeader);
    c.hashKey = undefined;
    const spread = counts(b, cs, 3000, c);
    for (const v of spread.values()) expect(v).toBeGreaterThan(800);
    const heavy = [inst('h1', { weight: 2 }), inst('h2')];
    const m = new Map<string, number>();
    for (let i = 0; i < 20000; i++) { const id = b.lookup(heavy, `k${i}`)!.id; m.set(id, (m.get(id) ?? 0) + 1); }
    expect(m.get('h1')! / 20000).toBeCloseTo(2 / 3, 1);
  });

  it('locality prefers the same device, then zone, then device type, then anything', () => {
    const here = inst('here', { deviceId: 'me', deviceType: 'phone' });
    const zone = inst('zone', { deviceId: 'tv1', deviceType: 'tv', zone: 'kitchen' });
    const type = inst('type', { deviceId: 'p2', deviceType: 'phone' });
    const other = inst('other', { deviceId: 'car', deviceType: 'car' });
    const c = new PickContext();
    c.localDeviceId = 'me';
    c.localDeviceType = 'phone';
    c.localZone = 'kitchen';
    const b = new LocalityAwareBalancer(new RoundRobinBalancer());
    expect(b.name).toBe('locality(round-robin)');
    expect(counts(b, [other, type, zone, here], 10, c).get('here')).toBe(10);
    expect(counts(b, [other, type, zone], 10, c).get('zone')).toBe(10);
    expect(counts(b, [other, type], 10, c).get('type')).toBe(10);
    expect(counts(b, [other], 3, c).get('other')).toBe(3);
    const two = counts(b, [other, inst('other2', { deviceType: 'car' })], 10, c);
    expect([...two.values()]).toEqual([5, 5]);
  });
});
