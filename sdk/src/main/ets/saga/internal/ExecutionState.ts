import { JsonValue } from '../../core/json/JsonValue';
import { SagaContext } from '../SagaContext';
import { SagaStatus, SagaStepStatus } from '../SagaStatus';
import { SagaErrorInfo } from '../SagaTransition';

/** The mutable state of one step inside an execution. */
export class StepRecord {
  readonly name: string;
  status: SagaStepStatus = SagaStepStatus.PENDING;
  /** Action attempts started so far (across restarts). */
  attempts: number = 0;
  /** Compensation attempts started so far (across restarts). */
  compensationAttempts: number = 0;
  startedAt: number | undefined = undefined;
  finishedAt: number | undefined = undefined;
  /** Last error of the action. */
  error: SagaErrorInfo | undefined = undefined;
  /** Last error of the compensation. */
  compensationError: SagaErrorInfo | undefined = undefined;

  constructor(name: string) {
    this.name = name;
  }
}

/**
 * The mutable state of one execution, as the saga log persists it (one JSON record, rewritten in
 * the same atomic batch as each history entry). Only the orchestrator's internals change it.
 */
export class ExecutionState {
  readonly id: string;
  readonly sagaName: string;
  readonly sagaVersion: number;
  readonly input: JsonValue;
  readonly idempotencyKey: string | undefined;
  readonly createdAt: number;
  status: SagaStatus = SagaStatus.RUNNING;
  readonly outputs: Map<string, JsonValue> = new Map<string, JsonValue>();
  readonly steps: StepRecord[] = [];
  updatedAt: number;
  finishedAt: number | undefined = undefined;
  /** Absolute whole-saga deadline (Clock ms), undefined for none. */
  deadline: number | undefined = undefined;
  /** True once the commit point has passed: forward only. */
  committed: boolean = false;
  cancelRequested: boolean = false;
  cancelReason: string | undefined = undefined;
  /** Why the execution did not complete (a step failure, the deadline, a cancellation). */
  error: SagaErrorInfo | undefined = undefined;
  /** Why it is (or was) stuck. */
  stuckError: SagaErrorInfo | undefined = undefined;
  stuckStep: string | undefined = undefined;
  /** RUNNING or COMPENSATING: what an operator's retry resumes. */
  stuckPhase: SagaStatus | undefined = undefined;
  /** `traceparent` of the saga span (so a recovered execution continues the same trace). */
  traceparent: string | undefined = undefined;
  /** The last operator note (retry, resolve). */
  note: string | undefined = undefined;
  /** Sequence number of the last history entry. */
  seq: number = 0;
  private readonly _byName: Map<string, StepRecord> = new Map<string, StepRecord>();
  private _context: SagaContext | undefined = undefined;

  constructor(id: string, sagaName: string, sagaVersion: number, input: JsonValue, idempotencyKey: string | undefined,
    createdAt: number, stepNames: string[]) {
    this.id = id;
    this.sagaName = sagaName;
    this.sagaVersion = sagaVersion;
    this.input = input;
    this.idempotencyKey = idempotencyKey;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    for (const name of stepNames) {
      const r = new StepRecord(name);
      this.steps.push(r);
      this._byName.set(name, r);
    }
  }

  /** The record of step `name` (every step of the definition has one). */
  step(name: string): StepRecord {
    return this._byName.get(name) as StepRecord;
  }

  /** The record of step `name`, or undefined. */
  findStep(name: string): StepRecord | undefined {
    return this._byName.get(name);
  }

  /** The saga context over this state's input and outputs (live: later outputs show up). */
  context(): SagaContext {
    let c = this._context;
    if (c === undefined) {
      c = new SagaContext(this.input, this.outputs);
      this._context = c;
    }
    return c;
  }

  /** True when the step names are exactly `names`, in order. */
  hasSteps(names: string[]): boolean {
    if (names.length !== this.steps.length) {
      return false;
    }
    for (let i = 0; i < names.length; i++) {
      if (names[i] !== this.steps[i].name) {
        return false;
      }
    }
    return true;
  }
}
