import { RedMetricName } from '../sdk';
import type { Meter, MetricLabels } from '../sdk';
import type { ExpectationSpec, Scenario } from '../scenario/Scenario';
import { counterOf, histogramOf, round } from './metricsReadout';
import type { ExpectationResult, SimulationReport } from './Report';

type Subject = { service?: string; route?: string; device?: string };

const describeSubject = (s: Subject): string => {
  const parts: string[] = [];
  if (s.service !== undefined) parts.push(s.service);
  if (s.route !== undefined) parts.push(`route ${s.route}`);
  if (s.device !== undefined) parts.push(`on ${s.device}`);
  return parts.length === 0 ? 'all calls' : parts.join(' ');
};

/** Human-readable form of an expectation: `successRate(media.player) >= 0.99`. */
export const describeExpectation = (e: ExpectationSpec): string => {
  switch (e.type) {
    case 'successRate':
      return `successRate(${describeSubject(e)}) >= ${e.min}`;
    case 'latency':
      return `p${e.percentile}(${describeSubject(e)}) <= ${e.maxMs} ms`;
    case 'minRequests':
      return `requests(${describeSubject(e)}) >= ${e.min}`;
    case 'breakerOpened':
      return `breaker opened for ${e.service}${e.min > 1 ? ` at least ${e.min} times` : ''}`;
    case 'breakerNotOpened':
      return `no breaker opened for ${e.service}`;
    case 'converged':
      return 'membership and registry converged at the end';
    case 'noLostMessages':
      return 'no lost messages';
    case 'sagasSettled':
      return 'all sagas completed or compensated';
  }
};

/** Requests, successes and a latency sketch for calls (service/device) or gateway routes, from RED. */
const measure = (meter: Meter, s: Subject): { requests: number; ok: number; quantile: (q: number) => number } => {
  const route = s.route;
  if (route !== undefined) {
    let requests = 0;
    let ok = 0;
    for (const series of counterOf(meter, RedMetricName.ROUTE_REQUESTS)?.series() ?? []) {
      if (series.labels['route'] !== route) continue;
      requests += series.value;
      if (series.labels['status_class'] !== '5xx') ok += series.value;
    }
    const sketch = histogramOf(meter, RedMetricName.ROUTE_DURATION)?.mergedSketch((l: MetricLabels) => l['route'] === route);
    return { requests, ok, quantile: (q: number): number => sketch?.quantile(q) ?? NaN };
  }
  const match = (l: MetricLabels): boolean =>
    (s.service === undefined || l['service'] === s.service) && (s.device === undefined || l['device'] === s.device);
  let requests = 0;
  let ok = 0;
  for (const series of counterOf(meter, RedMetricName.CALLS)?.series() ?? []) {
    if (!match(series.labels)) continue;
    requests += series.value;
    if (series.labels['outcome'] === 'ok') ok += series.value;
  }
  const sketch = histogramOf(meter, RedMetricName.CALL_DURATION)?.mergedSketch(match);
  return { requests, ok, quantile: (q: number): number => sketch?.quantile(q) ?? NaN };
};

/** Checks every expectation of the scenario against the run's metrics and report. */
export const evaluateExpectations = (scenario: Scenario, meter: Meter,
  report: Pick<SimulationReport, 'breakers' | 'membership' | 'messaging' | 'sagas'>): ExpectationResult[] =>
  scenario.expectations.map((e): ExpectationResult => {
    // Expectations name gateway routes by id; the metrics label them by path pattern.
    const routePath = (id: string | undefined): string | undefined =>
      id === undefined ? undefined : scenario.gateway?.routes.find((r) => r.id === id)?.path ?? id;
    const description = describeExpectation(e);
    const result = (passed: boolean, actual: string): ExpectationResult => ({ expectation: e, description, passed, actual });
    switch (e.type) {
      case 'successRate': {
        const m = measure(meter, { service: e.service, device: e.device, route: routePath(e.route) });
        if (m.requests === 0) return result(false, 'no requests');
        const rate = m.ok / m.requests;
        return result(rate >= e.min, `${round(rate, 4)} (${m.ok} of ${m.requests})`);
      }
      case 'latency': {
        const m = measure(meter, { service: e.service, route: routePath(e.route) });
        if (m.requests === 0) return result(false, 'no requests');
        const v = m.quantile(e.percentile / 100);
        return result(v <= e.maxMs, `${round(v, 2)} ms over ${m.requests} requests`);
      }
      case 'minRequests': {
        const m = measure(meter, { service: e.service, route: routePath(e.route) });
        return result(m.requests >= e.min, `${m.requests} requests`);
      }
      case 'breakerOpened': {
        const n = report.breakers.byService[e.service] ?? 0;
        return result(n >= e.min, `opened ${n} times`);
      }
      case 'breakerNotOpened': {
        const n = report.breakers.byService[e.service] ?? 0;
        return result(n === 0, `opened ${n} times`);
      }
      case 'converged':
        return result(report.membership.converged, report.membership.converged ? 'converged' : 'not converged');
      case 'noLostMessages': {
        const m = report.messaging;
        if (m.published === 0) return result(false, 'no messages published');
        return result(m.lost === 0, `${m.lost} lost of ${m.published} published (${m.delivered} delivered to every group, ` +
          `${m.pending + m.pendingOnCrashedPublisher} pending, ${m.deadLettered} dead-lettered)`);
      }
      case 'sagasSettled': {
        const s = report.sagas;
        const outcomes = Object.entries(s.byOutcome).map(([k, n]) => `${n} ${k}`).join(', ') || 'none settled';
        if (s.started === 0) return result(false, 'no sagas started');
        const bad = Object.entries(s.byOutcome).filter(([k]) => k !== 'completed' && k !== 'compensated').reduce((a, [, n]) => a + n, 0);
        return result(bad === 0 && s.unsettled === 0, `${s.started} started: ${outcomes}, ${s.unsettled} not settled`);
      }
    }
  });
