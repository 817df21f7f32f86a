import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/** The transport was closed (or its device crashed) before the operation finished. */
export class TransportClosedError extends MeshError {
  constructor(message: string) {
    super(ErrorCode.TRANSPORT_CLOSED, message);
    this.name = 'TransportClosedError';
  }
}
