import { MeshError, MessagingPlugin } from '../sdk';
import type { LatencyModel, QueueDelivery, QueueTopicStats, SeededRandom } from '../sdk';
import type { QueueEvent } from '../events/SimEvent';
import { latencyModel } from '../scenario/latency';
import type { ConsumerSpec, PublisherSpec } from '../scenario/Scenario';
import type { SimDevice } from './SimDevice';
import type { StreamDef } from './Workload';
import type { WorldContext } from './WorldContext';

/** The end-of-run account of every published message. */
export interface MessageAudit {
  /** Publications that resolved (the message was durably stored by its publisher). */
  published: number;
  /** Messages every consumer group of their topic processed (at least once). */
  delivered: number;
  /** Messages still held by a running publisher, waiting for a group (normal right after a heal). */
  pending: number;
  /** Messages held on a publisher that is down at the end (durable in its store; resumed on restart). */
  pendingOnCrashedPublisher: number;
  /** Messages dead-lettered for at least one group. */
  deadLettered: number;
  /** Messages neither delivered to every group, nor held, nor dead-lettered: lost. */
  lost: number;
  /** Extra deliveries of a message to a group that had already processed it (at-least-once). */
  duplicates: number;
  /** Ids of (up to 20) lost messages, for diagnosis. */
  lostIds: string[];
}

class Tracked {
  readonly groups = new Set<string>();
  constructor(readonly topic: string, readonly publisher: string) {}
}

/**
 * Messaging in a simulation: the SDK's MessagingPlugin (a durable MessageQueue on every device,
 * deliveries over the mesh) with the fleet's RED metrics and the device's tracer; the scenario's
 * consumers subscribed on every life of their devices (service time and failures drawn like a
 * service's); publishers as open-loop streams. Every publication is tracked until all consumer
 * groups of its topic have processed it, so the end-of-run audit can tell delivered, pending,
 * dead-lettered and lost messages apart.
 */
export class MessagingRuntime {
  private readonly _plugins = new Map<string, MessagingPlugin>();
  private readonly _tracked = new Map<string, Tracked>();
  private readonly _groupsOf = new Map<string, string[]>();
  private _published = 0;
  private _delivered = 0;
  private _duplicates = 0;

  constructor(private readonly _world: WorldContext, private readonly _devices: Map<string, SimDevice>,
    private readonly _consumers: ConsumerSpec[], publishers: PublisherSpec[]) {
    for (const c of _consumers) {
      const groups = this._groupsOf.get(c.topic) ?? [];
      if (!groups.includes(c.group)) groups.push(c.group);
      this._groupsOf.set(c.topic, groups);
    }
    const used = new Set<string>();
    for (const p of publishers) for (const d of p.from) used.add(d);
    for (const c of _consumers) for (const d of c.devices) used.add(d);
    for (const id of used) {
      const device = _devices.get(id);
      if (device === undefined) continue;
      device.pluginFactories.push((life): MessagingPlugin => {
        const plugin = new MessagingPlugin({ metrics: _world.red, tracer: life.tracer });
        this._plugins.set(id, plugin);
        return plugin;
      });
      device.lifeHooks.push((_node, random: SeededRandom): void => this.subscribe(id, random));
    }
  }

  /** Publisher streams for the workload. */
  streams(publishers: PublisherSpec[]): StreamDef[] {
    return publishers.map((p): StreamDef => ({
      id: p.id, from: p.from, rate: p.rate, pattern: { type: 'constant' }, arrival: 'uniform', startMs: p.startMs, stopMs: p.stopMs,
      issue: (from: string, n: number): Promise<unknown> | undefined => this.publish(from, p.topic, `${p.id}.${n}`),
    }));
  }

