import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/** No execution with this id is in the saga log. */
export class SagaNotFoundError extends MeshError {
  readonly executionId: string;

  constructor(executionId: string) {
    super(ErrorCode.SAGA_NOT_FOUND, `no saga execution ${executionId}`);
    this.name = 'SagaNotFoundError';
    this.executionId = executionId;
  }
}
