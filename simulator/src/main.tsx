import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AppContext } from './app/AppContext';
import { AppController } from './app/AppController';
import type { EngineClient } from './engine/EngineClient';
import { WorkerEngineClient } from './engine/EngineClient';
import { InlineEngineClient } from './engine/InlineEngineClient';
import { AppPersistence } from './persistence/AppPersistence';
import { IdbBackend } from './persistence/IdbBackend';
import { MapBackend } from './persistence/StoreBackend';
import type { StoreBackend } from './persistence/StoreBackend';
import { detectShell } from './shell/HostShell';
import { createSimStore } from './store/simStore';
import { createUiStore } from './store/uiStore';
import './styles.css';

/** IndexedDB database of the app's own data (scenarios, layout, recorded runs). */
const APP_DB = 'arkmesh-app';

const appBackend = (): StoreBackend => (IdbBackend.available() ? new IdbBackend(APP_DB) : new MapBackend());

/** The engine runs in a dedicated worker, so the UI thread only draws; inline where workers are unavailable. */
const engineClient = (): EngineClient => {
  if (typeof Worker === 'undefined') return new InlineEngineClient({ backend: IdbBackend.available() ? new IdbBackend('arkmesh-devices') : undefined });
  return new WorkerEngineClient(new Worker(new URL('./engine/engine.worker.ts', import.meta.url), { type: 'module', name: 'arkmesh-engine' }));
};

const controller = new AppController({
  client: engineClient(), sim: createSimStore(), ui: createUiStore(), persistence: new AppPersistence(appBackend()), shell: detectShell(),
});

// Make the simulated devices' stores durable before the page goes away or is hidden.
window.addEventListener('pagehide', () => void controller.checkpoint());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') void controller.checkpoint();
});

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <AppContext.Provider value={controller}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);

controller.start().catch((e: unknown) => controller.notify('error', `Could not restore the last session: ${e instanceof Error ? e.message : String(e)}`));
