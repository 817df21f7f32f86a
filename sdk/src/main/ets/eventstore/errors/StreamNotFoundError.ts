import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/** The operation needs an existing stream, and this one has no events (or was soft-deleted). */
export class StreamNotFoundError extends MeshError {
  readonly streamId: string;

  constructor(streamId: string) {
    super(ErrorCode.STREAM_NOT_FOUND, `stream '${streamId}' does not exist`);
    this.name = 'StreamNotFoundError';
    this.streamId = streamId;
  }
}
