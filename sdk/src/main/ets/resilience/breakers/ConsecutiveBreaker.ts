import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { JsonObject } from '../../core/json/JsonValue';
import { TransitionReason } from '../CircuitState';
import { expectType, readInt } from '../internal/snapshotFields';
import { Breaker, BreakerWindow } from './Breaker';

const PREFIX = 'snapshot.window';

/**
 * Opens the circuit after `threshold` consecutive failures; any success (slow or not) restarts the
 * count. The cheapest strategy and the most predictable at low call rates (Envoy's consecutive
 * 5xx). Slow calls are counted in the window but do not trip it: use a rate window for that.
 */
export class ConsecutiveBreaker implements Breaker {
  readonly usesTime: boolean = false;
  readonly threshold: number;
  private _consecutive: number = 0;
  private _calls: number = 0;
  private _failures: number = 0;
  private _slow: number = 0;

  /** `threshold`: consecutive failures that open the circuit (integer >= 1). */
  constructor(threshold: number) {
    if (!Number.isInteger(threshold) || threshold < 1) {
      throw new InvalidArgumentError('options.consecutiveFailures', 'must be an integer >= 1');
    }
    this.threshold = threshold;
  }

  record(failed: boolean, slow: boolean, now: number): TransitionReason | undefined {
    this._calls++;
    if (slow) {
      this._slow++;
    }
    if (!failed) {
      this._consecutive = 0;
      return undefined;
    }
    this._failures++;
    this._consecutive++;
    return this._consecutive >= this.threshold ? TransitionReason.CONSECUTIVE_FAILURES : undefined;
  }

  reset(now: number): void {
    this._consecutive = 0;
    this._calls = 0;
    this._failures = 0;
    this._slow = 0;
  }

  window(now: number): BreakerWindow {
    const w: BreakerWindow = {
      calls: this._calls, failures: this._failures, slowCalls: this._slow, consecutiveFailures: this._consecutive
    };
    return w;
  }

  snapshot(): JsonObject {
    return {
      'type': 'consecutive', 'consecutive': this._consecutive, 'calls': this._calls, 'failures': this._failures,
      'slowCalls': this._slow
    } as Record<string, number | string> as JsonObject;
  }

  restore(snapshot: JsonObject, now: number): void {
    expectType(snapshot, PREFIX, 'consecutive');
    const calls = readInt(snapshot, PREFIX, 'calls', Number.MAX_SAFE_INTEGER);
    const failures = readInt(snapshot, PREFIX, 'failures', calls);
    const slow = readInt(snapshot, PREFIX, 'slowCalls', calls);
    const consecutive = readInt(snapshot, PREFIX, 'consecutive', failures);
    this._calls = calls;
    this._failures = failures;
    this._slow = slow;
    this._consecutive = consecutive;
  }
}
