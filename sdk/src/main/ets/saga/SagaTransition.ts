import { ErrorCode } from '../core/errors/ErrorCode';
import { MeshError } from '../core/errors/MeshError';
import { SagaStatus } from './SagaStatus';

/** The kinds of transition the saga log records and the orchestrator emits. */
export enum SagaTransitionType {
  /** The execution was created (first entry). */
  SAGA_STARTED = 'saga-started',
  /** A step attempt is about to run (logged before the action). */
  STEP_STARTED = 'step-started',
  /** A step attempt failed; another attempt follows after `delayMs`... or the step fails. */
  STEP_ATTEMPT_FAILED = 'step-attempt-failed',
  /** The step succeeded; its output is in the context. */
  STEP_SUCCEEDED = 'step-succeeded',
  /** The step failed after its retries. */
  STEP_FAILED = 'step-failed',
  /** The saga passed its commit point (the pivot succeeded): it only goes forward from here. */
  SAGA_COMMITTED = 'saga-committed',
  /** A caller asked to cancel the execution. */
  CANCEL_REQUESTED = 'cancel-requested',
  /** The saga turned to compensation (the error says why: a step failure, the deadline, a cancellation). */
  SAGA_COMPENSATING = 'saga-compensating',
  /** A compensation attempt is about to run (logged before the compensation). */
  COMPENSATION_STARTED = 'compensation-started',
  /** A compensation attempt failed; it is retried with backoff. */
  COMPENSATION_ATTEMPT_FAILED = 'compensation-attempt-failed',
  /** The step's compensation succeeded. */
  STEP_COMPENSATED = 'step-compensated',
  /** The step's compensation failed after its retries. */
  COMPENSATION_FAILED = 'compensation-failed',
  /** Every step succeeded. */
  SAGA_COMPLETED = 'saga-completed',
  /** Every started step was compensated. */
  SAGA_COMPENSATED = 'saga-compensated',
  /** The execution needs an operator (see `error`). */
  SAGA_STUCK = 'saga-stuck',
  /** `recover()` resumed the execution after a restart. */
  SAGA_RECOVERED = 'saga-recovered',
  /** An operator retried a stuck execution. */
  SAGA_RETRIED = 'saga-retried',
  /** An operator marked a stuck execution resolved. */
  SAGA_RESOLVED = 'saga-resolved'
}

const ALL_TYPES: SagaTransitionType[] = [
  SagaTransitionType.SAGA_STARTED, SagaTransitionType.STEP_STARTED, SagaTransitionType.STEP_ATTEMPT_FAILED,
  SagaTransitionType.STEP_SUCCEEDED, SagaTransitionType.STEP_FAILED, SagaTransitionType.SAGA_COMMITTED,
  SagaTransitionType.CANCEL_REQUESTED, SagaTransitionType.SAGA_COMPENSATING, SagaTransitionType.COMPENSATION_STARTED,
  SagaTransitionType.COMPENSATION_ATTEMPT_FAILED, SagaTransitionType.STEP_COMPENSATED,
  SagaTransitionType.COMPENSATION_FAILED, SagaTransitionType.SAGA_COMPLETED, SagaTransitionType.SAGA_COMPENSATED,
  SagaTransitionType.SAGA_STUCK, SagaTransitionType.SAGA_RECOVERED, SagaTransitionType.SAGA_RETRIED,
  SagaTransitionType.SAGA_RESOLVED
];

/** Parses a stored transition type; undefined when unknown. */
export const parseSagaTransitionType = (text: string): SagaTransitionType | undefined => {
  for (const t of ALL_TYPES) {
    if (t === text) {
      return t;
    }
  }
  return undefined;
};

/** An error as the saga log keeps it: its stable code and message (errors themselves do not survive a restart). */
export class SagaErrorInfo {
  readonly code: string;
  readonly message: string;
  private _json: string | undefined = undefined;

  constructor(code: string, message: string) {
    this.code = code;
    this.message = message;
  }

  /** `{"code":…,"message":…}` (computed once). */
  toJsonText(): string {
    let text = this._json;
    if (text === undefined) {
      text = `{"code":${JSON.stringify(this.code) as string},"message":${JSON.stringify(this.message) as string}}`;
      this._json = text;
    }
    return text;
  }

  /** The code and message of anything thrown (`ERR_INTERNAL` for non-MeshErrors). */
  static of(error: Error): SagaErrorInfo {
    const e = MeshError.from(error);
    return new SagaErrorInfo(e.code, e.message);
  }

  /** Back to a MeshError with the same code. */
  toError(): MeshError {
    return new MeshError(this.code.length > 0 ? this.code : ErrorCode.INTERNAL, this.message);
  }
}

/**
 * One entry of an execution's history: what happened, when, to which step. The saga log writes
 * it durably before anything else happens, then the orchestrator emits it (`onTransition`): the
 * simulator's saga view, the tracer and tests consume the same stream.
 */
export class SagaTransition {
  /** The execution. */
  readonly executionId: string;
  /** The definition's name and version. */
  readonly sagaName: string;
  readonly sagaVersion: number;
  /** Position in the execution's history, from 1. */
  readonly seq: number;
  readonly type: SagaTransitionType;
  /** Clock time (epoch ms). */
  readonly at: number;
  /** The execution's status after this transition. */
  readonly status: SagaStatus;
  /** The step concerned, when there is one. */
  readonly step: string | undefined;
  /** Attempt number (step or compensation attempts, from 1), when relevant. */
  readonly attempt: number | undefined;
  /** The error that caused the transition, when there is one. */
  readonly error: SagaErrorInfo | undefined;
  /** Wait in ms before the next attempt, on an attempt failure that will be retried. */
  readonly delayMs: number | undefined;
  /** Free text: an operator's note on retry/resolve, the reason of a cancellation. */
  readonly note: string | undefined;

  constructor(executionId: string, sagaName: string, sagaVersion: number, seq: number, type: SagaTransitionType,
    at: number, status: SagaStatus, step?: string, attempt?: number, error?: SagaErrorInfo, delayMs?: number,
    note?: string) {
    this.executionId = executionId;
    this.sagaName = sagaName;
    this.sagaVersion = sagaVersion;
    this.seq = seq;
    this.type = type;
    this.at = at;
    this.status = status;
    this.step = step;
    this.attempt = attempt;
    this.error = error;
    this.delayMs = delayMs;
    this.note = note;
  }
}
