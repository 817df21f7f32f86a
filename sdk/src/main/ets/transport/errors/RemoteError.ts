import { MeshError } from '../../core/errors/MeshError';

/**
 * A request failed on the remote device: the handler threw, or no handler serves the topic. `code`
 * is the remote error's own code (e.g. `ERR_FORBIDDEN`, `ERR_SERVICE_NOT_FOUND`), so callers and
 * retry policies can switch on it exactly as on a local error; `deviceId` names the responder.
 */
export class RemoteError extends MeshError {
  readonly deviceId: string;

  constructor(code: string, message: string, deviceId: string) {
    super(code, message);
    this.name = 'RemoteError';
    this.deviceId = deviceId;
  }
}
