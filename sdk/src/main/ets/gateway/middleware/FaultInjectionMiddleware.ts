import { ErrorCode } from '../../core/errors/ErrorCode';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { GatewayError } from '../errors/GatewayError';
import { GatewayAttribute } from '../GatewayAttribute';
import { GatewayContext } from '../GatewayContext';
import { GatewayMiddleware, GatewayNext } from '../GatewayMiddleware';
import { sleep } from '../internal/sleep';

/** A fixed delay injected into a share of requests. */
export interface FaultDelay {
  ms: number;
  /** Share of requests delayed, 0-100. */
  percent: number;
}

/** An abort (error response without calling the upstream) injected into a share of requests. */
export interface FaultAbort {
  /** Status of the injected response, 400-599. Default 503. */
  status?: number;
  /** Share of requests aborted, 0-100. */
  percent: number;
}

/** Options of a {@link FaultInjectionMiddleware}. */
export interface FaultInjectionOptions {
  delay?: FaultDelay;
  abort?: FaultAbort;
}

const checkPercent = (p: number, field: string): void => {
  if (!Number.isFinite(p) || p < 0 || p > 100) {
    throw new InvalidArgumentError(field, 'must be a number in 0..100');
  }
};

/**
 * Envoy-style fault injection for tests and chaos drills: delays a share of requests by a fixed time
 * (on the Clock), then aborts a share with an error status (ERR_FAULT_INJECTED) instead of calling
 * the upstream. Draws come from the gateway's Random, so a seeded run injects the same faults.
 */
export class FaultInjectionMiddleware implements GatewayMiddleware {
  readonly name: string = 'fault-injection';
  private readonly _delay: FaultDelay | undefined;
  private readonly _abort: FaultAbort | undefined;
  private readonly _abortStatus: number;
  private _delayed: number = 0;
  private _aborted: number = 0;

  constructor(options: FaultInjectionOptions) {
    const delay = options?.delay;
    const abort = options?.abort;
    if (delay === undefined && abort === undefined) {
      throw new InvalidArgumentError('options', 'give a delay, an abort or both');
    }
    if (delay !== undefined) {
      if (!Number.isFinite(delay.ms) || delay.ms < 0) {
        throw new InvalidArgumentError('options.delay.ms', 'must be a finite number >= 0');
      }
      checkPercent(delay.percent, 'options.delay.percent');
    }
    this._abortStatus = 503;
    if (abort !== undefined) {
      checkPercent(abort.percent, 'options.abort.percent');
      const status = abort.status ?? 503;
      if (!Number.isInteger(status) || status < 400 || status > 599) {
        throw new InvalidArgumentError('options.abort.status', 'must be an integer in 400..599');
      }
      this._abortStatus = status;
    }
    this._delay = delay;
    this._abort = abort;
  }

  /** Requests delayed so far. */
  get delayed(): number {
    return this._delayed;
  }

  /** Requests aborted so far. */
  get aborted(): number {
    return this._aborted;
  }

  async handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    const delay = this._delay;
    if (delay !== undefined && ctx.random.next() * 100 < delay.percent) {
      this._delayed++;
      ctx.attributes.set(GatewayAttribute.FAULT, 'delay');
      if (!(await sleep(ctx.clock, delay.ms, ctx.cancellation))) {
        return;
      }
    }
    const abort = this._abort;
    if (abort !== undefined && ctx.random.next() * 100 < abort.percent) {
      this._aborted++;
      ctx.attributes.set(GatewayAttribute.FAULT, 'abort');
      throw new GatewayError(ErrorCode.FAULT_INJECTED, `fault injected: aborted with ${this._abortStatus}`, this._abortStatus);
    }
    await next();
  }
}
