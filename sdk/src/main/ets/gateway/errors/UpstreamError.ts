import { ErrorCode } from '../../core/errors/ErrorCode';
import { GatewayError } from './GatewayError';

/** The upstream failed in a way that is not a MeshError of its own (`ERR_UPSTREAM`, 502). */
export class UpstreamError extends GatewayError {
  readonly service: string;

  constructor(service: string, message: string, cause?: Error) {
    super(ErrorCode.UPSTREAM, `upstream '${service}' failed: ${message}`, undefined, undefined, cause);
    this.name = 'UpstreamError';
    this.service = service;
  }
}
