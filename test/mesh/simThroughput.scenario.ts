// Simulated calls per wall-clock second: N devices on a SimNetwork + VirtualClock with SWIM
// running, a quarter of them providing `echo`, every device keeping `concurrency` calls in flight
// (closed loop). Run by sim-throughput.mjs (bundled with esbuild; not a vitest suite).
import { microtaskSettle, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { MeshRequest, MeshResponse, SimNetwork, UniformLatency } from '../../sdk/src/main/ets/transport/index';
import { MeshNode } from '../../sdk/src/main/ets/mesh/index';
import { P2cEwmaBalancer } from '../../sdk/src/main/ets/registry/index';

export interface ThroughputResult {
  devices: number;
  settleTurns: number;
  virtualSeconds: number;
  wallMs: number;
  calls: number;
  failed: number;
  remoteShare: number;
  callsPerWallSecond: number;
  callsPerVirtualSecond: number;
  envelopes: number;
  fired: number;
  deliveryTimers: number;
}

export async function runThroughput(devices: number, virtualSeconds: number, settleTurns: number, concurrency = 2): Promise<ThroughputResult> {
  // settleTurns 0: drain with setImmediate, as createNodeHost's `settle` does.
  const settle = settleTurns > 0 ? microtaskSettle(settleTurns)
    : (): Promise<void> => new Promise<void>((resolve) => { setImmediate(resolve); });
  const clock = new VirtualClock({ startTime: 0, settle });
  const random = new SeededRandom(`throughput-${devices}`);
  const net = new SimNetwork({ clock, random: random.fork('net'), conditions: { latency: new UniformLatency(1, 5), jitterMs: 1 } });
  const nodes: MeshNode[] = [];
  for (let i = 0; i < devices; i++) {
    const id = `d${i}`;
    const r = random.fork(id);
    const node = MeshNode.create({
      deviceId: id, deviceType: i % 4 === 0 ? 'tv' : 'phone', transport: net.attach(id), clock, random: r,
      seeds: ['d0'], balancer: () => new P2cEwmaBalancer(r, clock),
    });
    if (i % 4 === 0) node.provide('echo', (req) => Promise.resolve(MeshResponse.json(req.body ?? null)));
    nodes.push(node);
  }
  for (const n of nodes) await n.start();
  // Let membership and the registry converge first.
  for (let t = 0; t < 60 && nodes.some((n) => n.registry.discover('echo').length !== Math.ceil(devices / 4)); t++) await clock.advance(500);
  let running = true;
  let calls = 0;
  let failed = 0;
  const loop = async (node: MeshNode): Promise<void> => {
    while (running) {
      try {
        await node.call('echo', new MeshRequest({ body: calls }));
        calls++;
      } catch (e) {
        failed++;
      }
    }
  };
  const loops: Promise<void>[] = [];
  for (const n of nodes) for (let k = 0; k < concurrency; k++) loops.push(loop(n));
  const sentBefore = net.stats.sent;
  const start = performance.now();
  await clock.advance(virtualSeconds * 1000);
  const wallMs = performance.now() - start;
  running = false;
  const measured = calls;
  await clock.advance(1000);
  await Promise.all(loops);
  let remote = 0;
  let total = 0;
  for (const n of nodes) {
    remote += n.stats.remoteAttempts;
    total += n.stats.attempts;
  }
  return {
    devices, settleTurns, virtualSeconds, wallMs, calls: measured, failed, remoteShare: remote / total,
    fired: clock.firedTimers, deliveryTimers: net.stats.deliveryTimers,
    callsPerWallSecond: (measured * 1000) / wallMs, callsPerVirtualSecond: measured / virtualSeconds, envelopes: net.stats.sent - sentBefore,
  };
}
