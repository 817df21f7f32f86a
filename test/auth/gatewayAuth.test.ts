// Gateway JWT middleware: bearer extraction, verification, claims on the context, per-route
// authorization by roles/scopes/predicate, 400 vs 401 vs 403 vs 503 and the WWW-Authenticate header.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../sdk/src/main/ets/core/index';
import { MemoryLogger, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { MeshRequest, MeshResponse } from '../../sdk/src/main/ets/transport/index';
import { Gateway, GatewayAttribute, InMemoryUpstream } from '../../sdk/src/main/ets/gateway/index';
import type { GatewayContext } from '../../sdk/src/main/ets/gateway/index';
import {
  AUTH_RESULT_ATTRIBUTE, authorize, claimsOf, createRemoteJWKSet, JoseKey, JwtAuthMiddleware, JwtClaims, JwtVerifier, signJwt,
} from '../../sdk/src/main/ets/auth/index';
import type { JwksFetcher } from '../../sdk/src/main/ets/auth/index';
import { crypto, NOW } from './fixtures';

const key = JoseKey.fromSecret(crypto, new Uint8Array(32).fill(11));

const setup = (options: { optional?: boolean; queryParam?: string; rule?: { scopes?: string[] } } = {}) => {
  const clock = new VirtualClock({ startTime: NOW * 1000 });
  const upstream = new InMemoryUpstream();
  const seen: { claims: JwtClaims | undefined; subject: unknown; result: unknown }[] = [];
  const echo = async (req: MeshRequest, ctx: GatewayContext): Promise<MeshResponse> => {
    seen.push({ claims: claimsOf(ctx), subject: ctx.attributes.get(GatewayAttribute.SUBJECT), result: ctx.attributes.get(AUTH_RESULT_ATTRIBUTE) });
    return new MeshResponse({ status: 200, body: 'ok' });
  };
  upstream.register('media', echo).register('admin', echo).register('public', echo);
  const gateway = new Gateway({ clock, random: new SeededRandom('gw'), upstream, logger: new MemoryLogger() });
  const verifier = new JwtVerifier(key, { algorithms: ['HS256'], issuer: 'id', audience: 'gw', clock });
  const auth = new JwtAuthMiddleware({ verifier, realm: 'mesh', ...options });
  gateway.use(auth);
  gateway.addRoute({ method: 'GET', path: '/media/*', target: { service: 'media' }, middleware: [authorize({ scopes: ['media:read'], realm: 'mesh' })] });
  gateway.addRoute({ method: 'POST', path: '/admin/*', target: { service: 'admin' }, middleware: [authorize({ anyRole: ['admin', 'owner'], realm: 'mesh' })] });
  gateway.addRoute({ method: 'GET', path: '/devices/:id', target: { service: 'admin' }, middleware: [authorize({ predicate: (c, ctx) => c.getString('device') === ctx.param('id') })] });
  gateway.addRoute({ method: 'GET', path: '/public', target: { service: 'public' } });
  const token = (claims: Record<string, unknown>, opts: { exp?: number; aud?: string } = {}): Promise<string> =>
    signJwt(claims as never, key, { alg: 'HS256', issuer: 'id', audience: opts.aud ?? 'gw', subject: 'user-1', expiresInSeconds: opts.exp ?? 300, clock });
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET', query?: Record<string, string[]>): Promise<MeshResponse> => {
    const r = new MeshRequest({ method, path, headers });
    if (query) r.query = query;
    return gateway.handle(r);
  };
  return { clock, gateway, auth, seen, token, get };
};

