import { describe, expect, it } from 'vitest';
import { CancellationSource, ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import { MemoryLogger, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { BreakerOpenError } from '../../sdk/src/main/ets/resilience/index';
import { MeshRequest, MeshResponse } from '../../sdk/src/main/ets/transport/index';
import {
  ErrorStatusTable, Gateway, GatewayError, InMemoryUpstream, middleware, RouteConflictError, type GatewayExchange,
} from '../../sdk/src/main/ets/gateway/index';
import { FakeUpstream } from './fakes';

const setup = (script?: ConstructorParameters<typeof FakeUpstream>[1]) => {
  const clock = new VirtualClock({ startTime: 0 });
  const upstream = new FakeUpstream(clock, script);
  const gateway = new Gateway({ clock, random: new SeededRandom('gw'), upstream, logger: new MemoryLogger() });
  return { clock, upstream, gateway };
};

const req = (method: string, path: string, headers?: Record<string, string>, extra?: Partial<MeshRequest>): MeshRequest => {
  const r = new MeshRequest({ method, path, headers });
  if (extra?.query) r.query = extra.query;
  if (extra?.body !== undefined) r.body = extra.body;
  if (extra?.deadline !== undefined) r.deadline = extra.deadline;
  return r;
};

describe('Gateway routing', () => {
  it('sends a matched request to its service with the rewritten path, keeping query and headers', async () => {
    const { gateway, upstream } = setup();
    gateway.addRoute({ method: 'GET', path: '/api/users/:id', target: { service: 'users', version: '2.x', rewrite: '/v2/people/:id' } });
    gateway.addRoute({ path: '/media/*', target: { service: 'media', stripPrefix: '/media' } });
    const r = await gateway.handle(req('GET', '/api/users/a%2Fb', { 'x-trace': 't1' }, { query: { q: ['1'] } }));
    expect(r.status).toBe(200);
    const call = upstream.calls[0];
    expect(call.service).toBe('users');
    expect(call.version).toBe('2.x');
    expect(call.path).toBe('/v2/people/a%2Fb'); // the decoded '/' is encoded again: no extra segment upstream
    expect(call.headers['x-trace']).toBe('t1');
    expect(call.request.query).toEqual({ q: ['1'] });
    expect(call.ctx.param('id')).toBe('a/b');
    await gateway.handle(req('PUT', '/media/songs/1.mp3'));
    expect(upstream.calls[1]).toMatchObject({ service: 'media', method: 'PUT', path: '/songs/1.mp3' });
    await gateway.handle(req('GET', '/media'));
    expect(upstream.calls.length).toBe(2); // '/media' alone matches no route
  });

  it('answers 404, 405 (with Allow) and 400 with the error code in a header and the body', async () => {
    const { gateway, upstream } = setup();
    gateway.addRoute({ method: ['GET', 'POST'], path: '/things/:id', target: { service: 's' } });
    const notFound = await gateway.handle(req('GET', '/nothing'));
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('x-mesh-error')).toBe('ERR_NO_ROUTE');
    expect(notFound.body).toMatchObject({ code: 'ERR_NO_ROUTE' });
    const notAllowed = await gateway.handle(req('DELETE', '/things/1'));
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.get('allow')).toBe('GET, POST');
    const bad = await gateway.handle(req('GET', '/things/%E0%A4%A'));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'ERR_BAD_REQUEST' });
    expect(upstream.calls.length).toBe(0);
  });

  it('runs global middleware around route middleware around the upstream, onion style', async () => {
    const { gateway } = setup();
    const log: string[] = [];
    const mw = (name: string) => middleware(name, async (_ctx, next) => { log.push(`${name}>`); await next(); log.push(`<${name}`); });
    gateway.use(mw('g1')).use(mw('g2'));
    gateway.addRoute({ path: '/a', target: { service: 's' }, middleware: [mw('r1'), mw('r2')] });
    gateway.addRoute({ path: '/b', target: { service: 's' } });
    await gateway.handle(req('GET', '/a'));
    expect(log).toEqual(['g1>', 'g2>', 'r1>', 'r2>', '<r2', '<r1', '<g2', '<g1']);
    log.length = 0;
    await gateway.handle(req('GET', '/nowhere')); // unrouted requests still pass the global middleware
    expect(log).toEqual(['g1>', 'g2>', '<g2', '<g1']);
    log.length = 0;
    gateway.use(mw('g3')); // added later: applies to existing routes too
    await gateway.handle(req('GET', '/b'));
    expect(log).toEqual(['g1>', 'g2>', 'g3>', '<g3', '<g2', '<g1']);
  });

  it('lets middleware answer without calling the upstream, and see the response on the way out', async () => {
    const { gateway, upstream } = setup();
    gateway.use(middleware('stamp', async (ctx, next) => { await next(); ctx.response?.headers.set('x-stamp', String(ctx.response.status)); }));
    gateway.addRoute({ path: '/short', target: { service: 's' }, middleware: [middleware('answer', async (ctx) => { ctx.respond(MeshResponse.json({ ok: true }, 202)); })] });
    const r = await gateway.handle(req('GET', '/short'));
    expect(r.status).toBe(202);
    expect(r.headers.get('x-stamp')).toBe('202');
    expect(upstream.calls.length).toBe(0);
  });

  it('turns every failure into a response: handle never rejects', async () => {
    const { gateway } = setup((service) => {
      if (service === 'boom') return { error: new Error('socket hang up') };
      if (service === 'none') return { error: new MeshError(ErrorCode.NO_HEALTHY_INSTANCE, 'no instance') };
      if (service === 'open') return { error: new BreakerOpenError('svc', 'open', 7500) };
      return {};
    });
    gateway.addRoute({ path: '/boom', target: { service: 'boom' } });
    gateway.addRoute({ path: '/none', target: { service: 'none' } });
    gateway.addRoute({ path: '/open', target: { service: 'open' } });
    gateway.addRoute({ path: '/throws', target: { service: 's' }, middleware: [middleware('bad', async () => { throw new TypeError('oops'); })] });
    gateway.addRoute({ path: '/string', target: { service: 's' }, middleware: [middleware('worse', async () => { throw 'a string'; })] });
    gateway.addRoute({ path: '/silent', target: { service: 's' }, middleware: [middleware('mute', async () => {})] });
    gateway.addRoute({ path: '/auth', target: { service: 's' }, middleware: [middleware('auth', async () => { throw new MeshError(ErrorCode.UNAUTHORIZED, 'no token'); })] });
    gateway.addRoute({ path: '/jwt', target: { service: 's' }, middleware: [middleware('auth', async () => { throw new MeshError(ErrorCode.JWT_EXPIRED, 'expired'); })] });
    gateway.addRoute({ path: '/forbidden', target: { service: 's' }, middleware: [middleware('authz', async () => { throw new MeshError(ErrorCode.FORBIDDEN, 'no'); })] });
    gateway.addRoute({ path: '/custom', target: { service: 's' }, middleware: [middleware('c', async () => { throw new GatewayError('ERR_TEAPOT', 'short and stout', 418, { 'x-why': 'tea' }); })] });
    const expectations: Array<[string, number, string]> = [
      ['/boom', 502, 'ERR_UPSTREAM'], ['/none', 503, 'ERR_NO_HEALTHY_INSTANCE'], ['/open', 503, 'ERR_BREAKER_OPEN'],
      ['/throws', 500, 'ERR_INTERNAL'], ['/string', 500, 'ERR_INTERNAL'], ['/silent', 500, 'ERR_INTERNAL'],
      ['/auth', 401, 'ERR_UNAUTHORIZED'], ['/jwt', 401, 'ERR_JWT_EXPIRED'], ['/forbidden', 403, 'ERR_FORBIDDEN'], ['/custom', 418, 'ERR_TEAPOT'],
    ];
    for (const [path, status, code] of expectations) {
      const r = await gateway.handle(req('GET', path));
      expect(r.status, path).toBe(status);
      expect(r.headers.get('x-mesh-error'), path).toBe(code);
    }
    expect((await gateway.handle(req('GET', '/open'))).headers.get('retry-after')).toBe('8');
    expect((await gateway.handle(req('GET', '/auth'))).headers.get('www-authenticate')).toBe('Bearer');
    expect((await gateway.handle(req('GET', '/jwt'))).headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect((await gateway.handle(req('GET', '/custom'))).headers.get('x-why')).toBe('tea');
    expect((await gateway.handle({} as MeshRequest)).status).toBe(400);
  });

  it('cancels a request when the caller gives up (499) and tells the upstream through the context', async () => {
    const { gateway, clock, upstream } = setup(() => ({ latencyMs: 1000 }));
    gateway.addRoute({ path: '/slow', target: { service: 's' } });
    const source = new CancellationSource();
    const pending = gateway.handle(req('GET', '/slow'), { cancellation: source.token });
    await clock.advance(10);
    source.cancel();
    const r = await pending;
    expect(r.status).toBe(499);
    expect(upstream.calls[0].ctx.cancellation.isCancelled).toBe(true);
  });

  it('propagates deadlines: request deadline or caller budget header, 504 when it passes', async () => {
    const { gateway, clock, upstream } = setup((_s, n) => ({ latencyMs: n === 1 ? 50 : 500 }));
    gateway.addRoute({ path: '/x', target: { service: 's' } });
    const ok = await Promise.all([gateway.handle(req('GET', '/x', { 'x-mesh-timeout-ms': '200' })), clock.advance(100)]);
    expect(ok[0].status).toBe(200);
    expect(upstream.calls[0].deadline).toBe(200);
    expect(upstream.calls[0].headers['x-mesh-timeout-ms']).toBe('200');
    const t0 = clock.now();
    const late = gateway.handle(req('GET', '/x', {}, { deadline: t0 + 300 }));
    await clock.advance(1000);
    const r = await late;
    expect(r.status).toBe(504);
    expect(r.headers.get('x-mesh-error')).toBe('ERR_TIMEOUT');
    // a budget header larger than the request's deadline never extends it
    const c = gateway.handle(req('GET', '/x', { 'x-mesh-timeout-ms': '99999' }, { deadline: clock.now() + 10 }));
    await clock.advance(600);
    expect((await c).status).toBe(504);
  });

  it('reports one exchange per request', async () => {
    const { gateway } = setup();
    gateway.addRoute({ id: 'users', path: '/u/:id', target: { service: 'users' } });
    const seen: GatewayExchange[] = [];
    const sub = gateway.onExchange((e) => seen.push(e));
    await gateway.handle(req('GET', '/u/1', { 'x-client-id': 'tv' }));
    await gateway.handle(req('GET', '/nope'));
    sub.dispose();
    await gateway.handle(req('GET', '/u/2'));
    expect(seen.map((e) => [e.routeId, e.service, e.status, e.errorCode, e.clientKey, e.attempts])).toEqual([
      ['users', 'users', 200, undefined, 'tv', 1],
      [undefined, '', 404, 'ERR_NO_ROUTE', 'anonymous', 1],
    ]);
  });

  it('exposes routing alone (resolve) and unrouted calls (handleTarget) for MeshNode', async () => {
    const { gateway, upstream } = setup();
    const log: string[] = [];
    gateway.use(middleware('global', async (ctx, next) => { log.push(ctx.target.service); await next(); }));
    gateway.addRoute({ path: '/p/:id', target: { service: 'people', version: '1.x', rewrite: '/:id' }, middleware: [middleware('route', async (_c, next) => { log.push('route'); await next(); })] });
    const res = gateway.resolve(req('GET', '/p/7'));
    expect(res.ok).toBe(true);
    expect(res.route?.service).toBe('people');
    expect(res.target).toMatchObject({ service: 'people', version: '1.x', path: '/7' });
    expect(gateway.resolve(req('GET', '/q')).error?.code).toBe('ERR_NO_ROUTE');
    const r = await gateway.handleTarget({ service: 'direct', version: '3.x' }, req('POST', '/rpc'));
    expect(r.status).toBe(200);
    expect(upstream.calls[0]).toMatchObject({ service: 'direct', version: '3.x', path: '/rpc', method: 'POST' });
    expect(log).toEqual(['direct']); // global middleware only
    expect((await gateway.handleTarget({ service: '' }, req('GET', '/'))).status).toBe(400);
  });

  it('adds and removes routes at runtime and rejects conflicts with a clear error', async () => {
    const { gateway } = setup();
    gateway.addRoute({ id: 'a', path: '/a/:x', target: { service: 'one' } });
    expect(() => gateway.addRoute({ path: '/a/:y', target: { service: 'two' } })).toThrow(RouteConflictError);
    expect(() => gateway.addRoute({ path: '/b', target: { service: 'x', rewrite: '/:missing' } })).toThrow(/does not define/);
    expect(() => gateway.addRoute({ path: '/b', target: { service: 'x', rewrite: '/a', stripPrefix: '/b' } })).toThrow(/not both/);
    expect(() => gateway.addRoute({ path: '/b', target: { service: '' } })).toThrow(/service/);
    expect((await gateway.handle(req('GET', '/a/1'))).status).toBe(200);
    expect(gateway.removeRoute('a')).toBe(true);
    expect((await gateway.handle(req('GET', '/a/1'))).status).toBe(404);
    expect(gateway.routes()).toEqual([]);
    expect(gateway.describe()).toContain('middleware: (none)');
  });

  it('works with the in-memory upstream and the unavailable default', async () => {
    const clock = new VirtualClock();
    const upstream = new InMemoryUpstream().register('echo', async (r) => MeshResponse.json({ path: r.path }));
    const gateway = new Gateway({ clock, random: new SeededRandom(1), upstream, routes: [
      { path: '/echo/*', target: { service: 'echo', rewrite: '/*' } },
      { path: '/ghost', target: { service: 'ghost' } },
    ] });
    expect((await gateway.handle(req('GET', '/echo/a b/c'))).body).toEqual({ path: '/a%20b/c' });
    expect((await gateway.handle(req('GET', '/ghost'))).headers.get('x-mesh-error')).toBe('ERR_SERVICE_NOT_FOUND');
    expect(upstream.calls('echo')).toBe(1);
    const bare = new Gateway({ clock, random: new SeededRandom(1), routes: [{ path: '/', target: { service: 's' } }] });
    expect((await bare.handle(req('GET', '/'))).status).toBe(503);
  });
});

