import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/**
 * A circuit breaker rejected a call without running it (`ERR_BREAKER_OPEN`): it is open, forced
 * open, or half-open with every trial permit taken. The gateway maps it to 503.
 *
 * One instance is shared by every rejection in the same breaker state (building an Error captures
 * a stack, which would make rejecting as expensive as calling): treat it as read-only.
 */
export class BreakerOpenError extends MeshError {
  /** Name of the breaker (its registry key when it came from a registry). */
  readonly breakerName: string;
  /** The state that rejected the call: 'open', 'half-open' or 'forced-open'. */
  readonly state: string;
  /** Epoch ms (Clock time) from which a trial call may be admitted; `Infinity` when forced open. */
  readonly retryAt: number;

  constructor(breakerName: string, state: string, retryAt: number) {
    super(ErrorCode.BREAKER_OPEN, `circuit breaker '${breakerName}' is ${state}`);
    this.name = 'BreakerOpenError';
    this.breakerName = breakerName;
    this.state = state;
    this.retryAt = retryAt;
  }
}
