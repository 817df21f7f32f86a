import type { ReactElement } from 'react';
import { useSim, useUi } from '../app/AppContext';
import { formatCount, formatPercent, formatRate } from '../app/format';

/** Totals of the run and where things are stored. */
export const StatusBar = (): ReactElement => {
  const devices = useSim((s) => s.engine.devices);
  const m = useSim((s) => s.latestMetrics);
  const events = useSim((s) => s.engine.events);
  const eps = useSim((s) => s.engine.eventsPerSecond);
  const storage = useUi((s) => s.storage);
  const seed = useSim((s) => s.engine.seed);
  const up = devices.filter((d) => d.state === 'up').length;
  const errors = m === undefined || m.calls === 0 ? 0 : m.callErrors / m.calls;
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span>devices {up}/{devices.length} up</span>
      <span>calls {formatCount(m?.calls ?? 0)} ({formatPercent(errors)} failed)</span>
      <span>in flight {m?.network.inFlight ?? 0}</span>
      <span>events {formatCount(events)} ({formatRate(eps)})</span>
      <span>seed {seed || '–'}</span>
      <span className="grow" />
      <span title="Where scenarios, layout, recorded runs and the devices' stores are kept">storage: {storage}</span>
    </footer>
  );
};
