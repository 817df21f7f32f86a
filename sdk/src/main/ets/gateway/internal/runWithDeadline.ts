import { TimeoutError } from '../../core/errors/TimeoutError';
import { TimerId } from '../../platform/Clock';
import { GatewayContext } from '../GatewayContext';
import { GatewayNext } from '../GatewayMiddleware';

/**
 * Runs the rest of the pipeline on a fork of `ctx` with `deadline`, and answers 504 (ERR_TIMEOUT) on
 * `ctx` if it is not done by then: the fork is cancelled and whatever it produces later is dropped,
 * so a late upstream response can never overwrite the timeout response. Otherwise `ctx` adopts the
 * fork's outcome.
 */
export const runWithDeadline = async (ctx: GatewayContext, next: GatewayNext, deadline: number, what: string): Promise<void> => {
  const child = ctx.fork();
  child.deadline = deadline;
  const budget = deadline - ctx.now();
  let timer: TimerId | undefined = undefined;
  const expired = new Promise<boolean>((resolve: (timedOut: boolean) => void): void => {
    timer = ctx.clock.setTimer(budget, (): void => resolve(true));
  });
  const done = next(child).then((): boolean => false);
  const timedOut = await Promise.race<boolean>([done, expired]);
  if (timer !== undefined) {
    ctx.clock.clearTimer(timer);
  }
  if (timedOut) {
    const error = new TimeoutError(`${what} timed out after ${budget} ms`, budget);
    child.cancel(error as Error);
    // Keep where it was going and how often it tried, for logs and the exchange event.
    ctx.target = child.target;
    ctx.attempt = child.attempt;
    ctx.fail(error);
  } else {
    ctx.adopt(child);
  }
  child.dispose();
};
