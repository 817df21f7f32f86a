/** Why a request path is a bad request (400). */
export enum BadPathReason {
  PATH_TOO_LONG = 'path-too-long',
  PARAM_TOO_LONG = 'param-too-long',
  NOT_ABSOLUTE = 'not-absolute',
  BAD_ESCAPE = 'bad-percent-escape',
  DOT_SEGMENT = 'dot-segment',
  NUL = 'nul-character'
}

// True when `v` has a `.` or `..` segment (between slashes or at either end).
const hasDotSegment = (v: string): boolean => {
  let segStart = 0;
  const n = v.length;
  for (let i = 0; i <= n; i++) {
    if (i === n || v.charCodeAt(i) === 47) {
      const len = i - segStart;
      if ((len === 1 && v.charCodeAt(segStart) === 46) ||
        (len === 2 && v.charCodeAt(segStart) === 46 && v.charCodeAt(segStart + 1) === 46)) {
        return true;
      }
      segStart = i + 1;
    }
  }
  return false;
};

/**
 * Checks request paths and parameter values for what the router never accepts: over-long input,
 * bad percent escapes (including escapes that are not UTF-8), NUL (raw or `%00`) and dot segments
 * (raw or encoded, e.g. `%2e%2e`), so a rewritten upstream path can never climb out of its prefix.
 */
export class PathValidator {
  /** The reason of the last rejected value (set by `value` when it returns undefined). */
  reason: BadPathReason | undefined = undefined;

  /**
   * The decoded value of a parameter slice, or undefined when it is unacceptable (see `reason`).
   * Decodes only when a `%` is present. `maxLength` applies to the raw slice (0 = unlimited).
   */
  value(raw: string, maxLength: number, multiSegment: boolean): string | undefined {
    const n = raw.length;
    if (maxLength > 0 && n > maxLength) {
      this.reason = BadPathReason.PARAM_TOO_LONG;
      return undefined;
    }
    // Native searches: much faster than a char-code loop over long values such as commit SHAs.
    if (raw.indexOf('\u0000') >= 0) {
      this.reason = BadPathReason.NUL;
      return undefined;
    }
    if (raw.indexOf('%') < 0) {
      if (multiSegment ? hasDotSegment(raw) : (n === 1 && raw === '.') || (n === 2 && raw === '..')) {
        this.reason = BadPathReason.DOT_SEGMENT;
        return undefined;
      }
      return raw;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch (e) {
      this.reason = BadPathReason.BAD_ESCAPE;
      return undefined;
    }
    if (decoded.indexOf('\u0000') >= 0) {
      this.reason = BadPathReason.NUL;
      return undefined;
    }
    if (hasDotSegment(decoded)) {
      this.reason = BadPathReason.DOT_SEGMENT;
      return undefined;
    }
    return decoded;
  }

  /** Why the whole path is malformed, or undefined when it is well-formed. */
  static check(path: string, maxLength: number): BadPathReason | undefined {
    if (path.length > maxLength) {
      return BadPathReason.PATH_TOO_LONG;
    }
    if (path.length === 0 || path.charCodeAt(0) !== 47) {
      return BadPathReason.NOT_ABSOLUTE;
    }
    const v = new PathValidator();
    return v.value(path, 0, true) === undefined ? v.reason : undefined;
  }
}
