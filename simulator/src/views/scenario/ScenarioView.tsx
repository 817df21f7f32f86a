import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useController, useSim, useUi } from '../../app/AppContext';
import { formatMs, formatPercent, formatTime } from '../../app/format';
import type { StorageInfo } from '../../engine/protocol';
import { ScenarioEditor } from './ScenarioEditor';

const Library = (): ReactElement => {
  const c = useController();
  const user = useUi((s) => s.userScenarios);
  const runs = useUi((s) => s.runs);
  const current = useSim((s) => s.engine.scenarioName);
  return (
    <aside className="library" data-testid="library">
      <h3>Examples</h3>
      <ul className="plain">
        {c.bundled.map((b) => (
          <li key={b.id}>
            <button type="button" className={`link${current === b.name ? ' current' : ''}`} onClick={() => void c.openBundled(b.id)}
              data-testid="bundled-scenario" data-id={b.id} title={b.description}>
              {b.name}
            </button>
            <span className="muted"> {b.devices} devices</span>
          </li>
        ))}
      </ul>
      <h3>My scenarios</h3>
      {user.length === 0 ? <p className="muted">Saved scenarios appear here.</p> : (
        <ul className="plain" data-testid="user-scenarios">
          {user.map((s) => (
            <li key={s.name}>
              <button type="button" className="link" onClick={() => void c.openUserScenario(s.name)}>{s.name}</button>
              <button type="button" className="link muted" onClick={() => void c.deleteUserScenario(s.name)} aria-label={`delete ${s.name}`}>×</button>
            </li>
          ))}
        </ul>
      )}
      <h3>Recorded runs</h3>
      {runs.length === 0 ? <p className="muted">Finished runs are recorded here for replay.</p> : (
        <ul className="plain" data-testid="recorded-runs">
          {runs.map((r) => (
            <li key={r.id}>
              <span className={`dot ${r.passed === false ? 'health-unhealthy' : r.passed ? 'health-healthy' : 'health-idle'}`} />
              {r.scenario} <span className="muted">{formatTime(r.time)}, {r.controls} controls</span>
              <span className="row-actions">
                <button type="button" className="link" onClick={() => void c.replayRun(r.id)}>replay</button>
                <button type="button" className="link" onClick={() => void c.exportRun(r.id)}>export</button>
                <button type="button" className="link muted" onClick={() => void c.deleteRun(r.id)} aria-label="delete run">×</button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
};

const Expectations = (): ReactElement => {
  const c = useController();
  const report = useSim((s) => s.engine.report);
  const status = useSim((s) => s.engine.status);
  const description = useSim((s) => s.engine.scenarioDescription);
  return (
    <section className="run-summary" data-testid="run-summary">
      {description !== '' && <p className="muted">{description}</p>}
      <div className="actions">
        <button type="button" onClick={() => void c.runToEnd()} disabled={status === 'empty' || status === 'finished'} data-testid="run-to-end">Run to end (max speed)</button>
        <button type="button" onClick={() => void c.recordRun().then((r) => r !== undefined && c.notify('info', 'Run recorded'))} disabled={status === 'empty'}>Record run</button>
        <button type="button" onClick={() => void c.exportReport()} disabled={status === 'empty'}>Export report</button>
      </div>
      <h3>Expectations {status === 'finished' ? '' : <span className="muted">(checked at the end of the run)</span>}</h3>
      {report === undefined ? <p className="muted">Run the scenario to the end to see whether its expectations hold.</p> : (
        <>
          <ul className="expectations" data-testid="expectations">
            {report.expectations.map((e, k) => (
              <li key={k} data-testid="expectation" data-passed={String(e.passed)}>
                <span className={`badge ${e.passed ? 'badge-ok' : 'badge-open'}`}>{e.passed ? 'pass' : 'fail'}</span>
                <span className="mono">{e.description}</span> <span className="muted">actual {e.actual}</span>
              </li>
            ))}
          </ul>
          <table className="grid compact">
            <thead><tr><th>service</th><th>requests</th><th>success</th><th>p50</th><th>p99</th><th>breaker trips</th></tr></thead>
            <tbody>
              {report.services.map((s) => (
                <tr key={s.service}><td>{s.service}</td><td>{s.requests}</td><td>{formatPercent(s.successRate, 2)}</td><td>{formatMs(s.latency.p50)}</td><td>{formatMs(s.latency.p99)}</td><td>{s.breakerTrips}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
};

const Storage = (): ReactElement => {
  const c = useController();
  const time = useSim((s) => Math.floor(s.engine.time / 1000));
  const resumed = useSim((s) => s.resumed);
  const [info, setInfo] = useState<StorageInfo | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void c.client.request('storage', null).then((i) => live && setInfo(i));
    return () => {
      live = false;
    };
  }, [c, time]);
  return (
    <section className="storage" data-testid="storage">
      <h3>Device storage <span className="muted">({info?.backend ?? '…'})</span></h3>
      {resumed !== undefined && <p>Restored after a reload: {resumed.keys} keys on {resumed.devices} devices, checkpoint at {formatTime(resumed.checkpointTime)}.</p>}
      {info !== undefined && (
        <>
          <p className="muted">{info.keys} keys on {info.devices} devices · {info.checkpoints} checkpoints this session · {info.pendingWrites} writes pending</p>
          {info.perDevice.length > 0 && (
            <table className="grid compact">
              <thead><tr><th>device</th><th>keys</th><th>by prefix</th></tr></thead>
              <tbody>{info.perDevice.slice(0, 30).map((d) => <tr key={d.device}><td>{d.device}</td><td>{d.keys}</td><td className="mono">{Object.entries(d.prefixes).map(([k, v]) => `${k}: ${v}`).join(', ')}</td></tr>)}</tbody>
            </table>
          )}
        </>
      )}
      <button type="button" className="danger" onClick={() => void c.clearStorage()} data-testid="clear-storage">Clear device storage</button>
    </section>
  );
};

/** Open, edit (validated inline), save and load scenarios; run summary with expectation badges; recorded runs; storage. */
export const ScenarioView = (): ReactElement => (
  <div className="scenario" data-testid="scenario">
    <Library />
    <div className="scenario-main">
      <ScenarioEditor />
    </div>
    <div className="scenario-side">
      <Expectations />
      <Storage />
    </div>
  </div>
);
