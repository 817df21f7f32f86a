// Scale benchmark of the simulator engine: simulated mesh calls per wall-clock second, and virtual
// seconds per wall-clock second (the speed-up of headless runs), with 50, 200 and 1,000 devices.
// Every simulated call goes through the real SDK: registry discovery, the balancer, the
// resilience plugin (per-instance breaker, timeouts, retries), the tracing plugin (1 in 1000
// traces sampled; the rest still create and propagate unsampled spans), the metrics plugin and
// the SimNetwork, plus the engine's workload, service behaviour and event stream.
//
// Two "peers" run the same devices and open-loop load without the engine (an echo that answers at
// once, a caller loop on the clock): the SDK core alone (no plugins), and the SDK with the same
// standard plugins the engine installs (tracing 1/1000, resilience, metrics). The first shows what
// the plugins cost, the second what the engine adds on top of them. All three use the same settle.
//
// SIM_BENCH_DEVICES=50,200 limits the sizes (1,000 devices need about a minute to converge).
import {
  MeshNode, MeshRequest, MeshResponse, MeterProvider, ParentBasedSampler, RedMetrics, SeededRandom, SimNetwork,
  TraceIdRatioSampler, TracerProvider, UniformLatency, VirtualClock,
} from '../../simulator/engine/sdk';
import type { MeshNodeOptions } from '../../simulator/engine/sdk';
import { createSettle, parseScenario, Simulation } from '../../simulator/engine/index';
import type { SettleMode } from '../../simulator/engine/index';
import { defineBench } from './harness';
import type { BenchCase } from './harness';

const SIZES = (process.env.SIM_BENCH_DEVICES ?? '50,200,1000').split(',').map(Number).filter((n) => n > 0);
/** Calls per virtual second per device. */
const RATE_PER_DEVICE = 100;
/** Virtual ms advanced per measured operation. */
const SLICE_MS = 20;
const SETTLE: SettleMode = (process.env.SIM_BENCH_SETTLE as SettleMode | undefined) ?? 'drain';

const scenarioFor = (n: number): Simulation => Simulation.create(parseScenario({
  name: `bench-${n}`, seed: n, duration: '10h', warmup: '0s',
  network: { latency: { dist: 'uniform', min: 1, max: 5 } },
  devices: [
    { id: 'd{i}', type: 'phone', count: n - Math.ceil(n / 4) },
    { id: 's{i}', type: 'tv', count: Math.ceil(n / 4), services: [{ name: 'echo', latency: 1 }] },
  ],
  tracing: { sampleRatio: 0.001, maxSpans: 1000 },
  events: { callSampleRatio: 0.001, maxRetained: 1000 },
  // The load starts (workloadRate control) once the mesh has converged.
  workload: { requests: [{ id: 'load', service: 'echo', rate: 0, start: '0s' }] },
}), { settle: SETTLE });

/** The SDK core alone: the same devices and open-loop load, no plugins, no engine. */
class BareMesh {
  readonly clock = new VirtualClock({ startTime: 0, settle: createSettle(SETTLE) });
  readonly nodes: MeshNode[] = [];
  private readonly _random: SeededRandom;
  private _carry = 0;

  constructor(n: number, plugins: boolean) {
    this._random = new SeededRandom(`bare-${n}`);
    const red = new RedMetrics(new MeterProvider({ clock: this.clock }).getMeter('bench'));
    const standard = (id: string): Partial<MeshNodeOptions> => plugins ? {
      tracing: { tracer: new TracerProvider({ random: this._random.fork(`trace-${id}`), clock: this.clock, sampler: new ParentBasedSampler({ root: new TraceIdRatioSampler(0.001) }) }) },
      resilience: {},
      metrics: { red, transportSyncMs: 0 },
    } : {};
    const net = new SimNetwork({ clock: this.clock, random: this._random.fork('net'), conditions: { latency: new UniformLatency(1, 5) } });
    const servers = Math.ceil(n / 4);
    const seeds = ['d0', 'd1', 'd2'];
    for (let i = 0; i < n; i++) {
      const id = i < n - servers ? `d${i}` : `s${i}`;
      const node = MeshNode.create({
        deviceId: id, deviceType: 'phone', transport: net.attach(id), clock: this.clock, random: this._random.fork(id),
        seeds: seeds.filter((s) => s !== id), ...standard(id),
      });
      if (i >= n - servers) node.provide('echo', (req: MeshRequest) => Promise.resolve(MeshResponse.json(req.body ?? null)));
      this.nodes.push(node);
    }
  }

