import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/** An envelope is larger than the codec's `maxBytes`. */
export class PayloadTooLargeError extends MeshError {
  readonly size: number;
  readonly limit: number;

  constructor(size: number, limit: number) {
    super(ErrorCode.PAYLOAD_TOO_LARGE, `envelope of ${size} bytes exceeds the limit of ${limit}`);
    this.name = 'PayloadTooLargeError';
    this.size = size;
    this.limit = limit;
  }
}
