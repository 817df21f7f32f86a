import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useController, useSim } from '../../app/AppContext';
import { formatTime } from '../../app/format';
import { breakerLanes, STATE_COLOURS } from './timeline';

/** Breakers shown in the timeline. */
const MAX_LANES = 40;

const Timeline = (): ReactElement => {
  const transitions = useSim((s) => s.breakerTransitions);
  const now = useSim((s) => s.engine.time);
  const lanes = useMemo(() => breakerLanes(transitions, now, MAX_LANES), [transitions, now]);
  if (lanes.length === 0) return <p className="muted">No breaker has changed state yet.</p>;
  const span = Math.max(now, 1);
  return (
    <div className="timeline" data-testid="breaker-timeline">
      {lanes.map((l) => (
        <div key={l.key} className="lane">
          <span className="lane-label" title={l.key}>{l.device} → {l.breaker}</span>
          <svg className="lane-track" viewBox="0 0 1000 14" preserveAspectRatio="none" role="img" aria-label={`${l.key} states`}>
            {l.segments.map((s, i) => (
              <rect key={i} x={(s.from / span) * 1000} y={1} width={Math.max(0.5, ((s.to - s.from) / span) * 1000)} height={12}
                fill={STATE_COLOURS[s.state] ?? '#484f58'}><title>{`${s.state} ${formatTime(s.from)} – ${formatTime(s.to)}`}</title></rect>
            ))}
          </svg>
        </div>
      ))}
      <div className="lane-axis muted"><span>0 s</span><span>{formatTime(span)}</span></div>
    </div>
  );
};

/** Circuit breakers per calling device and upstream, their transitions over time, and gateway rate limits. */
export const BreakersView = (): ReactElement => {
  const c = useController();
  const breakers = useSim((s) => s.engine.breakers);
  const transitions = useSim((s) => s.breakerTransitions);
  const rateLimits = useSim((s) => s.rateLimits);
  const gateway = useSim((s) => s.engine.gateway);
  const sorted = useMemo(() => [...breakers].sort((a, b) => (a.state === b.state ? a.breaker.localeCompare(b.breaker) : a.state === 'open' ? -1 : b.state === 'open' ? 1 : a.state.localeCompare(b.state))), [breakers]);
  const recent = transitions.slice(-50).reverse();
  return (
    <div className="breakers" data-testid="breakers">
      <section>
        <h3>Circuit breakers <span className="muted">({breakers.length}, {breakers.filter((b) => b.state === 'open').length} open)</span></h3>
        {sorted.length === 0 ? <p className="muted">No breakers yet: breakers are created per upstream instance on the first call.</p> : (
          <table className="grid">
            <thead><tr><th>caller</th><th>upstream instance</th><th>service</th><th>state</th><th>since</th></tr></thead>
            <tbody>
              {sorted.map((b) => (
                <tr key={`${b.device}|${b.breaker}`} data-testid="breaker-row" data-state={b.state} data-breaker={b.breaker}>
                  <td><button type="button" className="link" onClick={() => c.select({ kind: 'device', id: b.device })}>{b.device}</button></td>
                  <td><button type="button" className="link" onClick={() => c.select({ kind: 'instance', id: b.breaker })}>{b.breaker}</button></td>
                  <td>{b.service ?? '–'}</td>
                  <td><span className={`badge breaker-${b.state}`}>{b.state}</span></td>
                  <td>{formatTime(b.since)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h3>Transitions timeline</h3>
        <div className="legend-row">{Object.entries(STATE_COLOURS).map(([k, v]) => <span key={k}><i className="swatch" style={{ background: v }} /> {k}</span>)}</div>
        <Timeline />
        {recent.length > 0 && (
          <table className="grid compact">
            <thead><tr><th>t</th><th>caller</th><th>upstream</th><th>from → to</th><th>reason</th></tr></thead>
            <tbody>
              {recent.map((t) => <tr key={t.seq}><td>{formatTime(t.t)}</td><td>{t.device}</td><td>{t.breaker}</td><td>{t.from} → {t.to}</td><td>{t.reason}</td></tr>)}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h3>Rate limits</h3>
        {gateway === undefined ? <p className="muted">This scenario has no gateway.</p> : (
          <>
            <p className="muted">Gateway on {gateway.device}: {gateway.rateLimit ?? 'no rate limit configured'}</p>
            {rateLimits.length === 0 ? <p className="muted">No gateway requests yet.</p> : (
              <table className="grid" data-testid="rate-limits">
                <thead><tr><th>route</th><th>requests (window)</th><th>limited (429)</th><th>last limited</th></tr></thead>
                <tbody>
                  {rateLimits.map((r) => (
                    <tr key={r.route} className={r.limited > 0 ? 'warn-row' : ''}>
                      <td>{r.route}</td><td>{Math.round(r.requests)}</td><td>{Math.round(r.limited)}</td><td>{r.lastLimitedAt === undefined ? '–' : formatTime(r.lastLimitedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
    </div>
  );
};
