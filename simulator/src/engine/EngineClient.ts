import type { EngineRequests, HostMessage, ReplyMessage, RequestKind, RequestMessage, SnapshotPatch } from './protocol';

/** How the UI talks to the engine host, wherever it runs. */
export interface EngineClient {
  /** `worker`: a dedicated worker (the app); `inline`: the same thread (tests, no-worker fallback). */
  readonly mode: 'worker' | 'inline';
  request<K extends RequestKind>(kind: K, payload: EngineRequests[K]['request']): Promise<EngineRequests[K]['reply']>;
  /** Calls `listener` with every snapshot patch; returns the unsubscribe function. */
  onPatch(listener: (patch: SnapshotPatch) => void): () => void;
  dispose(): void;
}

/** The part of a Worker the client uses (a real Worker, or a test double). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/** Talks to an EngineHost in a dedicated worker (engine.worker.ts) with request ids. */
export class WorkerEngineClient implements EngineClient {
  readonly mode = 'worker';
  private readonly _worker: WorkerLike;
  private readonly _pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly _listeners = new Set<(patch: SnapshotPatch) => void>();
  private _next = 1;
  private _failure: Error | undefined;

  constructor(worker: WorkerLike) {
    this._worker = worker;
    worker.addEventListener('message', (event: MessageEvent): void => this.onMessage(event.data as HostMessage));
    worker.addEventListener('error', (event: ErrorEvent): void => {
      this._failure = new Error(`engine worker failed: ${event.message}`);
      for (const p of this._pending.values()) p.reject(this._failure);
      this._pending.clear();
    });
  }

  request<K extends RequestKind>(kind: K, payload: EngineRequests[K]['request']): Promise<EngineRequests[K]['reply']> {
    if (this._failure !== undefined) return Promise.reject(this._failure);
    const id = this._next++;
    const message: RequestMessage<K> = { type: 'request', id, kind, payload };
    return new Promise<EngineRequests[K]['reply']>((resolve, reject) => {
      this._pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this._worker.postMessage(message);
    });
  }

  onPatch(listener: (patch: SnapshotPatch) => void): () => void {
    this._listeners.add(listener);
    return (): void => {
      this._listeners.delete(listener);
    };
  }

  dispose(): void {
    this._worker.terminate();
    for (const p of this._pending.values()) p.reject(new Error('engine client disposed'));
    this._pending.clear();
    this._listeners.clear();
  }

  private onMessage(m: HostMessage): void {
    if (m.type === 'snapshot') {
      for (const l of this._listeners) l(m.patch);
      return;
    }
    this.settle(m);
  }

  private settle(m: ReplyMessage): void {
    const p = this._pending.get(m.id);
    if (p === undefined) return;
    this._pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(m.error ?? 'engine request failed'));
  }
}
