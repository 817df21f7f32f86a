import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { HealthChecker, HealthStatus, OutlierDetector, ServiceInstance, ServiceRegistry } from '../../sdk/src/main/ets/registry/index';

const clock = () => new VirtualClock({ startTime: 0 });
const reg = (n: number) => {
  const r = new ServiceRegistry('phone');
  for (let i = 0; i < n; i++) r.register({ id: `i${i}`, serviceName: 'svc', version: '1.0.0', deviceId: 'phone', deviceType: 'phone' });
  return r;
};

describe('HealthChecker (active checks)', () => {
  it('goes WARNING on a failure, CRITICAL at the threshold, PASSING after enough passes', async () => {
    const c = clock();
    const r = reg(1);
    let answer: HealthStatus | 'throw' | 'hang' = HealthStatus.PASSING;
    const seen: HealthStatus[] = [];
    r.onChange((e) => seen.push(e.instance.health));
    const checker = new HealthChecker(c, r);
    const sub = checker.add('i0', {
      intervalMs: 1000, timeoutMs: 200, unhealthyThreshold: 3, healthyThreshold: 2,
      probe: () => answer === 'throw' ? Promise.reject(new Error('x')) : answer === 'hang' ? new Promise<HealthStatus>(() => {}) : Promise.resolve(answer),
    });
    await c.advance(10);
    expect(r.get('i0')!.health).toBe(HealthStatus.PASSING);
    answer = 'throw';
    await c.advance(1000);
    expect(r.get('i0')!.health).toBe(HealthStatus.WARNING);
    answer = 'hang';
    await c.advance(1200);
    expect(r.get('i0')!.health).toBe(HealthStatus.WARNING);
    await c.advance(1200);
    expect(r.get('i0')!.health).toBe(HealthStatus.CRITICAL);
    expect(r.discover('svc')).toEqual([]);
    answer = HealthStatus.PASSING;
    await c.advance(1200);
    expect(r.get('i0')!.health).toBe(HealthStatus.CRITICAL);
    await c.advance(1000);
    expect(r.get('i0')!.health).toBe(HealthStatus.PASSING);
    answer = HealthStatus.WARNING;
    await c.advance(1000);
    expect(r.get('i0')!.health).toBe(HealthStatus.WARNING);
    expect(seen).toEqual(['warning', 'critical', 'passing', 'warning']);
    sub.dispose();
    expect(checker.size).toBe(0);
    await c.advance(5000);
    expect(c.pendingTimers).toBe(0);
    expect(() => checker.add('i0', { probe: () => Promise.resolve(HealthStatus.PASSING), intervalMs: 0 })).toThrow(/healthCheck.intervalMs/);
  });
});

describe('OutlierDetector (passive signals)', () => {
  it('warns, ejects after consecutive failures, respects max ejection percent, and returns instances', async () => {
    const c = clock();
    const r = reg(4);
    const od = new OutlierDetector(c, r, { ejectionFailures: 3, warningFailures: 2, baseEjectionMs: 1000, maxEjectionMs: 1500, maxEjectionPercent: 50 });
    const inst = (i: number): ServiceInstance => r.get(`i${i}`)!;
    od.recordFailure(inst(0));
    expect(inst(0).effectiveHealth).toBe(HealthStatus.PASSING);
    od.recordFailure(inst(0));
    expect(inst(0).effectiveHealth).toBe(HealthStatus.WARNING);
    od.recordSuccess(inst(0));
    expect(inst(0).effectiveHealth).toBe(HealthStatus.PASSING);
    for (const k of [0, 1, 2]) for (let n = 0; n < 3; n++) od.recordFailure(inst(k));
    // 50% of 4: two ejected, the third stays in rotation (WARNING).
    expect(od.ejectedCount('svc')).toBe(2);
    expect(r.discover('svc').map((i) => i.id)).toEqual(['i2', 'i3']);
    expect(inst(2).effectiveHealth).toBe(HealthStatus.WARNING);
    await c.advance(1000);
    expect(od.ejectedCount('svc')).toBe(0);
    expect(r.discover('svc').length).toBe(4);
    for (let n = 0; n < 3; n++) od.recordFailure(inst(0));
    expect(od.isEjected('i0')).toBe(true);
    await c.advance(1000);
    expect(od.isEjected('i0')).toBe(true); // second ejection: 2 x 1000 capped at 1500
    await c.advance(500);
    expect(od.isEjected('i0')).toBe(false);
    od.stop();
    expect(() => new OutlierDetector(c, r, { maxEjectionPercent: 120 })).toThrow(/outlierDetection.maxEjectionPercent/);
  });

  it('never ejects the only instance of a service', () => {
    const r = reg(1);
    const od = new OutlierDetector(clock(), r, { ejectionFailures: 1 });
    od.recordFailure(r.get('i0')!);
    expect(od.isEjected('i0')).toBe(false);
    expect(r.discover('svc').length).toBe(1);
  });
});
