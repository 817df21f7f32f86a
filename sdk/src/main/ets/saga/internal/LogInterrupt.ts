import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/**
 * Raised inside a runner when it must stop without logging anything more: the orchestrator was
 * halted (`ERR_STOPPED`: a crash or `stop()`), or the saga log could not be written (`ERR_STORE`).
 * Never retried, never logged as a step failure; the execution stays as the log last recorded it,
 * and `recover()` resumes it.
 */
export class LogInterrupt extends MeshError {
  constructor(code: string, message: string, cause?: Error) {
    super(code, message, cause);
    this.name = 'LogInterrupt';
  }

  static halted(): LogInterrupt {
    return new LogInterrupt(ErrorCode.STOPPED, 'saga orchestrator stopped');
  }

  static store(cause: Error): LogInterrupt {
    return new LogInterrupt(ErrorCode.STORE, `saga log write failed: ${cause.message}`, cause);
  }
}
