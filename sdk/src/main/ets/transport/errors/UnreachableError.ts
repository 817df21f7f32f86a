import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/** The destination device cannot be reached (unknown, detached, or refused by the wire). */
export class UnreachableError extends MeshError {
  readonly deviceId: string;

  constructor(deviceId: string, message?: string) {
    super(ErrorCode.UNREACHABLE, message ?? `device ${deviceId} is unreachable`);
    this.name = 'UnreachableError';
    this.deviceId = deviceId;
  }
}
