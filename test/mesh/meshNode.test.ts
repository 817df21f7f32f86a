import { describe, expect, it } from 'vitest';
import { CancellationSource, MeshError } from '../../sdk/src/main/ets/core/index';
import { HealthStatus, InstanceEvent, RoundRobinBalancer } from '../../sdk/src/main/ets/registry/index';
import { MeshRequest, MeshResponse, RemoteError } from '../../sdk/src/main/ets/transport/index';
import { CallCompletedEvent, MeshNode, NodeState, ServiceContext } from '../../sdk/src/main/ets/mesh/index';
import { MemberEventType } from '../../sdk/src/main/ets/membership/index';
import { MeshCluster } from './meshCluster';

const ok = (body: unknown = 'ok') => Promise.resolve(MeshResponse.json(body as never));

const twoNodes = async (opts = {}) => {
  const c = new MeshCluster(opts);
  const phone = c.add('phone', 'phone');
  const tv = c.add('tv', 'tv');
  return { c, phone, tv };
};

describe('MeshNode calls', () => {
  it('calls a service on another device, propagating headers and the deadline', async () => {
    const { c, phone, tv } = await twoNodes();
    let seen: ServiceContext | undefined;
    tv.provide('media.player', (req, ctx) => { seen = ctx; return ok({ path: req.path, q: req.queryParam('vol'), tp: req.headers.get('traceparent'), body: req.body as never }); }, { version: '2.1.0' });
    await c.startAll();
    await c.until(() => c.sees('media.player', 1));
    const req = new MeshRequest({ method: 'post', path: '/play', query: { vol: ['7'] }, headers: { traceparent: '00-abc-def-01' }, body: { track: 3 } });
    const t0 = c.clock.now();
    const res = await c.settle(phone.call('media.player', req, { timeoutMs: 2000 }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ path: '/play', q: '7', tp: '00-abc-def-01', body: { track: 3 } });
    expect(seen!.callerDeviceId).toBe('phone');
    expect(seen!.local).toBe(false);
    expect(seen!.deadline).toBe(t0 + 2000);
    expect(seen!.request.method).toBe('POST');
    expect(phone.stats.remoteAttempts).toBe(1);
    expect(tv.stats.served).toBe(1);
  });

  it('serves a local call without touching the network', async () => {
    const { c, phone } = await twoNodes();
    let local = false;
    phone.provide('clock.now', (_req, ctx) => { local = ctx.local; return ok(1); });
    await c.startAll();
    await c.clock.advance(2000);
    const sentBefore = c.net.stats.sent;
    const res = await phone.call('clock.now', new MeshRequest());
    expect(res.body).toBe(1);
    expect(local).toBe(true);
    expect(c.net.stats.sent).toBe(sentBefore);
    expect(phone.stats.localAttempts).toBe(1);
  });

  it('fails fast with ERR_NO_HEALTHY_INSTANCE for unknown or unhealthy services', async () => {
    const { c, phone, tv } = await twoNodes();
    const reg = tv.provide('camera', () => ok());
    await c.startAll();
    await c.until(() => c.sees('camera', 1));
    const e1 = await phone.call('nothing.here', new MeshRequest()).catch((e) => e);
    expect(e1.code).toBe('ERR_NO_HEALTHY_INSTANCE');
    expect(e1.known).toBe(0);
    tv.registry.setHealth(reg.instance.id, HealthStatus.CRITICAL);
    await c.until(() => phone.registry.discover('camera').length === 0);
    const e2 = await phone.call('camera', new MeshRequest()).catch((e) => e);
    expect(e2.code).toBe('ERR_NO_HEALTHY_INSTANCE');
    expect(e2.known).toBe(1);
    const e3 = await phone.call('camera', new MeshRequest(), { versionRange: '^9' }).catch((e) => e);
    expect(e3.code).toBe('ERR_NO_HEALTHY_INSTANCE');
    // Bad input rejects (never throws synchronously) and names the field.
    const e4 = await phone.call('camera', new MeshRequest(), { versionRange: 'latest' }).catch((e) => e);
    expect([e4.code, e4.field]).toEqual(['ERR_INVALID_VERSION', 'filter.versionRange']);
    const e5 = await phone.call('camera', new MeshRequest(), { headers: { 'bad header': 'x' } }).catch((e) => e);
    expect(e5.code).toBe('ERR_INVALID_ARGUMENT');
  });

  it('times out with ERR_TIMEOUT, remote and local, and cancels the handler token at the deadline', async () => {
    const { c, phone, tv } = await twoNodes();
    const cancelled: string[] = [];
    const hang = (req: MeshRequest, ctx: ServiceContext) => new Promise<MeshResponse>(() => { ctx.token.onCancelled((r) => cancelled.push(`${ctx.local ? 'local' : 'remote'}:${(r as MeshError).code}`)); });
    tv.provide('slow', hang);
    phone.provide('slow.local', hang);
    await c.startAll();
    await c.until(() => c.sees('slow', 1));
    const t0 = c.clock.now();
    const remote = phone.call('slow', new MeshRequest(), { timeoutMs: 300 }).catch((e) => e);
    const local = phone.call('slow.local', new MeshRequest(), { timeoutMs: 200 }).catch((e) => e);
    await c.clock.advance(400);
    const [r, l] = await Promise.all([remote, local]);
    expect(r.code).toBe('ERR_TIMEOUT');
    expect(l.code).toBe('ERR_TIMEOUT');
    expect(c.clock.now() - t0).toBe(400);
    expect(cancelled.sort()).toEqual(['local:ERR_TIMEOUT', 'remote:ERR_TIMEOUT']);
  });

  it('brings handler errors back with their code; a returned 5xx is a response', async () => {
    const { c, phone, tv } = await twoNodes();
    tv.provide('strict', () => Promise.reject(new MeshError('ERR_FORBIDDEN', 'not you')));
    tv.provide('buggy', () => { throw new TypeError('oops'); });
    tv.provide('busy', () => Promise.resolve(new MeshResponse({ status: 503, headers: { 'retry-after': '1' } })));
    phone.provide('strict.local', () => Promise.reject(new MeshError('ERR_FORBIDDEN', 'not you either')));
    await c.startAll();
    await c.until(() => c.sees('busy', 1));
    const forbidden = await c.settle(phone.call('strict', new MeshRequest()).catch((e) => e));
    expect(forbidden).toBeInstanceOf(RemoteError);
    expect(forbidden.code).toBe('ERR_FORBIDDEN');
    expect(forbidden.deviceId).toBe('tv');
    expect(forbidden.message).toBe('not you');
    expect((await c.settle(phone.call('buggy', new MeshRequest()).catch((e) => e))).code).toBe('ERR_INTERNAL');
    const busy = await c.settle(phone.call('busy', new MeshRequest()));
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    const localErr = await phone.call('strict.local', new MeshRequest()).catch((e) => e);
    expect(localErr.code).toBe('ERR_FORBIDDEN');
    expect(localErr.message).toBe('not you either');
  });

  it('routes by version range and filters', async () => {
    const c = new MeshCluster();
    const phone = c.add('phone');
    const tv = c.add('tv', 'tv');
    const car = c.add('car', 'car', { zone: 'garage' });
    tv.provide('nav', () => ok('v1'), { version: '1.4.0' });
    car.provide('nav', () => ok('v2'), { version: '2.0.1', tags: ['offline'] });
    await c.startAll();
    await c.until(() => c.sees('nav', 2));
    for (let i = 0; i < 5; i++) {
      expect((await c.settle(phone.call('nav', new MeshRequest(), { versionRange: '^2.0.0' }))).body).toBe('v2');
      expect((await c.settle(phone.call('nav', new MeshRequest(), { versionRange: '1.x' }))).body).toBe('v1');
      expect((await c.settle(phone.call('nav', new MeshRequest(), { filter: { tags: ['offline'] } }))).body).toBe('v2');
      expect((await c.settle(phone.call('nav', new MeshRequest(), { filter: { deviceType: 'tv' }, versionRange: '>=1' }))).body).toBe('v1');
    }
    expect(car.registry.get('nav@car')!.zone).toBe('garage');
  });

  it('honours a cancellation token', async () => {
    const { c, phone, tv } = await twoNodes();
    tv.provide('slow', () => new Promise(() => {}));
    await c.startAll();
    await c.until(() => c.sees('slow', 1));
    const src = new CancellationSource();
    const p = phone.call('slow', new MeshRequest(), { token: src.token }).catch((e) => e);
    await c.clock.advance(50);
    src.cancel();
    expect((await p).code).toBe('ERR_CANCELLED');
    const pre = new CancellationSource();
    pre.cancel();
    expect((await phone.call('slow', new MeshRequest(), { token: pre.token }).catch((e) => e)).code).toBe('ERR_CANCELLED');
  });
});

