import { CancelledError } from '../errors/CancelledError';
import { Disposable } from '../events/Disposable';

/** Called once when a token is cancelled, with the reason. */
export type CancellationCallback = (reason: Error) => void;

/**
 * Cooperative cancellation (ArkTS has no AbortController). Operations read `isCancelled`, call
 * `throwIfCancelled()`, or register `onCancelled`. Tokens come from a {@link CancellationSource}.
 */
export class CancellationToken {
  private _reason: Error | undefined = undefined;
  private _callbacks: CancellationCallback[] = [];

  /** A token that is never cancelled. */
  static readonly NONE: CancellationToken = new CancellationToken();

  get isCancelled(): boolean {
    return this._reason !== undefined;
  }

  get reason(): Error | undefined {
    return this._reason;
  }

  /** Throws the cancellation reason when cancelled. */
  throwIfCancelled(): void {
    const reason = this._reason;
    if (reason !== undefined) {
      throw reason;
    }
  }

  /** Runs `callback` on cancellation (at once when already cancelled). */
  onCancelled(callback: CancellationCallback): Disposable {
    const reason = this._reason;
    if (reason !== undefined) {
      callback(reason);
      return Disposable.none();
    }
    if (this === CancellationToken.NONE) {
      return Disposable.none();
    }
    this._callbacks.push(callback);
    return new Disposable((): void => {
      const i = this._callbacks.indexOf(callback);
      if (i >= 0) {
        this._callbacks.splice(i, 1);
      }
    });
  }

  /** @internal used by CancellationSource */
  cancelWith(reason: Error): boolean {
    if (this._reason !== undefined || this === CancellationToken.NONE) {
      return false;
    }
    this._reason = reason;
    const callbacks = this._callbacks;
    this._callbacks = [];
    for (const cb of callbacks) {
      try {
        cb(reason);
      } catch (e) {
        // A failing cancellation callback must not stop the others from running.
      }
    }
    return true;
  }
}

/** Owns a token and cancels it. Optionally linked to a parent token: parent cancellation cascades. */
export class CancellationSource {
  readonly token: CancellationToken = new CancellationToken();
  private _link: Disposable | undefined = undefined;

  constructor(parent?: CancellationToken) {
    if (parent !== undefined) {
      this._link = parent.onCancelled((reason: Error): void => {
        this.cancel(reason);
      });
    }
  }

  /** Cancels the token; returns false when it was already cancelled. */
  cancel(reason?: Error): boolean {
    const done = this.token.cancelWith(reason ?? new CancelledError('operation cancelled'));
    this.dispose();
    return done;
  }

  /** Detaches from the parent token without cancelling. */
  dispose(): void {
    const link = this._link;
    if (link !== undefined) {
      this._link = undefined;
      link.dispose();
    }
  }
}
