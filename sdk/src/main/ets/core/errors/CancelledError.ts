import { ErrorCode } from './ErrorCode';
import { MeshError } from './MeshError';

/** The caller cancelled the operation through its CancellationToken. */
export class CancelledError extends MeshError {
  constructor(message: string, cause?: Error) {
    super(ErrorCode.CANCELLED, message, cause);
    this.name = 'CancelledError';
  }
}
