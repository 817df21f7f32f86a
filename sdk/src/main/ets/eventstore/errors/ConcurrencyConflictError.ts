import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { describeExpectedVersion } from '../ExpectedVersion';

/**
 * An append (or a save of an aggregate) expected a stream version the stream is not at: another
 * writer got there first. Nothing was written. `actualVersion` is -1 when the stream does not
 * exist. Reload and retry, or report the conflict to the user.
 */
export class ConcurrencyConflictError extends MeshError {
  readonly streamId: string;
  readonly expectedVersion: number;
  readonly actualVersion: number;

  constructor(streamId: string, expectedVersion: number, actualVersion: number) {
    super(
      ErrorCode.CONCURRENCY_CONFLICT,
      `stream '${streamId}': expected version ${describeExpectedVersion(expectedVersion)}, actual version ${actualVersion}`
    );
    this.name = 'ConcurrencyConflictError';
    this.streamId = streamId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}
