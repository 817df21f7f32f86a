import { WriteGroup } from './WriteGroup';

/** What the writer queue holds: a command of any result type. */
export interface QueuedWrite {
  readonly exclusive: boolean;
  prepare(group: WriteGroup): Promise<void>;
  settle(): void;
  fail(error: Error): void;
}

/**
 * One write request queued on the writer. `prepare` checks it against the group's state and adds
 * its writes (or throws, rejecting only this command); after the group's batch resolved, `settle`
 * resolves the caller's promise; `fail` rejects it. An exclusive command runs alone in its group
 * (deletes and truncation: they read stored events that an earlier command of the group could
 * not have written yet).
 */
export abstract class WriteCommand<T> implements QueuedWrite {
  readonly exclusive: boolean;
  readonly promise: Promise<T>;
  private _resolve: (value: T) => void = (value: T): void => {};
  private _reject: (error: Error) => void = (error: Error): void => {};

  constructor(exclusive: boolean) {
    this.exclusive = exclusive;
    this.promise = new Promise<T>((resolve: (value: T) => void, reject: (error: Error) => void): void => {
      this._resolve = resolve;
      this._reject = reject;
    });
  }

  abstract prepare(group: WriteGroup): Promise<void>;

  /** The result once the batch is durable. */
  protected abstract result(): T;

  settle(): void {
    this._resolve(this.result());
  }

  fail(error: Error): void {
    this._reject(error);
  }
}
