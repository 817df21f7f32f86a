import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/** A publish to a full topic whose overflow policy is `reject` (ERR_QUEUE_FULL). */
export class QueueFullError extends MeshError {
  readonly topic: string;
  readonly depth: number;
  readonly maxLength: number;

  constructor(topic: string, depth: number, maxLength: number) {
    super(ErrorCode.QUEUE_FULL, `topic ${topic} is full (${depth} of ${maxLength} messages held)`);
    this.name = 'QueueFullError';
    this.topic = topic;
    this.depth = depth;
    this.maxLength = maxLength;
  }
}
