import { describe, expect, it } from 'vitest';
import { LogLevel, MemoryLogger, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { MeshRequest, MeshResponse } from '../../sdk/src/main/ets/transport/index';
import {
  AccessLogMiddleware, BodyLimitMiddleware, Gateway, GatewayAttribute, HeaderRewriteMiddleware, RequestIdMiddleware,
  ResponseCacheMiddleware, type GatewayMiddleware,
} from '../../sdk/src/main/ets/gateway/index';
import { FakeUpstream, type Outcome } from './fakes';

const setup = (global: GatewayMiddleware[], route: GatewayMiddleware[] = [], script?: (s: string, n: number) => Outcome) => {
  const clock = new VirtualClock({ startTime: 0 });
  const logger = new MemoryLogger(LogLevel.DEBUG, () => clock.now());
  const upstream = new FakeUpstream(clock, script);
  const gateway = new Gateway({ clock, random: new SeededRandom('mw'), upstream, logger, middleware: global });
  gateway.addRoute({ path: '/items/:id', target: { service: 'items', rewrite: '/:id' }, middleware: route });
  gateway.addRoute({ path: '/other', target: { service: 'other' } });
  return { clock, logger, upstream, gateway };
};
const get = (path: string, headers: Record<string, string> = {}): MeshRequest => new MeshRequest({ path, headers });

describe('RequestIdMiddleware', () => {
  it('generates ids, forwards and echoes them, and shows them in error bodies', async () => {
    const { gateway, upstream } = setup([new RequestIdMiddleware()]);
    const r = await gateway.handle(get('/items/1'));
    const id = r.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(upstream.calls[0].headers['x-request-id']).toBe(id);
    const missing = await gateway.handle(get('/missing'));
    expect((missing.body as { requestId: string }).requestId).toBe(missing.headers.get('x-request-id'));
  });

  it('keeps a well-formed incoming id and replaces a malformed or untrusted one', async () => {
    const { gateway } = setup([new RequestIdMiddleware()]);
    expect((await gateway.handle(get('/items/1', { 'x-request-id': 'abc-123.x:y_z' }))).headers.get('x-request-id')).toBe('abc-123.x:y_z');
    expect((await gateway.handle(get('/items/1', { 'x-request-id': 'bad id<script>' }))).headers.get('x-request-id')).not.toBe('bad id<script>');
    const strict = setup([new RequestIdMiddleware({ trustIncoming: false, header: 'X-Correlation-Id' })]);
    expect((await strict.gateway.handle(get('/items/1', { 'x-correlation-id': 'abc' }))).headers.get('x-correlation-id')).not.toBe('abc');
  });
});

describe('AccessLogMiddleware', () => {
  it('logs one structured record per request with sensitive headers redacted', async () => {
    const { gateway, logger, clock } = setup([new RequestIdMiddleware(), new AccessLogMiddleware({ includeHeaders: true })], [], () => ({ latencyMs: 40 }));
    const p = gateway.handle(get('/items/7', { authorization: 'Bearer secret-token', cookie: 'sid=1', 'x-client-id': 'tv', 'x-mesh-device': 'tv-1' }));
    await clock.advance(100);
    await p;
    await gateway.handle(get('/missing'));
    const records = logger.find('gateway request');
    expect(records.length).toBe(2);
    const f = records[0].fields;
    expect(f).toMatchObject({ method: 'GET', path: '/items/7', route: 'ALL /items/:id', service: 'items', status: 200, durationMs: 40, attempts: 1, client: 'tv', device: 'tv-1' });
    expect(f['req.authorization']).toBe('[REDACTED]');
    expect(f['req.cookie']).toBe('[REDACTED]');
    expect(f['req.x-client-id']).toBe('tv');
    expect(JSON.stringify(records)).not.toContain('secret-token');
    expect(records[1].fields).toMatchObject({ status: 404, error: 'ERR_NO_ROUTE' });
    expect(records[0].level).toBe(LogLevel.INFO);
  });

  it('logs server errors at WARN', async () => {
    const { gateway, logger } = setup([new AccessLogMiddleware()], [], () => ({ status: 503 }));
    await gateway.handle(get('/items/1'));
    expect(logger.find('gateway request')[0].level).toBe(LogLevel.WARN);
  });
});

describe('ResponseCacheMiddleware', () => {
  it('serves repeated GETs from the cache until the TTL passes', async () => {
    const cache = new ResponseCacheMiddleware({ ttlMs: 1000 });
    const { gateway, upstream, clock } = setup([], [cache]);
    const first = await gateway.handle(get('/items/1'));
    expect(first.headers.get('x-cache')).toBe('MISS');
    await clock.advance(999);
    const second = await gateway.handle(get('/items/1'));
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('age')).toBe('0');
    expect(second.body).toEqual(first.body);
    expect(upstream.calls.length).toBe(1);
    await clock.advance(1);
    expect((await gateway.handle(get('/items/1'))).headers.get('x-cache')).toBe('MISS');
    expect(upstream.calls.length).toBe(2);
    expect([cache.hits, cache.misses]).toEqual([1, 2]);
  });

  it('keys on path, query and vary headers, and caches only cacheable outcomes', async () => {
    const cache = new ResponseCacheMiddleware();
    const { gateway, upstream } = setup([], [cache], (_s, n) => (n === 5 ? { status: 500 } : {}));
    await gateway.handle(get('/items/1'));
    await gateway.handle(get('/items/2'));
    await gateway.handle(new MeshRequest({ path: '/items/1', query: { page: ['2'] } }));
    await gateway.handle(get('/items/1', { accept: 'text/plain' }));
    expect(upstream.calls.length).toBe(4);
    await gateway.handle(get('/items/3')); // a 500 is not stored
    await gateway.handle(get('/items/3'));
    expect(upstream.calls.length).toBe(6);
    await gateway.handle(get('/items/1', { 'cache-control': 'no-store' }));
    expect(upstream.calls.length).toBe(7);
    expect(upstream.calls[6].ctx.attributes.get(GatewayAttribute.CACHE)).toBe('bypass');
    await gateway.handle(get('/items/1', { 'cache-control': 'no-cache' })); // revalidates and refreshes
    expect(upstream.calls.length).toBe(8);
    expect((await gateway.handle(get('/items/1'))).headers.get('x-cache')).toBe('HIT');
  });

  it('honours the upstream cache-control', async () => {
    const cache = new ResponseCacheMiddleware({ ttlMs: 1000, maxTtlMs: 5000 });
    const script = (_s: string, n: number): Outcome => ({ headers: { 'cache-control': n === 1 ? 'no-store' : n === 2 ? 'max-age=60' : 'private' } });
    const { gateway, upstream, clock } = setup([], [cache], script);
    await gateway.handle(get('/items/1'));
    await gateway.handle(get('/items/1'));
    expect(upstream.calls.length).toBe(2); // no-store was not kept; max-age=60 is, capped at 5 s
    await clock.advance(4999);
    expect((await gateway.handle(get('/items/1'))).headers.get('x-cache')).toBe('HIT');
    await clock.advance(1);
    await gateway.handle(get('/items/1'));
    await gateway.handle(get('/items/1'));
    expect(upstream.calls.length).toBe(4); // 'private' is not cached
  });

  it('stays within its entry and byte bounds, evicting the least recently used', async () => {
    const cache = new ResponseCacheMiddleware({ maxEntries: 2 });
    const { gateway, upstream } = setup([], [cache]);
    await gateway.handle(get('/items/1'));
    await gateway.handle(get('/items/2'));
    await gateway.handle(get('/items/1')); // hit: 1 is now the most recent
    await gateway.handle(get('/items/3')); // evicts 2
    expect(cache.size).toBe(2);
    await gateway.handle(get('/items/1'));
    expect(upstream.calls.length).toBe(3);
    await gateway.handle(get('/items/2'));
    expect(upstream.calls.length).toBe(4);
    const big = new ResponseCacheMiddleware({ maxBytes: 400 });
    const b = setup([], [big], (_s, n) => ({ body: 'x'.repeat(n === 1 ? 1000 : 100) }));
    await b.gateway.handle(get('/items/1'));
    expect(big.size).toBe(0); // larger than the whole cache
    for (let i = 2; i < 10; i++) await b.gateway.handle(get(`/items/${i}`));
    expect(big.bytes).toBeLessThanOrEqual(400);
    expect(big.size).toBeGreaterThan(0);
  });

  it('drops a path when an unsafe method to it succeeds', async () => {
    const cache = new ResponseCacheMiddleware();
    const { gateway, upstream } = setup([], [cache]);
    await gateway.handle(get('/items/1'));
    await gateway.handle(get('/items/2'));
    await gateway.handle(new MeshRequest({ method: 'PUT', path: '/items/1', body: { name: 'new' } }));
    await gateway.handle(get('/items/1'));
    await gateway.handle(get('/items/2'));
    expect(upstream.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /1', 'GET /2', 'PUT /1', 'GET /1']);
  });
});

describe('HeaderRewriteMiddleware', () => {
  it('removes, sets and appends request and response headers with placeholders', async () => {
    const rewrite = new HeaderRewriteMiddleware({
      request: { remove: ['cookie'], set: { 'x-item': '{param.id}', 'x-from': '{clientKey}@{deviceId}' }, append: { via: 'arkmesh-gw' } },
      response: { set: { 'x-served-by': '{service}' }, remove: ['server'] },
    });
    const { gateway, upstream } = setup([], [rewrite], () => ({ headers: { server: 'secret/1.0' } }));
    const r = await gateway.handle(get('/items/42', { cookie: 'a=b', via: 'phone', 'x-client-id': 'app', 'x-mesh-device': 'tv' }));
    expect(upstream.calls[0].headers).toMatchObject({ 'x-item': '42', 'x-from': 'app@tv', via: 'phone, arkmesh-gw' });
    expect(upstream.calls[0].headers.cookie).toBeUndefined();
    expect(r.headers.get('x-served-by')).toBe('items');
    expect(r.headers.has('server')).toBe(false);
  });

  it('never lets a placeholder inject a header line', async () => {
    const { gateway, upstream } = setup([], [new HeaderRewriteMiddleware({ request: { set: { 'x-item': 'id={param.id}' } } })]);
    await gateway.handle(get('/items/a%0D%0Ainjected%3A%201'));
    expect(upstream.calls[0].headers['x-item']).toBe('id=ainjected: 1');
    expect(() => new HeaderRewriteMiddleware({ request: { set: { 'bad name': 'x' } } })).toThrow();
    expect(() => new HeaderRewriteMiddleware({})).toThrow(/rules/);
  });
});

describe('BodyLimitMiddleware', () => {
  it('answers 413 for bodies over the limit, counting text and JSON as UTF-8', async () => {
    const { gateway, upstream } = setup([new BodyLimitMiddleware({ maxBytes: 10 })]);
    const post = (body: unknown, headers?: Record<string, string>): Promise<MeshResponse> =>
      gateway.handle(new MeshRequest({ method: 'POST', path: '/items/1', body: body as never, headers }));
    expect((await post('0123456789')).status).toBe(200);
    expect((await post('01234567890')).status).toBe(413);
    expect((await post('中文字符')).status).toBe(413); // 12 bytes in UTF-8
    expect((await post(new Uint8Array(10))).status).toBe(200);
    expect((await post(new Uint8Array(11))).status).toBe(413);
    expect((await post({ a: '1234567' })).status).toBe(413); // {"a":"1234567"} is 15 bytes
    expect((await post(undefined, { 'content-length': '1000' })).status).toBe(413);
    expect((await post(undefined, { 'content-length': 'lots' })).status).toBe(400);
    const r = await post('x'.repeat(100));
    expect(r.headers.get('x-mesh-error')).toBe('ERR_PAYLOAD_TOO_LARGE');
    expect(upstream.calls.length).toBe(2);
  });
});
