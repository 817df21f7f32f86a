import { ErrorCode } from '../../core/errors/ErrorCode';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Disposable } from '../../core/events/Disposable';
import { EventEmitter, Listener } from '../../core/events/EventEmitter';
import { Backoff } from '../../resilience/backoff/Backoff';
import { BackoffJitter, ExponentialBackoff } from '../../resilience/backoff/ExponentialBackoff';
import { RetryBudget } from '../../resilience/RetryBudget';
import { GatewayContext } from '../GatewayContext';
import { GatewayMiddleware, GatewayNext } from '../GatewayMiddleware';
import { runWithDeadline } from '../internal/runWithDeadline';
import { sleep } from '../internal/sleep';

/** Methods retried by default: the idempotent ones (RFC 9110 9.2.2). */
export const DEFAULT_RETRY_METHODS: string[] = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'];
/** Upstream response statuses retried by default. */
export const DEFAULT_RETRY_STATUSES: number[] = [502, 503, 504];
/** Error codes retried by default: failures another attempt (maybe on another instance) can fix. */
export const DEFAULT_RETRY_CODES: string[] = [
  ErrorCode.UPSTREAM, ErrorCode.UNREACHABLE, ErrorCode.NO_HEALTHY_INSTANCE, ErrorCode.TRANSPORT_CLOSED, ErrorCode.TIMEOUT
];
/** Default attempts in all (the first one included). */
export const DEFAULT_RETRY_ATTEMPTS = 3;
/** Default first backoff: 25 ms, doubling, full jitter, at most 1 s. */
export const DEFAULT_RETRY_INITIAL_DELAY_MS = 25;
export const DEFAULT_RETRY_MAX_DELAY_MS = 1000;

/** Options of a {@link RetryMiddleware}. */
export interface RetryMiddlewareOptions {
  /** Attempts in all, >= 1. Default {@link DEFAULT_RETRY_ATTEMPTS}. */
  maxAttempts?: number;
  /** Methods that may be retried. Default {@link DEFAULT_RETRY_METHODS}. */
  methods?: string[];
  /** Upstream statuses to retry. Default {@link DEFAULT_RETRY_STATUSES}. */
  statuses?: number[];
  /** Error codes to retry. Default {@link DEFAULT_RETRY_CODES}. */
  codes?: string[];
  /** Delay before each retry. Default: exponential from 25 ms, x2, full jitter on the gateway's Random, max 1 s. */
  backoff?: Backoff;
  /** Caps retries as a share of requests (Linkerd). Default: a RetryBudget on the gateway's Clock (20%, 10/s floor, 10 s window). */
  budget?: RetryBudget;
  /** Time limit of each attempt in ms (a timed-out attempt may be retried). Default: none. */
  perTryTimeoutMs?: number;
}

/** Emitted before each retry. */
export interface GatewayRetryEvent {
  requestId: string | undefined;
  routeId: string | undefined;
  service: string;
  /** The attempt about to run (2 for the first retry). */
  attempt: number;
  delayMs: number;
  /** The error code or `status <n>` that caused the retry. */
  reason: string;
}

/** Why a request that could have been retried was not. */
export enum RetryStopReason {
  ATTEMPTS = 'attempts',
  DEADLINE = 'deadline',
  BUDGET = 'budget',
  CANCELLED = 'cancelled'
}

/**
 * Retries idempotent requests whose upstream call failed with a retryable code or status, after a
 * backoff on the Clock, within a retry budget shared by every request through this middleware
 * (Linkerd-style: retries add at most `retryRatio` to the load, plus a floor per second). It never
 * retries when the backoff would end after the deadline, nor once the request is cancelled; the last
 * attempt's response is kept. Put it inside a TimeoutMiddleware so the whole loop has a deadline.
 */
export class RetryMiddleware implements GatewayMiddleware {
  readonly name: string = 'retry';
  readonly maxAttempts: number;
  private readonly _methods: Set<string> = new Set<string>();
  private readonly _statuses: Set<number> = new Set<number>();
  private readonly _codes: Set<string> = new Set<string>();
  private _backoff: Backoff | undefined;
  private _budget: RetryBudget | undefined;
  private readonly _perTry: number | undefined;
  private readonly _events: EventEmitter<GatewayRetryEvent> = new EventEmitter<GatewayRetryEvent>();
  private readonly _stops: Map<string, number> = new Map<string, number>();
  private _retries: number = 0;

