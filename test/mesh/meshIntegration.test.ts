// Many MeshNodes on a SimNetwork with a VirtualClock: joins, calls from everywhere, crashes,
// partitions and restarts.
import { describe, expect, it } from 'vitest';
import { MeshError } from '../../sdk/src/main/ets/core/index';
import { SeededRandom } from '../../sdk/src/main/ets/platform/index';
import { MeshRequest, MeshResponse } from '../../sdk/src/main/ets/transport/index';
import { CallInterceptor, MeshNode } from '../../sdk/src/main/ets/mesh/index';
import { MeshCluster } from './meshCluster';

const TVS = ['tv-0', 'tv-1', 'tv-2', 'tv-3', 'tv-4'];
const PCS = ['pc-0', 'pc-1', 'pc-2'];

// Retries on another instance for failures that say nothing about the request itself.
const retry = (max: number): CallInterceptor => async (ctx, next) => {
  for (;;) {
    try {
      return await next();
    } catch (e) {
      const code = (e as MeshError).code;
      if (ctx.attempts >= max || !['ERR_TIMEOUT', 'ERR_UNREACHABLE', 'ERR_SERVICE_NOT_FOUND'].includes(code)) throw e;
    }
  }
};

// Each attempt gets at most `ms` of the call's budget, leaving room for retries.
const attemptTimeout = (n: MeshNode, ms: number) => n.useAttempt((actx, next) => {
  actx.deadline = Math.min(actx.deadline, n.clock.now() + ms);
  return next();
});

const build = (opts: ConstructorParameters<typeof MeshCluster>[0] = {}, phones = 22) => {
  const c = new MeshCluster({ ...opts, node: { defaultTimeoutMs: 1500, ...opts.node } });
  c.add('hub', 'tablet');
  for (let i = 0; i < phones; i++) c.add(`phone-${i}`, 'phone');
  for (const id of TVS) provideTv(c.add(id, 'tv'));
  for (const id of PCS) c.add(id, 'pc').provide('storage.kv', () => Promise.resolve(MeshResponse.json(id)), { version: '3.0.0' });
  return c;
};
const provideTv = (n: MeshNode) => n.provide('media.player', (req) => Promise.resolve(MeshResponse.json({ by: n.deviceId, echo: req.body as never })), { version: '2.4.1' });

/** Fires `count` calls from random running nodes, one every `gapMs`, and returns their outcomes. */
const workload = async (c: MeshCluster, service: string, count: number, gapMs: number, seed: string) => {
  const r = new SeededRandom(seed);
  const outcomes: Promise<string>[] = [];
  for (let i = 0; i < count; i++) {
    const callers = Array.from(c.nodes.values()).filter((n) => n.state === 'running');
    const from = callers[r.nextInt(callers.length)];
    outcomes.push(from.call(service, new MeshRequest({ body: i })).then((res) => `ok:${(res.body as { by?: string }).by ?? res.body}`, (e) => `err:${e.code}`));
    await c.clock.advance(gapMs);
  }
  await c.clock.advance(2000);
  return Promise.all(outcomes);
};

