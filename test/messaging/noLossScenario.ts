// The no-loss scenario: publishers and consumers on a SimNetwork crash and restart at random, the
// network partitions and heals at random, handlers fail and dawdle at random; afterwards every
// message whose publish resolved must have been processed by every consumer group or be in that
// group's dead letters on its publisher. Used by the vitest property and by no-loss.mjs (more seeds).
import { MemoryStore, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { NetworkPartition, SimNetwork, UniformLatency } from '../../sdk/src/main/ets/transport/index';
import { MeshNode } from '../../sdk/src/main/ets/mesh/index';
import { MessageQueue, QueueDelivery } from '../../sdk/src/main/ets/messaging/index';
import { ExponentialBackoff } from '../../sdk/src/main/ets/resilience/index';

export interface NoLossOptions {
  /** Virtual seconds of chaos. */
  chaosSeconds?: number;
  /** Probability per 100 ms step that a publisher publishes. */
  publishRate?: number;
  /** Probability per step of a crash (of a device that is up), and of a new partition. */
  crashRate?: number;
  partitionRate?: number;
  /** Probability that a handler invocation fails. */
  failRate?: number;
  /** Loss on every link. */
  loss?: number;
  /** Deliveries per message and group before it is dead-lettered. */
  maxAttempts?: number;
}

export interface NoLossResult {
  seed: string;
  published: number;
  /** (message, group) pairs that must end processed or dead-lettered. */
  obligations: number;
  processed: number;
  deadLettered: number;
  /** Handler successes beyond the first per (message, group). */
  duplicates: number;
  crashes: number;
  partitions: number;
  /** (message, group) pairs neither processed nor dead-lettered: must be empty. */
  lost: string[];
  /** Messages still held by a publisher at the end: must be 0. */
  leftHeld: number;
  /** Virtual ms from the end of the chaos until everything settled. */
  settleMs: number;
}

const TOPIC = 'orders';
const GROUPS = ['a', 'b'];
const DEVICES = ['p1', 'p2', 'c1', 'c2', 'c3'];
const PUBLISHERS = ['p1', 'p2', 'c1'];
const CONSUMERS: Record<string, string[]> = { p1: ['b'], c1: ['a'], c2: ['a'], c3: ['b'] };

export const runNoLoss = async (seed: string, o: NoLossOptions = {}): Promise<NoLossResult> => {
  const chaosSteps = (o.chaosSeconds ?? 60) * 10;
  const clock = new VirtualClock({ startTime: 0 });
  const random = new SeededRandom(`noloss-${seed}`);
  const chaos = random.fork('chaos');
  const net = new SimNetwork({ clock, random: random.fork('net'), conditions: { latency: new UniformLatency(1, 10), loss: o.loss ?? 0.01 } });
  const stores = new Map<string, MemoryStore>(DEVICES.map((d) => [d, new MemoryStore()]));
  const nodes = new Map<string, MeshNode>();
  const queues = new Map<string, MessageQueue>();
  const lives = new Map<string, number>();
  const restartAt = new Map<string, number>();
  const successes = new Map<string, number>();
  const resolved = new Map<string, string>(); // message id -> publisher
  let published = 0;
  let crashes = 0;
  let partitionCount = 0;
  const partitions: { cut: NetworkPartition; healAt: number }[] = [];

  const start = async (id: string): Promise<void> => {
    const life = (lives.get(id) ?? 0) + 1;
    lives.set(id, life);
    const transport = life === 1 ? net.attach(id) : net.restart(id);
    const node = MeshNode.create({ deviceId: id, deviceType: 'phone', transport, clock, random: random.fork(`${id}/${life}`),
      store: stores.get(id), seeds: DEVICES.filter((d) => d !== id) });
    const queue = MessageQueue.attach(node, {
      topics: { [TOPIC]: { groups: GROUPS, visibilityTimeoutMs: 3000, maxAttempts: o.maxAttempts ?? 12,
        backoff: new ExponentialBackoff({ initialDelayMs: 200, multiplier: 2, maxDelayMs: 5000 }) } },
    });
    const behaviour = random.fork(`handler/${id}/${life}`);
    for (const group of CONSUMERS[id] ?? []) {
      queue.subscribe(TOPIC, async (d: QueueDelivery) => {
        await new Promise<void>((res) => clock.setTimer(behaviour.nextInt(50), res));
        if (behaviour.next() < (o.failRate ?? 0.1)) throw new Error('flaky handler');
        if (node.state !== 'running') throw new Error('device is down');   // a dead process records nothing
        const key = `${d.message.id}|${group}`;
        successes.set(key, (successes.get(key) ?? 0) + 1);
      }, { group, concurrency: 3 });
    }
    nodes.set(id, node);
    queues.set(id, queue);
    await node.start();
  };

  for (const id of DEVICES) await start(id);
  await clock.advance(2000);

  let n = 0;
  for (let step = 0; step < chaosSteps; step++) {
    const now = clock.now();
    for (const p of PUBLISHERS) {
      const node = nodes.get(p);
      if (node && node.state === 'running' && chaos.next() < (o.publishRate ?? 0.3)) {
        const payload = { n: n++, from: p };
        queues.get(p)!.publish(TOPIC, payload, { priority: chaos.nextInt(10), orderingKey: chaos.next() < 0.3 ? `k${chaos.nextInt(4)}` : undefined })
          .then((r) => { resolved.set(r.messageId, p); published++; }, () => {});
      }
    }
    if (chaos.next() < (o.crashRate ?? 0.004)) {
      const up = DEVICES.filter((d) => nodes.get(d)?.state === 'running');
      if (up.length > 3) {
        const victim = up[chaos.nextInt(up.length)];
        net.crash(victim);
        nodes.delete(victim);
        restartAt.set(victim, now + 1000 + chaos.nextInt(8000));
        crashes++;
      }
    }
    if (chaos.next() < (o.partitionRate ?? 0.003) && partitions.length < 2) {
      const side = DEVICES.filter(() => chaos.next() < 0.5);
      if (side.length > 0 && side.length < DEVICES.length) {
        partitions.push({ cut: net.partition(side), healAt: now + 1000 + chaos.nextInt(10000) });
        partitionCount++;
      }
    }
    for (let i = partitions.length - 1; i >= 0; i--) {
      if (partitions[i].healAt <= now) {
        net.heal(partitions[i].cut);
        partitions.splice(i, 1);
      }
    }
    for (const [id, at] of Array.from(restartAt)) {
      if (at <= now) {
        restartAt.delete(id);
        await start(id);
      }
    }
    await clock.advance(100);
  }

  // Settle: heal everything, restart everyone, wait until no publisher holds anything.
  for (const p of partitions) net.heal(p.cut);
  for (const id of Array.from(restartAt.keys())) await start(id);
  restartAt.clear();
  const settleStart = clock.now();
  const held = (): number => PUBLISHERS.reduce((sum, p) => sum + queues.get(p)!.depth(TOPIC), 0);
  for (let i = 0; i < 1200 && held() > 0; i++) await clock.advance(500);
  await clock.advance(5000);
  const settleMs = clock.now() - settleStart;

  let processed = 0;
  let deadLettered = 0;
  let duplicates = 0;
  const lost: string[] = [];
  const dead = new Set<string>();
  for (const p of PUBLISHERS) {
    for (const d of queues.get(p)!.deadLetters(TOPIC)) dead.add(`${d.message.id}|${d.group}`);
  }
  for (const [id] of resolved) {
    for (const g of GROUPS) {
      const key = `${id}|${g}`;
      const s = successes.get(key) ?? 0;
      if (s > 0) {
        processed++;
        duplicates += s - 1;
      } else if (dead.has(key)) {
        deadLettered++;
      } else {
        lost.push(key);
      }
    }
  }
  for (const q of queues.values()) q.close();
  return {
    seed, published, obligations: resolved.size * GROUPS.length, processed, deadLettered, duplicates, crashes,
    partitions: partitionCount, lost, leftHeld: held(), settleMs,
  };
};