  constructor(options?: RetryMiddlewareOptions) {
    this.maxAttempts = options?.maxAttempts ?? DEFAULT_RETRY_ATTEMPTS;
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) {
      throw new InvalidArgumentError('options.maxAttempts', 'must be an integer >= 1');
    }
    for (const m of options?.methods ?? DEFAULT_RETRY_METHODS) {
      this._methods.add(m.toUpperCase());
    }
    for (const s of options?.statuses ?? DEFAULT_RETRY_STATUSES) {
      this._statuses.add(s);
    }
    for (const c of options?.codes ?? DEFAULT_RETRY_CODES) {
      this._codes.add(c);
    }
    this._backoff = options?.backoff;
    this._budget = options?.budget;
    const perTry = options?.perTryTimeoutMs;
    if (perTry !== undefined && (!Number.isFinite(perTry) || perTry <= 0)) {
      throw new InvalidArgumentError('options.perTryTimeoutMs', 'must be a finite number > 0');
    }
    this._perTry = perTry;
  }

  /** Retries made so far. */
  get retries(): number {
    return this._retries;
  }

  /** How often retrying stopped for `reason` although the last attempt was retryable. */
  stops(reason: RetryStopReason): number {
    return this._stops.get(reason) ?? 0;
  }

  /** The budget in use (created on first use when none was given). */
  get budget(): RetryBudget | undefined {
    return this._budget;
  }

  onRetry(listener: Listener<GatewayRetryEvent>): Disposable {
    return this._events.on(listener);
  }

  /** True when the outcome now in `ctx` is worth another attempt. */
  retryable(ctx: GatewayContext): boolean {
    const error = ctx.error;
    if (error !== undefined) {
      return this._codes.has(error.code);
    }
    const res = ctx.response;
    return res !== undefined && this._statuses.has(res.status);
  }

  async handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    if (!this._methods.has(ctx.request.method)) {
      await next();
      return;
    }
    const budget = this._budget ?? new RetryBudget({ clock: ctx.clock });
    this._budget = budget;
    const backoff = this._backoff ?? new ExponentialBackoff({
      initialDelayMs: DEFAULT_RETRY_INITIAL_DELAY_MS, maxDelayMs: DEFAULT_RETRY_MAX_DELAY_MS,
      jitter: BackoffJitter.FULL, random: ctx.random
    });
    this._backoff = backoff;
    budget.deposit();
    let previousDelay = 0;
    for (let attempt = 1; ; attempt++) {
      ctx.attempt = attempt;
      await this.attempt(ctx, next);
      if (!this.retryable(ctx)) {
        return;
      }
      if (attempt >= this.maxAttempts) {
        this.stop(RetryStopReason.ATTEMPTS);
        return;
      }
      if (ctx.cancellation.isCancelled) {
        this.stop(RetryStopReason.CANCELLED);
        return;
      }
      const delay = Math.max(0, backoff.delayMs(attempt, previousDelay));
      // Never retry after the deadline: the retry must at least start before it.
      if (ctx.deadline !== undefined && ctx.now() + delay >= ctx.deadline) {
        this.stop(RetryStopReason.DEADLINE);
        return;
      }
      if (!budget.tryWithdraw()) {
        this.stop(RetryStopReason.BUDGET);
        return;
      }
      const reason = ctx.error !== undefined ? ctx.error.code : `status ${ctx.response !== undefined ? ctx.response.status : 0}`;
      this._retries++;
      this._events.emit({
        requestId: ctx.requestId, routeId: ctx.routeId, service: ctx.target.service,
        attempt: attempt + 1, delayMs: delay, reason: reason
      });
      if (delay > 0 && !(await sleep(ctx.clock, delay, ctx.cancellation))) {
        this.stop(RetryStopReason.CANCELLED);
        return;
      }
      ctx.reset();
      previousDelay = delay;
    }
  }

  private async attempt(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    const perTry = this._perTry;
    if (perTry === undefined) {
      await next();
      return;
    }
    const now = ctx.now();
    const deadline = ctx.deadline !== undefined ? Math.min(ctx.deadline, now + perTry) : now + perTry;
    await runWithDeadline(ctx, next, deadline, `attempt ${ctx.attempt}`);
  }

  private stop(reason: RetryStopReason): void {
    this._stops.set(reason, (this._stops.get(reason) ?? 0) + 1);
  }
}
