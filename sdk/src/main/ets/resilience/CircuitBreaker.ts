import { Disposable } from '../core/events/Disposable';
import { EventEmitter, Listener } from '../core/events/EventEmitter';
import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { Clock } from '../platform/Clock';
import { Breaker } from './breakers/Breaker';
import { CircuitBreakerOptions, DEFAULT_BREAKER_NAME, ResolvedBreakerSettings } from './CircuitBreakerOptions';
import {
  BreakerCallResult, BreakerRejection, BreakerStateChange, BreakerOutcome, CircuitBreakerMetrics, CircuitBreakerSnapshot
} from './CircuitBreakerTypes';
import { CircuitState, TransitionReason } from './CircuitState';
import { BreakerOpenError } from './errors/BreakerOpenError';
import { parseBreakerSnapshot } from './internal/breakerSnapshot';
import { writeTime } from './internal/snapshotFields';
import { Policy, PolicyTask, runPolicyTask } from './Policy';
import { PolicyContext } from './PolicyContext';

/** Returned by `tryAcquirePermission` when the call must not run. */
export const NO_PERMIT = -1;
/** Returned by `tryAcquirePermission` while DISABLED: run the call, nothing is recorded. */
export const UNTRACKED_PERMIT = -2;

const IGNORE = (error: Error): void => {};

/**
 * A circuit breaker: a state machine (CLOSED, OPEN, HALF_OPEN, FORCED_OPEN, DISABLED) that stops
 * calling an upstream that keeps failing, gives it time to recover, then lets a few trial calls
 * through. The trip rule is a pluggable {@link Breaker} (consecutive failures, or failure and
 * slow-call rates over a count or time window with a minimum number of calls).
 *
 * - CLOSED: calls run; `isFailure`/`isFailureResult` classify outcomes (`ignoreError` ones count
 *   as nothing) and the strategy decides when to open.
 * - OPEN: calls are rejected with a shared {@link BreakerOpenError} (`ERR_BREAKER_OPEN`), through
 *   one shared already-handled rejected promise, until the open duration has passed; the duration
 *   grows by `openDurationMultiplier` on every reopen without a close in between, up to
 *   `maxOpenDurationMs`. OPEN becomes HALF_OPEN lazily, on the
 *   first call (or `state` read) after that time: no timer is kept.
 * - HALF_OPEN: up to `halfOpenMaxCalls` trial calls run (others are rejected); a failed or slow
 *   trial reopens the circuit, `halfOpenSuccessThreshold` successful ones close it.
 * - `isolate()` holds it FORCED_OPEN, `disable()` lets everything through unrecorded, `trip()`
 *   opens it and `reset()` closes it, all by hand.
 *
 * The window is cleared on every state change, and an outcome only counts in the state that
 * admitted the call (a late result from before a change is counted in the totals only).
 *
 * @throws BreakerOpenError (`ERR_BREAKER_OPEN`) from `execute` when the call is not admitted.
 * @example
 * const breaker = new CircuitBreaker({ clock, window: BreakerWindowType.COUNT, windowSize: 20,
 *   failureRateThreshold: 0.5, openDurationMs: 5000, openDurationMultiplier: 2 });
 * breaker.onStateChange((e) => logger.info('breaker', { 'to': e.to }));
 * const res = await breaker.execute((ctx) => callUpstream(ctx));
 */
export class CircuitBreaker implements Policy {
  readonly name: string;
  private readonly _clock: Clock;
  private readonly _settings: ResolvedBreakerSettings;
  private readonly _breaker: Breaker;
  private readonly _timed: boolean;
  private _state: CircuitState = CircuitState.CLOSED;
  private _generation: number = 0;
  private _openUntil: number = Number.POSITIVE_INFINITY;
  private _openCount: number = 0;
  private _lastTransitionAt: number;
  private _trialsInFlight: number = 0;
  private _trialSuccesses: number = 0;
  private _isolations: number = 0;
  private _isolationEpoch: number = 0;
  private _rejection: BreakerOpenError | undefined = undefined;
  private _rejectedPromise: Promise<never> | undefined = undefined;
  private _inFlight: number = 0;
  private _successes: number = 0;
  private _failures: number = 0;
  private _ignored: number = 0;
  private _slow: number = 0;
  private _rejected: number = 0;
  private readonly _onStateChange: EventEmitter<BreakerStateChange> = new EventEmitter<BreakerStateChange>();
  private readonly _onRejection: EventEmitter<BreakerRejection> = new EventEmitter<BreakerRejection>();
  private readonly _onResult: EventEmitter<BreakerCallResult> = new EventEmitter<BreakerCallResult>();

