// Recording a histogram value and incrementing a labelled counter: ArkMesh against
// @opentelemetry/sdk-metrics and prom-client, each with 8 label sets (service x route) cycled and
// 4096 log-normal latencies. "labelled" passes a fresh labels object per call, as call sites do;
// "bound" uses each library's pre-bound handle (prom-client's labels() child; OpenTelemetry has no
// bound instruments, so it passes a constant attributes object, its fastest path).
// Each operation runs in batches of 64 calls.
import { MeterProvider as OtelMeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { Counter as PromCounter, Histogram as PromHistogram, Registry } from 'prom-client';
import { SeededRandom } from '../../sdk/src/main/ets/platform/index';
import { MeterProvider, type MetricLabels } from '../../sdk/src/main/ets/metrics/index';
import { defineBench } from './harness';

class ManualReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

const BATCH = 64;
const SERVICES = ['media.player', 'photos', 'health', 'clock'];
const ROUTES = ['/play', '/list'];
const BOUNDARIES = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];
const random = new SeededRandom('metrics-bench');
const values: number[] = [];
for (let i = 0; i < 4096; i++) values.push(Math.exp(3 + 1.2 * Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next())));
const labelSets: MetricLabels[] = [];
for (const service of SERVICES) for (const route of ROUTES) labelSets.push({ service, route });
const svc = labelSets.map((l) => l.service);
const rte = labelSets.map((l) => l.route);

// ArkMesh
const provider = new MeterProvider();
const meter = provider.getMeter('bench');
const hist = meter.createHistogram('lat', { unit: 'ms', labelKeys: ['service', 'route'], boundaries: BOUNDARIES });
const counter = meter.createCounter('calls', { labelKeys: ['service', 'route'] });
const counterDynamic = meter.createCounter('calls.dynamic');
const boundHist = labelSets.map((l) => hist.bind(l));
const boundCounter = labelSets.map((l) => counter.bind(l));

// prom-client
const registry = new Registry();
const promHist = new PromHistogram({ name: 'lat', help: 'latency', labelNames: ['service', 'route'], buckets: BOUNDARIES.slice(1), registers: [registry] });
const promCounter = new PromCounter({ name: 'calls', help: 'calls', labelNames: ['service', 'route'], registers: [registry] });
const promHistChild = labelSets.map((l) => promHist.labels(l.service, l.route));
const promCounterChild = labelSets.map((l) => promCounter.labels(l.service, l.route));

// OpenTelemetry
const otel = new OtelMeterProvider({ readers: [new ManualReader()] });
const otelMeter = otel.getMeter('bench');
const otelHist = otelMeter.createHistogram('lat', { unit: 'ms', advice: { explicitBucketBoundaries: BOUNDARIES } });
const otelCounter = otelMeter.createCounter('calls');

let i = 0;

export default defineBench({
  name: 'metrics',
  cases: [
    {
      op: 'histogram record, labelled',
      batch: BATCH,
      arkmesh: () => { for (let k = 0; k < BATCH; k++, i++) hist.record(values[i & 4095], { service: svc[i & 7], route: rte[i & 7] }); },
      peers: [
        { name: '@opentelemetry/sdk-metrics', fn: () => { for (let k = 0; k < BATCH; k++, i++) otelHist.record(values[i & 4095], { service: svc[i & 7], route: rte[i & 7] }); } },
        { name: 'prom-client', fn: () => { for (let k = 0; k < BATCH; k++, i++) promHist.observe({ service: svc[i & 7], route: rte[i & 7] }, values[i & 4095]); } },
      ],
    },
    {
      op: 'histogram record, bound',
      batch: BATCH,
      arkmesh: () => { for (let k = 0; k < BATCH; k++, i++) boundHist[i & 7].record(values[i & 4095]); },
      peers: [
        { name: '@opentelemetry/sdk-metrics', fn: () => { for (let k = 0; k < BATCH; k++, i++) otelHist.record(values[i & 4095], labelSets[i & 7]); } },
        { name: 'prom-client', fn: () => { for (let k = 0; k < BATCH; k++, i++) promHistChild[i & 7].observe(values[i & 4095]); } },
      ],
    },
    {
      op: 'counter add, labelled',
      batch: BATCH,
      arkmesh: () => { for (let k = 0; k < BATCH; k++, i++) counter.add(1, { service: svc[i & 7], route: rte[i & 7] }); },
      peers: [
        { name: '@opentelemetry/sdk-metrics', fn: () => { for (let k = 0; k < BATCH; k++, i++) otelCounter.add(1, { service: svc[i & 7], route: rte[i & 7] }); } },
        { name: 'prom-client', fn: () => { for (let k = 0; k < BATCH; k++, i++) promCounter.inc({ service: svc[i & 7], route: rte[i & 7] }); } },
      ],
    },
    {
      op: 'counter add, labelled, keys not declared',
      batch: BATCH,
      arkmesh: () => { for (let k = 0; k < BATCH; k++, i++) counterDynamic.add(1, { service: svc[i & 7], route: rte[i & 7] }); },
      peers: [
        { name: '@opentelemetry/sdk-metrics', fn: () => { for (let k = 0; k < BATCH; k++, i++) otelCounter.add(1, { service: svc[i & 7], route: rte[i & 7] }); } },
        { name: 'prom-client', fn: () => { for (let k = 0; k < BATCH; k++, i++) promCounter.inc({ service: svc[i & 7], route: rte[i & 7] }); } },
      ],
    },
    {
      op: 'counter add, bound',
      batch: BATCH,
      arkmesh: () => { for (let k = 0; k < BATCH; k++, i++) boundCounter[i & 7].add(1); },
      peers: [
        { name: '@opentelemetry/sdk-metrics', fn: () => { for (let k = 0; k < BATCH; k++, i++) otelCounter.add(1, labelSets[i & 7]); } },
        { name: 'prom-client', fn: () => { for (let k = 0; k < BATCH; k++, i++) promCounterChild[i & 7].inc(); } },
      ],
    },
  ],
});
