import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { TimeoutError } from '../../core/errors/TimeoutError';
import { GatewayContext } from '../GatewayContext';
import { GatewayMiddleware, GatewayNext } from '../GatewayMiddleware';
import { runWithDeadline } from '../internal/runWithDeadline';

/** Options of a {@link TimeoutMiddleware}. */
export interface TimeoutMiddlewareOptions {
  /** Time the rest of the pipeline (retries and backoff included) may take, in ms. Required, > 0. */
  timeoutMs: number;
}

/**
 * Bounds everything after it by a deadline: `now + timeoutMs`, or the request's own deadline when
 * that is earlier (a caller's deadline is never extended). It sets `ctx.deadline`, so the upstream
 * request carries it (and `x-mesh-timeout-ms` across devices) and retries stop before it; when it
 * passes first, the answer is 504 ERR_TIMEOUT and the rest of the pipeline is cancelled.
 */
export class TimeoutMiddleware implements GatewayMiddleware {
  readonly name: string = 'timeout';
  readonly timeoutMs: number;
  private _timeouts: number = 0;

  constructor(options: TimeoutMiddlewareOptions) {
    if (options === undefined || !Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
      throw new InvalidArgumentError('options.timeoutMs', 'must be a finite number > 0');
    }
    this.timeoutMs = options.timeoutMs;
  }

  /** Requests that timed out here so far. */
  get timeouts(): number {
    return this._timeouts;
  }

  async handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    const now = ctx.now();
    let deadline = now + this.timeoutMs;
    if (ctx.deadline !== undefined && ctx.deadline < deadline) {
      deadline = ctx.deadline;
    }
    if (deadline <= now) {
      this._timeouts++;
      throw new TimeoutError('the request deadline had already passed', 0);
    }
    ctx.deadline = deadline;
    await runWithDeadline(ctx, next, deadline, 'request');
    if (ctx.error instanceof TimeoutError) {
      this._timeouts++;
    }
  }
}
