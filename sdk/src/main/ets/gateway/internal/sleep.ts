import { CancellationToken } from '../../core/cancellation/CancellationToken';
import { Disposable } from '../../core/events/Disposable';
import { Clock, TimerId } from '../../platform/Clock';

/** Waits `ms` on `clock`; resolves true when the time has passed, false at once when `token` is cancelled. */
export const sleep = (clock: Clock, ms: number, token: CancellationToken): Promise<boolean> => {
  return new Promise<boolean>((resolve: (slept: boolean) => void): void => {
    if (token.isCancelled) {
      resolve(false);
      return;
    }
    let hook: Disposable | undefined = undefined;
    const timer: TimerId = clock.setTimer(ms, (): void => {
      if (hook !== undefined) {
        hook.dispose();
      }
      resolve(true);
    });
    hook = token.onCancelled((): void => {
      clock.clearTimer(timer);
      resolve(false);
    });
  });
};
