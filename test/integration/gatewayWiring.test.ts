// node.gateway: routes by path to services on other devices through the node's own call path
// (discovery, balancers, interceptors, call events), on a SimNetwork with a VirtualClock.
import { describe, expect, it } from 'vitest';
import { CancellationSource, MeshError } from '../../sdk/src/main/ets/core/index';
import { MeshRequest, MeshResponse, UniformLatency } from '../../sdk/src/main/ets/transport/index';
import { RoundRobinBalancer } from '../../sdk/src/main/ets/registry/index';
import { RequestIdMiddleware, TimeoutMiddleware, middleware } from '../../sdk/src/main/ets/gateway/index';
import { CallCompletedEvent, CallContext, MeshNode, NodeUpstream, type MeshCallOptions } from '../../sdk/src/main/ets/mesh/index';
import { MeshCluster } from '../mesh/meshCluster';

const echo = (id: string) => (req: MeshRequest) => Promise.resolve(MeshResponse.json({ by: id, path: req.path, q: req.queryParam('q') ?? null }));

const mesh = async () => {
  const c = new MeshCluster({ seed: 'gateway-wiring', conditions: { latency: new UniformLatency(2, 6) } });
  const phone = c.add('phone', 'phone', {
    balancer: () => new RoundRobinBalancer(),
    gateway: {
      routes: [
        { method: 'GET', path: '/users/:id', target: { service: 'users', rewrite: '/v2/users/:id' } },
        { method: ['GET', 'POST'], path: '/media/*', target: { service: 'media', stripPrefix: '/media', version: '^2.0.0' } },
        { path: '/slow', target: { service: 'slow' }, middleware: [new TimeoutMiddleware({ timeoutMs: 300 })] },
      ],
    },
  });
  const tv1 = c.add('tv1', 'tv');
  const tv2 = c.add('tv2', 'tv');
  const watch = c.add('watch', 'watch');
  tv1.provide('users', echo('tv1'));
  tv2.provide('users', echo('tv2'));
  tv1.provide('media', echo('tv1-media-v1'), { version: '1.4.0' });
  tv2.provide('media', echo('tv2-media-v2'), { version: '2.3.0' });
  watch.provide('slow', () => new Promise<MeshResponse>((resolve) => c.clock.setTimer(2000, () => resolve(MeshResponse.json('late')))));
  await c.startAll();
  await c.until(() => c.sees('users', 2) && c.sees('media', 2) && c.sees('slow', 1));
  return { c, phone, tv1, tv2, watch };
};