describe('JwtAuthMiddleware', () => {
  it('verifies the bearer token and puts claims, subject and result on the context', async () => {
    const { token, get, seen, auth } = setup();
    const t = await token({ scope: 'media:read media:write' });
    const r = await get('/media/song.mp3', { authorization: `Bearer ${t}` });
    expect(r.status).toBe(200);
    expect(seen[0].claims?.getStringList('scope')).toEqual(['media:read', 'media:write']);
    expect(seen[0].subject).toBe('user-1');
    expect((seen[0].result as { protectedHeader: { alg: string } }).protectedHeader.alg).toBe('HS256');
    expect(auth.authenticated).toBe(1);
    // The scheme is case-insensitive.
    expect((await get('/public', { Authorization: `bearer ${t}` })).status).toBe(200);
  });

  it('answers 401 with a bare challenge without a token, and 401 invalid_token for bad tokens', async () => {
    const { token, get, clock, auth } = setup();
    const none = await get('/public');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="mesh"');
    expect(none.headers.get('x-mesh-error')).toBe(ErrorCode.UNAUTHORIZED);
    const basic = await get('/public', { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
    const expired = await token({}, { exp: 10 });
    await clock.advance(10000);
    const r = await get('/public', { authorization: `Bearer ${expired}` });
    expect(r.status).toBe(401);
    expect(r.headers.get('x-mesh-error')).toBe(ErrorCode.JWT_EXPIRED);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer realm="mesh", error="invalid_token", error_description=".*expired.*"$/);
    const wrongAud = await token({}, { aud: 'other' });
    expect((await get('/public', { authorization: `Bearer ${wrongAud}` })).headers.get('x-mesh-error')).toBe(ErrorCode.JWT_CLAIM_VALIDATION_FAILED);
    const forged = `${wrongAud.slice(0, -4)}AAAA`;
    expect((await get('/public', { authorization: `Bearer ${forged}` })).status).toBe(401);
    expect((await get('/public', { authorization: 'Bearer not-a-jwt' })).headers.get('x-mesh-error')).toBe(ErrorCode.JWS_INVALID);
    expect(auth.rejected).toBe(6);
  });

  it('answers 400 invalid_request for malformed Authorization headers and double tokens', async () => {
    const { token, get } = setup({ queryParam: 'access_token' });
    const t = await token({});
    for (const h of ['Bearer', 'Bearer   ', `Bearer ${t} extra`, `Bearer ${t},x`]) {
      const r = await get('/public', { authorization: h });
      expect(r.status, h).toBe(400);
      expect(r.headers.get('www-authenticate')).toContain('error="invalid_request"');
    }
    expect((await get('/public', {}, 'GET', { access_token: [t] })).status).toBe(200);
    expect((await get('/public', { authorization: `Bearer ${t}` }, 'GET', { access_token: [t] })).status).toBe(400);
    expect((await get('/public', {}, 'GET', { access_token: [t, t] })).status).toBe(400);
  });

  it('authorizes per route: 403 insufficient_scope naming the scopes, roles any-of, custom predicates', async () => {
    const { token, get } = setup();
    const reader = await token({ scope: 'media:read' });
    const nobody = await token({ scope: 'profile' });
    const admin = await token({ roles: ['owner'], device: 'd1' });
    const noScope = await get('/media/a', { authorization: `Bearer ${nobody}` });
    expect(noScope.status).toBe(403);
    expect(noScope.headers.get('x-mesh-error')).toBe(ErrorCode.FORBIDDEN);
    expect(noScope.headers.get('www-authenticate')).toBe('Bearer realm="mesh", error="insufficient_scope", error_description="the caller lacks the required scope", scope="media:read"');
    expect((await get('/media/a', { authorization: `Bearer ${reader}` })).status).toBe(200);
    expect((await get('/admin/x', { authorization: `Bearer ${reader}` }, 'POST')).status).toBe(403);
    expect((await get('/admin/x', { authorization: `Bearer ${admin}` }, 'POST')).status).toBe(200);
    expect((await get('/devices/d1', { authorization: `Bearer ${admin}` })).status).toBe(200);
    expect((await get('/devices/d2', { authorization: `Bearer ${admin}` })).status).toBe(403);
  });

  it('lets anonymous requests through when optional, and route rules then answer 401, not 403', async () => {
    const { get, seen } = setup({ optional: true });
    expect((await get('/public')).status).toBe(200);
    expect(seen[0].claims).toBeUndefined();
    const r = await get('/media/a');
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="mesh"');
  });

  it('applies a global rule, and answers 503 when the key set cannot be fetched', async () => {
    const { token, get } = setup({ rule: { scopes: ['api'] } });
    expect((await get('/public', { authorization: `Bearer ${await token({ scope: 'other' })}` })).status).toBe(403);
    expect((await get('/public', { authorization: `Bearer ${await token({ scope: 'api' })}` })).status).toBe(200);
    const clock = new VirtualClock({ startTime: NOW * 1000 });
    const fetcher: JwksFetcher = { fetchJwks: () => Promise.reject(new Error('unreachable')) };
    const gateway = new Gateway({ clock, random: new SeededRandom('x'), upstream: new InMemoryUpstream(), logger: new MemoryLogger() });
    gateway.use(new JwtAuthMiddleware({ verifier: new JwtVerifier(createRemoteJWKSet('https://id/jwks', { fetcher, crypto, clock }), { algorithms: ['ES256'] }) }));
    gateway.addRoute({ path: '/x', target: { service: 'x' } });
    const t = 'eyJhbGciOiJFUzI1NiJ9.e30.' + 'A'.repeat(86);
    const r = await gateway.handle(new MeshRequest({ path: '/x', headers: { authorization: `Bearer ${t}` } }));
    expect(r.status).toBe(503);
    expect(r.headers.get('x-mesh-error')).toBe(ErrorCode.JWKS_FETCH_FAILED);
    expect(r.headers.has('www-authenticate')).toBe(false);
    expect(() => new JwtAuthMiddleware({} as never)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    expect(() => authorize({ scopes: [''] })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });
});