  constructor(options: CircuitBreakerOptions) {
    if (options.clock === undefined || options.clock === null) {
      throw new InvalidArgumentError('options.clock', 'is required');
    }
    this._clock = options.clock;
    this.name = options.name ?? DEFAULT_BREAKER_NAME;
    this._settings = new ResolvedBreakerSettings(options);
    this._breaker = this._settings.createBreaker();
    this._timed = this._breaker.usesTime || Number.isFinite(this._settings.slowCallDurationMs);
    this._lastTransitionAt = this._clock.now();
    const initial = options.initialState;
    if (initial !== undefined) {
      this.restore(initial);
    }
  }

  /** The current state (an elapsed OPEN turns HALF_OPEN when read). */
  get state(): CircuitState {
    this.refresh();
    return this._state;
  }

  /** Admitted calls still running. */
  get inFlight(): number {
    return this._inFlight;
  }

  /** The trip strategy (for inspection). */
  get breaker(): Breaker {
    return this._breaker;
  }

  /** Subscribes to state changes. */
  onStateChange(listener: Listener<BreakerStateChange>): Disposable {
    return this._onStateChange.on(listener);
  }

  /** Subscribes to rejected calls. */
  onRejection(listener: Listener<BreakerRejection>): Disposable {
    return this._onRejection.on(listener);
  }

  /** Subscribes to completed calls (outcome, slowness, duration). */
  onResult(listener: Listener<BreakerCallResult>): Disposable {
    return this._onResult.on(listener);
  }

  execute<T>(task: PolicyTask<T>, context?: PolicyContext): Promise<T> {
    const permit = this.tryAcquirePermission();
    if (permit === NO_PERMIT) {
      return this.rejectedPromise();
    }
    const ctx = context ?? PolicyContext.create();
    if (permit < 0) {
      return runPolicyTask(task, ctx);
    }
    // Hot path: no async frame, two closures, and the clock is read only when something needs it.
    const start = this._timed || this._onResult.size > 0 ? this._clock.now() : -1;
    let pending: Promise<T>;
    try {
      pending = task(ctx);
    } catch (e) {
      pending = Promise.reject(e);
    }
    return pending.then((value: T): T => {
      this.settle(permit, start, this._settings.classifyValue(value as Object), undefined);
      return value;
    }, (error: Error): T => {
      this.settle(permit, start, this._settings.classifyError(error), error);
      throw error;
    });
  }

  /**
   * Low-level admission for callers that do not go through `execute` (e.g. a gateway that holds
   * a request object): returns a permit (>= 0) to pass to `recordSuccess`/`recordError`/
   * `releasePermission`, {@link UNTRACKED_PERMIT} while DISABLED, or {@link NO_PERMIT} when the call
   * must be rejected (the rejection is counted and emitted). Never throws.
   */
  tryAcquirePermission(): number {
    const state = this._state;
    if (state === CircuitState.CLOSED) {
      this._inFlight++;
      return this._generation;
    }
    if (state === CircuitState.DISABLED) {
      return UNTRACKED_PERMIT;
    }
    if (state === CircuitState.OPEN) {
      this.refresh();
    }
    if (this._state === CircuitState.HALF_OPEN &&
      this._trialsInFlight + this._trialSuccesses < this._settings.halfOpenMaxCalls) {
      this._trialsInFlight++;
      this._inFlight++;
      return this._generation;
    }
    this._rejected++;
    if (this._onRejection.size > 0) {
      const event: BreakerRejection = { name: this.name, state: this._state, at: this._clock.now() };
      this._onRejection.emit(event);
    }
    return NO_PERMIT;
  }

  /** The error rejections share in the current state (built once per state). */
  rejectionError(): BreakerOpenError {
    let error = this._rejection;
    if (error === undefined) {
      const state = this._state;
      const retryAt = state === CircuitState.OPEN ? this._openUntil
        : state === CircuitState.HALF_OPEN ? this._lastTransitionAt : Number.POSITIVE_INFINITY;
      error = new BreakerOpenError(this.name, state, retryAt);
      this._rejection = error;
    }
    return error;
  }

  /**
   * The rejected promise every rejection in the current state returns. It is created once, already
   * handled: rejecting costs no Error, no stack and no unhandled-rejection bookkeeping (which is
   * what makes a per-call `Promise.reject` slow). The flip side: a caller that never awaits a
   * rejected call gets no unhandled-rejection warning for it.
   */
  private rejectedPromise(): Promise<never> {
    let p = this._rejectedPromise;
    if (p === undefined) {
      p = Promise.reject(this.rejectionError());
      p.catch(IGNORE);
      this._rejectedPromise = p;
    }
    return p;
  }

