import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/** The reason a cancelled execution compensates: its caller cancelled it. */
export class SagaCancelledError extends MeshError {
  constructor(message: string) {
    super(ErrorCode.SAGA_CANCELLED, message);
    this.name = 'SagaCancelledError';
  }
}
