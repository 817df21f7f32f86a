// The 50-device scenarios, on SimNetwork + VirtualClock only.
import { describe, expect, it } from 'vitest';
import { MemberEventType, MemberState } from '../../sdk/src/main/ets/membership/index';
import { Cluster } from './cluster';

const PROBE_MS = 1000;

describe('Membership with 50 devices', () => {
  it('converges after all 50 join through one seed', async () => {
    const c = new Cluster({ size: 50, seed: 'converge' });
    c.startAll();
    const took = await c.until(() => c.converged(), 60000);
    console.log(`50 devices joined through one seed: converged after ${took} ms`);
    expect(took).toBeLessThanOrEqual(5 * PROBE_MS);
    for (const m of c.nodes.values()) expect(m.liveCount).toBe(50);
    // Nobody was ever suspected on a perfect network.
    expect(c.events.filter((e) => e.type !== MemberEventType.JOINED)).toEqual([]);
  }, 60000);

  it('converges when devices join in waves through different seeds', async () => {
    const c = new Cluster({ size: 50, seed: 'waves', seeds: ['d000', 'd001', 'd002'] });
    for (let i = 0; i < 50; i++) {
      // The seeds know each other; every other device knows one seed only.
      c.start(c.ids[i], i < 3 ? ['d000', 'd001', 'd002'] : [c.ids[i % 3]]);
      if (i % 10 === 9) await c.clock.advance(700);
    }
    expect(await c.until(() => c.converged(), 60000)).toBeLessThanOrEqual(5 * PROBE_MS);
  }, 60000);

  it('detects crashed devices everywhere within a bounded number of probe periods', async () => {
    const c = new Cluster({ size: 50, seed: 'detect' });
    c.startAll();
    await c.until(() => c.converged(), 60000);
    const victims = ['d007', 'd023', 'd041'];
    const times: number[] = [];
    for (const v of victims) {
      c.crash(v);
      times.push(await c.until(() => c.countViews(v, MemberState.DEAD) === c.nodes.size, 60000));
      await c.clock.advance(5000);
    }
    // Suspicion timeout at 49 live members is 4 x log10(49) x 1 s = 6.8 s; detection adds at most a
    // probe round and an indirect-probe period, dissemination a few gossip rounds.
    console.log(`crashed devices declared dead by all 49 others after ${times.join(', ')} ms (probe period ${PROBE_MS} ms)`);
    for (const t of times) expect(t).toBeLessThanOrEqual(15 * PROBE_MS);
    // Nobody else was declared dead.
    const dead = new Set(c.events.filter((e) => e.type === MemberEventType.DEAD).map((e) => e.member.id));
    expect(Array.from(dead).sort()).toEqual(victims);
  }, 60000);

  it('declares no live device dead over 20 minutes at 10% packet loss', async () => {
    const c = new Cluster({ size: 50, seed: 'lossy', conditions: { loss: 0.1, jitterMs: 4 } });
    c.startAll();
    await c.until(() => c.converged(), 60000);
    const from = c.events.length;
    await c.clock.advance(20 * 60 * 1000);
    const after = c.events.slice(from);
    const falsePositives = after.filter((e) => e.type === MemberEventType.DEAD).length;
    const suspicions = after.filter((e) => e.type === MemberEventType.SUSPECT).length;
    const refutations = Array.from(c.nodes.values()).reduce((n, m) => n + m.stats.refutations, 0);
    console.log(`50 devices, 10% loss, 20 min: ${falsePositives} false positives, ${suspicions} suspect events, ${refutations} refutations, ${c.net.stats.droppedLoss}/${c.net.stats.sent} envelopes lost`);
    expect(falsePositives).toBe(0);
    expect(suspicions).toBeGreaterThan(0); // the loss did bite: suspicions were raised and refuted
    expect(c.converged()).toBe(true);
  }, 180000);

  it('recovers after a partition heals', async () => {
    const c = new Cluster({ size: 50, seed: 'split' });
    c.startAll();
    await c.until(() => c.converged(), 60000);
    const sideA = c.ids.slice(0, 20);
    const p = c.net.partition(sideA);
    await c.clock.advance(30000);
    // Each side has declared the other dead.
    expect(c.nodes.get('d000')!.liveCount).toBe(20);
    expect(c.nodes.get('d030')!.liveCount).toBe(30);
    expect(c.countViews('d030', MemberState.DEAD)).toBe(20);
    c.net.heal(p);
    const took = await c.until(() => c.converged(), 120000);
    console.log(`partition 20/30 healed: membership converged again after ${took} ms`);
    expect(took).toBeLessThanOrEqual(30000);
  }, 120000);

  it('replays bit for bit with the same seed', async () => {
    const run = async (seed: string): Promise<string> => {
      const c = new Cluster({ size: 50, seed, conditions: { loss: 0.05, jitterMs: 3 } });
      c.startAll();
      await c.clock.advance(5000);
      c.crash('d011');
      await c.clock.advance(20000);
      return c.events.map((e) => `${e.at}|${e.observer}|${e.type}|${e.member.id}|${e.member.incarnation}`).join('\n') + `|${c.net.stats.sent}`;
    };
    const a = await run('replay');
    expect(await run('replay')).toBe(a);
    expect(await run('replay-2')).not.toBe(a);
  }, 120000);
});
