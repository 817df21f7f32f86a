import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/**
 * Input from the wire is not a valid envelope (bad JSON or UTF-8, a missing or mistyped field, an
 * unsupported version). `field` names the offending envelope field when there is one.
 */
export class EnvelopeInvalidError extends MeshError {
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(ErrorCode.ENVELOPE_INVALID, field !== undefined ? `envelope.${field}: ${message}` : `envelope: ${message}`);
    this.name = 'EnvelopeInvalidError';
    this.field = field;
  }
}
