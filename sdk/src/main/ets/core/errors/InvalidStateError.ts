import { ErrorCode } from './ErrorCode';
import { MeshError } from './MeshError';

/** An operation was called at a time it cannot run (e.g. `call` before `start`). */
export class InvalidStateError extends MeshError {
  constructor(message: string) {
    super(ErrorCode.INVALID_STATE, message);
    this.name = 'InvalidStateError';
  }
}
