import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { QueuedWrite } from './WriteCommand';
import { WriteGroup } from './WriteGroup';
import { StoreState } from './StoreState';

/** Counters of a Writer. */
export class WriterStats {
  /** Store batches written. */
  batches: number = 0;
  /** Commands that went into those batches (> batches when appends were grouped). */
  committed: number = 0;
  /** Commands rejected by their own checks (conflicts, deleted streams, bad versions). */
  rejected: number = 0;
  /** Batches the store failed (every command in them was rejected with ERR_STORE). */
  storeFailures: number = 0;
}

/**
 * The one writer of an event store: a queue of commands, run in order. Commands queued while a
 * group is being prepared join it (group commit), up to `maxGroup`; the group goes to the store
 * as ONE atomic batch, and its commands resolve only after that batch resolved. Because every
 * write passes through here, two appends can never both see version N and both write N + 1.
 */
export class Writer {
  readonly stats: WriterStats = new WriterStats();
  private readonly _state: StoreState;
  private readonly _maxGroup: number;
  private readonly _queue: QueuedWrite[] = [];
  private _head: number = 0;
  private _running: boolean = false;
  private _drainWaiters: (() => void)[] = [];

  constructor(state: StoreState, maxGroup: number) {
    this._state = state;
    this._maxGroup = maxGroup;
  }

  /** Commands waiting or being written. */
  get pending(): number {
    return this._queue.length - this._head;
  }

  enqueue(command: QueuedWrite): void {
    this._queue.push(command);
    if (!this._running) {
      this._running = true;
      this.run().catch((e: Error): void => {
        this._state.logger.error('event store writer stopped unexpectedly', { 'error': String(e) });
      });
    }
  }

  /** Resolves once every command queued so far has settled. */
  drained(): Promise<void> {
    if (!this._running) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve: () => void): void => {
      this._drainWaiters.push(resolve);
    });
  }

  private take(): QueuedWrite | undefined {
    if (this._head >= this._queue.length) {
      return undefined;
    }
    const c = this._queue[this._head];
    this._head++;
    if (this._head > 64 && this._head * 2 > this._queue.length) {
      this._queue.splice(0, this._head);
      this._head = 0;
    }
    return c;
  }

  private peek(): QueuedWrite | undefined {
    return this._head < this._queue.length ? this._queue[this._head] : undefined;
  }

  private async run(): Promise<void> {
    try {
      while (this.peek() !== undefined) {
        try {
          await this._state.ensureOpen();
        } catch (e) {
          // The store cannot even be read: fail what is queued now; later commands try again.
          const error = MeshError.from(e as Error, ErrorCode.STORE) as Error;
          for (let c = this.take(); c !== undefined; c = this.take()) {
            c.fail(error);
          }
          break;
        }
        await this.runGroup();
      }
    } finally {
      this._running = false;
      const waiters = this._drainWaiters;
      this._drainWaiters = [];
      for (const w of waiters) {
        w();
      }
      // A command enqueued while the last waiters ran restarts the loop.
      if (this.peek() !== undefined && !this._running) {
        this._running = true;
        this.run().catch((e: Error): void => {
          this._state.logger.error('event store writer stopped unexpectedly', { 'error': String(e) });
        });
      }
    }
  }

  private async runGroup(): Promise<void> {
    const group = new WriteGroup(this._state);
    const members: QueuedWrite[] = [];
    for (let next = this.peek(); next !== undefined && members.length < this._maxGroup; next = this.peek()) {
      if (next.exclusive && members.length > 0) {
        break;
      }
      this.take();
      try {
        await next.prepare(group);
        members.push(next);
      } catch (e) {
        this.stats.rejected++;
        next.fail(e instanceof Error ? e : new MeshError(ErrorCode.INTERNAL, String(e)));
      }
      if (next.exclusive) {
        break;
      }
    }
    if (members.length === 0) {
      return;
    }
    const ops = group.batch();
    if (ops.length > 0) {
      try {
        await this._state.store.batch(ops);
      } catch (e) {
        this.stats.storeFailures++;
        // The batch may or may not have been applied: forget the cache, reload from the store.
        this._state.invalidate();
        const error = MeshError.from(e as Error, ErrorCode.STORE) as Error;
        this._state.logger.warn('event store batch failed', { 'error': error.message, 'commands': members.length });
        for (const m of members) {
          m.fail(error);
        }
        return;
      }
      this.stats.batches++;
    }
    this.stats.committed += members.length;
    this._state.commit(group.heads, group.position, group.events);
    for (const m of members) {
      m.settle();
    }
  }
}
