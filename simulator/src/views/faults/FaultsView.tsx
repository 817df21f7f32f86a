import { useState } from 'react';
import type { ChangeEvent, ReactElement } from 'react';
import { useController, useSim, useUi } from '../../app/AppContext';
import { formatTime } from '../../app/format';
import { DeviceIcon } from '../../components/DeviceIcon';

const Devices = (): ReactElement => {
  const c = useController();
  const devices = useSim((s) => s.engine.devices);
  const pick = useUi((s) => s.partitionPick);
  const picked = new Set(pick);
  const toggle = (id: string): void => c.ui.setState({ partitionPick: picked.has(id) ? pick.filter((x) => x !== id) : [...pick, id] });
  return (
    <section>
      <h3>Devices</h3>
      <p className="muted">Crash or restart a device; tick devices to partition them from the rest.</p>
      <div className="device-grid" data-testid="fault-devices">
        {devices.map((d) => (
          <div key={d.id} className={`device-card device-${d.state}${picked.has(d.id) ? ' picked' : ''}`} data-testid="fault-device" data-device={d.id} data-state={d.state}>
            <label className="pick"><input type="checkbox" checked={picked.has(d.id)} onChange={() => toggle(d.id)} aria-label={`pick ${d.id}`} /></label>
            <DeviceIcon type={d.type} />
            <span className="device-card-id">{d.id}</span>
            <span className="muted">{d.state}</span>
            {d.state === 'up'
              ? <button type="button" className="danger small" onClick={() => void c.crash(d.id)} data-testid="fault-crash">Crash</button>
              : <button type="button" className="small" onClick={() => void c.restart(d.id)} data-testid="fault-restart">Restart</button>}
          </div>
        ))}
      </div>
    </section>
  );
};

