import { CancellationSource } from '../../core/cancellation/CancellationToken';
import { EventEmitter } from '../../core/events/EventEmitter';
import { MeshError } from '../../core/errors/MeshError';
import { JsonValue } from '../../core/json/JsonValue';
import { RedMetrics } from '../../metrics/red/RedMetrics';
import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { Random } from '../../platform/Random';
import { Backoff } from '../../resilience/backoff/Backoff';
import { BackoffJitter, ExponentialBackoff } from '../../resilience/backoff/ExponentialBackoff';
import { RetryPolicy, RetryPredicate } from '../../resilience/RetryPolicy';
import { TimeoutPolicy } from '../../resilience/TimeoutPolicy';
import { Tracer } from '../../tracing/sdk/Tracer';
import { SagaExecution } from '../SagaExecution';
import {
  DEFAULT_SAGA_COMPENSATION_INITIAL_DELAY_MS, DEFAULT_SAGA_COMPENSATION_MAX_ATTEMPTS, DEFAULT_SAGA_RETRIABLE_MAX_ATTEMPTS,
  DEFAULT_SAGA_RETRY_INITIAL_DELAY_MS, DEFAULT_SAGA_RETRY_MAX_DELAY_MS, DEFAULT_SAGA_STEP_MAX_ATTEMPTS,
  isSagaStepRetryable, retryEveryError, SagaRetryOptions
} from '../SagaRetryOptions';
import { SagaStepKind } from '../SagaStatus';
import { SagaStep } from '../SagaStep';
import { SagaStepContext, SagaCallFunction } from '../SagaStepContext';
import { SagaTransition } from '../SagaTransition';
import { ExecutionJournal } from './ExecutionJournal';
import { LogInterrupt } from './LogInterrupt';
import { SagaLog } from './SagaLog';

/** Everything an orchestrator's runners share, built by the orchestrator. */
export class SagaEngineParts {
  clock: Clock;
  random: Random;
  log: SagaLog;
  logger: Logger;
  call: SagaCallFunction | undefined;
  tracer: Tracer | undefined;
  metrics: RedMetrics | undefined;
  stepRetry: SagaRetryOptions | undefined;
  compensationRetry: SagaRetryOptions | undefined;
  defaultStepTimeoutMs: number;

  constructor(clock: Clock, random: Random, log: SagaLog, logger: Logger, defaultStepTimeoutMs: number) {
    this.clock = clock;
    this.random = random;
    this.log = log;
    this.logger = logger;
    this.call = undefined;
    this.tracer = undefined;
    this.metrics = undefined;
    this.stepRetry = undefined;
    this.compensationRetry = undefined;
    this.defaultStepTimeoutMs = defaultStepTimeoutMs;
  }
}

/**
 * The services runners use: time, the log, the call function, telemetry, retry construction,
 * the orchestrator's life token (cancelled when it halts) and the event emitters.
 */
export class SagaEngine {
  readonly clock: Clock;
  readonly log: SagaLog;
  readonly logger: Logger;
  readonly call: SagaCallFunction | undefined;
  readonly tracer: Tracer | undefined;
  readonly metrics: RedMetrics | undefined;
  readonly defaultStepTimeoutMs: number;
  /** Cancelled (ERR_STOPPED) when the orchestrator halts: every loop, sleep and attempt stops. */
  readonly life: CancellationSource = new CancellationSource();
  readonly transitions: EventEmitter<SagaTransition>;
  readonly stuck: EventEmitter<SagaTransition>;
  readonly settled: EventEmitter<SagaExecution>;
  /** Told when an execution settles or its runner stops (set by the orchestrator). */
  onRunnerDone: (journal: ExecutionJournal, error: Error | undefined) => void =
    (journal: ExecutionJournal, error: Error | undefined): void => {};
  private _halted: boolean = false;
  private readonly _timeouts: Map<number, TimeoutPolicy> = new Map<number, TimeoutPolicy>();
  private readonly _stepBackoff: Backoff;
  private readonly _compensationBackoff: Backoff;
  private readonly _stepRetry: SagaRetryOptions | undefined;
  private readonly _compensationRetry: SagaRetryOptions | undefined;

