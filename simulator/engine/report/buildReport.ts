import { RedMetricName } from '../sdk';
import type { Meter, MetricLabels, SimNetwork } from '../sdk';
import type { EventLog } from '../events/EventLog';
import type { Scenario } from '../scenario/Scenario';
import type { SimDevice } from '../world/SimDevice';
import type { SpanCollector } from '../world/SpanCollector';
import type { MessageAudit } from '../world/MessagingRuntime';
import type { SagaCounts } from '../world/SagaRuntime';
import type { StreamStats } from '../world/Workload';
import { evaluateExpectations } from './expectations';
import { counterOf, histogramOf, latencySummary, NO_LATENCY, round, sumBy } from './metricsReadout';
import type { BreakerReport, DeviceReport, MessagingReport, RouteReport, SagaReport, ServiceReport, SimulationReport } from './Report';

/** What the report is built from. */
export interface ReportSource {
  scenario: Scenario;
  meter: Meter;
  devices: readonly SimDevice[];
  workload: StreamStats[];
  network: SimNetwork;
  spans: SpanCollector;
  events: EventLog;
  elapsedMs: number;
  finished: boolean;
  wallMs: number;
  converged: boolean;
  /** The audit of every publication (undefined without messaging). */
  messages: MessageAudit | undefined;
  /** Saga counts (undefined without saga streams). */
  sagas: SagaCounts | undefined;
  /** The service and device of an instance id (a breaker key). */
  instanceOf: (instanceId: string) => { service: string; device: string } | undefined;
}

const rate = (ok: number, total: number): number => (total === 0 ? 1 : round(ok / total, 6));

