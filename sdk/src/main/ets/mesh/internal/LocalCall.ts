import { CancellationToken } from '../../core/cancellation/CancellationToken';
import { Disposable } from '../../core/events/Disposable';
import { TimeoutError } from '../../core/errors/TimeoutError';
import { MeshError } from '../../core/errors/MeshError';
import { Deadline, DeadlineQueue } from '../../transport/internal/DeadlineQueue';
import { MeshResponse } from '../../transport/MeshResponse';
import { ServiceContext } from '../ServiceContext';

/**
 * A call served on this device, raced against its deadline and its caller's token: whichever
 * comes first settles it, exactly like a remote call through the transport would.
 */
export class LocalCall extends Deadline {
  private readonly _ctx: ServiceContext;
  private readonly _queue: DeadlineQueue;
  private readonly _startedAt: number;
  private _done: boolean = false;
  private _cancel: Disposable | undefined = undefined;
  private _resolve: (r: MeshResponse) => void = (r: MeshResponse): void => {};
  private _reject: (e: Error) => void = (e: Error): void => {};

  private constructor(ctx: ServiceContext, queue: DeadlineQueue, deadline: number, startedAt: number) {
    super();
    this._ctx = ctx;
    this._queue = queue;
    this.deadline = deadline;
    this._startedAt = startedAt;
  }

  /** Settles with `run`, or with ERR_TIMEOUT at `deadline`, or with the token's reason. */
  static race(run: Promise<MeshResponse>, ctx: ServiceContext, queue: DeadlineQueue, deadline: number,
    token: CancellationToken, now: number): Promise<MeshResponse> {
    const call = new LocalCall(ctx, queue, deadline, now);
    const p = new Promise<MeshResponse>((resolve: (r: MeshResponse) => void, reject: (e: Error) => void): void => {
      call._resolve = resolve;
      call._reject = reject;
    });
    queue.add(call);
    if (token !== CancellationToken.NONE) {
      call._cancel = token.onCancelled((reason: Error): void => call.fail(reason));
    }
    run.then((r: MeshResponse): void => call.succeed(r), (e: Error): void => call.fail(MeshError.from(e) as Error));
    return p;
  }

  expire(): void {
    if (!this._done) {
      const waited = this.deadline - this._startedAt;
      const error = new TimeoutError(`local call to ${this._ctx.serviceName} timed out after ${waited} ms`, waited) as Error;
      this._ctx.cancel(error);
      this.finish();
      this._reject(error);
    }
  }

  private succeed(r: MeshResponse): void {
    if (!this._done) {
      this.finish();
      this._queue.remove(this);
      this._resolve(r);
    }
  }

  /** Settles the call with `e` now (the node stops). */
  abort(e: Error): void {
    this.fail(e);
  }

  private fail(e: Error): void {
    if (!this._done) {
      this.finish();
      this._queue.remove(this);
      this._ctx.cancel(e);
      this._reject(e);
    }
  }

  private finish(): void {
    this._done = true;
    this._ctx.complete();
    if (this._cancel !== undefined) {
      this._cancel.dispose();
    }
  }
}