describe('MeshNode health', () => {
  it('replicates active health checks: a CRITICAL instance disappears from other devices and comes back', async () => {
    const { c, phone, tv } = await twoNodes();
    let healthy = true;
    tv.provide('camera', () => ok(), {
      healthCheck: { intervalMs: 1000, unhealthyThreshold: 2, healthyThreshold: 1, probe: () => Promise.resolve(healthy ? HealthStatus.PASSING : HealthStatus.CRITICAL) },
    });
    await c.startAll();
    await c.until(() => c.sees('camera', 1));
    healthy = false;
    expect(await c.until(() => phone.registry.discover('camera').length === 0, 10000)).toBeLessThan(4000);
    expect(phone.registry.instancesOf('camera')[0].health).toBe(HealthStatus.CRITICAL);
    healthy = true;
    expect(await c.until(() => phone.registry.discover('camera').length === 1, 10000)).toBeLessThan(3000);
  });

  it('ejects an instance that keeps failing (passive health) and routes around it', async () => {
    const c = new MeshCluster({ node: { balancer: () => new RoundRobinBalancer(), outlierDetection: { ejectionFailures: 3, baseEjectionMs: 5000 } } });
    const phone = c.add('phone');
    const good = c.add('good', 'tv');
    const bad = c.add('bad', 'tv');
    good.provide('svc', () => ok('good'));
    bad.provide('svc', () => Promise.resolve(new MeshResponse({ status: 500 })));
    await c.startAll();
    await c.until(() => c.sees('svc', 2));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await c.settle(phone.call('svc', new MeshRequest()))).status);
    expect(statuses.filter((s) => s === 500).length).toBe(3);
    expect(phone.outlierDetector.isEjected('svc@bad')).toBe(true);
    expect(phone.registry.discover('svc').map((i) => i.id)).toEqual(['svc@good']);
    expect(bad.registry.discover('svc').length).toBe(2); // ejection is the caller's own view
    await c.clock.advance(5000);
    expect(phone.registry.discover('svc').length).toBe(2);
  });
});