  /** Records a successful call admitted with `permit` that took `durationMs` (-1 when unknown). */
  recordSuccess(permit: number, durationMs: number): void {
    this.record(permit, durationMs, BreakerOutcome.SUCCESS, undefined, this._timed ? this._clock.now() : 0);
  }

  /** Records a call admitted with `permit` that failed with `error` (classified by the settings). */
  recordError(permit: number, durationMs: number, error: Error): void {
    this.record(permit, durationMs, this._settings.classifyError(error), error, this._timed ? this._clock.now() : 0);
  }

  /** Gives back a permit without recording an outcome (e.g. the call was never made). */
  releasePermission(permit: number): void {
    this.record(permit, -1, BreakerOutcome.IGNORED, undefined, 0);
  }

  /** Holds the circuit FORCED_OPEN until every returned handle is disposed (then it closes). */
  isolate(): Disposable {
    const epoch = this._isolationEpoch;
    this._isolations++;
    if (this._state !== CircuitState.FORCED_OPEN) {
      this.transition(CircuitState.FORCED_OPEN, TransitionReason.ISOLATED);
    }
    return new Disposable((): void => {
      if (epoch === this._isolationEpoch && this._isolations > 0) {
        this._isolations--;
        if (this._isolations === 0 && this._state === CircuitState.FORCED_OPEN) {
          this.transition(CircuitState.CLOSED, TransitionReason.RELEASED);
        }
      }
    });
  }

  /** Closes the circuit and clears its window and open-duration growth (drops isolation handles). */
  reset(): void {
    this.dropIsolation();
    this.transition(CircuitState.CLOSED, TransitionReason.RESET);
  }

  /** Opens the circuit now, as if the strategy had tripped (drops isolation handles). */
  trip(): void {
    this.dropIsolation();
    this.transition(CircuitState.OPEN, TransitionReason.MANUAL_TRIP);
  }

  /** Lets every call through without recording anything until `reset()` (drops isolation handles). */
  disable(): void {
    this.dropIsolation();
    this.transition(CircuitState.DISABLED, TransitionReason.DISABLED);
  }

  /** A point-in-time view of state, window and totals. */
  metrics(): CircuitBreakerMetrics {
    this.refresh();
    const now = this._clock.now();
    const w = this._breaker.window(now);
    const m: CircuitBreakerMetrics = {
      name: this.name,
      state: this._state,
      windowCalls: w.calls,
      windowFailures: w.failures,
      windowSlowCalls: w.slowCalls,
      failureRate: w.calls > 0 ? w.failures / w.calls : 0,
      slowCallRate: w.calls > 0 ? w.slowCalls / w.calls : 0,
      consecutiveFailures: w.consecutiveFailures,
      inFlight: this._inFlight,
      totalSuccesses: this._successes,
      totalFailures: this._failures,
      totalIgnored: this._ignored,
      totalSlowCalls: this._slow,
      totalRejected: this._rejected,
      lastTransitionAt: this._lastTransitionAt,
      openUntil: this._openUntil,
      openCount: this._openCount,
      halfOpenInFlight: this._trialsInFlight,
      halfOpenSuccesses: this._trialSuccesses
    };
    return m;
  }

  /** The state to persist (see {@link CircuitBreakerSnapshot}). */
  snapshot(): CircuitBreakerSnapshot {
    this.refresh();
    const openUntil = writeTime(this._openUntil);
    const s: CircuitBreakerSnapshot = {
      version: 1,
      state: this._state,
      openUntil: typeof openUntil === 'number' ? openUntil : null,
      openCount: this._openCount,
      lastTransitionAt: this._lastTransitionAt,
      window: this._breaker.snapshot()
    };
    return s;
  }

