import { ErrorCode } from '../../core/errors/ErrorCode';
import { GatewayError } from './GatewayError';

/** The request is malformed (`ERR_BAD_REQUEST`, 400): `reason` says what, e.g. `dot-segment`. */
export class BadRequestError extends GatewayError {
  readonly reason: string;

  constructor(reason: string, message: string) {
    super(ErrorCode.BAD_REQUEST, message);
    this.name = 'BadRequestError';
    this.reason = reason;
  }
}