describe('ErrorStatusTable', () => {
  const table = new ErrorStatusTable();
  const rows: Array<[string, number]> = [
    ['ERR_NO_ROUTE', 404], ['ERR_METHOD_NOT_ALLOWED', 405], ['ERR_BAD_REQUEST', 400], ['ERR_PAYLOAD_TOO_LARGE', 413],
    ['ERR_RATE_LIMITED', 429], ['ERR_NO_HEALTHY_INSTANCE', 503], ['ERR_BREAKER_OPEN', 503], ['ERR_TIMEOUT', 504],
    ['ERR_UPSTREAM', 502], ['ERR_UNAUTHORIZED', 401], ['ERR_FORBIDDEN', 403], ['ERR_INVALID_ARGUMENT', 400],
    ['ERR_CANCELLED', 499], ['ERR_BULKHEAD_FULL', 503], ['ERR_UNREACHABLE', 503], ['ERR_SOMETHING_ELSE', 500],
  ];
  it.each(rows)('%s -> %i', (code, status) => {
    expect(table.statusForCode(code)).toBe(status);
    const r = table.toResponse(new MeshError(code, 'm'), 'rid-1', 0);
    expect(r.status).toBe(status);
    expect(r.body).toEqual({ code, message: 'm', requestId: 'rid-1' });
  });

  it('takes overrides and rejects non-error statuses', () => {
    const t = new ErrorStatusTable({ ERR_NO_ROUTE: 410 });
    expect(t.statusForCode('ERR_NO_ROUTE')).toBe(410);
    expect(() => t.set('ERR_X', 200)).toThrow(/400..599/);
  });
});
