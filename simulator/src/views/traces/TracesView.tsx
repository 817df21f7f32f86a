import { useMemo } from 'react';
import type { ChangeEvent, ReactElement } from 'react';
import { useController, useSim, useUi } from '../../app/AppContext';
import { formatMs, formatTime } from '../../app/format';
import type { SpanDetail } from '../../engine/protocol';
import type { TraceFilters } from '../../persistence/AppPersistence';
import { deviceColour, waterfallRows } from './waterfall';

const SpanDetails = ({ span }: { span: SpanDetail }): ReactElement => (
  <div className="span-details" data-testid="span-details">
    <h4>{span.name}</h4>
    <table className="kv">
      <tbody>
        <tr><th>device</th><td>{span.device}</td></tr>
        <tr><th>kind</th><td>{span.kind}{span.remoteParent ? ' (remote parent)' : ''}</td></tr>
        <tr><th>start</th><td>{formatTime(span.start)}</td></tr>
        <tr><th>duration</th><td>{formatMs(span.durationMs)}</td></tr>
        <tr><th>status</th><td className={span.status === 'error' ? 'error-text' : ''}>{span.status}{span.statusMessage !== '' ? `: ${span.statusMessage}` : ''}</td></tr>
        <tr><th>span id</th><td className="mono">{span.spanId}</td></tr>
        <tr><th>parent</th><td className="mono">{span.parentSpanId ?? '–'}</td></tr>
      </tbody>
    </table>
    <h5>Attributes</h5>
    <table className="kv" data-testid="span-attributes">
      <tbody>
        {Object.entries(span.attributes).map(([k, v]) => <tr key={k}><th className="mono">{k}</th><td className="mono">{JSON.stringify(v)}</td></tr>)}
      </tbody>
    </table>
    <h5>Events</h5>
    {span.events.length === 0 ? <p className="muted">none</p> : (
      <ul className="plain">
        {span.events.map((e, i) => (
          <li key={i}><span className="mono">{formatTime(e.time)}</span> {e.name}
            {Object.keys(e.attributes).length > 0 && <span className="muted mono"> {JSON.stringify(e.attributes)}</span>}</li>
        ))}
      </ul>
    )}
    {span.links.length > 0 && <><h5>Links</h5><ul className="plain">{span.links.map((l) => <li key={l.spanId} className="mono">{l.traceId}/{l.spanId}</li>)}</ul></>}
  </div>
);

const Waterfall = (): ReactElement | null => {
  const c = useController();
  const trace = useUi((s) => s.trace);
  const rows = useMemo(() => waterfallRows(trace?.spans ?? []), [trace?.spans]);
  if (trace === undefined) return null;
  const devices = [...new Set(rows.map((r) => r.span.device))];
  const total = rows.length === 0 ? 0 : Math.max(...rows.map((r) => r.span.start + r.span.durationMs)) - Math.min(...rows.map((r) => r.span.start));
  const selected = trace.spans.find((s) => s.spanId === trace.selectedSpan);
  return (
    <section className="waterfall-panel" data-testid="waterfall">
      <header>
        <h3>Trace <span className="mono">{trace.traceId.slice(0, 16)}…</span></h3>
        <span className="muted">{rows.length} spans · {devices.length} devices · {formatMs(total)}</span>
        <span className="grow" />
        <button type="button" onClick={() => void c.exportTraces('otlp', trace.traceId)}>Export OTLP</button>
        <button type="button" onClick={() => void c.exportTraces('jaeger', trace.traceId)}>Export Jaeger</button>
        <button type="button" className="link" onClick={() => c.closeTrace()} aria-label="Close trace">×</button>
      </header>
      <div className="device-legend">
        {devices.map((d) => <span key={d}><i className="swatch" style={{ background: deviceColour(d) }} /> {d}</span>)}
      </div>
      {trace.loading ? <p className="muted">loading…</p> : rows.length === 0 ? <p className="muted">The spans of this trace are no longer kept (oldest spans are evicted).</p> : (
        <div className="waterfall">
          {rows.map((r) => (
            <button type="button" key={r.span.spanId} className={`wf-row${r.span.spanId === trace.selectedSpan ? ' selected' : ''}`}
              onClick={() => c.selectSpan(r.span.spanId)} data-testid="wf-row" data-device={r.span.device}>
              <span className="wf-label" style={{ paddingLeft: 6 + r.depth * 14 }}>
                <i className="swatch" style={{ background: deviceColour(r.span.device) }} />
                <span className="wf-name">{r.span.name}</span>
                <span className="muted wf-meta">{r.span.device} · {r.span.kind}</span>
              </span>
              <span className="wf-track">
                <span className={`wf-bar${r.span.status === 'error' ? ' error' : ''}`}
                  style={{ left: `${r.left * 100}%`, width: `max(2px, ${r.width * 100}%)`, background: r.span.status === 'error' ? undefined : deviceColour(r.span.device) }} />
                <span className="wf-dur" style={{ left: `${Math.min(r.left + r.width, 0.85) * 100}%` }}>{formatMs(r.span.durationMs)}</span>
              </span>
            </button>
          ))}
        </div>
      )}
      {selected !== undefined && <SpanDetails span={selected} />}
    </section>
  );
};

