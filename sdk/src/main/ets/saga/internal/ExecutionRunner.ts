import { CancellationSource, CancellationToken } from '../../core/cancellation/CancellationToken';
import { ErrorCode } from '../../core/errors/ErrorCode';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { MeshError } from '../../core/errors/MeshError';
import { TimeoutError } from '../../core/errors/TimeoutError';
import { JsonValue } from '../../core/json/JsonValue';
import { DeadlineScheduler } from '../../resilience/DeadlineScheduler';
import { PolicyContext } from '../../resilience/PolicyContext';
import { RetryEvent } from '../../resilience/RetryPolicy';
import { Span } from '../../tracing/api/Span';
import { SpanContext } from '../../tracing/api/SpanContext';
import { SpanStatusCode } from '../../tracing/api/SpanStatus';
import { startSagaSpan, startSagaStepSpan } from '../../tracing/instrumentation/sagaSpans';
import { formatTraceparent, parseTraceparent } from '../../tracing/propagation/traceparent';
import { SagaAction } from '../SagaAction';
import { SagaDefinition } from '../SagaDefinition';
import { SagaStatus, SagaStepKind, SagaStepStatus } from '../SagaStatus';
import { SagaStage, SagaStep } from '../SagaStep';
import { SagaStepContext } from '../SagaStepContext';
import { SagaErrorInfo, SagaTransitionType } from '../SagaTransition';
import { SagaCancelledError } from '../errors/SagaCancelledError';
import { ExecutionJournal } from './ExecutionJournal';
import { ExecutionState, StepRecord } from './ExecutionState';
import { LogInterrupt } from './LogInterrupt';
import { SagaDeadlineEntry } from './SagaDeadlineEntry';
import { SagaEngine } from './SagaEngine';

/** The idempotency key of a step of an execution: `<executionId>/<step>`. */
export const sagaIdempotencyKey = (executionId: string, step: string): string => `${executionId}/${step}`;

/** A step that failed for good (after its retries). */
class StepFailure {
  readonly step: string;
  readonly error: Error;

  constructor(step: string, error: Error) {
    this.step = step;
    this.error = error;
  }
}

/** An output as stored: its JSON text (`undefined` becomes `null`); throws for what JSON cannot hold. */
const outputText = (value: JsonValue | undefined): string => {
  if (value === undefined) {
    return 'null';
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new InvalidArgumentError('output', 'must be JSON-serializable');
  }
  return text === undefined ? 'null' : text;
};

const toError = (e: Object | null | undefined): Error => e instanceof Error ? e : MeshError.from(e);

/**
 * Drives one execution: forward through the stages, or compensation in reverse, recording every
 * transition in the journal before doing what it announces. A runner lives until the execution
 * settles (COMPLETED, COMPENSATED, STUCK) or the orchestrator halts; a restarted orchestrator
 * builds a new runner from the log.
 */
export class ExecutionRunner {
  readonly def: SagaDefinition;
  readonly journal: ExecutionJournal;
  private readonly _engine: SagaEngine;
  /** The forward token of uncommitted stages: cancelled by the deadline, a cancellation or a halt. */
  private readonly _saga: CancellationSource;
  private _deadline: SagaDeadlineEntry | undefined = undefined;
  private _span: Span | undefined = undefined;
  private _pastCommit: boolean = false;
  private _done: Promise<void> | undefined = undefined;

  constructor(engine: SagaEngine, def: SagaDefinition, journal: ExecutionJournal) {
    this._engine = engine;
    this.def = def;
    this.journal = journal;
    this._saga = new CancellationSource(engine.life.token);
    this._pastCommit = journal.state.committed;
  }

  get state(): ExecutionState {
    return this.journal.state;
  }

  /** True once the saga can no longer be cancelled (the commit point is reached or passed). */
  get pastCommit(): boolean {
    return this._pastCommit;
  }

