/**
 * What an append expects of its stream, besides an exact version number (the version of the
 * stream's last event, 0-based: a stream with one event is at version 0). The values are negative,
 * so they can never be confused with a real version, and travel as plain numbers.
 */
export enum ExpectedVersion {
  /** No check: append whatever the stream's state (except a hard-deleted stream). */
  ANY = -2,
  /** The stream must not exist yet (or must have been soft-deleted). */
  NO_STREAM = -1,
  /** The stream must exist, at any version. */
  STREAM_EXISTS = -4
}

/** The version of a stream that has no events: the version NO_STREAM expects. */
export const EMPTY_STREAM_VERSION = -1;

/** A readable form of an expected version for messages: `3`, `NO_STREAM`, `ANY`, `STREAM_EXISTS`. */
export const describeExpectedVersion = (expected: number): string => {
  switch (expected) {
    case ExpectedVersion.ANY:
      return 'ANY';
    case ExpectedVersion.NO_STREAM:
      return 'NO_STREAM';
    case ExpectedVersion.STREAM_EXISTS:
      return 'STREAM_EXISTS';
    default:
      return String(expected);
  }
};

/** True when `expected` is a usable expected version: a version >= 0 or one of the ExpectedVersion values. */
export const isValidExpectedVersion = (expected: number): boolean =>
  Number.isSafeInteger(expected) &&
  (expected >= 0 || expected === ExpectedVersion.ANY || expected === ExpectedVersion.NO_STREAM ||
    expected === ExpectedVersion.STREAM_EXISTS);
