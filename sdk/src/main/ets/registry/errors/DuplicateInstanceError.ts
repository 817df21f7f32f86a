import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/** An instance with this id is already registered; `field` names the id field. */
export class DuplicateInstanceError extends MeshError {
  readonly field: string;
  readonly instanceId: string;

  constructor(field: string, instanceId: string) {
    super(ErrorCode.DUPLICATE_INSTANCE, `${field}: an instance with id "${instanceId}" is already registered`);
    this.name = 'DuplicateInstanceError';
    this.field = field;
    this.instanceId = instanceId;
  }
}
