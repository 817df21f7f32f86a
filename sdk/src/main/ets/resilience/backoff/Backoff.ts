/**
 * How long to wait before a retry. Stateless: the caller passes the retry number and the previous
 * delay, so one Backoff serves many concurrent retry loops. Built-in: {@link ConstantBackoff},
 * {@link ExponentialBackoff} (optionally with full or equal jitter) and
 * {@link DecorrelatedJitterBackoff}; implement this interface for another schedule.
 */
export interface Backoff {
  /**
   * Delay in ms before retry number `retry` (1 for the first retry, i.e. the second attempt),
   * given the delay used before the previous retry (0 before the first). Always finite and >= 0.
   */
  delayMs(retry: number, previousDelayMs: number): number;
}
