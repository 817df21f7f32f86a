/**
 * The W3C `trace-flags` bits. A span context's `traceFlags` is a number with these bits; only the
 * ones named here are defined (level 2 of the specification adds RANDOM).
 */
export class TraceFlags {
  /** No flag set: the trace is not sampled. */
  static readonly NONE: number = 0;
  /** The caller may have recorded this trace: record and export it too. */
  static readonly SAMPLED: number = 1;
  /** The trace id's right-most 7 bytes are random (W3C Trace Context level 2). */
  static readonly RANDOM: number = 2;

  /** True when `flags` has the SAMPLED bit. */
  static isSampled(flags: number): boolean {
    return (flags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED;
  }
}
