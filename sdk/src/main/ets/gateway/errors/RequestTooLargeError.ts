import { ErrorCode } from '../../core/errors/ErrorCode';
import { GatewayError } from './GatewayError';

/** The request body is larger than the route allows (`ERR_PAYLOAD_TOO_LARGE`, 413). */
export class RequestTooLargeError extends GatewayError {
  /** Body size in bytes (UTF-8 for text and JSON). */
  readonly size: number;
  readonly limit: number;

  constructor(size: number, limit: number) {
    super(ErrorCode.PAYLOAD_TOO_LARGE, `request body of ${size} bytes exceeds the limit of ${limit}`);
    this.name = 'RequestTooLargeError';
    this.size = size;
    this.limit = limit;
  }
}
