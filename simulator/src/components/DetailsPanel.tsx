import type { ReactElement } from 'react';
import { useController, useSim, useSimList, useUi } from '../app/AppContext';
import { formatMs, formatPercent, formatRate, formatTime } from '../app/format';
import { DeviceIcon } from './DeviceIcon';

const Row = ({ k, v, testId }: { k: string; v: string | number; testId?: string }): ReactElement => (
  <tr><th>{k}</th><td data-testid={testId}>{v}</td></tr>
);

const DeviceDetails = ({ id }: { id: string }): ReactElement => {
  const c = useController();
  const d = useSim((s) => s.engine.devices.find((x) => x.id === id));
  const member = useSim((s) => s.topology.members.find((m) => m.device === id));
  const instances = useSimList((s) => s.topology.instances.filter((i) => i.device === id));
  if (d === undefined) return <p className="muted">Device {id} is not in this scenario.</p>;
  return (
    <div data-testid="device-details">
      <h3><DeviceIcon type={d.type} /> {d.id}</h3>
      <table className="kv">
        <tbody>
          <Row k="type" v={d.type} />
          <Row k="zone" v={d.zone ?? '–'} />
          <Row k="state" v={d.state} testId="device-state" />
          <Row k="as seen by the mesh" v={member === undefined ? 'alive' : `${member.state}${member.suspectBy + member.deadBy > 0 ? ` (suspect by ${member.suspectBy}, dead by ${member.deadBy})` : ''}`} />
          <Row k="live members it sees" v={d.liveMembers} />
          <Row k="crashes / restarts" v={`${d.crashes} / ${d.restarts}`} />
          <Row k="calls made (failed)" v={`${d.callsMade} (${d.callsFailed})`} />
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="danger" disabled={d.state !== 'up'} onClick={() => void c.crash(d.id)} data-testid="crash-device">Crash</button>
        <button type="button" disabled={d.state === 'up'} onClick={() => void c.restart(d.id)} data-testid="restart-device">Restart</button>
      </div>
      <h4>Services</h4>
      {instances.length === 0 ? <p className="muted">Hosts no services (a client).</p> : (
        <ul className="plain">
          {instances.map((i) => (
            <li key={i.id}>
              <button type="button" className="link" onClick={() => c.select({ kind: 'instance', id: i.id })}>
                <span className={`dot health-${i.health}`} /> {i.service} <span className="muted">v{i.version} · {i.health}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};

const InstanceDetails = ({ id }: { id: string }): ReactElement => {
  const c = useController();
  const i = useSim((s) => s.topology.instances.find((x) => x.id === id));
  const breakers = useSimList((s) => s.engine.breakers.filter((b) => b.breaker === id));
  const windowMs = useSim((s) => s.topology.windowMs);
  if (i === undefined) return <p className="muted">{id} is not in this scenario.</p>;
  return (
    <div data-testid="instance-details">
      <h3>{i.service} <span className="muted">on</span> <button type="button" className="link" onClick={() => c.select({ kind: 'device', id: i.device })}>{i.device}</button></h3>
      <table className="kv">
        <tbody>
          <Row k="health" v={i.health} testId="instance-health" />
          <Row k="version" v={i.version} />
          <Row k={`served (last ${formatTime(windowMs)})`} v={formatRate(i.rps)} />
          <Row k="errors" v={formatPercent(i.errorRate)} />
          <Row k="mean latency" v={formatMs(i.latencyMs)} />
          <Row k="breaker (worst)" v={i.breaker} testId="instance-breaker" />
        </tbody>
      </table>
      <h4>Breakers guarding it</h4>
      {breakers.length === 0 ? <p className="muted">No caller has a breaker for it yet.</p> : (
        <table className="grid">
          <thead><tr><th>caller</th><th>state</th><th>since</th></tr></thead>
          <tbody>
            {breakers.map((b) => <tr key={b.device}><td>{b.device}</td><td className={`breaker-${b.state}`}>{b.state}</td><td>{formatTime(b.since)}</td></tr>)}
          </tbody>
        </table>
      )}
    </div>
  );
};

const EdgeDetails = ({ id }: { id: string }): ReactElement => {
  const e = useSim((s) => s.topology.edges.find((x) => x.id === id));
  if (e === undefined) return <p className="muted">No traffic on this edge in the current window.</p>;
  return (
    <div data-testid="edge-details">
      <h3>{e.from} → {e.to}</h3>
      <table className="kv">
        <tbody>
          <Row k="requests" v={formatRate(e.rps)} />
          <Row k="errors" v={formatPercent(e.errorRate)} />
          <Row k="mean latency" v={formatMs(e.latencyMs)} />
        </tbody>
      </table>
    </div>
  );
};

/** Details of the device, service instance or edge selected in the topology. */
export const DetailsPanel = (): ReactElement | null => {
  const c = useController();
  const selection = useUi((s) => s.selection);
  const width = useUi((s) => s.layout.detailsWidth);
  if (selection === undefined) return null;
  return (
    <aside className="details" style={{ width }} data-testid="details-panel">
      <button type="button" className="link close" onClick={() => c.select(undefined)} aria-label="Close details">×</button>
      {selection.kind === 'device' && <DeviceDetails id={selection.id} />}
      {selection.kind === 'instance' && <InstanceDetails id={selection.id} />}
      {selection.kind === 'edge' && <EdgeDetails id={selection.id} />}
    </aside>
  );
};