  /** Starts the open-loop load: RATE_PER_DEVICE calls per virtual second per device, from random devices. */
  load(): void {
    const tick = (): void => {
      this._carry += (this.nodes.length * RATE_PER_DEVICE * 10) / 1000;
      const k = Math.floor(this._carry);
      this._carry -= k;
      for (let j = 0; j < k; j++) {
        const node = this.nodes[this._random.nextInt(this.nodes.length)];
        node.call('echo', new MeshRequest({ body: j })).then(() => {}, () => {});
      }
      this.clock.setTimer(10, tick);
    };
    this.clock.setTimer(10, tick);
  }

  async start(): Promise<void> {
    for (const node of this.nodes) await node.start();
  }

  converged(): boolean {
    const servers = Math.ceil(this.nodes.length / 4);
    return this.nodes.every((node) => node.registry.discover('echo').length === servers);
  }
}

/**
 * The simulations of one size at a time: built (and converged, before the load starts) on first
 * use, dropped when the next size starts, so that no other simulation's heap slows this one's GC.
 */
let current: { n: number; sim: Simulation; bare: BareMesh; plugged: BareMesh } | undefined;

const converge = async (advance: (ms: number) => Promise<void>, converged: () => boolean): Promise<void> => {
  for (let i = 0; i < 240 && !converged(); i++) await advance(500);
};

const ensure = async (n: number): Promise<{ sim: Simulation; bare: BareMesh; plugged: BareMesh }> => {
  if (current !== undefined && current.n === n) return current;
  current = undefined;
  const sim = scenarioFor(n);
  await sim.start();
  await converge((ms) => sim.advanceBy(ms), () => sim.converged());
  const issues = sim.control({ action: 'workloadRate', stream: 'load', rate: n * RATE_PER_DEVICE });
  if (issues.length > 0) throw new Error(JSON.stringify(issues));
  const bare = new BareMesh(n, false);
  const plugged = new BareMesh(n, true);
  for (const mesh of [bare, plugged]) {
    await mesh.start();
    await converge((ms) => mesh.clock.advance(ms), () => mesh.converged());
    mesh.load();
  }
  current = { n, sim, bare, plugged };
  return current;
};

const cases: BenchCase[] = [];
for (const n of SIZES) {
  const engineSlice = async (): Promise<void> => {
    await (await ensure(n)).sim.advanceBy(SLICE_MS);
  };
  const bareSlice = async (): Promise<void> => {
    await (await ensure(n)).bare.clock.advance(SLICE_MS);
  };
  const pluggedSlice = async (): Promise<void> => {
    await (await ensure(n)).plugged.clock.advance(SLICE_MS);
  };
  const peers = [
    { name: 'SDK core alone (no plugins, no engine)', fn: bareSlice },
    { name: 'SDK + standard plugins (no engine)', fn: pluggedSlice },
  ];
  cases.push({
    op: `simulated calls per second, ${n} devices (${n * RATE_PER_DEVICE} calls per virtual second)`,
    arkmesh: engineSlice, peers, batch: (n * RATE_PER_DEVICE * SLICE_MS) / 1000,
  });
  cases.push({
    op: `virtual seconds per second, ${n} devices`,
    arkmesh: engineSlice, peers, batch: SLICE_MS / 1000,
  });
}

export default defineBench({ name: 'simulator', cases });
