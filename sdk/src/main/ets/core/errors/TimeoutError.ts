import { ErrorCode } from './ErrorCode';
import { MeshError } from './MeshError';

/** A deadline passed before the operation finished. */
export class TimeoutError extends MeshError {
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number) {
    super(ErrorCode.TIMEOUT, message);
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}
