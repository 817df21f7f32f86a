// Test helper: N Membership instances on one SimNetwork driven by one VirtualClock.
import { microtaskSettle, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { Membership, MembershipEvent, MembershipOptions, MemberState } from '../../sdk/src/main/ets/membership/index';
import { LinkConditionsInit, SimNetwork } from '../../sdk/src/main/ets/transport/index';

export interface ClusterOptions {
  size: number;
  seed?: string;
  conditions?: LinkConditionsInit;
  options?: MembershipOptions;
  serialize?: boolean;
  /** Device ids used as join seeds (default: the first device). */
  seeds?: string[];
}

// Membership chains are a few promise turns deep, so 16 settle turns per timer suffice (the
// message counts of a run are identical with 8, 16 or the default 64) and the long runs go faster.
export class Cluster {
  readonly clock = new VirtualClock({ startTime: 0, settle: microtaskSettle(16) });
  readonly random: SeededRandom;
  readonly net: SimNetwork;
  readonly nodes = new Map<string, Membership>();
  readonly incarnations = new Map<string, number>();
  readonly events: Array<MembershipEvent & { observer: string }> = [];
  readonly ids: string[];

  constructor(readonly opts: ClusterOptions) {
    this.random = new SeededRandom(opts.seed ?? 'cluster');
    this.net = new SimNetwork({ clock: this.clock, random: this.random.fork('net'), conditions: opts.conditions, serialize: opts.serialize });
    this.ids = Array.from({ length: opts.size }, (_, i) => `d${String(i).padStart(3, '0')}`);
  }

  start(id: string, seeds = this.opts.seeds ?? [this.ids[0]]): Membership {
    const transport = this.net.isUp(id) ? undefined : this.net.attach(id);
    const m = new Membership({ transport: transport!, clock: this.clock, random: this.random.fork(`${id}#${this.incarnations.get(id) ?? 0}`), deviceType: 'phone', options: this.opts.options });
    m.onChange((e) => this.events.push({ ...e, observer: id }));
    const inc = (this.incarnations.get(id) ?? 0) + 1;
    this.incarnations.set(id, inc);
    m.onIncarnation((n) => this.incarnations.set(id, Math.max(n, this.incarnations.get(id) ?? 0)));
    m.start(inc, seeds);
    this.nodes.set(id, m);
    return m;
  }

  startAll(): void {
    for (const id of this.ids) this.start(id);
  }

  crash(id: string): void {
    this.nodes.get(id)!.stop();
    this.net.crash(id);
    this.nodes.delete(id);
  }

  /** Live nodes' views: how many consider `id` in `state`. */
  countViews(id: string, state: MemberState): number {
    let n = 0;
    for (const [obs, m] of this.nodes) if (obs !== id && m.stateOf(id) === state) n++;
    return n;
  }

  /** True when every running node sees exactly the running nodes as alive. */
  converged(): boolean {
    const running = Array.from(this.nodes.keys());
    for (const m of this.nodes.values()) {
      const alive = m.liveMembers().filter((x) => x.state === MemberState.ALIVE).map((x) => x.id).sort();
      if (alive.length !== running.length || alive.some((x, i) => x !== running.slice().sort()[i])) return false;
    }
    return true;
  }

  /** Advances in steps of `stepMs` until `cond` holds or `maxMs` passed; returns the time it took. */
  async until(cond: () => boolean, maxMs: number, stepMs = 100): Promise<number> {
    const start = this.clock.now();
    while (!cond()) {
      if (this.clock.now() - start >= maxMs) return Infinity;
      await this.clock.advance(stepMs);
    }
    return this.clock.now() - start;
  }
}
