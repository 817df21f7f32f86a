import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../simulator/engine/index';
import type { BreakerView, CallEvent, DeviceView, SimEvent } from '../../simulator/engine/index';
import { spanService, ViewAggregator } from '../../simulator/src/engine/ViewAggregator';

const scenario = parseScenario({
  name: 'agg', seed: 1, duration: '60s', metrics: { window: '10s' }, events: { callSampleRatio: 0.5 },
  devices: [
    { id: 'phone', type: 'phone', services: [{ name: 'echo' }] },
    { id: 'tv', type: 'tv', services: [{ name: 'media' }] },
    { id: 'watch', type: 'watch' },
  ],
});

let seq = 0;
const call = (t: number, from: string, instance: string, ok: boolean, latencyMs = 10): CallEvent => ({
  type: 'call', seq: ++seq, t, from, service: instance.split('@')[0], device: instance.split('@')[1], instance, outcome: ok ? 'ok' : 'error',
  status: ok ? 200 : 503, code: ok ? undefined : 'ERR_UNAVAILABLE', latencyMs, attempts: 1, local: false,
});
const device = (id: string, state: DeviceView['state'] = 'up'): DeviceView => ({
  id, type: 'phone', zone: undefined, state, services: [], crashes: 0, restarts: 0, liveMembers: 3, callsMade: 0, callsFailed: 0,
});
const up = [device('phone'), device('tv'), device('watch')];

describe('ViewAggregator', () => {
  it('measures live edges and instance health over the sliding window, scaled by the call sample ratio', () => {
    const a = new ViewAggregator(scenario);
    for (let t = 0; t < 10_000; t += 100) a.add(call(t, 'watch', 'media@tv', t % 1000 !== 0, 20));
    const topo = a.topology(10_000, up, []);
    const edge = topo.edges.find((e) => e.id === 'watch>media@tv')!;
    expect(edge.rps).toBe(20); // 100 sampled events at ratio 0.5 over 10 s
    expect(edge.errorRate).toBe(0.1);
    expect(edge.latencyMs).toBe(20);
    const media = topo.instances.find((i) => i.id === 'media@tv')!;
    expect(media.health).toBe('degraded');
    expect(topo.instances.find((i) => i.id === 'echo@phone')!.health).toBe('idle');
    // Ten seconds later without calls, the window is empty.
    expect(a.topology(21_000, up, []).edges).toEqual([]);
  });

  it('marks instances of a crashed device down and those behind an open breaker unhealthy', () => {
    const a = new ViewAggregator(scenario);
    a.add(call(100, 'watch', 'echo@phone', true));
    const breakers: BreakerView[] = [
      { device: 'watch', breaker: 'echo@phone', service: 'echo', target: 'phone', state: 'open', since: 50 },
      { device: 'phone', breaker: 'media@tv', service: 'media', target: 'tv', state: 'half-open', since: 50 },
    ];
    const topo = a.topology(1000, [device('phone'), device('tv', 'crashed'), device('watch')], breakers);
    expect(topo.instances.find((i) => i.id === 'echo@phone')).toMatchObject({ health: 'unhealthy', breaker: 'open' });
    expect(topo.instances.find((i) => i.id === 'media@tv')).toMatchObject({ health: 'down', breaker: 'half-open' });
  });

  it('shows how the mesh sees each device, counting only observers that are up', () => {
    const a = new ViewAggregator(scenario);
    const m = (observer: string, member: string, change: 'suspect' | 'dead' | 'alive'): SimEvent =>
      ({ type: 'membership', seq: ++seq, t: 1, observer, member, change, incarnation: 0 });
    a.add(m('phone', 'tv', 'suspect'));
    a.add(m('watch', 'tv', 'dead'));
    let tv = a.topology(1, up, []).members.find((x) => x.device === 'tv')!;
    expect(tv).toMatchObject({ state: 'dead', suspectBy: 1, deadBy: 1 });
    tv = a.topology(1, [device('phone'), device('tv'), device('watch', 'crashed')], []).members.find((x) => x.device === 'tv')!;
    expect(tv).toMatchObject({ state: 'suspect', deadBy: 0 });
    a.add(m('phone', 'tv', 'alive'));
    a.add(m('watch', 'tv', 'alive'));
    expect(a.topology(2, up, []).members.find((x) => x.device === 'tv')!.state).toBe('alive');
  });

  it('summarises traces across devices and hands out only what changed', () => {
    const a = new ViewAggregator(scenario);
    const span = (spanId: string, parent: string | undefined, device: string, start: number, durationMs: number, status: 'ok' | 'error' | 'unset' = 'unset'): SimEvent => ({
      type: 'span', seq: ++seq, t: start + durationMs, device, traceId: 'T1', spanId, parentSpanId: parent, name: 'media GET /', kind: parent === undefined ? 'client' : 'server',
      start, durationMs, status,
    });
    a.add(span('s2', 's1', 'tv', 12, 5));
    a.add(span('s1', undefined, 'phone', 10, 10, 'error'));
    const first = a.takeAppended().traces;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ traceId: 'T1', root: 'media GET /', devices: ['phone', 'tv'], services: ['media'], spans: 2, errors: 1, status: 'error', start: 10, durationMs: 10 });
    expect(a.takeAppended().traces).toEqual([]);
  });

  it('keeps queue rates, saga timelines, breaker transitions and 429s per route', () => {
    const a = new ViewAggregator(scenario);
    a.add({ type: 'queue', seq: ++seq, t: 1000, topic: 't', group: 'g', depth: 5, published: 10, acked: 5, deadLettered: 0, redelivered: 0 });
    a.add({ type: 'queue', seq: ++seq, t: 2000, topic: 't', group: 'g', depth: 3, published: 30, acked: 27, deadLettered: 1, redelivered: 2 });
    a.add({ type: 'saga', seq: ++seq, t: 5, saga: 'order', id: 'o1', device: 'phone', state: 'RUNNING', step: 'reserve' });
    a.add({ type: 'saga', seq: ++seq, t: 9, saga: 'order', id: 'o1', device: 'phone', state: 'STUCK', step: 'refund' });
    a.add({ type: 'breaker', seq: ++seq, t: 7, device: 'phone', breaker: 'media@tv', service: 'media', target: 'tv', from: 'closed', to: 'open', reason: 'failure-rate' });
    a.add({ type: 'route', seq: ++seq, t: 100, device: 'tv', route: 'r1', method: 'GET', path: '/', service: 'media', status: 429, code: 'ERR_RATE_LIMITED', latencyMs: 0, attempts: 0 });
    a.add({ type: 'route', seq: ++seq, t: 200, device: 'tv', route: 'r1', method: 'GET', path: '/', service: 'media', status: 200, code: undefined, latencyMs: 3, attempts: 1 });
    const out = a.takeAppended();
    expect(out.queues).toEqual([expect.objectContaining({ depth: 3, publishRate: 20, ackRate: 22 })]);
    expect(out.sagas[0]).toMatchObject({ state: 'STUCK', started: 5, transitions: [{ t: 5, state: 'RUNNING', step: 'reserve' }, { t: 9, state: 'STUCK', step: 'refund' }] });
    expect(out.breakerTransitions).toHaveLength(1);
    expect(a.rateLimits(1000)).toEqual([{ route: 'r1', requests: 2, limited: 1, lastLimitedAt: 100 }]);
    expect(a.rateLimits(1000)).toBeUndefined();
  });

  it('names the service of a span from the SDK span name', () => {
    expect(spanService('media.player GET /play')).toBe('media.player');
    expect(spanService('GET /api/play')).toBe('gateway');
  });
});