describe('mesh integration (31 devices)', () => {
  it('every device reaches every service; load spreads over the instances', async () => {
    const c = build();
    await c.startAll();
    expect(await c.until(() => c.sees('media.player', 5) && c.sees('storage.kv', 3), 30000)).toBeLessThan(5000);
    const results = await workload(c, 'media.player', 400, 10, 'spread');
    expect(results.every((r) => r.startsWith('ok:'))).toBe(true);
    const byTv = new Map<string, number>();
    for (const r of results) byTv.set(r.slice(3), (byTv.get(r.slice(3)) ?? 0) + 1);
    expect(Array.from(byTv.keys()).sort()).toEqual(TVS);
    for (const n of byTv.values()) expect(n).toBeGreaterThan(40);
    const kv = await workload(c, 'storage.kv', 60, 10, 'kv');
    expect(new Set(kv)).toEqual(new Set(PCS.map((p) => `ok:${p}`)));
  }, 60000);

  it('crashes: calls keep succeeding (retrying elsewhere), dead instances vanish everywhere, restarts bring them back', async () => {
    const c = build({ seed: 'crashes' });
    for (const n of c.nodes.values()) { n.useCall(retry(3)); attemptTimeout(n, 300); }
    await c.startAll();
    await c.until(() => c.sees('media.player', 5), 30000);
    c.crash('tv-1');
    c.crash('tv-3');
    const during = await workload(c, 'media.player', 300, 20, 'during');
    const failed = during.filter((r) => !r.startsWith('ok:'));
    console.log(`crash of 2/5 TVs: ${during.length - failed.length}/${during.length} calls succeeded during detection, failures ${JSON.stringify(failed)}`);
    expect(failed.length).toBe(0);
    expect(await c.until(() => c.sees('media.player', 3), 30000)).toBeLessThan(30000);
    const after = await workload(c, 'media.player', 200, 10, 'after');
    expect(after.every((r) => r === 'ok:tv-0' || r === 'ok:tv-2' || r === 'ok:tv-4')).toBe(true);
    for (const id of ['tv-1', 'tv-3']) {
      const n = c.add(id, 'tv');
      n.useCall(retry(3));
      attemptTimeout(n, 300);
      provideTv(n);
      await n.start();
    }
    expect(await c.until(() => c.sees('media.player', 5), 30000)).toBeLessThan(10000);
    const back = await workload(c, 'media.player', 300, 10, 'back');
    expect(back.every((r) => r.startsWith('ok:'))).toBe(true);
    expect(back.filter((r) => r === 'ok:tv-1').length).toBeGreaterThan(20);
  }, 120000);

  it('partitions: the cut-off side fails fast, and everything recovers after the heal', async () => {
    const c = build({ seed: 'partition' });
    await c.startAll();
    await c.until(() => c.sees('media.player', 5), 30000);
    const sideA = ['hub'].concat(Array.from({ length: 10 }, (_, i) => `phone-${i}`));
    const cut = c.net.partition(sideA);
    expect(await c.until(() => sideA.every((id) => c.nodes.get(id)!.registry.discover('media.player').length === 0), 30000)).toBeLessThan(30000);
    const a = c.nodes.get('phone-3')!;
    const b = c.nodes.get('phone-15')!;
    const t0 = c.clock.now();
    const err = await a.call('media.player', new MeshRequest()).catch((e) => e);
    expect(err.code).toBe('ERR_NO_HEALTHY_INSTANCE');
    expect(c.clock.now()).toBe(t0); // failed fast: no network round trip, no timeout
    expect((await c.settle(b.call('media.player', new MeshRequest()))).status).toBe(200);
    c.net.heal(cut);
    const took = await c.until(() => c.sees('media.player', 5) && c.sees('storage.kv', 3), 60000);
    console.log(`partition 11/20 healed: all 31 registries complete again after ${took} ms`);
    expect(took).toBeLessThan(30000);
    const results = await workload(c, 'media.player', 200, 10, 'healed');
    expect(results.every((r) => r.startsWith('ok:'))).toBe(true);
  }, 120000);

  it('works with every envelope serialised through the codec on a lossy network', async () => {
    const c = build({ seed: 'wire', serialize: true, conditions: { loss: 0.05, jitterMs: 3 } }, 6);
    for (const n of c.nodes.values()) { n.useCall(retry(4)); attemptTimeout(n, 300); }
    await c.startAll();
    expect(await c.until(() => c.sees('media.player', 5), 30000)).toBeLessThan(15000);
    const results = await workload(c, 'media.player', 200, 20, 'lossy');
    const ok = results.filter((r) => r.startsWith('ok:')).length;
    console.log(`serialised, 5% loss: ${ok}/200 calls succeeded with up to 4 attempts`);
    expect(ok).toBeGreaterThanOrEqual(196);
    expect(c.net.serializing).toBe(true);
    let malformed = 0;
    for (const n of c.nodes.values()) malformed += n.transport.stats.malformed;
    expect(malformed).toBe(0);
  }, 120000);

  it('replays a whole scenario identically from the same seed', async () => {
    const run = async (seed: string) => {
      const c = build({ seed, conditions: { loss: 0.02, jitterMs: 5 } }, 8);
      await c.startAll();
      await c.clock.advance(3000);
      const first = await workload(c, 'media.player', 100, 15, `${seed}-w1`);
      c.crash('tv-2');
      const second = await workload(c, 'media.player', 100, 15, `${seed}-w2`);
      return JSON.stringify([first, second, c.net.stats]);
    };
    const a = await run('same');
    expect(await run('same')).toBe(a);
    expect(await run('different')).not.toBe(a);
  }, 120000);
});
