import type { LatencySummary, SimulationReport } from '../engine/index';

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (r: number): string => `${(r * 100).toFixed(2)}%`;
const ms = (v: number | null): string => (v === null ? '-' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v).toString());

/** `1.5s`, `2m 30s`, `350ms`. */
export const formatDuration = (millis: number): string => {
  if (millis < 1000) return `${Math.round(millis)}ms`;
  if (millis < 60000) return `${(millis / 1000).toFixed(millis % 1000 === 0 ? 0 : 1)}s`;
  const m = Math.floor(millis / 60000);
  const s = Math.round((millis % 60000) / 1000);
  return s === 0 ? `${m}m` : `${m}m ${s}s`;
};

/** A left/right aligned text table (numbers right-aligned). */
export const table = (header: string[], rows: string[][], rightAligned: boolean[]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
};

const latencyCells = (l: LatencySummary): string[] => [ms(l.p50), ms(l.p95), ms(l.p99)];

/** The end-of-run summary: services, devices, routes, breakers, network, expectations. */
export const formatReport = (r: SimulationReport): string => {
  const out: string[] = [];
  const speedup = r.wallMs > 0 ? `${(r.elapsedMs / r.wallMs).toFixed(1)}x` : '-';
  out.push(`Scenario ${r.scenario} (seed ${r.seed}): ${formatDuration(r.elapsedMs)} virtual in ${formatDuration(r.wallMs)} wall (${speedup}), ` +
    `${int(r.events)} events, log hash ${r.eventHash}`);
  out.push(`Calls: ${int(r.totals.requests)}, success ${pct(r.totals.successRate)}, p50 ${ms(r.totals.latency.p50)} ms, ` +
    `p99 ${ms(r.totals.latency.p99)} ms, ${int(r.totals.callsPerWallSecond)} calls per wall second`);
  out.push('');
  out.push(table(['Service', 'Requests', 'Success', 'p50 ms', 'p95 ms', 'p99 ms', 'Retries', 'Trips', 'Errors'],
    r.services.map((s) => [s.service, int(s.requests), pct(s.successRate), ...latencyCells(s.latency), int(s.retries), int(s.breakerTrips),
      Object.entries(s.errorCodes).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ') || '-']),
    [false, true, true, true, true, true, true, true, false]));
  out.push('');
  const devices = r.devices.length > 20 ? summarizeDevices(r) : r.devices.map((d) => [d.device, d.type, d.state, int(d.served),
    pct(d.successRate), ms(d.latency.p99), int(d.crashes), int(d.callsMade), int(d.callsFailed)]);
  out.push(table(['Device', 'Type', 'State', 'Served', 'Success', 'p99 ms', 'Crashes', 'Calls', 'Failed'], devices,
    [false, false, false, true, true, true, true, true, true]));
  if (r.routes.length > 0) {
    out.push('');
    out.push(table(['Route', 'Requests', 'Success', 'p50 ms', 'p95 ms', 'p99 ms', 'Statuses'],
      r.routes.map((x) => [x.route, int(x.requests), pct(x.successRate), ...latencyCells(x.latency),
        Object.entries(x.statusClasses).map(([c, n]) => `${c} ${n}`).join(', ') || '-']),
      [false, true, true, true, true, true, false]));
  }
  out.push('');
  const trips = Object.entries(r.breakers.byService).map(([s, n]) => `${s} ${n}`).join(', ');
  out.push(`Breakers: ${int(r.breakers.trips)} trips${trips === '' ? '' : ` (${trips})`}, ${int(r.breakers.rejections)} calls rejected while open`);
  const n = r.network;
  out.push(`Network: ${int(n.sent)} envelopes sent, ${int(n.delivered)} delivered, ${int(n.dropped)} dropped ` +
    `(loss ${int(n.droppedLoss)}, partition ${int(n.droppedPartition)}, crashed ${int(n.droppedCrashed)}), ${int(n.inFlight)} in flight`);
  const skipped = r.workload.reduce((a, w) => a + w.skipped, 0);
  const unsettled = r.workload.reduce((a, w) => a + w.issued - w.settled, 0);
  out.push(`Workload: ${int(r.workload.reduce((a, w) => a + w.issued, 0))} requests issued, ${int(skipped)} skipped (source down), ` +
    `${int(unsettled)} still in flight at the end`);
  out.push(`Tracing: ${int(r.tracing.spans)} sampled spans, ${int(r.tracing.kept)} kept for export`);
  out.push(`Membership: ${r.membership.converged ? 'converged' : 'not converged'} at the end`);
  const m = r.messaging;
  if (m.published > 0 || m.acked > 0) {
    out.push(`Messages: ${int(m.published)} published, ${int(m.delivered)} delivered to every group, ${int(m.acked)} acks, ` +
      `${int(m.retried)} retried, ${int(m.deadLettered)} dead-lettered, ${int(m.pending + m.pendingOnCrashedPublisher)} pending, ` +
      `${int(m.duplicates)} duplicates, ${int(m.lost)} lost`);
  }
  if (r.sagas.started > 0) {
    const outcomes = Object.entries(r.sagas.byOutcome).map(([k, n]) => `${int(n)} ${k}`).join(', ') || 'none settled';
    out.push(`Sagas: ${int(r.sagas.started)} started: ${outcomes}; ${int(r.sagas.unsettled)} not settled; p99 ${ms(r.sagas.duration.p99)} ms`);
  }
  out.push('');
  if (r.expectations.length === 0) {
    out.push('No expectations.');
  } else {
    out.push('Expectations:');
    for (const e of r.expectations) out.push(`  ${e.passed ? 'PASS' : 'FAIL'}  ${e.description}  (${e.actual})`);
    const failed = r.expectations.filter((e) => !e.passed).length;
    out.push(failed === 0 ? `All ${r.expectations.length} expectations hold.` : `${failed} of ${r.expectations.length} expectations failed.`);
  }
  return out.join('\n');
};

/** Large fleets: one row per device type. */
const summarizeDevices = (r: SimulationReport): string[][] => {
  const byType = new Map<string, SimulationReport['devices']>();
  for (const d of r.devices) byType.set(d.type, [...(byType.get(d.type) ?? []), d]);
  return [...byType].map(([type, ds]) => {
    const served = ds.reduce((a, d) => a + d.served, 0);
    const errors = ds.reduce((a, d) => a + d.servedErrors, 0);
    const up = ds.filter((d) => d.state === 'up').length;
    const worst = ds.reduce((a, d) => Math.max(a, d.latency.p99 ?? 0), 0);
    return [`${ds.length} x ${type}`, type, `${up} up`, int(served), pct(served === 0 ? 1 : (served - errors) / served), ms(worst),
      int(ds.reduce((a, d) => a + d.crashes, 0)), int(ds.reduce((a, d) => a + d.callsMade, 0)), int(ds.reduce((a, d) => a + d.callsFailed, 0))];
  });
};

/** One progress line: `[#####-----]  45%  13.5s/30s  12,345 events/s  1,234 calls`. */
export const progressLine = (elapsedMs: number, durationMs: number, eventsPerSecond: number, calls: number, width = 30): string => {
  const f = durationMs > 0 ? Math.min(1, elapsedMs / durationMs) : 1;
  const filled = Math.round(f * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(f * 100)).padStart(3)}%  ` +
    `${formatDuration(elapsedMs)}/${formatDuration(durationMs)}  ${int(eventsPerSecond)} events/s  ${int(calls)} calls`;
};
