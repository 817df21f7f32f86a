import { JsonValue } from '../core/json/JsonValue';
import { SagaContext } from './SagaContext';
import { SagaStatus, SagaStepStatus, isFinalSagaStatus, isSettledSagaStatus } from './SagaStatus';
import { SagaErrorInfo, SagaTransition } from './SagaTransition';
import { ExecutionState, StepRecord } from './internal/ExecutionState';

/** A step of an execution, as the query API reports it. */
export class SagaStepState {
  readonly name: string;
  readonly status: SagaStepStatus;
  /** Action attempts started (across restarts). */
  readonly attempts: number;
  /** Compensation attempts started. */
  readonly compensationAttempts: number;
  readonly startedAt: number | undefined;
  readonly finishedAt: number | undefined;
  /** The last error of its action. */
  readonly error: SagaErrorInfo | undefined;
  /** The last error of its compensation. */
  readonly compensationError: SagaErrorInfo | undefined;

  constructor(r: StepRecord) {
    this.name = r.name;
    this.status = r.status;
    this.attempts = r.attempts;
    this.compensationAttempts = r.compensationAttempts;
    this.startedAt = r.startedAt;
    this.finishedAt = r.finishedAt;
    this.error = r.error;
    this.compensationError = r.compensationError;
  }
}

/**
 * A snapshot of one execution: its status, input, step outputs, per-step state and (from `get`)
 * its full history. Snapshots do not change; ask the orchestrator again for news.
 */
export class SagaExecution {
  readonly id: string;
  readonly sagaName: string;
  readonly sagaVersion: number;
  readonly status: SagaStatus;
  readonly input: JsonValue;
  /** Outputs of the steps that succeeded, by step name. */
  readonly outputs: Record<string, JsonValue>;
  readonly steps: SagaStepState[];
  readonly idempotencyKey: string | undefined;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** When it reached COMPLETED, COMPENSATED, RESOLVED or STUCK; undefined while running. */
  readonly finishedAt: number | undefined;
  /** Whole-saga deadline (Clock ms), undefined for none. */
  readonly deadline: number | undefined;
  /** True once the commit point (the pivot) has passed. */
  readonly committed: boolean;
  readonly cancelRequested: boolean;
  /** Why it did not complete: the failing step's error, `ERR_TIMEOUT` (deadline) or `ERR_SAGA_CANCELLED`. */
  readonly error: SagaErrorInfo | undefined;
  /** Why it is (or was) STUCK. */
  readonly stuckError: SagaErrorInfo | undefined;
  /** The step that could not be finished, when STUCK. */
  readonly stuckStep: string | undefined;
  /** What an operator's retry resumes: RUNNING (forward) or COMPENSATING. */
  readonly stuckPhase: SagaStatus | undefined;
  /** `traceparent` of the saga span. */
  readonly traceparent: string | undefined;
  /** The last operator note. */
  readonly note: string | undefined;
  /** Every transition, oldest first (empty in listings). */
  readonly history: SagaTransition[];
  private readonly _context: SagaContext;

  constructor(s: ExecutionState, history: SagaTransition[]) {
    this.id = s.id;
    this.sagaName = s.sagaName;
    this.sagaVersion = s.sagaVersion;
    this.status = s.status;
    this.input = s.input;
    const outputs: Record<string, JsonValue> = {};
    const copy = new Map<string, JsonValue>();
    s.outputs.forEach((v: JsonValue, k: string): void => {
      outputs[k] = v;
      copy.set(k, v);
    });
    this.outputs = outputs;
    const steps: SagaStepState[] = [];
    for (const r of s.steps) {
      steps.push(new SagaStepState(r));
    }
    this.steps = steps;
    this.idempotencyKey = s.idempotencyKey;
    this.createdAt = s.createdAt;
    this.updatedAt = s.updatedAt;
    this.finishedAt = s.finishedAt;
    this.deadline = s.deadline;
    this.committed = s.committed;
    this.cancelRequested = s.cancelRequested;
    this.error = s.error;
    this.stuckError = s.stuckError;
    this.stuckStep = s.stuckStep;
    this.stuckPhase = s.stuckPhase;
    this.traceparent = s.traceparent;
    this.note = s.note;
    this.history = history;
    this._context = new SagaContext(s.input, copy);
  }

  /** True for COMPLETED, COMPENSATED and RESOLVED. */
  get final(): boolean {
    return isFinalSagaStatus(this.status);
  }

  /** True when nothing runs without an operator: final or STUCK. */
  get settled(): boolean {
    return isSettledSagaStatus(this.status);
  }

  /** The state of step `name`, or undefined. */
  step(name: string): SagaStepState | undefined {
    for (const s of this.steps) {
      if (s.name === name) {
        return s;
      }
    }
    return undefined;
  }

  /** Typed access to the input and outputs. */
  get context(): SagaContext {
    return this._context;
  }
}