/** Recent traces with filters, a Jaeger-like waterfall across devices, span details and exports. */
export const TracesView = (): ReactElement => {
  const c = useController();
  const traces = useSim((s) => s.traces);
  const filters = useUi((s) => s.layout.traceFilters);
  const openTrace = useUi((s) => s.trace?.traceId);
  const services = useMemo(() => [...new Set(traces.flatMap((t) => t.services))].sort(), [traces]);
  const shown = useMemo(() => traces.filter((t) =>
    (filters.service === '' || t.services.includes(filters.service)) && (filters.status === 'all' || t.status === filters.status) &&
    t.durationMs >= filters.minDurationMs), [traces, filters]);
  const setFilter = (change: Partial<TraceFilters>): void => c.updateLayout({ traceFilters: { ...filters, ...change } });
  return (
    <div className="traces" data-testid="traces">
      <div className="filters">
        <label>Service <select value={filters.service} onChange={(e: ChangeEvent<HTMLSelectElement>) => setFilter({ service: e.target.value })} data-testid="trace-filter-service">
          <option value="">all</option>
          {services.map((s) => <option key={s} value={s}>{s}</option>)}
        </select></label>
        <label>Status <select value={filters.status} onChange={(e: ChangeEvent<HTMLSelectElement>) => setFilter({ status: e.target.value as TraceFilters['status'] })} data-testid="trace-filter-status">
          <option value="all">all</option><option value="ok">ok</option><option value="error">error</option>
        </select></label>
        <label>Min duration (ms) <input type="number" min={0} value={filters.minDurationMs} onChange={(e: ChangeEvent<HTMLInputElement>) => setFilter({ minDurationMs: Math.max(0, Number(e.target.value) || 0) })} data-testid="trace-filter-duration" /></label>
        <span className="muted">{shown.length} of {traces.length} traces</span>
        <span className="grow" />
        <button type="button" onClick={() => void c.exportTraces('otlp')} data-testid="export-otlp">Export all (OTLP)</button>
        <button type="button" onClick={() => void c.exportTraces('jaeger')} data-testid="export-jaeger">Export all (Jaeger)</button>
      </div>
      <div className="traces-body">
        <div className="trace-list">
          <table className="grid">
            <thead><tr><th>root</th><th>services</th><th>devices</th><th>spans</th><th>duration</th><th>at</th></tr></thead>
            <tbody>
              {shown.map((t) => (
                <tr key={t.traceId} className={`${t.status === 'error' ? 'error-row' : ''}${openTrace === t.traceId ? ' selected' : ''}`}
                  onClick={() => void c.inspectTrace(t.traceId)} data-testid="trace-row" data-devices={t.devices.length} data-trace={t.traceId}>
                  <td>{t.status === 'error' && <span className="badge badge-open">error</span>} {t.root}</td>
                  <td>{t.services.join(', ')}</td>
                  <td>{t.devices.join(', ')}</td>
                  <td>{t.spans}</td>
                  <td>{formatMs(t.durationMs)}</td>
                  <td>{formatTime(t.start)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {traces.length === 0 && <p className="empty-view">No traces yet: run a scenario with tracing enabled.</p>}
        </div>
        <Waterfall />
      </div>
    </div>
  );
};
