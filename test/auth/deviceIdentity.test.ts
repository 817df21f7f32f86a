// Device identity on MeshNodes over a SimNetwork: signed calls are accepted; missing, untrusted,
// stolen, spoofed (forged `from`), replayed, expired and misaddressed tokens are refused.
import { describe, expect, it } from 'vitest';
import { ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import { Envelope, EnvelopeCodec, EnvelopeKind, MeshRequest, MeshResponse } from '../../sdk/src/main/ets/transport/index';
import { MESH_CALL_TOPIC, MeshNode, ServiceContext } from '../../sdk/src/main/ets/mesh/index';
import {
  DEVICE_ATTRIBUTE, DEFAULT_DEVICE_TOKEN_HEADER, DeviceIdentity, DeviceIdentityPlugin, DeviceKeyRegistry, decodeJwtUnverified, JoseKey, SignJwt,
} from '../../sdk/src/main/ets/auth/index';
import { MeshCluster } from '../mesh/meshCluster';
import { SyncNodeCrypto } from './fixtures';

// Simulated clusters run on a VirtualClock: use the port whose promises settle in microtasks.
const crypto = new SyncNodeCrypto();

const setup = async (opts: { malloryTrusted?: boolean; ttl?: number } = {}) => {
  const c = new MeshCluster({ seed: 'device-identity' });
  const registry = new DeviceKeyRegistry(crypto);
  const ids = new Map<string, DeviceIdentity>();
  const plugins = new Map<string, DeviceIdentityPlugin>();
  for (const [device, alg] of [['phone', 'ES256'], ['tv', 'EdDSA'], ['mallory', 'ES256']] as const) {
    const id = await DeviceIdentity.generate(crypto, device, alg);
    ids.set(device, id);
    if (device !== 'mallory' || opts.malloryTrusted) registry.add(device, id.publicJwk);
  }
  const nodes = new Map<string, MeshNode>();
  for (const device of ['phone', 'tv', 'mallory']) {
    const plugin = new DeviceIdentityPlugin({ identity: ids.get(device)!, trust: registry, tokenTtlSeconds: opts.ttl });
    plugins.set(device, plugin);
    nodes.set(device, c.add(device, device, { plugins: [plugin] }));
  }
  const tv = nodes.get('tv')!;
  const served: { from: string; device: unknown; token: string | undefined }[] = [];
  tv.provide('media.player', (req: MeshRequest, ctx: ServiceContext) => {
    served.push({ from: ctx.callerDeviceId, device: ctx.attributes.get(DEVICE_ATTRIBUTE), token: req.headers.get(DEFAULT_DEVICE_TOKEN_HEADER) });
    return Promise.resolve(MeshResponse.json({ ok: true }));
  });
  await c.startAll();
  await c.until(() => c.sees('media.player', 1));
  const call = (from: string): Promise<string> =>
    c.settle(nodes.get(from)!.call('media.player', new MeshRequest({ path: '/play' }), { timeoutMs: 2000 }))
      .then((r) => `ok ${r.status}`, (e: MeshError) => e.code);
  return { c, registry, ids, plugins, nodes, tv, served, call };
};

/** Delivers a hand-made call envelope to tv as if the network carried it (the sender forges `from`). */
const inject = (c: MeshCluster, tv: MeshNode, from: string, origin: string, headers: Record<string, string>): void => {
  const instance = tv.registry.discover('media.player')[0];
  const env = new Envelope(EnvelopeKind.REQUEST, origin, 1, from, 'tv', MESH_CALL_TOPIC,
    { ':service': 'media.player', ':instance': instance.id, ':method': 'GET', ':path': '/play', ...headers }, null, c.clock.now() + 5000);
  c.net.injectRaw('tv', new EnvelopeCodec().encodeText(env));
};

describe('DeviceIdentityPlugin', () => {
  it('signs outbound calls and accepts them on the provider, naming the verified device', async () => {
    const { call, served, plugins } = await setup();
    expect(await call('phone')).toBe('ok 200');
    expect(served[0].from).toBe('phone');
    expect(served[0].device).toBe('phone');
    const claims = decodeJwtUnverified(served[0].token!);
    expect(claims.raw).toMatchObject({ iss: 'phone', sub: 'phone', aud: 'tv', svc: 'media.player' });
    expect(claims.exp! - claims.iat!).toBe(60);
    expect(plugins.get('phone')!.signed).toBe(1);
    expect(plugins.get('tv')!.accepted).toBe(1);
  });

  it('refuses untrusted devices and calls without a token', async () => {
    const { call, nodes, c, served, plugins } = await setup();
    expect(await call('mallory')).toBe(ErrorCode.DEVICE_IDENTITY); // mallory's key is not registered
    const stranger = c.add('stranger', 'phone'); // no plugin at all: no token
    await c.startAll();
    await c.until(() => stranger.registry.discover('media.player').length === 1);
    nodes.set('stranger', stranger);
    expect(await call('stranger')).toBe(ErrorCode.DEVICE_IDENTITY);
    expect(served.length).toBe(0);
    expect(plugins.get('tv')!.rejected).toBe(2);
  });

  it('refuses a token stolen from another device (its sub is not the sender)', async () => {
    const { call, nodes, ids, c, served } = await setup({ malloryTrusted: true });
    const stolen = await ids.get('phone')!.issue('tv', 'media.player', c.clock, c.random.fork('steal'));
    nodes.get('mallory')!.useAttempt((ctx, next) => {
      ctx.request.headers.set(DEFAULT_DEVICE_TOKEN_HEADER, stolen);
      return next();
    });
    expect(await call('mallory')).toBe(ErrorCode.DEVICE_IDENTITY);
    expect(served.length).toBe(0);
    expect(await call('phone')).toBe('ok 200');
  });

  it('refuses envelopes with a forged `from` and replays of captured tokens', async () => {
    const { c, tv, ids, served, plugins, call } = await setup({ malloryTrusted: true });
    // Mallory forges from=phone but can only sign as herself (or not at all as phone).
    const asMallory = await ids.get('mallory')!.issue('tv', 'media.player', c.clock, c.random.fork('m'));
    inject(c, tv, 'phone', 'forge1', { [DEFAULT_DEVICE_TOKEN_HEADER]: asMallory });
    const forgedKid = await new SignJwt({ svc: 'media.player' })
      .setProtectedHeader({ alg: 'ES256', kid: 'phone', typ: 'arkmesh-device+jwt' }).setIssuer('phone').setSubject('phone').setAudience('tv')
      .setJti('x').setClock(c.clock).setIssuedAt().setExpiresIn(60).sign(ids.get('mallory')!.key);
    inject(c, tv, 'phone', 'forge2', { [DEFAULT_DEVICE_TOKEN_HEADER]: forgedKid });
    await c.clock.advance(100);
    expect(served.length).toBe(0);
    expect(plugins.get('tv')!.rejected).toBe(2);
    // A genuine call, then a replay of its exact token with from=phone.
    expect(await call('phone')).toBe('ok 200');
    const captured = served[0].token!;
    inject(c, tv, 'phone', 'replay', { [DEFAULT_DEVICE_TOKEN_HEADER]: captured });
    await c.clock.advance(100);
    expect(served.length).toBe(1);
    expect(plugins.get('tv')!.rejected).toBe(3);
  });

  it('refuses expired tokens, tokens for another device or service, and skips local calls', async () => {
    const { c, tv, ids, served, plugins } = await setup();
    const old = await ids.get('phone')!.issue('tv', 'media.player', c.clock, c.random.fork('o'), 10);
    await c.clock.advance(16000); // past exp + 5 s tolerance
    inject(c, tv, 'phone', 'late', { [DEFAULT_DEVICE_TOKEN_HEADER]: old });
    const forWatch = await ids.get('phone')!.issue('watch', 'media.player', c.clock, c.random.fork('w'));
    inject(c, tv, 'phone', 'aud', { [DEFAULT_DEVICE_TOKEN_HEADER]: forWatch });
    const otherService = await ids.get('phone')!.issue('tv', 'settings', c.clock, c.random.fork('s'));
    inject(c, tv, 'phone', 'svc', { [DEFAULT_DEVICE_TOKEN_HEADER]: otherService });
    await c.clock.advance(100);
    expect(served.length).toBe(0);
    expect(plugins.get('tv')!.rejected).toBe(3);
    const local = await c.settle(tv.call('media.player', new MeshRequest({ path: '/local' })));
    expect(local.status).toBe(200);
    expect(served[0].device).toBeUndefined();
  });

  it('validates its options and the identity', async () => {
    const id = await DeviceIdentity.generate(crypto, 'phone');
    const registry = new DeviceKeyRegistry(crypto);
    expect(() => new DeviceIdentityPlugin({} as never)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    expect(() => new DeviceIdentityPlugin({ identity: id } as never)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    expect(() => new DeviceIdentityPlugin({ identity: id, trust: registry, tokenTtlSeconds: 0 })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    const c = new MeshCluster();
    expect(() => c.add('tv', 'tv', { plugins: [new DeviceIdentityPlugin({ identity: id, trust: registry })] })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    await expect(DeviceIdentity.generate(crypto, 'x', 'HS256')).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    expect(() => new DeviceIdentity('x', JoseKey.fromSecret(crypto, new Uint8Array(32).fill(1)), 'HS256')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    expect(() => new DeviceIdentity('x', id.publicKey(crypto))).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    expect(() => registry.add('', id.publicJwk)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    registry.add('phone', id.publicJwk);
    expect(registry.devices()).toEqual(['phone']);
    expect(registry.remove('phone')).toBe(true);
    expect(registry.has('phone')).toBe(false);
  });
});