  /** Starts the saga span (child of `parent`, or of the logged saga span when recovering). */
  openSpan(parent: SpanContext | undefined, recovered: boolean): void {
    const tracer = this._engine.tracer;
    if (tracer === undefined) {
      return;
    }
    const s = this.state;
    const logged = s.traceparent;
    const from = recovered && logged !== undefined ? parseTraceparent(logged) : parent;
    const span = startSagaSpan(tracer, s.sagaName, s.id, from, this._engine.clock.now());
    span.setAttribute('arkmesh.saga.version', s.sagaVersion);
    if (recovered) {
      span.setAttribute('arkmesh.saga.recovered', true);
    }
    this._span = span;
    if (logged === undefined) {
      s.traceparent = formatTraceparent(span.spanContext());
    }
  }

  /** Runs the execution in the background; the promise never rejects. */
  start(): Promise<void> {
    let done = this._done;
    if (done === undefined) {
      this.armDeadline();
      done = this.run();
      this._done = done;
    }
    return done;
  }

  /**
   * Records a cancellation and interrupts the running step. False when the execution is not
   * running forward, is past its commit point, or was already cancelled.
   */
  async requestCancel(reason: string): Promise<boolean> {
    const s = this.state;
    if (s.status !== SagaStatus.RUNNING || s.committed || this._pastCommit || s.cancelRequested) {
      return false;
    }
    s.cancelRequested = true;
    s.cancelReason = reason;
    await this.journal.record(SagaTransitionType.CANCEL_REQUESTED, undefined, undefined, undefined, undefined, reason);
    this._saga.cancel(new SagaCancelledError(reason) as Error);
    return true;
  }

  private async run(): Promise<void> {
    const s = this.state;
    let failure: Error | undefined = undefined;
    try {
      for (;;) {
        if (s.status === SagaStatus.RUNNING) {
          await this.forward();
        } else if (s.status === SagaStatus.COMPENSATING) {
          await this.compensate();
        } else {
          break;
        }
      }
    } catch (e) {
      failure = toError(e as Object);
      if (!(failure instanceof LogInterrupt)) {
        this._engine.logger.error('saga runner failed', { 'saga': s.sagaName, 'execution': s.id, 'error': failure.message });
      }
    }
    this.disarmDeadline();
    this._saga.dispose();
    this.endSagaSpan(failure);
    this._engine.onRunnerDone(this.journal, failure);
  }

  private async forward(): Promise<void> {
    const def = this.def;
    const s = this.state;
    for (let si = this.firstOpenStage(); si < def.stages.length; si++) {
      const stage = def.stages[si];
      if (!s.committed) {
        if (si >= def.commitStage) {
          await this.commit();
        } else {
          const reason = this.abortReason();
          if (reason !== undefined) {
            await this.beginCompensation(reason, undefined);
            return;
          }
        }
      }
      // A failure logged before a restart is a decision already taken: honour it.
      let failure = this.loggedFailure(stage);
      if (failure === undefined) {
        failure = await this.runStage(stage);
      }
      if (failure !== undefined) {
        if (s.committed) {
          await this.becomeStuck(failure.step, failure.error, SagaStatus.RUNNING);
        } else {
          await this.beginCompensation(this.abortReason() ?? failure.error, failure.step);
        }
        return;
      }
    }
    await this.finish(SagaStatus.COMPLETED, SagaTransitionType.SAGA_COMPLETED);
  }

  private loggedFailure(stage: SagaStage): StepFailure | undefined {
    for (const step of stage.steps) {
      const rec = this.state.step(step.name);
      if (rec.status === SagaStepStatus.FAILED) {
        const info = rec.error ?? new SagaErrorInfo(ErrorCode.INTERNAL, `step ${step.name} failed`);
        return new StepFailure(step.name, info.toError() as Error);
      }
    }
    return undefined;
  }

  private async runStage(stage: SagaStage): Promise<StepFailure | undefined> {
    const s = this.state;
    const pending: SagaStep[] = [];
    for (const step of stage.steps) {
      if (s.step(step.name).status !== SagaStepStatus.SUCCEEDED) {
        pending.push(step);
      }
    }
    if (pending.length === 0) {
      return undefined;
    }
    const token = s.committed ? this._engine.life.token : this._saga.token;
    if (pending.length === 1) {
      return this.runStep(pending[0], token);
    }
    // Parallel group: the first failure cancels the siblings (unless committed: they must finish).
    const group = new CancellationSource(token);
    let first: StepFailure | undefined = undefined;
    const runs: Promise<StepFailure | undefined>[] = [];
    for (const step of pending) {
      runs.push(this.runStep(step, group.token).then((f: StepFailure | undefined): StepFailure | undefined => {
        if (f !== undefined && first === undefined) {
          first = f;
          if (!s.committed) {
            group.cancel(new MeshError(ErrorCode.CANCELLED, `parallel step ${f.step} failed`) as Error);
          }
        }
        return f;
      }));
    }
    try {
      await Promise.all(runs);
    } finally {
      group.dispose();
    }
    return first;
  }