  /** One `queue` event per topic and consumer group: the queues' statistics summed over the running devices. */
  queueEvents(): Omit<QueueEvent, 'seq'>[] {
    const sums = new Map<string, Omit<QueueEvent, 'seq'>>();
    for (const [id, plugin] of this._plugins) {
      if (this._devices.get(id)?.runningNode === undefined) continue;
      let stats: QueueTopicStats[];
      try {
        stats = plugin.queue.stats();
      } catch {
        continue;
      }
      for (const topic of stats) {
        for (const g of topic.groups) {
          const key = `${topic.topic}\n${g.group}`;
          let e = sums.get(key);
          if (e === undefined) {
            e = { type: 'queue', t: this._world.elapsed(), topic: topic.topic, group: g.group, depth: 0, published: 0, acked: 0, deadLettered: 0, redelivered: 0 };
            sums.set(key, e);
          }
          e.depth += g.depth;
          e.published += topic.published;
          e.acked += g.acked;
          e.deadLettered += g.deadLettered;
          e.redelivered += g.retried;
        }
      }
    }
    return [...sums.keys()].sort().map((k) => sums.get(k) as Omit<QueueEvent, 'seq'>);
  }

  /** The account of every publication so far. */
  audit(): MessageAudit {
    let pending = 0;
    let onCrashed = 0;
    let dead = 0;
    let lost = 0;
    const lostIds: string[] = [];
    const held = new Map<string, Set<string>>();
    const deadIds = new Map<string, Set<string>>();
    const queueOf = (device: string): MessagingPlugin | undefined =>
      this._devices.get(device)?.runningNode === undefined ? undefined : this._plugins.get(device);
    for (const [id, t] of this._tracked) {
      const plugin = queueOf(t.publisher);
      if (plugin === undefined) {
        onCrashed++;
        continue;
      }
      const hkey = `${t.publisher}\n${t.topic}`;
      let h = held.get(hkey);
      let d = deadIds.get(hkey);
      if (h === undefined || d === undefined) {
        h = new Set(plugin.queue.heldMessages(t.topic).map((m) => m.id));
        d = new Set(plugin.queue.deadLetters(t.topic).map((x) => x.message.id));
        held.set(hkey, h);
        deadIds.set(hkey, d);
      }
      if (d.has(id)) dead++;
      else if (h.has(id)) pending++;
      else {
        lost++;
        if (lostIds.length < 20) lostIds.push(id);
      }
    }
    return {
      published: this._published, delivered: this._delivered, pending, pendingOnCrashedPublisher: onCrashed, deadLettered: dead, lost,
      duplicates: this._duplicates, lostIds,
    };
  }

  /** Publishes with an id of our own, tracked before the message exists (a local consumer may get it at once). */
  private publish(from: string, topic: string, id: string): Promise<unknown> | undefined {
    const plugin = this._devices.get(from)?.runningNode === undefined ? undefined : this._plugins.get(from);
    if (plugin === undefined) return undefined;
    this._tracked.set(id, new Tracked(topic, from));
    return plugin.queue.publish(topic, { 'from': from, 'id': id }, { messageId: id }).then((): void => {
      this._published++;
    }, (e: Error): never => {
      // Refused (full queue, closed by a crash): nothing was accepted, nothing to deliver.
      this._tracked.delete(id);
      throw e;
    });
  }

  private subscribe(device: string, random: SeededRandom): void {
    const plugin = this._plugins.get(device);
    if (plugin === undefined) return;
    for (const c of this._consumers) {
      if (!c.devices.includes(device)) continue;
      const latency: LatencyModel = latencyModel(c.latency);
      const r = random.fork(`consumer:${c.id}`);
      const expected = this._groupsOf.get(c.topic) ?? [];
      plugin.queue.subscribe(c.topic, (d: QueueDelivery): Promise<void> =>
        this._world.delays.sleep(latency.sample(r)).then((): void => {
          if (c.errorRate > 0 && r.next() < c.errorRate) throw new MeshError('ERR_UPSTREAM', `${c.id}: simulated consumer failure`);
          this.consumed(d.message.id, c.group, expected);
        }), { group: c.group });
    }
  }

  private consumed(id: string, group: string, expected: string[]): void {
    const t = this._tracked.get(id);
    if (t === undefined) {
      // Already delivered to every group: a redelivery.
      this._duplicates++;
      return;
    }
    if (t.groups.has(group)) {
      this._duplicates++;
      return;
    }
    t.groups.add(group);
    if (expected.every((g) => t.groups.has(g))) {
      this._tracked.delete(id);
      this._delivered++;
    }
  }
}
