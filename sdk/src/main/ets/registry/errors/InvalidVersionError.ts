import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/** A version or version range is not valid semver; `field` names where it came from. */
export class InvalidVersionError extends MeshError {
  readonly field: string;
  readonly input: string;

  constructor(field: string, input: string, problem: string) {
    super(ErrorCode.INVALID_VERSION, `${field}: "${input.length > 64 ? input.slice(0, 64) + '...' : input}" ${problem}`);
    this.name = 'InvalidVersionError';
    this.field = field;
    this.input = input;
  }
}
