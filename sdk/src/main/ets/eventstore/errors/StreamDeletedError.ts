import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/** The stream was hard-deleted (tombstoned): it can never be read or written again. */
export class StreamDeletedError extends MeshError {
  readonly streamId: string;

  constructor(streamId: string) {
    super(ErrorCode.STREAM_DELETED, `stream '${streamId}' was hard-deleted`);
    this.name = 'StreamDeletedError';
    this.streamId = streamId;
  }
}
