import { CancellationToken } from '../../core/cancellation/CancellationToken';
import { Disposable } from '../../core/events/Disposable';
import { TimeoutError } from '../../core/errors/TimeoutError';
import { Clock, TimerId } from '../../platform/Clock';

/**
 * Settles with `work`, unless the deadline passes first (TimeoutError) or `token` is cancelled (its
 * reason). The loser's late result is ignored; the timer and the cancellation hook are released.
 */
export const raceDeadline = <T>(work: Promise<T>, clock: Clock, deadline: number | undefined,
  token: CancellationToken, what: string): Promise<T> => {
  return new Promise<T>((resolve: (value: T) => void, reject: (reason: Error) => void): void => {
    let done = false;
    let timer: TimerId | undefined = undefined;
    let hook: Disposable | undefined = undefined;
    const finish = (): boolean => {
      if (done) {
        return false;
      }
      done = true;
      if (timer !== undefined) {
        clock.clearTimer(timer);
      }
      if (hook !== undefined) {
        hook.dispose();
      }
      return true;
    };
    if (deadline !== undefined) {
      const budget = deadline - clock.now();
      timer = clock.setTimer(budget, (): void => {
        if (finish()) {
          reject(new TimeoutError(`${what} timed out`, budget) as Error);
        }
      });
    }
    hook = token.onCancelled((reason: Error): void => {
      if (finish()) {
        reject(reason);
      }
    });
    if (done) {
      hook.dispose();
      return;
    }
    work.then((value: T): void => {
      if (finish()) {
        resolve(value);
      }
    }, (e: Error): void => {
      if (finish()) {
        reject(e);
      }
    });
  });
};
