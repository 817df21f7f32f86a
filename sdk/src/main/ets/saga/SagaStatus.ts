/**
 * Where a saga execution stands. RUNNING and COMPENSATING are in progress (a restart resumes
 * them); STUCK waits for an operator; COMPLETED, COMPENSATED and RESOLVED are final.
 */
export enum SagaStatus {
  /** Running its steps forward. */
  RUNNING = 'running',
  /** A step failed (or the saga was cancelled or ran out of time): undoing completed steps in reverse. */
  COMPENSATING = 'compensating',
  /** Every step succeeded. */
  COMPLETED = 'completed',
  /** Failed, and every step that had started was compensated: nothing is left half-done. */
  COMPENSATED = 'compensated',
  /** A compensation (or a step after the pivot) kept failing: an operator must retry or resolve it. */
  STUCK = 'stuck',
  /** An operator marked a stuck execution as handled by hand. */
  RESOLVED = 'resolved'
}

/** Every status, in a fixed order (for listings and the simulator's saga view). */
export const SAGA_STATUSES: SagaStatus[] = [
  SagaStatus.RUNNING, SagaStatus.COMPENSATING, SagaStatus.COMPLETED, SagaStatus.COMPENSATED, SagaStatus.STUCK,
  SagaStatus.RESOLVED
];

/** True for the final statuses: COMPLETED, COMPENSATED, RESOLVED. */
export const isFinalSagaStatus = (status: SagaStatus): boolean =>
  status === SagaStatus.COMPLETED || status === SagaStatus.COMPENSATED || status === SagaStatus.RESOLVED;

/** True when nothing runs any more without an operator: a final status or STUCK. */
export const isSettledSagaStatus = (status: SagaStatus): boolean =>
  status === SagaStatus.STUCK || isFinalSagaStatus(status);

/** Parses a stored status; undefined when unknown. */
export const parseSagaStatus = (text: string): SagaStatus | undefined => {
  for (const s of SAGA_STATUSES) {
    if (s === text) {
      return s;
    }
  }
  return undefined;
};

/** Where one step of an execution stands. */
export enum SagaStepStatus {
  /** Not started yet. */
  PENDING = 'pending',
  /** An attempt was logged as started; its outcome is unknown until it is logged (a crash leaves it here). */
  RUNNING = 'running',
  /** The action succeeded; its output is in the saga context. */
  SUCCEEDED = 'succeeded',
  /** The action failed after its retries (it may still have taken effect: it is compensated too). */
  FAILED = 'failed',
  /** A compensation attempt was logged as started. */
  COMPENSATING = 'compensating',
  /** The compensation succeeded. */
  COMPENSATED = 'compensated',
  /** The compensation failed after its retries: the execution is STUCK. */
  COMPENSATION_FAILED = 'compensation-failed'
}

/** Every step status, in a fixed order. */
export const SAGA_STEP_STATUSES: SagaStepStatus[] = [
  SagaStepStatus.PENDING, SagaStepStatus.RUNNING, SagaStepStatus.SUCCEEDED, SagaStepStatus.FAILED,
  SagaStepStatus.COMPENSATING, SagaStepStatus.COMPENSATED, SagaStepStatus.COMPENSATION_FAILED
];

/** Parses a stored step status; undefined when unknown. */
export const parseSagaStepStatus = (text: string): SagaStepStatus | undefined => {
  for (const s of SAGA_STEP_STATUSES) {
    if (s === text) {
      return s;
    }
  }
  return undefined;
};

/**
 * The role of a step (Garcia-Molina and Salem's sagas, as microservices.io names them). A
 * definition is COMPENSABLE steps, then at most one PIVOT, then RETRIABLE steps.
 */
export enum SagaStepKind {
  /** Can be undone: when a later step fails, its compensation runs. */
  COMPENSABLE = 'compensable',
  /**
   * The point of no return: once it succeeds the saga is committed and only goes forward. It is
   * never compensated after succeeding; its optional compensation only undoes an attempt whose
   * outcome is unknown (a timeout) when the pivot itself fails.
   */
  PIVOT = 'pivot',
  /** After the commit point: retried until it succeeds, never compensated; exhausting its retries makes the saga STUCK. */
  RETRIABLE = 'retriable'
}
