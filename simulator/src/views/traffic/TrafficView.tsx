import { useMemo } from 'react';
import type { ReactElement } from 'react';
import type uPlot from 'uplot';
import { useController, useSim, useUi } from '../../app/AppContext';
import { formatMs, formatPercent, formatRate } from '../../app/format';
import { UPlotChart } from '../../components/UPlotChart';
import type { ChartSeries } from '../../components/UPlotChart';
import type { ServiceSeries } from '../../store/simStore';

const RPS: readonly ChartSeries[] = [{ label: 'req/s', stroke: '#58a6ff', unit: '/s' }];
const SUCCESS: readonly ChartSeries[] = [{ label: 'success', stroke: '#3fb950', unit: '%' }];
const LATENCY: readonly ChartSeries[] = [
  { label: 'p50', stroke: '#3fb950', unit: ' ms' }, { label: 'p95', stroke: '#d29922', unit: ' ms' }, { label: 'p99', stroke: '#f85149', unit: ' ms' },
];

const ServiceCharts = ({ name, keyName }: { name: string; keyName: string }): ReactElement => {
  const version = useSim((s) => s.seriesVersion);
  const sim = useController().sim;
  const latest = useSim((s) => s.latestMetrics?.services.find((m) => m.key === keyName) ?? s.latestMetrics?.routes.find((m) => `route:${m.key}` === keyName));
  const get = (pick: (s: ServiceSeries) => number[][]): (() => uPlot.AlignedData) => (): uPlot.AlignedData => {
    const s = sim.getState().series.get(keyName);
    return (s === undefined ? [[], []] : pick(s)) as uPlot.AlignedData;
  };
  return (
    <section className="traffic-service" data-testid="traffic-service" data-service={keyName}>
      <header>
        <h3>{name}</h3>
        {latest !== undefined && (
          <span className="muted">
            {formatRate(latest.rps)} · {formatPercent(latest.successRate, 2)} ok · p50 {formatMs(latest.p50)} · p95 {formatMs(latest.p95)} · p99 {formatMs(latest.p99)}
          </span>
        )}
      </header>
      <div className="traffic-charts">
        <UPlotChart title="Requests / s" series={RPS} version={version} data={get((s) => [s.t, s.rps])} />
        <UPlotChart title="Success rate %" series={SUCCESS} version={version} data={get((s) => [s.t, s.successRate])} yRange={[0, 100]} />
        <UPlotChart title="Latency (ms)" series={LATENCY} version={version} data={get((s) => [s.t, s.p50, s.p95, s.p99])} />
      </div>
    </section>
  );
};

/**
 * RPS, success rate and p50/p95/p99 latency per service (and per gateway route) from the
 * engine's periodic metric snapshots, drawn with uPlot.
 */
export const TrafficView = (): ReactElement => {
  const c = useController();
  const keys = useSim((s) => [...s.series.keys()].sort().join('\n'));
  const chosen = useUi((s) => s.layout.trafficServices);
  const all = useMemo(() => (keys === '' ? [] : keys.split('\n')), [keys]);
  const services = all.filter((k) => !k.startsWith('route:'));
  const routes = all.filter((k) => k.startsWith('route:'));
  const shown = (k: string): boolean => chosen.length === 0 || chosen.includes(k);
  const toggle = (k: string): void => {
    const base = chosen.length === 0 ? all : chosen;
    const next = base.includes(k) ? base.filter((x) => x !== k) : [...base, k];
    c.updateLayout({ trafficServices: next.length === all.length ? [] : next });
  };
  if (all.length === 0) return <div className="empty-view" data-testid="traffic-empty">No metric snapshots yet: run the scenario.</div>;
  return (
    <div className="traffic" data-testid="traffic">
      <div className="filters">
        {all.map((k) => (
          <label key={k} className="chip">
            <input type="checkbox" checked={shown(k)} onChange={() => toggle(k)} /> {k.startsWith('route:') ? `route ${k.slice(6)}` : k}
          </label>
        ))}
      </div>
      {services.filter(shown).map((k) => <ServiceCharts key={k} name={k} keyName={k} />)}
      {routes.filter(shown).map((k) => <ServiceCharts key={k} name={`gateway route ${k.slice(6)}`} keyName={k} />)}
    </div>
  );
};
