// Membership.suspect: the hook through which an external failure detector (the HarmonyOS device
// manager reporting a device offline) feeds SWIM. SWIM still decides: alive members refute.
import { describe, expect, it } from 'vitest';
import { MemberEventType, MemberState } from '../../sdk/src/main/ets/membership/index';
import { Cluster } from '../membership/cluster';

describe('Membership.suspect (external unreachability hint)', () => {
  it('turns a crashed member SUSPECT at once and DEAD after the suspicion timeout, well before probing alone would', async () => {
    const c = new Cluster({ size: 4, seed: 'suspect-crash' });
    c.startAll();
    expect(await c.until(() => c.converged(), 10000)).toBeLessThan(10000);
    c.crash('d003');
    const observer = c.nodes.get('d000')!;
    const before = observer.stats.suspicionsRaised;
    expect(observer.suspect('d003')).toBe(true);
    expect(observer.stateOf('d003')).toBe(MemberState.SUSPECT);
    expect(observer.stats.suspicionsRaised).toBe(before + 1);
    // A second hint changes nothing: the member is already suspect.
    expect(observer.suspect('d003')).toBe(false);
    const t = await c.until(() => c.countViews('d003', MemberState.DEAD) === 3, 20000);
    // Suspicion timeout: 4 x max(1, log10(4)) x 1000 ms = 4 s, then gossip.
    expect(t).toBeLessThan(6000);
    expect(c.events.some((e) => e.observer === 'd000' && e.member.id === 'd003' && e.type === MemberEventType.SUSPECT)).toBe(true);
  });

  it('a live member refutes a false hint: it stays ALIVE everywhere with a higher incarnation', async () => {
    const c = new Cluster({ size: 3, seed: 'suspect-refute' });
    c.startAll();
    await c.until(() => c.converged(), 10000);
    const target = c.nodes.get('d002')!;
    const incarnation = target.incarnation;
    expect(c.nodes.get('d000')!.suspect('d002')).toBe(true);
    await c.until(() => target.incarnation > incarnation && c.countViews('d002', MemberState.ALIVE) === 2, 10000);
    expect(target.incarnation).toBeGreaterThan(incarnation);
    await c.clock.advance(10000);
    expect(c.countViews('d002', MemberState.ALIVE)).toBe(2);
    expect(c.countViews('d002', MemberState.DEAD)).toBe(0);
  });

  it('ignores unknown members, itself, non-alive members and a stopped node', async () => {
    const c = new Cluster({ size: 2, seed: 'suspect-ignore' });
    c.startAll();
    await c.until(() => c.converged(), 10000);
    const m = c.nodes.get('d000')!;
    expect(m.suspect('nobody')).toBe(false);
    expect(m.suspect('d000')).toBe(false);
    expect(m.stateOf('d000')).toBe(MemberState.ALIVE);
    m.stop();
    expect(m.suspect('d001')).toBe(false);
  });
});