describe('MeshNode extension points', () => {
  it('call interceptors wrap selection: a retry re-selects another instance', async () => {
    const c = new MeshCluster({ node: { balancer: () => new RoundRobinBalancer() } });
    const phone = c.add('phone');
    const a = c.add('a', 'tv');
    const b = c.add('b', 'tv');
    a.provide('svc', () => Promise.reject(new MeshError('ERR_UPSTREAM', 'a is broken')));
    b.provide('svc', () => ok('from b'));
    await c.startAll();
    await c.until(() => c.sees('svc', 2));
    const log: string[] = [];
    const sub = phone.useCall(async (ctx, next) => {
      ctx.request.headers.set('traceparent', '00-trace-span-01');
      ctx.attributes.set('span', 'client-span');
      for (;;) {
        try {
          return await next();
        } catch (e) {
          log.push(`attempt ${ctx.attempts} on ${ctx.lastInstance!.deviceId} failed: ${(e as MeshError).code}`);
          if (ctx.attempts >= 3) throw e;
        }
      }
    });
    phone.useAttempt((actx, next) => {
      log.push(`attempt ${actx.attempt} -> ${actx.instance.id} (span ${actx.attributes.get('span')})`);
      return next();
    });
    let traceparent: string | undefined;
    b.useInbound((sctx, next) => { traceparent = sctx.request.headers.get('traceparent'); return next(); });
    for (let i = 0; i < 2; i++) {
      const res = await c.settle(phone.call('svc', new MeshRequest()));
      expect(res.body).toBe('from b');
    }
    expect(traceparent).toBe('00-trace-span-01');
    expect(log.filter((l) => l.includes('failed'))).toEqual(['attempt 1 on a failed: ERR_UPSTREAM']);
    expect(log.filter((l) => l.startsWith('attempt 2 ->'))).toEqual(['attempt 2 -> svc@b (span client-span)']);
    sub.dispose();
    const outcomes = await c.settle(Promise.all([0, 1].map(() => phone.call('svc', new MeshRequest()).then((r) => r.body, (e) => e.code))));
    expect(outcomes.sort()).toEqual(['ERR_UPSTREAM', 'from b']);
  });

  it('inbound interceptors run on the provider, for remote and local callers, and may refuse', async () => {
    const { c, phone, tv } = await twoNodes();
    tv.provide('vault', (_r, ctx) => ok(ctx.attributes.get('principal') as never));
    tv.useInbound((sctx, next) => {
      if (sctx.request.headers.get('authorization') !== 'Bearer good') return Promise.reject(new MeshError('ERR_UNAUTHORIZED', 'who are you'));
      sctx.attributes.set('principal', sctx.callerDeviceId);
      return next();
    });
    await c.startAll();
    await c.until(() => c.sees('vault', 1));
    expect((await c.settle(phone.call('vault', new MeshRequest(), { headers: { authorization: 'Bearer good' } }))).body).toBe('phone');
    expect((await c.settle(phone.call('vault', new MeshRequest()).catch((e) => e))).code).toBe('ERR_UNAUTHORIZED');
    expect((await tv.call('vault', new MeshRequest()).catch((e) => e)).code).toBe('ERR_UNAUTHORIZED');
    expect((await tv.call('vault', new MeshRequest({ headers: { authorization: 'Bearer good' } }))).body).toBe('tv');
  });

  it('installs plugins at create time and refuses duplicates', async () => {
    const installed: string[] = [];
    const c = new MeshCluster();
    const node = c.add('phone', 'phone', {
      plugins: [
        { name: 'metrics', install: (n: MeshNode) => { installed.push(`metrics@${n.deviceId}`); n.onCall(() => {}); } },
        { name: 'tracing', install: (n: MeshNode) => { installed.push('tracing'); n.useCall((_c, next) => next()); } },
      ],
    });
    expect(installed).toEqual(['metrics@phone', 'tracing']);
    expect(node.plugins).toEqual(['metrics', 'tracing']);
    expect(() => node.use({ name: 'tracing', install: () => {} })).toThrow(/plugin.name/);
  });

  it('emits call, instance and membership events', async () => {
    const { c, phone, tv } = await twoNodes();
    const calls: CallCompletedEvent[] = [];
    const instances: string[] = [];
    const members: string[] = [];
    phone.onCall((e) => calls.push(e));
    phone.onInstance((e: InstanceEvent) => instances.push(`${e.type}:${e.instance.id}:${e.local}`));
    phone.onMembership((e) => members.push(`${e.type}:${e.member.id}`));
    tv.provide('svc', () => ok());
    phone.provide('mine', () => ok());
    await c.startAll();
    await c.until(() => c.sees('svc', 1));
    await c.settle(phone.call('svc', new MeshRequest()));
    await phone.call('nope', new MeshRequest()).catch(() => {});
    expect(calls.map((e) => [e.serviceName, e.outcome, e.status, e.code, e.deviceId, e.attempts, e.local])).toEqual([
      ['svc', 'ok', 200, undefined, 'tv', 1, false], ['nope', 'error', undefined, 'ERR_NO_HEALTHY_INSTANCE', undefined, 0, false]]);
    expect(calls[0].latencyMs).toBe(10);
    expect(instances).toEqual(['up:mine@phone:true', 'up:svc@tv:false']);
    expect(members).toEqual([`${MemberEventType.JOINED}:tv`]);
  });
});

