import { ErrorCode } from './ErrorCode';

/**
 * The base of every error ArkMesh raises. `code` is a stable `ERR_*` string (see {@link ErrorCode});
 * `cause` keeps the underlying error, since ES2021 has no standard `cause`.
 */
export class MeshError extends Error {
  readonly code: string;
  readonly cause: Error | undefined;

  constructor(code: string, message: string, cause?: Error) {
    super(message);
    this.name = 'MeshError';
    this.code = code;
    this.cause = cause;
  }

  /** Wraps anything thrown into a MeshError, keeping MeshErrors as they are. */
  static from(thrown: Object | null | undefined, code?: string): MeshError {
    if (thrown instanceof MeshError) {
      return thrown;
    }
    if (thrown instanceof Error) {
      return new MeshError(code ?? ErrorCode.INTERNAL, thrown.message, thrown);
    }
    return new MeshError(code ?? ErrorCode.INTERNAL, String(thrown));
  }

  /** True when `thrown` is a MeshError with the given code. */
  static hasCode(thrown: Object | null | undefined, code: string): boolean {
    return thrown instanceof MeshError && thrown.code === code;
  }
}
