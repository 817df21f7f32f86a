import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/**
 * A participant refused a step for a business reason (out of stock, card declined, TV busy): the
 * step is not retried and the saga compensates. Throw it from a local action, or answer a call
 * step with a 4xx status (`status` keeps it; 0 for a local refusal).
 */
export class SagaStepRejectedError extends MeshError {
  readonly status: number;

  constructor(message: string, status?: number) {
    super(ErrorCode.SAGA_STEP_REJECTED, message);
    this.name = 'SagaStepRejectedError';
    this.status = status ?? 0;
  }
}