  /**
   * Restores a saved state (validated: a malformed snapshot throws InvalidArgumentError naming the
   * field and leaves the breaker unchanged). HALF_OPEN comes back with no trial running;
   * FORCED_OPEN comes back held open until `reset()`. Emits a state change when the state differs.
   */
  restore(snapshot: CircuitBreakerSnapshot): void {
    const parsed = parseBreakerSnapshot(snapshot);
    const state = parsed.state;
    const openUntil = parsed.openUntil;
    const openCount = parsed.openCount;
    const lastTransitionAt = parsed.lastTransitionAt;
    const window = parsed.window;
    const now = this._clock.now();
    if (state === CircuitState.CLOSED) {
      this._breaker.restore(window, now);
    } else {
      this._breaker.reset(now);
    }
    const from = this._state;
    this.dropIsolation();
    this._state = state;
    this._generation++;
    this._rejection = undefined;
    this._rejectedPromise = undefined;
    this._trialsInFlight = 0;
    this._trialSuccesses = 0;
    this._openUntil = state === CircuitState.OPEN ? openUntil : Number.POSITIVE_INFINITY;
    this._openCount = openCount;
    this._lastTransitionAt = Number.isFinite(lastTransitionAt) ? lastTransitionAt : now;
    if (from !== state) {
      this.emitChange(from, state, TransitionReason.RESTORED, now);
    }
  }

  /** Completion from `execute`: measures the duration when the clock was read at admission. */
  private settle(permit: number, start: number, outcome: BreakerOutcome, error: Error | undefined): void {
    if (start < 0) {
      this.record(permit, -1, outcome, error, 0);
    } else {
      const now = this._clock.now();
      this.record(permit, now - start, outcome, error, now);
    }
  }

  private record(permit: number, durationMs: number, outcome: BreakerOutcome, error: Error | undefined, now: number): void {
    if (permit < 0) {
      return;
    }
    if (this._inFlight > 0) {
      this._inFlight--;
    }
    const slow = durationMs > this._settings.slowCallDurationMs;
    if (outcome === BreakerOutcome.SUCCESS) {
      this._successes++;
    } else if (outcome === BreakerOutcome.FAILURE) {
      this._failures++;
    } else {
      this._ignored++;
    }
    if (slow) {
      this._slow++;
    }
    if (permit === this._generation) {
      if (this._state === CircuitState.CLOSED) {
        if (outcome !== BreakerOutcome.IGNORED) {
          const reason = this._breaker.record(outcome === BreakerOutcome.FAILURE, slow, now);
          if (reason !== undefined) {
            this.transition(CircuitState.OPEN, reason);
          }
        }
      } else if (this._state === CircuitState.HALF_OPEN) {
        this._trialsInFlight--;
        if (outcome === BreakerOutcome.FAILURE || (slow && outcome === BreakerOutcome.SUCCESS)) {
          this.transition(CircuitState.OPEN, TransitionReason.TRIAL_FAILED);
        } else if (outcome === BreakerOutcome.SUCCESS) {
          this._trialSuccesses++;
          if (this._trialSuccesses >= this._settings.halfOpenSuccessThreshold) {
            this.transition(CircuitState.CLOSED, TransitionReason.TRIAL_SUCCEEDED);
          }
        }
      }
    }
    if (this._onResult.size > 0) {
      const event: BreakerCallResult = {
        name: this.name, outcome: outcome, slow: slow, durationMs: durationMs, error: error, state: this._state,
        at: this._clock.now()
      };
      this._onResult.emit(event);
    }
  }

  /** OPEN whose duration has elapsed becomes HALF_OPEN. */
  private refresh(): void {
    if (this._state === CircuitState.OPEN && this._clock.now() >= this._openUntil) {
      this.transition(CircuitState.HALF_OPEN, TransitionReason.OPEN_ELAPSED);
    }
  }

  private dropIsolation(): void {
    this._isolations = 0;
    this._isolationEpoch++;
  }

  private transition(to: CircuitState, reason: TransitionReason): void {
    const from = this._state;
    const now = this._clock.now();
    this._state = to;
    this._generation++;
    this._lastTransitionAt = now;
    this._rejection = undefined;
    this._rejectedPromise = undefined;
    this._trialsInFlight = 0;
    this._trialSuccesses = 0;
    this._breaker.reset(now);
    if (to === CircuitState.OPEN) {
      this._openCount = from === CircuitState.HALF_OPEN ? this._openCount + 1 : 1;
      this._openUntil = now + this._settings.openDuration(this._openCount);
    } else {
      this._openUntil = Number.POSITIVE_INFINITY;
      if (to !== CircuitState.HALF_OPEN) {
        this._openCount = 0;
      }
    }
    if (from !== to) {
      this.emitChange(from, to, reason, now);
    }
  }

  private emitChange(from: CircuitState, to: CircuitState, reason: TransitionReason, now: number): void {
    if (this._onStateChange.size > 0) {
      const event: BreakerStateChange = {
        name: this.name, from: from, to: to, reason: reason, at: now, openUntil: this._openUntil
      };
      this._onStateChange.emit(event);
    }
  }
}
