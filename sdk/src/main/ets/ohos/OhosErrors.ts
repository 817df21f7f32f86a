import { ErrorCode } from '../core/errors/ErrorCode';
import { MeshError } from '../core/errors/MeshError';

/** The HarmonyOS "capability not supported" error code (universal error 801). */
export const OHOS_NOT_SUPPORTED = 801;
/** The HarmonyOS "permission denied" error code (universal error 201). */
export const OHOS_PERMISSION_DENIED = 201;

/** The shape of a HarmonyOS `BusinessError` as far as ArkMesh reads it. */
export interface OhosErrorLike {
  code?: number;
  message?: string;
}

/**
 * Turns what HarmonyOS APIs throw (`BusinessError` with a numeric `code`) into MeshErrors, so no
 * module above the adapters ever sees a system error type (style guide rule 13).
 */
export class OhosErrors {
  /**
   * A MeshError with `code` (`ERR_UNSUPPORTED` for error 801, `ERR_PERMISSION_DENIED` for 201) whose message names the operation
   * and the platform code; MeshErrors pass through unchanged.
   */
  static wrap(thrown: Object | null | undefined, code: string, operation: string): MeshError {
    if (thrown instanceof MeshError) {
      return thrown;
    }
    const platformCode = OhosErrors.platformCode(thrown);
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    const mapped = platformCode === OHOS_NOT_SUPPORTED ? ErrorCode.UNSUPPORTED
      : platformCode === OHOS_PERMISSION_DENIED ? ErrorCode.PERMISSION_DENIED : code;
    const suffix = platformCode === undefined ? '' : ` (HarmonyOS error ${platformCode})`;
    const cause = thrown instanceof Error ? thrown : undefined;
    return new MeshError(mapped, `${operation} failed: ${message}${suffix}`, cause);
  }

  /** The numeric `code` of a BusinessError, or undefined for anything else. */
  static platformCode(thrown: Object | null | undefined): number | undefined {
    if (thrown === null || thrown === undefined || typeof thrown !== 'object') {
      return undefined;
    }
    const code = (thrown as OhosErrorLike).code;
    return typeof code === 'number' ? code : undefined;
  }
}
