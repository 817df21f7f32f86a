import { ErrorCode } from './ErrorCode';
import { MeshError } from './MeshError';

/** A caller passed a bad value: `field` names it (e.g. `options.timeoutMs`), the message says why. */
export class InvalidArgumentError extends MeshError {
  readonly field: string;

  constructor(field: string, problem: string) {
    super(ErrorCode.INVALID_ARGUMENT, `${field}: ${problem}`);
    this.name = 'InvalidArgumentError';
    this.field = field;
  }
}
