// The engine's worker: hosts the simulator engine (the real SDK on a VirtualClock) off the UI
// thread, with the simulated devices' stores in IndexedDB, and talks to the page only through
// the typed protocol (requests in, replies and snapshot patches out).
import { IdbBackend } from '../persistence/IdbBackend';
import { EngineHost } from './EngineHost';
import type { HostMessage, RequestMessage, SnapshotPatch } from './protocol';

interface WorkerScope {
  postMessage(message: HostMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** IndexedDB database of the simulated devices' stores. */
export const DEVICE_DB = 'arkmesh-devices';

const scope = self as unknown as WorkerScope;
const host = new EngineHost((patch: SnapshotPatch): void => scope.postMessage({ type: 'snapshot', patch }), {
  backend: IdbBackend.available() ? new IdbBackend(DEVICE_DB) : undefined,
});

scope.addEventListener('message', (event: MessageEvent): void => {
  const m = event.data as RequestMessage;
  if (m === null || typeof m !== 'object' || m.type !== 'request') return;
  host.handle(m.kind, m.payload as never).then(
    (value: unknown): void => scope.postMessage({ type: 'reply', id: m.id, ok: true, value, error: undefined }),
    (e: unknown): void => scope.postMessage({ type: 'reply', id: m.id, ok: false, value: undefined, error: e instanceof Error ? e.message : String(e) }),
  );
});
