import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/**
 * A saga definition is malformed (duplicate step names, a compensation after the pivot, two
 * pivots, ...), or an execution names a definition this orchestrator does not know. `field`
 * names the offending part, e.g. `steps[2].compensation`.
 */
export class SagaDefinitionError extends MeshError {
  readonly field: string;

  constructor(field: string, problem: string) {
    super(ErrorCode.SAGA_DEFINITION, `${field}: ${problem}`);
    this.name = 'SagaDefinitionError';
    this.field = field;
  }
}
