import { ExpectedVersion } from '../ExpectedVersion';
import { StreamHead } from './StreamHead';

/** True when a stream at `head` satisfies `expected` (a version or an ExpectedVersion value). */
export const satisfiesExpected = (head: StreamHead, expected: number): boolean => {
  switch (expected) {
    case ExpectedVersion.ANY:
      return true;
    case ExpectedVersion.NO_STREAM:
      return !head.exists;
    case ExpectedVersion.STREAM_EXISTS:
      return head.exists;
    default:
      return head.exists && head.version === expected;
  }
};
