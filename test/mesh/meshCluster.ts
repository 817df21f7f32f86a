// Test helper: MeshNodes on one SimNetwork and one VirtualClock; each device keeps its
// MemoryStore across crashes and restarts, as a real device keeps its disk.
import { MemoryStore, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { LinkConditionsInit, SimNetwork } from '../../sdk/src/main/ets/transport/index';
import { MeshNode, MeshNodeOptions } from '../../sdk/src/main/ets/mesh/index';

export interface MeshClusterOptions {
  seed?: string;
  conditions?: LinkConditionsInit;
  serialize?: boolean;
  node?: Partial<MeshNodeOptions>;
}

export class MeshCluster {
  readonly clock = new VirtualClock({ startTime: 0 });
  readonly random: SeededRandom;
  readonly net: SimNetwork;
  readonly nodes = new Map<string, MeshNode>();
  readonly stores = new Map<string, MemoryStore>();
  private restarts = new Map<string, number>();

  constructor(readonly opts: MeshClusterOptions = {}) {
    this.random = new SeededRandom(opts.seed ?? 'mesh');
    this.net = new SimNetwork({ clock: this.clock, random: this.random.fork('net'), conditions: opts.conditions, serialize: opts.serialize });
  }

  /** Creates (not starts) a node; the first node created is everyone's seed by default. */
  add(deviceId: string, deviceType = 'phone', extra: Partial<MeshNodeOptions> = {}): MeshNode {
    const transport = this.net.isUp(deviceId) ? undefined : this.net.attach(deviceId);
    let store = this.stores.get(deviceId);
    if (!store) {
      store = new MemoryStore();
      this.stores.set(deviceId, store);
    }
    const life = (this.restarts.get(deviceId) ?? 0) + 1;
    this.restarts.set(deviceId, life);
    const first = this.nodes.size === 0 ? deviceId : this.nodes.keys().next().value!;
    const node = MeshNode.create({
      deviceId, deviceType, transport: transport!, clock: this.clock, random: this.random.fork(`${deviceId}/${life}`), store,
      seeds: [first], ...this.opts.node, ...extra,
    });
    this.nodes.set(deviceId, node);
    return node;
  }

  async startAll(): Promise<void> {
    for (const n of this.nodes.values()) if (n.state === 'created') await n.start();
  }

  crash(deviceId: string): void {
    this.net.crash(deviceId);
    this.nodes.delete(deviceId);
  }

  /** Advances until `cond` holds (or `maxMs` passes); returns the virtual time it took. */
  async until(cond: () => boolean, maxMs = 60000, stepMs = 100): Promise<number> {
    const start = this.clock.now();
    while (!cond()) {
      if (this.clock.now() - start >= maxMs) return Infinity;
      await this.clock.advance(stepMs);
    }
    return this.clock.now() - start;
  }

  /** True when every node sees `count` usable instances of `service`. */
  sees(service: string, count: number): boolean {
    for (const n of this.nodes.values()) if (n.registry.discover(service).length !== count) return false;
    return true;
  }

  /** Resolves `p` while advancing virtual time in steps (a call needs the network to move). */
  async settle<T>(p: Promise<T>, maxMs = 60000, stepMs = 5): Promise<T> {
    let done = false;
    const guarded = p.finally(() => { done = true; });
    guarded.catch(() => {});
    const start = this.clock.now();
    while (!done && this.clock.now() - start < maxMs) await this.clock.advance(stepMs);
    return guarded;
  }
}
