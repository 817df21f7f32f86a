import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/**
 * True when an attempt's error says something about the instance's health (it did not answer,
 * or failed inside), as opposed to the call itself being refused or cancelled (ERR_FORBIDDEN,
 * ERR_BAD_REQUEST, ERR_CANCELLED, ...), which does not count against the instance.
 */
export const isInstanceFailure = (e: Error): boolean => {
  if (!(e instanceof MeshError)) {
    return true;
  }
  switch (e.code) {
    case ErrorCode.TIMEOUT:
    case ErrorCode.UNREACHABLE:
    case ErrorCode.TRANSPORT_CLOSED:
    case ErrorCode.INTERNAL:
    case ErrorCode.UPSTREAM:
    case ErrorCode.SERVICE_NOT_FOUND:
      return true;
    default:
      return false;
  }
};