/** Builds the run's summary from the RED metrics, the SDK's own statistics and the event log. */
export const buildReport = (src: ReportSource): SimulationReport => {
  const meter = src.meter;
  const calls = counterOf(meter, RedMetricName.CALLS);
  const callDuration = histogramOf(meter, RedMetricName.CALL_DURATION);
  const sketch = (match?: (l: MetricLabels) => boolean): ReturnType<typeof latencySummary> =>
    callDuration === undefined ? { ...NO_LATENCY } : latencySummary(callDuration.mergedSketch(match));
  const isOk = (l: MetricLabels): boolean => l['outcome'] === 'ok';

  // Breakers: transitions into open, per guarded service.
  const transitions = counterOf(meter, RedMetricName.BREAKER_TRANSITIONS);
  const breakers: BreakerReport = { trips: 0, transitions: 0, byService: {}, rejections: 0 };
  for (const s of transitions?.series() ?? []) {
    breakers.transitions += s.value;
    if (s.labels['to'] !== 'open') continue;
    breakers.trips += s.value;
    const service = src.instanceOf(s.labels['breaker'] ?? '')?.service ?? s.labels['breaker'] ?? '?';
    breakers.byService[service] = (breakers.byService[service] ?? 0) + s.value;
  }
  for (const s of counterOf(meter, RedMetricName.BREAKER_REJECTIONS)?.series() ?? []) breakers.rejections += s.value;
  const retries = sumBy(counterOf(meter, RedMetricName.RETRIES), (l) => l['service']);

  // Services: every declared one, plus any called that nobody declared.
  const names = new Set<string>();
  for (const d of src.scenario.devices) for (const s of d.services) names.add(s.name);
  const perService = sumBy(calls, (l) => l['service']);
  for (const k of perService.keys()) names.add(k);
  const okPerService = sumBy(calls, (l) => (isOk(l) ? l['service'] : undefined));
  const services: ServiceReport[] = [...names].sort().map((service) => {
    const requests = perService.get(service) ?? 0;
    const ok = okPerService.get(service) ?? 0;
    const errorCodes: Record<string, number> = {};
    for (const [code, n] of sumBy(calls, (l) => (l['service'] === service && !isOk(l) ? l['code'] ?? 'unknown' : undefined))) errorCodes[code] = n;
    return {
      service, requests, ok, errors: requests - ok, successRate: rate(ok, requests),
      latency: sketch((l) => l['service'] === service), errorCodes, retries: retries.get(service) ?? 0,
      breakerTrips: breakers.byService[service] ?? 0,
    };
  });

  const perDevice = sumBy(calls, (l) => l['device']);
  const okPerDevice = sumBy(calls, (l) => (isOk(l) ? l['device'] : undefined));
  const devices: DeviceReport[] = src.devices.map((d) => {
    const served = perDevice.get(d.id) ?? 0;
    const ok = okPerDevice.get(d.id) ?? 0;
    const made = d.callStats();
    return {
      device: d.id, type: d.spec.type, state: d.state, crashes: d.crashes, restarts: d.restarts, served,
      servedErrors: served - ok, successRate: rate(ok, served), latency: sketch((l) => l['device'] === d.id),
      callsMade: made.calls, callsFailed: made.failures,
    };
  });

  const routeCounter = counterOf(meter, RedMetricName.ROUTE_REQUESTS);
  const routeDuration = histogramOf(meter, RedMetricName.ROUTE_DURATION);
  // The metrics plugin labels gateway requests by route pattern (path), not by id.
  const routeIds = new Set<string>((src.scenario.gateway?.routes ?? []).map((r) => r.path));
  for (const k of sumBy(routeCounter, (l) => l['route']).keys()) routeIds.add(k);
  const routes: RouteReport[] = [...routeIds].sort().map((route) => {
    const statusClasses: Record<string, number> = {};
    for (const [cls, n] of sumBy(routeCounter, (l) => (l['route'] === route ? l['status_class'] : undefined))) statusClasses[cls] = n;
    const requests = Object.values(statusClasses).reduce((a, b) => a + b, 0);
    const errors = statusClasses['5xx'] ?? 0;
    const latency = routeDuration === undefined ? { ...NO_LATENCY } : latencySummary(routeDuration.mergedSketch((l) => l['route'] === route));
    return { route, requests, statusClasses, errors, successRate: rate(requests - errors, requests), latency };
  });

  let requests = 0;
  let ok = 0;
  for (const s of services) {
    requests += s.requests;
    ok += s.ok;
  }
  const memberTransitions: Record<string, number> = {};
  for (const [state, n] of sumBy(counterOf(meter, RedMetricName.MEMBER_TRANSITIONS), (l) => l['state'])) memberTransitions[state] = n;
  const net = src.network.stats;
  const deliveries = sumBy(counterOf(meter, RedMetricName.QUEUE_DELIVERIES), (l) => l['outcome']);
  const audit = src.messages;
  const messaging: MessagingReport = {
    available: true,
    published: [...sumBy(counterOf(meter, RedMetricName.QUEUE_PUBLISHED), () => 'all').values()].reduce((a, b) => a + b, 0),
    acked: deliveries.get('acked') ?? 0, retried: deliveries.get('retried') ?? 0, deadLettered: deliveries.get('dead_lettered') ?? 0,
    delivered: audit?.delivered ?? 0, pending: audit?.pending ?? 0, pendingOnCrashedPublisher: audit?.pendingOnCrashedPublisher ?? 0,
    lost: audit?.lost ?? 0, duplicates: audit?.duplicates ?? 0, lostIds: audit?.lostIds ?? [],
  };
  const byOutcome: Record<string, number> = {};
  for (const [outcome, n] of sumBy(counterOf(meter, RedMetricName.SAGAS), (l) => l['outcome'])) byOutcome[outcome] = n;
  const sagaDuration = histogramOf(meter, RedMetricName.SAGA_DURATION);
  const sagas: SagaReport = {
    available: true, started: src.sagas?.started ?? 0, byOutcome, unsettled: src.sagas?.unsettled ?? 0,
    duration: sagaDuration === undefined ? { ...NO_LATENCY } : latencySummary(sagaDuration.mergedSketch()),
  };
  const partial = {
    breakers, membership: { transitions: memberTransitions, converged: src.converged }, messaging, sagas,
  };
  const expectations = evaluateExpectations(src.scenario, meter, partial);
  const elapsedS = src.elapsedMs / 1000;
  return {
    scenario: src.scenario.name, seed: src.scenario.seed, durationMs: src.scenario.durationMs, elapsedMs: src.elapsedMs,
    finished: src.finished, wallMs: round(src.wallMs, 1), events: src.events.total, eventCounts: src.events.counts(),
    eventHash: src.events.hash(),
    totals: {
      requests, ok, errors: requests - ok, successRate: rate(ok, requests), latency: sketch(),
      callsPerVirtualSecond: elapsedS > 0 ? round(requests / elapsedS, 1) : 0,
      callsPerWallSecond: src.wallMs > 0 ? round((requests * 1000) / src.wallMs, 1) : 0,
    },
    services, devices, routes, breakers, workload: src.workload,
    messaging,
    sagas,
    network: {
      sent: net.sent, delivered: net.delivered, dropped: net.dropped, droppedLoss: net.droppedLoss,
      droppedPartition: net.droppedPartition, droppedCrashed: net.droppedCrashed, duplicated: net.duplicated,
      inFlight: src.network.inFlight,
    },
    membership: partial.membership,
    tracing: { spans: src.spans.ended, kept: src.spans.ended - src.spans.evicted, evicted: src.spans.evicted },
    expectations,
    passed: expectations.every((e) => e.passed),
  };
};