  constructor(parts: SagaEngineParts) {
    this.clock = parts.clock;
    this.log = parts.log;
    this.logger = parts.logger;
    this.call = parts.call;
    this.tracer = parts.tracer;
    this.metrics = parts.metrics;
    this.defaultStepTimeoutMs = parts.defaultStepTimeoutMs;
    this._stepRetry = parts.stepRetry;
    this._compensationRetry = parts.compensationRetry;
    const onError = (e: Error): void => {
      this.logger.warn('saga event listener failed', { 'error': e.message });
    };
    this.transitions = new EventEmitter<SagaTransition>(onError);
    this.stuck = new EventEmitter<SagaTransition>(onError);
    this.settled = new EventEmitter<SagaExecution>(onError);
    this._stepBackoff = new ExponentialBackoff({
      initialDelayMs: DEFAULT_SAGA_RETRY_INITIAL_DELAY_MS, maxDelayMs: DEFAULT_SAGA_RETRY_MAX_DELAY_MS,
      jitter: BackoffJitter.EQUAL, random: parts.random
    });
    this._compensationBackoff = new ExponentialBackoff({
      initialDelayMs: DEFAULT_SAGA_COMPENSATION_INITIAL_DELAY_MS, maxDelayMs: DEFAULT_SAGA_RETRY_MAX_DELAY_MS,
      jitter: BackoffJitter.EQUAL, random: parts.random
    });
  }

  get halted(): boolean {
    return this._halted;
  }

  /** Stops every runner: nothing is logged or run any more. */
  halt(): void {
    if (!this._halted) {
      this._halted = true;
      this.life.cancel(LogInterrupt.halted() as Error);
    }
  }

  /** The retry loop of a step's action. */
  stepRetryPolicy(step: SagaStep): RetryPolicy {
    const own = step.retry;
    const base = this._stepRetry;
    const fallbackAttempts = step.kind === SagaStepKind.RETRIABLE ? DEFAULT_SAGA_RETRIABLE_MAX_ATTEMPTS : DEFAULT_SAGA_STEP_MAX_ATTEMPTS;
    return this.retryPolicy(`saga.${step.name}`, own?.maxAttempts ?? base?.maxAttempts ?? fallbackAttempts,
      own?.backoff ?? base?.backoff ?? this._stepBackoff, own?.retryOn ?? base?.retryOn ?? isSagaStepRetryable);
  }

  /** The retry loop of a step's compensation. */
  compensationRetryPolicy(step: SagaStep): RetryPolicy {
    const own = step.compensationRetry;
    const base = this._compensationRetry;
    return this.retryPolicy(`saga.${step.name}.compensation`,
      own?.maxAttempts ?? base?.maxAttempts ?? DEFAULT_SAGA_COMPENSATION_MAX_ATTEMPTS,
      own?.backoff ?? base?.backoff ?? this._compensationBackoff, own?.retryOn ?? base?.retryOn ?? retryEveryError);
  }

  /** The (shared, stateless) time limit of attempts of `ms`. */
  timeoutPolicy(ms: number): TimeoutPolicy {
    let policy = this._timeouts.get(ms);
    if (policy === undefined) {
      policy = new TimeoutPolicy({ clock: this.clock, timeoutMs: ms, name: 'saga attempt' });
      this._timeouts.set(ms, policy);
    }
    return policy;
  }

  /** Runs an action once, turning a synchronous throw or a non-Error rejection into a MeshError rejection. */
  invoke(run: (ctx: SagaStepContext) => Promise<JsonValue>, ctx: SagaStepContext): Promise<JsonValue> {
    try {
      return run(ctx).catch((e: Error): JsonValue => {
        throw e instanceof Error ? e : MeshError.from(e as Object);
      });
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : MeshError.from(e as Object));
    }
  }

  private retryPolicy(name: string, maxAttempts: number, backoff: Backoff, retryOn: RetryPredicate): RetryPolicy {
    const predicate: RetryPredicate = (error: Error, attempt: number): boolean =>
      !(error instanceof LogInterrupt) && !this._halted && retryOn(error, attempt);
    return new RetryPolicy({ clock: this.clock, maxAttempts: maxAttempts, backoff: backoff, retryOn: predicate, name: name });
  }
}