const Partitions = (): ReactElement => {
  const c = useController();
  const partitions = useSim((s) => s.engine.partitions);
  const pick = useUi((s) => s.partitionPick);
  const partition = async (): Promise<void> => {
    const issues = await c.partition(pick);
    if (issues.length === 0) c.ui.setState({ partitionPick: [] });
  };
  return (
    <section>
      <h3>Partitions</h3>
      <div className="actions">
        <button type="button" disabled={pick.length === 0} onClick={() => void partition()} data-testid="partition-selected">
          Partition {pick.length === 0 ? 'selected devices' : pick.join(', ')} from the rest
        </button>
        <button type="button" disabled={pick.length === 0} className="link" onClick={() => c.ui.setState({ partitionPick: [] })}>clear selection</button>
        <button type="button" disabled={partitions.length === 0} onClick={() => void c.heal()} data-testid="heal-all">Heal all</button>
      </div>
      {partitions.length === 0 ? <p className="muted">The network is whole.</p> : (
        <ul className="plain" data-testid="partitions">
          {partitions.map((p) => (
            <li key={p.id}>
              <b>{p.id}</b>: {p.sideA.join(', ')} | {p.sideB === undefined ? 'everyone else' : p.sideB.join(', ')}
              <button type="button" className="small" onClick={() => void c.heal(p.id)}>heal</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};

const Links = (): ReactElement => {
  const c = useController();
  const devices = useSim((s) => s.engine.devices);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [latency, setLatency] = useState(20);
  const [loss, setLoss] = useState(0);
  const a = from || devices[0]?.id || '';
  const b = to || devices[1]?.id || '';
  return (
    <section>
      <h3>Link conditions</h3>
      <div className="form-row">
        <label>Between <select value={a} onChange={(e: ChangeEvent<HTMLSelectElement>) => setFrom(e.target.value)} data-testid="link-from">
          {devices.map((d) => <option key={d.id} value={d.id}>{d.id}</option>)}</select></label>
        <label>and <select value={b} onChange={(e: ChangeEvent<HTMLSelectElement>) => setTo(e.target.value)} data-testid="link-to">
          {devices.map((d) => <option key={d.id} value={d.id}>{d.id}</option>)}</select></label>
      </div>
      <div className="form-row">
        <label className="slider">Latency <input type="range" min={0} max={2000} step={5} value={latency} onChange={(e: ChangeEvent<HTMLInputElement>) => setLatency(Number(e.target.value))} data-testid="link-latency" /> <span>{latency} ms</span></label>
        <label className="slider">Loss <input type="range" min={0} max={1} step={0.01} value={loss} onChange={(e: ChangeEvent<HTMLInputElement>) => setLoss(Number(e.target.value))} data-testid="link-loss" /> <span>{Math.round(loss * 100)}%</span></label>
      </div>
      <div className="actions">
        <button type="button" disabled={a === '' || b === '' || a === b} onClick={() => void c.setLink(a, b, latency, loss)} data-testid="link-apply">Apply to {a} ↔ {b}</button>
        <button type="button" onClick={() => void c.clearLinks()} data-testid="link-clear">Restore all links</button>
      </div>
    </section>
  );
};

const GatewayFaults = (): ReactElement => {
  const c = useController();
  const gateway = useSim((s) => s.engine.gateway);
  const [delayMs, setDelayMs] = useState(200);
  const [delayPct, setDelayPct] = useState(0);
  const [abortStatus, setAbortStatus] = useState(503);
  const [abortPct, setAbortPct] = useState(0);
  if (gateway === undefined) return <section><h3>Gateway faults</h3><p className="muted">This scenario has no gateway.</p></section>;
  return (
    <section>
      <h3>Gateway faults <span className="muted">(gateway on {gateway.device})</span></h3>
      <div className="form-row">
        <label className="slider">Delay <input type="range" min={0} max={100} value={delayPct} onChange={(e: ChangeEvent<HTMLInputElement>) => setDelayPct(Number(e.target.value))} data-testid="gw-delay-pct" /> <span>{delayPct}% by</span></label>
        <label>ms <input type="number" min={1} value={delayMs} onChange={(e: ChangeEvent<HTMLInputElement>) => setDelayMs(Math.max(1, Number(e.target.value) || 1))} /></label>
      </div>
      <div className="form-row">
        <label className="slider">Abort <input type="range" min={0} max={100} value={abortPct} onChange={(e: ChangeEvent<HTMLInputElement>) => setAbortPct(Number(e.target.value))} data-testid="gw-abort-pct" /> <span>{abortPct}% with</span></label>
        <label>status <input type="number" min={400} max={599} value={abortStatus} onChange={(e: ChangeEvent<HTMLInputElement>) => setAbortStatus(Number(e.target.value) || 503)} /></label>
      </div>
      <div className="actions">
        <button type="button" onClick={() => void c.gatewayFault(delayMs, delayPct, abortStatus, abortPct)} data-testid="gw-apply">Apply</button>
        <button type="button" onClick={() => { setDelayPct(0); setAbortPct(0); void c.gatewayFault(0, 0, 503, 0); }}>Turn off</button>
      </div>
    </section>
  );
};

const Workload = (): ReactElement | null => {
  const c = useController();
  const streams = useSim((s) => s.engine.streams);
  const [rates, setRates] = useState<Record<string, number>>({});
  if (streams.length === 0) return null;
  return (
    <section>
      <h3>Workload</h3>
      {streams.map((s) => {
        const rate = rates[s.id] ?? s.rate;
        return (
          <div className="form-row" key={s.id}>
            <label className="slider">{s.id} <input type="range" min={0} max={Math.max(10, s.rate * 5)} step={1} value={rate}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setRates({ ...rates, [s.id]: Number(e.target.value) })}
              onPointerUp={() => void c.workloadRate(s.id, rate)} onKeyUp={() => void c.workloadRate(s.id, rate)} /> <span>{rate} req/s</span></label>
          </div>
        );
      })}
    </section>
  );
};

const EventLogPanel = (): ReactElement => {
  const log = useSim((s) => s.log);
  const recent = log.slice(-80).reverse();
  return (
    <section>
      <h3>Event log <span className="muted">(faults, controls and device changes; recorded with the run)</span></h3>
      {recent.length === 0 ? <p className="muted">Nothing yet.</p> : (
        <table className="grid compact" data-testid="fault-log">
          <thead><tr><th>t</th><th>source</th><th>what</th></tr></thead>
          <tbody>
            {recent.map((e) => (
              <tr key={e.seq}>
                <td>{formatTime(e.t)}</td>
                <td>{e.type === 'fault' ? e.source : 'device'}</td>
                <td>{e.type === 'fault' ? e.detail : `${e.device} ${e.state}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};

/** Faults at your fingertips: every action goes through the engine's control API and into the event log. */
export const FaultsView = (): ReactElement => {
  const loaded = useSim((s) => s.engine.status !== 'empty');
  if (!loaded) return <div className="empty-view">Open a scenario first.</div>;
  return (
    <div className="faults" data-testid="faults">
      <div className="faults-main">
        <Devices />
        <Partitions />
        <Links />
        <GatewayFaults />
        <Workload />
      </div>
      <EventLogPanel />
    </div>
  );
};
