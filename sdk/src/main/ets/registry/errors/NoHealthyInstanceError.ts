import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/** No instance of the service matches the call's filters and is healthy (or the service is unknown). */
export class NoHealthyInstanceError extends MeshError {
  readonly serviceName: string;
  /** Instances of the service known at all (0: the service is unknown). */
  readonly known: number;

  constructor(serviceName: string, known: number, detail?: string) {
    super(ErrorCode.NO_HEALTHY_INSTANCE, known === 0
      ? `no instance of service "${serviceName}" is known`
      : `none of the ${known} instances of service "${serviceName}" is healthy and matches${detail !== undefined ? ' (' + detail + ')' : ''}`);
    this.name = 'NoHealthyInstanceError';
    this.serviceName = serviceName;
    this.known = known;
  }
}
