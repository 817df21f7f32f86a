import type { EngineClient } from './EngineClient';
import { EngineHost } from './EngineHost';
import type { EngineHostOptions } from './EngineHost';
import type { EngineRequests, RequestKind, SnapshotPatch } from './protocol';

/**
 * Runs the EngineHost on the calling thread: for component tests and for hosts without module
 * workers. Patches are delivered asynchronously, as a worker would, and structured-cloned, so the
 * UI never shares objects with the engine.
 */
export class InlineEngineClient implements EngineClient {
  readonly mode = 'inline';
  readonly host: EngineHost;
  private readonly _listeners = new Set<(patch: SnapshotPatch) => void>();

  constructor(options: EngineHostOptions = {}) {
    this.host = new EngineHost((patch: SnapshotPatch): void => {
      const copy = structuredClone(patch);
      queueMicrotask((): void => {
        for (const l of this._listeners) l(copy);
      });
    }, options);
  }

  async request<K extends RequestKind>(kind: K, payload: EngineRequests[K]['request']): Promise<EngineRequests[K]['reply']> {
    const reply = await this.host.handle(kind, structuredClone(payload));
    return reply === undefined ? reply : structuredClone(reply);
  }

  onPatch(listener: (patch: SnapshotPatch) => void): () => void {
    this._listeners.add(listener);
    return (): void => {
      this._listeners.delete(listener);
    };
  }

  dispose(): void {
    this.host.dispose();
    this._listeners.clear();
  }
}
