import { describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { Membership, MemberEventType, MemberState, SwimTopics } from '../../sdk/src/main/ets/membership/index';
import { EnvelopeKind, SimNetwork } from '../../sdk/src/main/ets/transport/index';
import { Cluster } from './cluster';

const types = (c: Cluster, observer: string, member: string) =>
  c.events.filter((e) => e.observer === observer && e.member.id === member).map((e) => e.type);

describe('Membership (small cluster)', () => {
  it('joins through a seed and converges; members carry type, incarnation and meta', async () => {
    const c = new Cluster({ size: 5 });
    c.startAll();
    c.nodes.get('d003')!.setMeta({ services: ['media.player'] });
    expect(await c.until(() => c.converged(), 10000)).toBeLessThan(3000);
    const view = c.nodes.get('d001')!.member('d003')!;
    expect(view.state).toBe(MemberState.ALIVE);
    expect(view.deviceType).toBe('phone');
    await c.until(() => c.nodes.get('d001')!.member('d003')!.meta !== undefined, 5000);
    expect(c.nodes.get('d001')!.member('d003')!.meta).toEqual({ services: ['media.player'] });
    expect(c.nodes.get('d001')!.member('d003')!.incarnation).toBe(2);
    expect(types(c, 'd001', 'd003')).toContain(MemberEventType.JOINED);
    expect(c.nodes.get('d000')!.members().length).toBe(5);
    expect(c.nodes.get('d000')!.liveCount).toBe(5);
  });

  it('declares a crashed member suspect, then dead, everywhere', async () => {
    const c = new Cluster({ size: 5, seed: 'crash' });
    c.startAll();
    await c.until(() => c.converged(), 10000);
    c.crash('d002');
    const took = await c.until(() => c.countViews('d002', MemberState.DEAD) === 4, 30000);
    expect(took).toBeLessThan(15000);
    for (const id of ['d000', 'd001', 'd003', 'd004']) {
      const seen = types(c, id, 'd002');
      expect(seen.slice(-1)).toEqual([MemberEventType.DEAD]);
    }
    expect(c.events.filter((e) => e.type === MemberEventType.SUSPECT && e.member.id === 'd002').length).toBeGreaterThan(0);
  });

  it('a live member refutes a suspicion by raising its incarnation', async () => {
    const c = new Cluster({ size: 4, seed: 'refute' });
    c.startAll();
    await c.until(() => c.converged(), 10000);
    const victim = c.nodes.get('d003')!;
    const inc = victim.incarnation;
    // d001 is told (by gossip from d000) that d003 is suspect.
    const t = c.net.attach('liar');
    t.send(EnvelopeKind.GOSSIP, 'd001', SwimTopics.GOSSIP, { u: [{ i: 'd003', t: 'phone', n: inc, s: 's' }] });
    await c.clock.advance(10);
    expect(c.nodes.get('d001')!.stateOf('d003')).toBe(MemberState.SUSPECT);
    await c.until(() => c.countViews('d003', MemberState.ALIVE) === 3, 10000);
    expect(victim.incarnation).toBeGreaterThan(inc);
    expect(victim.stats.refutations).toBeGreaterThan(0);
    await c.clock.advance(20000);
    expect(c.events.filter((e) => e.member.id === 'd003' && e.type === MemberEventType.DEAD)).toEqual([]);
    expect(types(c, 'd001', 'd003')).toEqual([MemberEventType.JOINED, MemberEventType.SUSPECT, MemberEventType.ALIVE]);
  });

  it('a graceful leave is reported as LEFT at once; a return with a higher incarnation as JOINED', async () => {
    const c = new Cluster({ size: 4, seed: 'leave' });
    c.startAll();
    await c.until(() => c.converged(), 10000);
    c.nodes.get('d002')!.leave();
    c.nodes.delete('d002');
    await c.clock.advance(50);
    expect(c.countViews('d002', MemberState.LEFT)).toBe(3);
    expect(c.events.filter((e) => e.member.id === 'd002' && e.type === MemberEventType.DEAD)).toEqual([]);
    c.net.crash('d002');
    c.start('d002');
    expect(await c.until(() => c.converged(), 10000)).toBeLessThan(5000);
    expect(types(c, 'd000', 'd002').slice(-2)).toEqual([MemberEventType.LEFT, MemberEventType.JOINED]);
  });

  it('a restarted member that lost its incarnation outbids its dead self', async () => {
    const c = new Cluster({ size: 4, seed: 'amnesia' });
    c.startAll();
    await c.until(() => c.converged(), 10000);
    c.nodes.get('d003')!.setMeta({ v: 'old' });
    await c.clock.advance(2000);
    c.crash('d003');
    await c.until(() => c.countViews('d003', MemberState.DEAD) === 3, 30000);
    c.incarnations.set('d003', 0); // its store was wiped: it starts again at incarnation 1
    const again = c.start('d003');
    again.setMeta({ v: 'new' });
    await c.until(() => c.converged(), 10000);
    await c.clock.advance(3000);
    expect(again.incarnation).toBeGreaterThan(2);
    expect(c.nodes.get('d000')!.member('d003')!.meta).toEqual({ v: 'new' });
  });

  it('counts invalid protocol messages and keeps running', async () => {
    const c = new Cluster({ size: 2, seed: 'junk' });
    c.startAll();
    await c.until(() => c.converged(), 10000);
    const t = c.net.attach('junk');
    t.send(EnvelopeKind.GOSSIP, 'd000', SwimTopics.GOSSIP, 'not an object');
    t.send(EnvelopeKind.GOSSIP, 'd000', SwimTopics.GOSSIP, { u: [{ i: 5 }, 'x'] });
    const [bad, bad2] = await Promise.all([
      t.request('d000', SwimTopics.PING, [1, 2], undefined, c.clock.now() + 100).catch((e) => e.code),
      t.request('d000', SwimTopics.PING_REQ, {}, undefined, c.clock.now() + 100).catch((e) => e.code),
      c.clock.advance(20),
    ]);
    expect(bad).toBe('ERR_INVALID_ARGUMENT');
    expect(bad2).toBe('ERR_INVALID_ARGUMENT');
    expect(c.nodes.get('d000')!.stats.invalid).toBeGreaterThanOrEqual(4);
    await c.clock.advance(5000);
    expect(c.nodes.get('d000')!.stateOf('d001')).toBe(MemberState.ALIVE);
  });

  it('validates its options and refuses to start twice', () => {
    const clock = new VirtualClock();
    const net = new SimNetwork({ clock, random: new SeededRandom(1) });
    const transport = net.attach('x');
    expect(() => new Membership({ transport, clock, random: new SeededRandom(1), deviceType: '' })).toThrow(/deviceType/);
    expect(() => new Membership({ transport, clock, random: new SeededRandom(1), deviceType: 'tv', options: { probeIntervalMs: 100, probeTimeoutMs: 100 } })).toThrow(/membership.probeTimeoutMs/);
    expect(() => new Membership({ transport, clock, random: new SeededRandom(1), deviceType: 'tv', options: { gossipFanout: 0 } })).toThrow(/membership.gossipFanout/);
    const m = new Membership({ transport, clock, random: new SeededRandom(1), deviceType: 'tv' });
    expect(() => m.start(-1)).toThrow(/incarnation/);
    m.start(1);
    expect(() => m.start(2)).toThrow(/already started/);
    m.stop();
    expect(m.running).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });
});
