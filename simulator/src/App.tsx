import { useEffect } from 'react';
import type { ReactElement } from 'react';
import { useController, useSim, useUi } from './app/AppContext';
import { DetailsPanel } from './components/DetailsPanel';
import { Notices } from './components/Notices';
import { RunControls } from './components/RunControls';
import { StatusBar } from './components/StatusBar';
import { VIEWS } from './store/views';
import type { ViewId } from './store/views';
import { BreakersView } from './views/breakers/BreakersView';
import { FaultsView } from './views/faults/FaultsView';
import { QueuesView } from './views/queues/QueuesView';
import { SagasView } from './views/sagas/SagasView';
import { ScenarioView } from './views/scenario/ScenarioView';
import { TopologyView } from './views/topology/TopologyView';
import { TracesView } from './views/traces/TracesView';
import { TrafficView } from './views/traffic/TrafficView';

const renderView = (view: ViewId): ReactElement => {
  switch (view) {
    case 'topology': return <TopologyView />;
    case 'traffic': return <TrafficView />;
    case 'traces': return <TracesView />;
    case 'queues': return <QueuesView />;
    case 'sagas': return <SagasView />;
    case 'breakers': return <BreakersView />;
    case 'faults': return <FaultsView />;
    case 'scenario': return <ScenarioView />;
  }
};

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.isContentEditable);

/** Keyboard shortcuts in the page (the Electron menu has the same ones): Alt+1..8 views, Space run/pause. */
const useShortcuts = (): void => {
  const c = useController();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey && !e.ctrlKey && !e.metaKey) {
        const v = VIEWS.find((x) => x.key === e.key);
        if (v !== undefined) {
          e.preventDefault();
          c.setView(v.id);
        }
      } else if (e.key === ' ' && !isTyping(e.target) && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        void c.togglePlay();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [c]);
};

/** The simulator's window: run controls on top, views on the left, the view, the details panel, the status bar. */
export const App = (): ReactElement => {
  const c = useController();
  const view = useUi((s) => s.layout.view);
  const ready = useUi((s) => s.ready);
  const scenario = useSim((s) => s.engine.scenarioName);
  const openBreakers = useSim((s) => s.engine.breakers.filter((b) => b.state === 'open').length);
  const down = useSim((s) => s.engine.devices.filter((d) => d.state !== 'up').length);
  useShortcuts();
  return (
    <div className="app" data-testid="app" data-ready={String(ready)}>
      <header className="top-bar">
        <div className="brand">ArkMesh <span>Simulator</span></div>
        <div className="scenario-name" data-testid="scenario-name" title={scenario}>{scenario ?? 'no scenario'}</div>
        <RunControls />
      </header>
      <nav className="nav" aria-label="Views">
        {VIEWS.map((v) => (
          <button type="button" key={v.id} className={v.id === view ? 'nav-item active' : 'nav-item'} onClick={() => c.setView(v.id)}
            data-testid={`nav-${v.id}`} title={`${v.label} (Alt+${v.key})`} aria-current={v.id === view ? 'page' : undefined}>
            <span>{v.label}</span>
            {v.id === 'breakers' && openBreakers > 0 && <span className="badge badge-open">{openBreakers}</span>}
            {v.id === 'faults' && down > 0 && <span className="badge badge-open">{down}</span>}
          </button>
        ))}
      </nav>
      <main className={`view view-${view}`} data-testid={`view-${view}`}>{renderView(view)}</main>
      <DetailsPanel />
      <StatusBar />
      <Notices />
    </div>
  );
};
