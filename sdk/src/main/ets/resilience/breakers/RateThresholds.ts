import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { TransitionReason } from '../CircuitState';

/** The rate rules shared by the window breakers: minimum calls, failure and slow-call rates. */
export class RateThresholds {
  readonly minimumNumberOfCalls: number;
  readonly failureRateThreshold: number;
  readonly slowCallRateThreshold: number;

  constructor(minimumNumberOfCalls: number, failureRateThreshold: number, slowCallRateThreshold: number) {
    this.minimumNumberOfCalls = minimumNumberOfCalls;
    this.failureRateThreshold = failureRateThreshold;
    this.slowCallRateThreshold = slowCallRateThreshold;
  }

  /** Validates and builds thresholds; throws InvalidArgumentError naming the bad field. */
  static from(minimumNumberOfCalls: number, failureRateThreshold: number, slowCallRateThreshold: number): RateThresholds {
    if (!Number.isInteger(minimumNumberOfCalls) || minimumNumberOfCalls < 1) {
      throw new InvalidArgumentError('options.minimumNumberOfCalls', 'must be an integer >= 1');
    }
    if (!(failureRateThreshold > 0 && failureRateThreshold <= 1)) {
      throw new InvalidArgumentError('options.failureRateThreshold', 'must be in (0, 1]');
    }
    if (!(slowCallRateThreshold > 0 && slowCallRateThreshold <= 1)) {
      throw new InvalidArgumentError('options.slowCallRateThreshold', 'must be in (0, 1]');
    }
    return new RateThresholds(minimumNumberOfCalls, failureRateThreshold, slowCallRateThreshold);
  }

  /**
   * Why a window of `calls` calls with `failures` failures and `slow` slow calls should open the
   * circuit, or undefined. Rates are `failures / calls` compared with `>=` (as resilience4j), the
   * failure rate first; nothing trips below `minimumNumberOfCalls`.
   */
  check(calls: number, failures: number, slow: number): TransitionReason | undefined {
    if (calls < this.minimumNumberOfCalls) {
      return undefined;
    }
    if (failures / calls >= this.failureRateThreshold) {
      return TransitionReason.FAILURE_RATE;
    }
    if (slow / calls >= this.slowCallRateThreshold) {
      return TransitionReason.SLOW_CALL_RATE;
    }
    return undefined;
  }
}
