import { InvalidArgumentError } from '../../../core/errors/InvalidArgumentError';

const parsePart = (text: string): number => {
  if (text.length === 0 || text.length > 9) {
    return -1;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) {
      return -1;
    }
  }
  if (text.length > 1 && text.charCodeAt(0) === 48) {
    return -1;
  }
  return Number(text);
};

/** A `major.minor.patch` version (numbers only), as route versions are written. */
export class SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;

  constructor(major: number, minor: number, patch: number) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
  }

  /** Parses `1.2.3`; throws InvalidArgumentError naming `field` otherwise. */
  static parse(text: string, field: string): SemVer {
    const parts = text.split('.');
    if (parts.length !== 3) {
      throw new InvalidArgumentError(field, `'${text}' is not a major.minor.patch version`);
    }
    const major = parsePart(parts[0]);
    const minor = parsePart(parts[1]);
    const patch = parsePart(parts[2]);
    if (major < 0 || minor < 0 || patch < 0) {
      throw new InvalidArgumentError(field, `'${text}' is not a major.minor.patch version`);
    }
    return new SemVer(major, minor, patch);
  }

  /** Negative when this is lower than `other`. */
  compareTo(other: SemVer): number {
    if (this.major !== other.major) {
      return this.major - other.major;
    }
    if (this.minor !== other.minor) {
      return this.minor - other.minor;
    }
    return this.patch - other.patch;
  }
}

/**
 * An x-range as requests send it: `*`, `2`, `2.x`, `2.1`, `2.1.x` or an exact `2.1.3`. A missing or
 * `x`/`*` part matches anything. Invalid text yields a range that matches nothing.
 */
export class VersionRange {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly valid: boolean;

  constructor(text: string) {
    const parts = text.trim().split('.');
    let ok = parts.length <= 3;
    const nums: number[] = [-1, -1, -1];
    let wild = false;
    for (let i = 0; ok && i < parts.length; i++) {
      const p = parts[i];
      if (p === 'x' || p === 'X' || p === '*') {
        wild = true;
      } else if (wild) {
        ok = false;
      } else {
        nums[i] = parsePart(p);
        ok = nums[i] >= 0;
      }
    }
    this.valid = ok;
    this.major = nums[0];
    this.minor = nums[1];
    this.patch = nums[2];
  }

  /** True when `v` falls in the range. */
  includes(v: SemVer): boolean {
    return this.valid && (this.major < 0 || this.major === v.major) &&
      (this.minor < 0 || this.minor === v.minor) && (this.patch < 0 || this.patch === v.patch);
  }
}