  private async runStep(step: SagaStep, token: CancellationToken): Promise<StepFailure | undefined> {
    const engine = this._engine;
    const s = this.state;
    const rec = s.step(step.name);
    const retry = engine.stepRetryPolicy(step);
    const sub = retry.onRetry((e: RetryEvent): void => {
      this.journal.record(SagaTransitionType.STEP_ATTEMPT_FAILED, step.name, rec.attempts, rec.error, e.delayMs)
        .catch((err: Error): void => {});
    });
    const ctx = PolicyContext.create({ token: token, deadline: s.committed ? undefined : s.deadline });
    let output: string;
    try {
      output = await retry.execute<string>((p: PolicyContext): Promise<string> => this.stepAttempt(step, rec, p), ctx);
    } catch (e) {
      const error = toError(e as Object);
      this.throwIfInterrupted(error);
      rec.status = SagaStepStatus.FAILED;
      rec.finishedAt = engine.clock.now();
      rec.error = SagaErrorInfo.of(error);
      await this.journal.record(SagaTransitionType.STEP_FAILED, step.name, rec.attempts, rec.error);
      return new StepFailure(step.name, error);
    } finally {
      sub.dispose();
    }
    rec.status = SagaStepStatus.SUCCEEDED;
    rec.finishedAt = engine.clock.now();
    rec.error = undefined;
    // The stored output is a copy (parsed back from its text): later changes by the action do not leak in.
    s.setOutput(step.name, JSON.parse(output) as JsonValue, output);
    if (!s.committed && step.stage + 1 === this.def.commitStage && this.stageSucceeded(step.stage)) {
      // From here on the saga cannot be cancelled: the pivot (or the last compensable stage) succeeded.
      this._pastCommit = true;
      this.disarmDeadline();
    }
    await this.journal.record(SagaTransitionType.STEP_SUCCEEDED, step.name, rec.attempts);
    return undefined;
  }

  private async stepAttempt(step: SagaStep, rec: StepRecord, p: PolicyContext): Promise<string> {
    p.token.throwIfCancelled();
    const engine = this._engine;
    rec.attempts++;
    const attempt = rec.attempts;
    rec.status = SagaStepStatus.RUNNING;
    if (rec.startedAt === undefined) {
      rec.startedAt = engine.clock.now();
    }
    await this.journal.record(SagaTransitionType.STEP_STARTED, step.name, attempt);
    return this.attempt(step, step.action, attempt, false, step.timeoutMs, p, rec);
  }

  private async compensate(): Promise<void> {
    const stages = this.def.stages;
    for (let si = stages.length - 1; si >= 0; si--) {
      const todo: SagaStep[] = [];
      for (const step of stages[si].steps) {
        if (this.needsCompensation(step)) {
          todo.push(step);
        }
      }
      if (todo.length === 0) {
        continue;
      }
      const runs: Promise<StepFailure | undefined>[] = [];
      for (const step of todo) {
        runs.push(this.compensateStep(step));
      }
      const results = await Promise.all(runs);
      for (const f of results) {
        if (f !== undefined) {
          await this.becomeStuck(f.step, f.error, SagaStatus.COMPENSATING);
          return;
        }
      }
    }
    await this.finish(SagaStatus.COMPENSATED, SagaTransitionType.SAGA_COMPENSATED);
  }

  /** Every started step with a compensation is compensated, failed ones included: a lost reply proves nothing. */
  private needsCompensation(step: SagaStep): boolean {
    const rec = this.state.step(step.name);
    return step.compensation !== undefined && step.kind !== SagaStepKind.RETRIABLE && rec.attempts > 0 &&
      rec.status !== SagaStepStatus.COMPENSATED && !(step.kind === SagaStepKind.PIVOT && rec.status === SagaStepStatus.SUCCEEDED);
  }

