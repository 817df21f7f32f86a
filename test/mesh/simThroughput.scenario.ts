// Simulated calls per wall-clock second: N devices on a SimNetwork + VirtualClock with SWIM
// running, a quarter of them providing `echo`, every device keeping `concurrency` calls in flight
// (closed loop). Run by sim-throughput.mjs (bundled with esbuild; not a vitest suite).
import { microtaskSettle, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { MeshRequest, MeshResponse, SimNetwork, UniformLatency } from '../../sdk/src/main/ets/transport/index';
import { MeshNode, type MeshNodeOptions } from '../../sdk/src/main/ets/mesh/index';
import { P2cEwmaBalancer } from '../../sdk/src/main/ets/registry/index';
import {
  AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, SpanExportResult, TraceIdRatioSampler, TracerProvider,
  type ReadableSpan, type SpanExporter,
} from '../../sdk/src/main/ets/tracing/index';
import { MeterProvider } from '../../sdk/src/main/ets/metrics/index';

/**
 * Plugin presets on every node (see PRESETS): `none`; `tracer` (1 % of traces sampled, batch
 * processor, exporter that counts and drops); `tracer100` (every trace sampled); `timeouts`
 * (resilience without breakers, one attempt per call: the interceptors' own cost); `breaker`
 * (resilience with breakers and timeouts, one attempt per call); `resilience` (the defaults:
 * retries for idempotent calls with a budget too); `breaker+tracer`; `full` (tracer, resilience
 * defaults and metrics).
 */
export type PluginPreset = 'none' | 'tracer' | 'tracer100' | 'timeouts' | 'breaker' | 'resilience' | 'breaker+tracer' | 'full';
export const PRESETS: PluginPreset[] = ['none', 'tracer', 'tracer100', 'timeouts', 'breaker', 'resilience', 'breaker+tracer', 'full'];

/** Counts exported spans and keeps none. */
class CountingExporter implements SpanExporter {
  exported = 0;
  export(spans: ReadableSpan[]): Promise<SpanExportResult> {
    this.exported += spans.length;
    return Promise.resolve(SpanExportResult.SUCCESS);
  }
  forceFlush(): Promise<void> { return Promise.resolve(); }
  shutdown(): Promise<void> { return Promise.resolve(); }
}

const pluginOptions = (preset: PluginPreset, id: string, clock: VirtualClock, random: SeededRandom, exporter: CountingExporter): Partial<MeshNodeOptions> => {
  const out: Partial<MeshNodeOptions> = {};
  const tracer = (ratio: number) => new TracerProvider({
    random: random.fork(`trace-${id}`), clock,
    sampler: new ParentBasedSampler({ root: ratio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioSampler(ratio) }),
    processors: [new BatchSpanProcessor(exporter, { clock, scheduledDelayMs: 1000 })],
  });
  if (preset === 'tracer' || preset === 'breaker+tracer' || preset === 'full') out.tracing = { tracer: tracer(0.01) };
  if (preset === 'tracer100') out.tracing = { tracer: tracer(1) };
  if (preset === 'timeouts') out.resilience = { profile: { maxAttempts: 1, breaker: false } };
  if (preset === 'breaker' || preset === 'breaker+tracer') out.resilience = { profile: { maxAttempts: 1 } };
  if (preset === 'resilience' || preset === 'full') out.resilience = {};
  if (preset === 'full') out.metrics = { meterProvider: new MeterProvider({ clock }) };
  return out;
};

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
  preset: PluginPreset;
  spansExported: number;
  /** CPU time of this process during the measured interval (steadier than wall time on a shared machine). */
  cpuMs: number;
  callsPerCpuSecond: number;
}

export async function runThroughput(devices: number, virtualSeconds: number, settleTurns: number, concurrency = 2,
  preset: PluginPreset = 'none'): Promise<ThroughputResult> {
  // settleTurns 0: drain with setImmediate, as createNodeHost's `settle` does.
  const settle = settleTurns > 0 ? microtaskSettle(settleTurns)
    : (): Promise<void> => new Promise<void>((resolve) => { setImmediate(resolve); });
  const clock = new VirtualClock({ startTime: 0, settle });
  const random = new SeededRandom(`throughput-${devices}`);
  const net = new SimNetwork({ clock, random: random.fork('net'), conditions: { latency: new UniformLatency(1, 5), jitterMs: 1 } });
  const nodes: MeshNode[] = [];
  const exporter = new CountingExporter();
  for (let i = 0; i < devices; i++) {
    const id = `d${i}`;
    const r = random.fork(id);
    const node = MeshNode.create({
      deviceId: id, deviceType: i % 4 === 0 ? 'tv' : 'phone', transport: net.attach(id), clock, random: r,
      seeds: ['d0'], balancer: () => new P2cEwmaBalancer(r, clock), ...pluginOptions(preset, id, clock, r, exporter),
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
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await clock.advance(virtualSeconds * 1000);
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
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
    preset, spansExported: exporter.exported, cpuMs, callsPerCpuSecond: (measured * 1000) / cpuMs,
  };
}
