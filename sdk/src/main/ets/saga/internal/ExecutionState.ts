import { JsonValue } from '../../core/json/JsonValue';
import { SagaContext } from '../SagaContext';
import { SagaStatus, SagaStepStatus } from '../SagaStatus';
import { SagaErrorInfo } from '../SagaTransition';

/** The mutable state of one step inside an execution. */
export class StepRecord {
  readonly name: string;
  /** The name as a JSON string literal (encoded once). */
  readonly nameJson: string;
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
    this.nameJson = JSON.stringify(name) as string;
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
  /** JSON text of the input and of each output, kept so every transition does not re-serialize them. */
  private _inputJson: string | undefined = undefined;
  private _fixedJson: string | undefined = undefined;
  private readonly _outputJson: Map<string, string> = new Map<string, string>();

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

  /** Records a step's output with its JSON text. */
  setOutput(step: string, value: JsonValue, json: string): void {
    this.outputs.set(step, value);
    this._outputJson.set(step, json);
  }

  /** The fields that never change (id, saga, version, creation, idempotency key) as JSON members, computed once. */
  fixedJson(encode: (s: ExecutionState) => string): string {
    let text = this._fixedJson;
    if (text === undefined) {
      text = encode(this);
      this._fixedJson = text;
    }
    return text;
  }

  /** The input as JSON text (computed once). */
  inputJson(): string {
    let text = this._inputJson;
    if (text === undefined) {
      text = JSON.stringify(this.input) as string;
      this._inputJson = text;
    }
    return text;
  }

  /** A step output as JSON text (computed once), or undefined when the step has none. */
  outputJson(step: string): string | undefined {
    let text = this._outputJson.get(step);
    if (text === undefined) {
      const value = this.outputs.get(step);
      if (value === undefined) {
        return undefined;
      }
      text = JSON.stringify(value) as string;
      this._outputJson.set(step, text);
    }
    return text;
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