  private async compensateStep(step: SagaStep): Promise<StepFailure | undefined> {
    const engine = this._engine;
    const rec = this.state.step(step.name);
    const retry = engine.compensationRetryPolicy(step);
    const sub = retry.onRetry((e: RetryEvent): void => {
      this.journal.record(SagaTransitionType.COMPENSATION_ATTEMPT_FAILED, step.name, rec.compensationAttempts, rec.compensationError,
        e.delayMs).catch((err: Error): void => {});
    });
    try {
      await retry.execute<string>((p: PolicyContext): Promise<string> => this.compensationAttempt(step, rec, p),
        PolicyContext.create({ token: engine.life.token }));
    } catch (e) {
      const error = toError(e as Object);
      this.throwIfInterrupted(error);
      rec.status = SagaStepStatus.COMPENSATION_FAILED;
      rec.finishedAt = engine.clock.now();
      rec.compensationError = SagaErrorInfo.of(error);
      await this.journal.record(SagaTransitionType.COMPENSATION_FAILED, step.name, rec.compensationAttempts, rec.compensationError);
      return new StepFailure(step.name, error);
    } finally {
      sub.dispose();
    }
    rec.status = SagaStepStatus.COMPENSATED;
    rec.finishedAt = engine.clock.now();
    await this.journal.record(SagaTransitionType.STEP_COMPENSATED, step.name, rec.compensationAttempts);
    return undefined;
  }

  private async compensationAttempt(step: SagaStep, rec: StepRecord, p: PolicyContext): Promise<string> {
    p.token.throwIfCancelled();
    rec.compensationAttempts++;
    const attempt = rec.compensationAttempts;
    rec.status = SagaStepStatus.COMPENSATING;
    await this.journal.record(SagaTransitionType.COMPENSATION_STARTED, step.name, attempt);
    return this.attempt(step, step.compensation as SagaAction, attempt, true, step.compensationTimeoutMs, p, rec);
  }

  /** One attempt of an action or compensation, under its time limit, in its own step span; resolves with the output's JSON text. */
  private async attempt(step: SagaStep, action: SagaAction, attempt: number, compensation: boolean, timeoutMs: number | undefined,
    p: PolicyContext, rec: StepRecord): Promise<string> {
    const engine = this._engine;
    const s = this.state;
    const span = this.startStepSpan(step.name, attempt, compensation);
    const timeout = engine.timeoutPolicy(timeoutMs ?? engine.defaultStepTimeoutMs);
    const output = compensation ? s.outputs.get(step.name) : undefined;
    try {
      const out = await timeout.execute<JsonValue>((c: PolicyContext): Promise<JsonValue> => engine.invoke(action.run,
        new SagaStepContext(s.id, s.sagaName, step.name, attempt, compensation, sagaIdempotencyKey(s.id, step.name), s.context(),
          output, c.deadline, c.token, span === undefined ? undefined : span.spanContext(), engine.call)), p);
      const text = outputText(out);
      this.endSpan(span, undefined);
      return text;
    } catch (e) {
      const error = toError(e as Object);
      if (compensation) {
        rec.compensationError = SagaErrorInfo.of(error);
      } else {
        rec.error = SagaErrorInfo.of(error);
      }
      this.endSpan(span, error);
      throw error;
    }
  }

  private async beginCompensation(reason: Error, step: string | undefined): Promise<void> {
    const s = this.state;
    this.disarmDeadline();
    s.status = SagaStatus.COMPENSATING;
    s.error = SagaErrorInfo.of(reason);
    await this.journal.record(SagaTransitionType.SAGA_COMPENSATING, step, undefined, s.error);
  }

  private async commit(): Promise<void> {
    const s = this.state;
    this._pastCommit = true;
    this.disarmDeadline();
    s.committed = true;
    await this.journal.record(SagaTransitionType.SAGA_COMMITTED);
  }

  private async becomeStuck(step: string, error: Error, phase: SagaStatus): Promise<void> {
    const s = this.state;
    s.status = SagaStatus.STUCK;
    s.stuckPhase = phase;
    s.stuckStep = step;
    s.stuckError = SagaErrorInfo.of(error);
    if (phase === SagaStatus.RUNNING) {
      s.error = s.stuckError;
    }
    s.finishedAt = this._engine.clock.now();
    await this.journal.record(SagaTransitionType.SAGA_STUCK, step, undefined, s.stuckError);
  }

