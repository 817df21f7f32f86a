import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { useSim } from '../../app/AppContext';
import { formatTime } from '../../app/format';
import type { SagaView } from '../../engine/protocol';

const Timeline = ({ saga }: { saga: SagaView }): ReactElement => (
  <ol className="saga-steps" data-testid="saga-timeline">
    {saga.transitions.map((t, k) => (
      <li key={k} className={`saga-step state-${t.state.toLowerCase()}`}>
        <span className="mono">{formatTime(t.t)}</span> <b>{t.state}</b>{t.step !== undefined && <span> · {t.step}</span>}
      </li>
    ))}
  </ol>
);

/** Saga executions with their state and step timeline. */
export const SagasView = (): ReactElement => {
  const sagas = useSim((s) => s.sagas);
  const [open, setOpen] = useState<string | undefined>(undefined);
  const rows = useMemo(() => Object.values(sagas).sort((a, b) => b.updated - a.updated), [sagas]);
  const selected = open === undefined ? undefined : sagas[open];
  return (
    <div className="sagas" data-testid="sagas">
      <section>
        <h3>Executions</h3>
        {rows.length === 0 ? <p className="muted">No saga executions: this scenario starts no sagas, or the run has not started.</p> : (
          <table className="grid">
            <thead><tr><th>saga</th><th>id</th><th>device</th><th>state</th><th>step</th><th>started</th><th>updated</th></tr></thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} onClick={() => setOpen(s.id)} className={open === s.id ? 'selected' : ''} data-testid="saga-row" data-state={s.state}>
                  <td>{s.saga}</td><td className="mono">{s.id}</td><td>{s.device}</td><td>{s.state}</td><td>{s.step ?? '–'}</td>
                  <td>{formatTime(s.started)}</td><td>{formatTime(s.updated)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {selected !== undefined && <section><h3>{selected.saga} <span className="mono muted">{selected.id}</span></h3><Timeline saga={selected} /></section>}
    </div>
  );
};
