import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/** An operation does not apply to the execution's current status (e.g. resolving one that is not STUCK). */
export class SagaInvalidStateError extends MeshError {
  readonly executionId: string;
  /** The execution's status when the operation was refused. */
  readonly status: string;

  constructor(executionId: string, status: string, problem: string) {
    super(ErrorCode.SAGA_INVALID_STATE, `saga ${executionId} is ${status}: ${problem}`);
    this.name = 'SagaInvalidStateError';
    this.executionId = executionId;
    this.status = status;
  }
}