  private async finish(status: SagaStatus, type: SagaTransitionType): Promise<void> {
    const s = this.state;
    s.status = status;
    s.finishedAt = this._engine.clock.now();
    await this.journal.record(type, undefined, undefined, status === SagaStatus.COMPENSATED ? s.error : undefined);
  }

  /** Why an uncommitted execution must stop going forward: a cancellation or the deadline. */
  private abortReason(): Error | undefined {
    const s = this.state;
    if (s.cancelRequested) {
      return new SagaCancelledError(s.cancelReason ?? 'cancelled');
    }
    const deadline = s.deadline;
    if (deadline !== undefined && this._engine.clock.now() >= deadline) {
      return new TimeoutError(`saga ${s.sagaName} ran past its deadline`, deadline - s.createdAt);
    }
    return undefined;
  }

  private throwIfInterrupted(error: Error): void {
    if (error instanceof LogInterrupt) {
      throw error;
    }
    if (this._engine.halted) {
      throw LogInterrupt.halted();
    }
  }

  private firstOpenStage(): number {
    const stages = this.def.stages;
    for (let i = 0; i < stages.length; i++) {
      if (!this.stageSucceeded(i)) {
        return i;
      }
    }
    return stages.length;
  }

  private stageSucceeded(index: number): boolean {
    for (const step of this.def.stages[index].steps) {
      if (this.state.step(step.name).status !== SagaStepStatus.SUCCEEDED) {
        return false;
      }
    }
    return true;
  }

  private armDeadline(): void {
    const s = this.state;
    const deadline = s.deadline;
    if (deadline === undefined || s.committed || this._pastCommit || s.status !== SagaStatus.RUNNING) {
      return;
    }
    const entry = new SagaDeadlineEntry(deadline, (now: number): void => {
      this._deadline = undefined;
      if (!this._pastCommit && s.status === SagaStatus.RUNNING) {
        this._saga.cancel(new TimeoutError(`saga ${s.sagaName} ran past its deadline`, deadline - s.createdAt) as Error);
      }
    });
    this._deadline = entry;
    DeadlineScheduler.shared(this._engine.clock).add(entry);
  }

  private disarmDeadline(): void {
    const entry = this._deadline;
    if (entry !== undefined) {
      this._deadline = undefined;
      DeadlineScheduler.shared(this._engine.clock).remove(entry);
    }
  }

  private startStepSpan(step: string, attempt: number, compensation: boolean): Span | undefined {
    const tracer = this._engine.tracer;
    const saga = this._span;
    if (tracer === undefined || saga === undefined) {
      return undefined;
    }
    return startSagaStepSpan(tracer, saga.spanContext(), step, {
      compensation: compensation, attempt: attempt, attributes: { 'arkmesh.saga.id': this.state.id },
      startTime: this._engine.clock.now()
    });
  }

  private endSpan(span: Span | undefined, error: Error | undefined): void {
    if (span === undefined) {
      return;
    }
    if (error === undefined) {
      span.setStatus(SpanStatusCode.OK);
    } else {
      span.recordException(error);
      span.setStatus(SpanStatusCode.ERROR, error.message);
    }
    span.end(this._engine.clock.now());
  }

  private endSagaSpan(failure: Error | undefined): void {
    const span = this._span;
    if (span === undefined) {
      return;
    }
    this._span = undefined;
    const s = this.state;
    span.setAttribute('arkmesh.saga.status', s.status);
    if (failure !== undefined) {
      span.setAttribute('arkmesh.saga.interrupted', true);
      span.setStatus(SpanStatusCode.ERROR, failure.message);
    } else if (s.status === SagaStatus.COMPLETED) {
      span.setStatus(SpanStatusCode.OK);
    } else {
      const e = s.stuckError ?? s.error;
      span.setStatus(SpanStatusCode.ERROR, e === undefined ? s.status : `${e.code}: ${e.message}`);
    }
    span.end(this._engine.clock.now());
  }
}
