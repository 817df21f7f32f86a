import { CancellationToken } from '../../core/cancellation/CancellationToken';
import { Disposable } from '../../core/events/Disposable';
import { Clock } from '../../platform/Clock';

/**
 * Resolves after `ms` of Clock time; rejects with the token's reason as soon as it is cancelled
 * (the timer is cleared then, so nothing keeps running).
 */
export function sleep(clock: Clock, ms: number, token: CancellationToken): Promise<void> {
  if (token.isCancelled) {
    return Promise.reject(token.reason);
  }
  return new Promise<void>((resolve: () => void, reject: (error: Error) => void): void => {
    let subscription: Disposable | undefined = undefined;
    const timer = clock.setTimer(ms, (): void => {
      if (subscription !== undefined) {
        subscription.dispose();
      }
      resolve();
    });
    if (token !== CancellationToken.NONE) {
      subscription = token.onCancelled((reason: Error): void => {
        clock.clearTimer(timer);
        reject(reason);
      });
    }
  });
}