describe('MeshNode lifecycle', () => {
  it('refuses calls before start and after stop; a graceful stop removes its instances everywhere at once', async () => {
    const { c, phone, tv } = await twoNodes();
    expect((await phone.call('x', new MeshRequest()).catch((e) => e)).code).toBe('ERR_NOT_STARTED');
    tv.provide('svc', () => ok());
    await c.startAll();
    await c.until(() => c.sees('svc', 1));
    await tv.stop();
    expect(tv.state).toBe(NodeState.STOPPED);
    await c.clock.advance(20);
    expect(phone.registry.discover('svc')).toEqual([]);
    expect(phone.membership.stateOf('tv')).toBe('left');
    expect((await tv.call('svc', new MeshRequest()).catch((e) => e)).code).toBe('ERR_STOPPED');
    expect(c.net.isUp('tv')).toBe(false);
    await expect(tv.start()).rejects.toThrow(/starts once/);
  });

  it('stopping rejects local calls still running with ERR_STOPPED and leaves no timer behind', async () => {
    const { c, phone } = await twoNodes();
    phone.provide('forever', () => new Promise(() => {}));
    await c.startAll();
    const p = phone.call('forever', new MeshRequest()).catch((e) => e.code);
    await c.clock.advance(10);
    await phone.stop(false);
    expect(await p).toBe('ERR_STOPPED');
  });

  it('validates its options', () => {
    const c = new MeshCluster();
    const t = c.net.attach('x');
    const base = { deviceId: 'x', deviceType: 'phone', transport: t, clock: c.clock, random: c.random };
    expect(() => MeshNode.create({ ...base, deviceId: 'y' })).toThrow(/options.transport/);
    expect(() => MeshNode.create({ ...base, deviceType: '' })).toThrow(/options.deviceType/);
    expect(() => MeshNode.create({ ...base, defaultTimeoutMs: -1 })).toThrow(/options.defaultTimeoutMs/);
    expect(() => MeshNode.create({ ...base, membership: { probeIntervalMs: 0 } })).toThrow(/membership.probeIntervalMs/);
    const node = MeshNode.create(base);
    expect(() => node.provide('bad name', () => ok())).toThrow(/serviceName/);
    expect(() => node.provide('svc', () => ok(), { version: 'v1' })).toThrow(/instance.version/);
    node.provide('svc', () => ok());
    expect(() => node.provide('svc', () => ok())).toThrow(/already registered/);
    expect(() => node.provide('svc', 'nope' as never)).toThrow(/handler/);
  });

  it('a crashed device restarted with the same id and store rejoins and its instances come back', async () => {
    const c = new MeshCluster({ seed: 'restart' });
    const phone = c.add('phone');
    c.add('tablet', 'tablet');
    const tv = c.add('tv', 'tv');
    tv.provide('media.player', () => ok('first life'));
    await c.startAll();
    await c.until(() => c.sees('media.player', 1));
    const incBefore = tv.membership.incarnation;
    c.crash('tv');
    expect(tv.state).toBe(NodeState.CRASHED);
    expect(await c.until(() => phone.membership.stateOf('tv') === 'dead', 30000)).toBeLessThan(30000);
    expect(phone.registry.discover('media.player')).toEqual([]);
    expect((await phone.call('media.player', new MeshRequest()).catch((e) => e)).code).toBe('ERR_NO_HEALTHY_INSTANCE');
    // Restart: a new node object, same device id, same store.
    const tv2 = c.add('tv', 'tv');
    tv2.provide('media.player', () => ok('second life'));
    await tv2.start();
    expect(tv2.membership.incarnation).toBeGreaterThan(incBefore);
    expect(await c.until(() => c.sees('media.player', 1), 30000)).toBeLessThan(10000);
    expect((await c.settle(phone.call('media.player', new MeshRequest()))).body).toBe('second life');
    expect(await c.stores.get('tv')!.get('arkmesh/node/tv/incarnation')).toBe(String(tv2.membership.incarnation));
  });
});
