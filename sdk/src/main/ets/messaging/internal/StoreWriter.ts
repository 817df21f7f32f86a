import { MeshError } from '../../core/errors/MeshError';
import { ErrorCode } from '../../core/errors/ErrorCode';
import { Logger } from '../../platform/logging/Logger';
import { KeyValueStore, WriteOp } from '../../platform/store/KeyValueStore';

/** Told when the batch holding its writes is stored (or failed). */
export interface CommitListener {
  committed(): void;
  failed(error: Error): void;
}

/** A caller waiting on a promise for its writes to be committed. */
class Waiter implements CommitListener {
  private readonly _resolve: () => void;
  private readonly _reject: (e: Error) => void;

  constructor(resolve: () => void, reject: (e: Error) => void) {
    this._resolve = resolve;
    this._reject = reject;
  }

  committed(): void {
    this._resolve();
  }

  failed(error: Error): void {
    this._reject(error);
  }
}

/**
 * Group commit over a KeyValueStore: the writes of one turn (every publish, ack and retry of that
 * turn) go to the store as one atomic `batch`, batches are applied strictly in order, and each
 * `commit` resolves when the batch holding its writes is stored. `append` adds writes nobody waits
 * for (acks, attempt counters): a failure there is logged, and at worst a message is delivered
 * again after a restart.
 */
export class StoreWriter {
  private readonly _store: KeyValueStore;
  private readonly _logger: Logger;
  private _ops: WriteOp[] = [];
  private _waiters: CommitListener[] = [];
  private _scheduled: boolean = false;
  private _tail: Promise<void> = Promise.resolve();
  private _batches: number = 0;
  private _failures: number = 0;
  private _closed: boolean = false;
  private _discard: boolean = false;

  constructor(store: KeyValueStore, logger: Logger) {
    this._store = store;
    this._logger = logger;
  }

  /** Batches written so far. */
  get batches(): number {
    return this._batches;
  }

  /** Batches that failed. */
  get failures(): number {
    return this._failures;
  }

  /** Adds writes to the next batch without waiting for them. */
  append(op: WriteOp): void {
    if (this._closed) {
      return;
    }
    this._ops.push(op);
    this.schedule();
  }

  /** Adds writes to the next batch; resolves once that batch is stored, rejects with ERR_STORE. */
  commit(ops: WriteOp[]): Promise<void> {
    if (this._closed) {
      return Promise.reject(new MeshError(ErrorCode.STOPPED, 'the queue is closed') as Error);
    }
    for (let i = 0; i < ops.length; i++) {
      this._ops.push(ops[i]);
    }
    const p = new Promise<void>((resolve: () => void, reject: (e: Error) => void): void => {
      this._waiters.push(new Waiter(resolve, reject));
    });
    this.schedule();
    return p;
  }

  /** Adds one write to the next batch and tells `listener` when it is stored (no promise, no array per caller). */
  commitOne(op: WriteOp, listener: CommitListener): void {
    if (this._closed) {
      listener.failed(new MeshError(ErrorCode.STOPPED, 'the queue is closed') as Error);
      return;
    }
    this._ops.push(op);
    this._waiters.push(listener);
    this.schedule();
  }

  /** Adds writes to the next batch and tells `listener` when it is stored (no promise per caller). */
  commitWith(ops: WriteOp[], listener: CommitListener): void {
    if (this._closed) {
      listener.failed(new MeshError(ErrorCode.STOPPED, 'the queue is closed') as Error);
      return;
    }
    for (let i = 0; i < ops.length; i++) {
      this._ops.push(ops[i]);
    }
    this._waiters.push(listener);
    this.schedule();
  }

  /** Resolves when everything appended so far has been written (or failed). */
  flush(): Promise<void> {
    if (this._ops.length > 0) {
      return this.commit([]).catch((): void => {});
    }
    return this._tail;
  }

  /**
   * Stops writing. Later writes are refused. Writes queued but not yet handed to the store still
   * go out, unless `discard` (a crash: the process is gone, so they never reach the store; their
   * callers are rejected with ERR_STOPPED). A batch the store is already writing completes.
   */
  close(discard?: boolean): void {
    this._closed = true;
    if (discard === true) {
      this._discard = true;
    }
  }

  private schedule(): void {
    if (this._scheduled) {
      return;
    }
    this._scheduled = true;
    // Everything queued in this turn goes out in one batch, after the previous batch.
    this._tail = this._tail.then((): Promise<void> => this.write());
  }

  private async write(): Promise<void> {
    this._scheduled = false;
    const ops = this._ops;
    const waiters = this._waiters;
    if (ops.length === 0 && waiters.length === 0) {
      return;
    }
    this._ops = [];
    this._waiters = [];
    if (this._discard) {
      const stopped = new MeshError(ErrorCode.STOPPED, 'the queue stopped before the write');
      for (let i = 0; i < waiters.length; i++) {
        waiters[i].failed(stopped as Error);
      }
      return;
    }
    try {
      if (ops.length > 0) {
        await this._store.batch(ops);
      }
      this._batches++;
      for (let i = 0; i < waiters.length; i++) {
        waiters[i].committed();
      }
    } catch (e) {
      this._failures++;
      const error = new MeshError(ErrorCode.STORE, `store batch failed: ${(e as Error).message}`, e as Error);
      this._logger.warn('messaging: store batch failed', { 'ops': ops.length, 'error': (e as Error).message });
      for (let i = 0; i < waiters.length; i++) {
        waiters[i].failed(error as Error);
      }
    }
  }
}
