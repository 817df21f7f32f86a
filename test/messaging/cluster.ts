// Test helper: MeshNodes with a MessageQueue each, on one SimNetwork and VirtualClock; devices keep
// their MemoryStore across crashes, like a real device keeps its disk.
import { MemoryStore, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { LinkConditionsInit, SimNetwork } from '../../sdk/src/main/ets/transport/index';
import { MeshNode } from '../../sdk/src/main/ets/mesh/index';
import { MessageQueue, MessagingSettings } from '../../sdk/src/main/ets/messaging/index';

export interface Device {
  node: MeshNode;
  queue: MessageQueue;
}

export class MqCluster {
  readonly clock = new VirtualClock({ startTime: 0 });
  readonly random: SeededRandom;
  readonly net: SimNetwork;
  readonly devices = new Map<string, Device>();
  readonly stores = new Map<string, MemoryStore>();
  private lives = new Map<string, number>();
  private seedId: string | undefined;

  constructor(seed = 'mq', conditions?: LinkConditionsInit, readonly settings: MessagingSettings = {}, serialize = false) {
    this.random = new SeededRandom(seed);
    this.net = new SimNetwork({ clock: this.clock, random: this.random.fork('net'), conditions, serialize });
  }

  /** Creates and starts a device (or restarts a crashed one on its old store). */
  async add(id: string, settings: MessagingSettings = {}): Promise<Device> {
    const transport = this.lives.has(id) ? this.net.restart(id) : this.net.attach(id);
    let store = this.stores.get(id);
    if (!store) {
      store = new MemoryStore();
      this.stores.set(id, store);
    }
    const life = (this.lives.get(id) ?? 0) + 1;
    this.lives.set(id, life);
    this.seedId ??= id;
    const node = MeshNode.create({
      deviceId: id, deviceType: 'phone', transport, clock: this.clock, random: this.random.fork(`${id}/${life}`), store,
      seeds: [this.seedId],
    });
    const queue = MessageQueue.attach(node, { ...this.settings, ...settings });
    await node.start();
    const d = { node, queue };
    this.devices.set(id, d);
    return d;
  }

  crash(id: string): void {
    this.net.crash(id);
    this.devices.delete(id);
  }

  get(id: string): Device {
    const d = this.devices.get(id);
    if (!d) throw new Error(`no device ${id}`);
    return d;
  }

  /** Advances until `cond` holds (or `maxMs` passes); the virtual time it took. */
  async until(cond: () => boolean, maxMs = 60000, stepMs = 50): Promise<number> {
    const start = this.clock.now();
    while (!cond()) {
      if (this.clock.now() - start >= maxMs) return Infinity;
      await this.clock.advance(stepMs);
    }
    return this.clock.now() - start;
  }

  /** True when `from` knows `count` consumers of `topic` in `group`. */
  knowsConsumers(from: string, topic: string, group: string, count: number): boolean {
    const instances = this.get(from).node.registry.instancesOf(`mq.${topic}`).filter((i) => i.metadata.g === group);
    return instances.length === count;
  }
}
