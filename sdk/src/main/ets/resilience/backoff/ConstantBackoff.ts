import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Backoff } from './Backoff';

/** The same delay before every retry (0 retries at once). */
export class ConstantBackoff implements Backoff {
  readonly delay: number;

  constructor(delayMs: number) {
    if (!Number.isFinite(delayMs) || delayMs < 0) {
      throw new InvalidArgumentError('delayMs', 'must be a finite number >= 0');
    }
    this.delay = delayMs;
  }

  delayMs(retry: number, previousDelayMs: number): number {
    return this.delay;
  }
}