describe('node.gateway across devices', () => {
  it('routes by path to a service on another device, rewriting the path', async () => {
    const { c, phone } = await mesh();
    const res = await c.settle(phone.request(new MeshRequest({ path: '/users/42', query: { q: ['x'] } })));
    expect(res.status).toBe(200);
    expect((res.body as { path: string }).path).toBe('/v2/users/42');
    expect((res.body as { q: string }).q).toBe('x');
    expect(['tv1', 'tv2']).toContain((res.body as { by: string }).by);
    expect(phone.stats.remoteAttempts).toBe(1);
  });

  it('node.request and node.gateway.handle are the same path, and share the balancer with node.call', async () => {
    const { c, phone } = await mesh();
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      seen.push(((await c.settle(phone.request(new MeshRequest({ path: `/users/${i}` })))).body as { by: string }).by);
      seen.push(((await c.settle(phone.call('users', new MeshRequest({ path: '/direct' })))).body as { by: string }).by);
      seen.push(((await c.settle(phone.gateway.handle(new MeshRequest({ path: `/users/${i}` })))).body as { by: string }).by);
    }
    // One round-robin balancer for 'users' on the phone serves all three entry points: strict alternation.
    for (let i = 1; i < seen.length; i++) expect(seen[i]).not.toBe(seen[i - 1]);
    expect(phone.stats.calls).toBe(9);
  });

  it('passes the route target version range to discovery', async () => {
    const { c, phone } = await mesh();
    for (let i = 0; i < 4; i++) {
      const res = await c.settle(phone.request(new MeshRequest({ path: `/media/track/${i}` })));
      expect(res.body).toMatchObject({ by: 'tv2-media-v2', path: `/track/${i}` });
    }
    // Without the route (a direct call), both versions are candidates.
    const bys = new Set<string>();
    for (let i = 0; i < 4; i++) bys.add(((await c.settle(phone.call('media', new MeshRequest()))).body as { by: string }).by);
    expect(bys).toEqual(new Set(['tv1-media-v1', 'tv2-media-v2']));
  });

  it('maps call failures to statuses: 404 no route, 405, 503 no instance, 504 at the route deadline', async () => {
    const { c, phone, watch } = await mesh();
    expect((await c.settle(phone.request(new MeshRequest({ path: '/nope' })))).status).toBe(404);
    expect((await c.settle(phone.request(new MeshRequest({ method: 'DELETE', path: '/users/1' })))).status).toBe(405);
    phone.gateway.addRoute({ path: '/ghost', target: { service: 'ghost' } });
    const ghost = await c.settle(phone.request(new MeshRequest({ path: '/ghost' })));
    expect(ghost.status).toBe(503);
    expect(ghost.headers.get('x-mesh-error')).toBe('ERR_NO_HEALTHY_INSTANCE');
    let handled = 0;
    watch.useInbound((ctx, next) => { handled++; return next(); });
    const t0 = c.clock.now();
    const slow = await c.settle(phone.request(new MeshRequest({ path: '/slow' })));
    expect(slow.status).toBe(504);
    expect(c.clock.now() - t0).toBeLessThan(400);
    expect(handled).toBe(1);
  });

  it('gives the call the gateway deadline, the cancellation and the route id', async () => {
    const { c, phone } = await mesh();
    const seen: CallContext[] = [];
    phone.useCall((ctx, next) => { seen.push(ctx); return next(); });
    phone.gateway.use(new RequestIdMiddleware());
    const t0 = c.clock.now();
    await c.settle(phone.request(new MeshRequest({ path: '/users/1', headers: { 'x-mesh-timeout-ms': '700' } })));
    expect(seen).toHaveLength(1);
    expect(seen[0].deadline).toBe(t0 + 700);
    expect(seen[0].route).toBe('GET /users/:id');
    expect(seen[0].serviceName).toBe('users');
    // Cancelling the gateway request cancels the call's token.
    const source = new CancellationSource();
    const pending = phone.request(new MeshRequest({ path: '/slow' }), { cancellation: source.token });
    await c.clock.advance(20);
    source.cancel(new MeshError('ERR_CANCELLED', 'user left'));
    const res = await c.settle(pending);
    expect(res.status).toBe(499);
    expect(seen[seen.length - 1].token.isCancelled).toBe(true);
  });

  it('emits one call event per gateway request, like a direct call', async () => {
    const { c, phone } = await mesh();
    const events: CallCompletedEvent[] = [];
    phone.onCall((e) => events.push(e));
    await c.settle(phone.request(new MeshRequest({ path: '/users/7' })));
    await c.settle(phone.request(new MeshRequest({ path: '/nope' })));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ serviceName: 'users', outcome: 'ok', status: 200, attempts: 1, local: false });
  });

  it('adds options.gateway.middleware after the standard plugins and validates routes at create', () => {
    const c = new MeshCluster({ seed: 'gw-create' });
    const order: string[] = [];
    const node = c.add('a', 'phone', { gateway: { middleware: [middleware('mine', async (ctx, next) => { order.push('mine'); await next(); })] } });
    expect(node.gateway.middleware().map((m) => m.name)).toEqual(['mine']);
    expect(() => c.add('b', 'phone', { gateway: { routes: [{ path: 'no-slash', target: { service: 's' } }] } }))
      .toThrow(/route.path/);
  });

  it('NodeUpstream passes the context to any call function', async () => {
    const calls: Array<{ service: string; options: MeshCallOptions }> = [];
    const upstream = new NodeUpstream((service, request, options) => {
      calls.push({ service, options });
      return Promise.resolve(MeshResponse.json(request.path));
    });
    const c = new MeshCluster({ seed: 'upstream' });
    const node: MeshNode = c.add('a', 'phone', { gateway: { routes: [{ path: '/x/:id', target: { service: 'x', version: '1.x' } }] } });
    node.gateway.setUpstream(upstream);
    const res = await node.request(new MeshRequest({ path: '/x/1', headers: { 'x-mesh-timeout-ms': '50' } }));
    expect(res.body).toBe('/x/1');
    expect(calls[0].service).toBe('x');
    expect(calls[0].options.versionRange).toBe('1.x');
    expect(calls[0].options.deadline).toBe(c.clock.now() + 50);
    expect(calls[0].options.route).toBe('ALL /x/:id');
    expect(calls[0].options.parent).toBeUndefined();
  });
});
