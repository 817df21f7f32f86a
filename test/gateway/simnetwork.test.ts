// Integration: a gateway on one simulated device routes to services hosted on others, over a
// SimNetwork driven by a VirtualClock (latency, partitions, crashes), with the built-in middleware.
import { describe, expect, it } from 'vitest';
import { MemoryLogger, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { FixedLatency, MeshRequest, SimNetwork } from '../../sdk/src/main/ets/transport/index';
import {
  AccessLogMiddleware, Gateway, RequestIdMiddleware, RetryMiddleware, TimeoutMiddleware, TrafficSplitMiddleware,
} from '../../sdk/src/main/ets/gateway/index';
import { serve, SimNetworkUpstream } from './fakes';

const world = () => {
  const clock = new VirtualClock({ startTime: 0 });
  const net = new SimNetwork({ clock, random: new SeededRandom('net'), conditions: { latency: new FixedLatency(20) } });
  const phone = net.attach('phone');
  const tv = net.attach('tv');
  const watch = net.attach('watch');
  const served: string[] = [];
  serve(net, tv, 'player', (method, path) => { served.push(`tv ${method} ${path}`); return { body: { device: 'tv', path } }; });
  serve(net, watch, 'player-v2', (method, path) => { served.push(`watch ${method} ${path}`); return { body: { device: 'watch', path } }; });
  serve(net, watch, 'health', () => ({ status: 503, body: { ok: false } }));
  const logger = new MemoryLogger();
  const gateway = new Gateway({
    clock, random: new SeededRandom('gw'), logger,
    upstream: new SimNetworkUpstream(phone, { player: 'tv', 'player-v2': 'watch', health: 'watch' }, clock),
    middleware: [new RequestIdMiddleware(), new AccessLogMiddleware()],
  });
  return { clock, net, gateway, served, logger };
};

const call = async (clock: VirtualClock, gateway: Gateway, req: MeshRequest, ms = 5000) => {
  const p = gateway.handle(req);
  await clock.advance(ms);
  return p;
};

describe('Gateway over a SimNetwork', () => {
  it('routes across devices with network latency and rewrites the path', async () => {
    const { clock, gateway, served } = world();
    gateway.addRoute({ method: 'GET', path: '/player/:track', target: { service: 'player', rewrite: '/tracks/:track' } });
    let doneAt = -1;
    const p = gateway.handle(new MeshRequest({ path: '/player/42' })).then((r) => { doneAt = clock.now(); return r; });
    await clock.advance(1000);
    const r = await p;
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ device: 'tv', path: '/tracks/42' });
    expect(doneAt).toBe(40); // 20 ms there, 20 ms back
    expect(served).toEqual(['tv GET /tracks/42']);
  });

  it('times out across a partition with 504, and recovers when it heals', async () => {
    const { clock, net, gateway } = world();
    gateway.addRoute({ path: '/player/*', target: { service: 'player' }, middleware: [new TimeoutMiddleware({ timeoutMs: 300 })] });
    const partition = net.partition(['phone'], ['tv']);
    const cut = await call(clock, gateway, new MeshRequest({ path: '/player/x' }));
    expect(cut.status).toBe(504);
    net.heal(partition);
    expect((await call(clock, gateway, new MeshRequest({ path: '/player/x' }))).status).toBe(200);
  });

  it('retries a crashed device until it is back, within the deadline', async () => {
    const { clock, net, gateway, served } = world();
    gateway.addRoute({ path: '/player/*', target: { service: 'player' }, middleware: [
      new TimeoutMiddleware({ timeoutMs: 2000 }), new RetryMiddleware({ maxAttempts: 10, perTryTimeoutMs: 100 }),
    ] });
    net.crash('tv');
    clock.setTimer(250, () => {
      const tv = net.restart('tv');
      serve(net, tv, 'player', (method, path) => { served.push(`tv again ${path}`); return { body: { device: 'tv' } }; });
    });
    const r = await call(clock, gateway, new MeshRequest({ path: '/player/y' }));
    expect(r.status).toBe(200);
    expect(served).toEqual(['tv again /player/y']);
  });

  it('splits traffic between versions on different devices', async () => {
    const { clock, gateway } = world();
    gateway.addRoute({ path: '/player/*', target: { service: 'player' }, middleware: [
      new TrafficSplitMiddleware({ splits: [{ weight: 3 }, { service: 'player-v2', weight: 1 }] }),
    ] });
    const devices: string[] = [];
    for (let i = 0; i < 400; i++) {
      const r = await call(clock, gateway, new MeshRequest({ path: '/player/z' }), 100);
      devices.push((r.body as { device: string }).device);
    }
    const watch = devices.filter((d) => d === 'watch').length;
    expect(watch).toBeGreaterThan(100 - 4 * Math.sqrt(400 * 0.25 * 0.75));
    expect(watch).toBeLessThan(100 + 4 * Math.sqrt(400 * 0.25 * 0.75));
  });

  it('passes an upstream error status through and logs it', async () => {
    const { clock, gateway, logger } = world();
    gateway.addRoute({ path: '/health', target: { service: 'health' } });
    const r = await call(clock, gateway, new MeshRequest({ path: '/health' }));
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ ok: false });
    expect(logger.find('gateway request')[0].fields).toMatchObject({ status: 503, service: 'health' });
  });
});
