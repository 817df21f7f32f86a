import { InvalidVersionError } from '../errors/InvalidVersionError';

/** Longest version or range text accepted. */
export const MAX_VERSION_LENGTH = 256;

const NUM = '0|[1-9]\\d*';
const PRE_ID = '0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*';
const SEMVER = new RegExp(`^(${NUM})\\.(${NUM})\\.(${NUM})(?:-((?:${PRE_ID})(?:\\.(?:${PRE_ID}))*))?` +
  '(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$');

/** Parses one prerelease identifier: numeric ones compare as numbers. */
export const parsePrereleaseIds = (text: string | undefined): (string | number)[] => {
  const out: (string | number)[] = [];
  if (text === undefined || text.length === 0) {
    return out;
  }
  for (const id of text.split('.')) {
    out.push(/^\d+$/.test(id) ? Number(id) : id);
  }
  return out;
};

const compareIds = (a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): number => {
  // A version without prerelease ranks above any prerelease of the same triple.
  if (a.length === 0 || b.length === 0) {
    return a.length === b.length ? 0 : (a.length === 0 ? 1 : -1);
  }
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) {
      continue;
    }
    const xNum = typeof x === 'number';
    const yNum = typeof y === 'number';
    if (xNum && yNum) {
      return (x as number) < (y as number) ? -1 : 1;
    }
    if (xNum !== yNum) {
      return xNum ? -1 : 1;
    }
    return (x as string) < (y as string) ? -1 : 1;
  }
  return a.length === b.length ? 0 : (a.length < b.length ? -1 : 1);
};

/**
 * A semantic version (semver 2.0.0): MAJOR.MINOR.PATCH, optional prerelease identifiers after
 * `-`, optional build metadata after `+` (kept, but ignored for precedence). Strict: no leading
 * zeros, no `v` prefix, numbers up to Number.MAX_SAFE_INTEGER.
 */
export class SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: ReadonlyArray<string | number>;
  readonly build: ReadonlyArray<string>;

  constructor(major: number, minor: number, patch: number, prerelease?: (string | number)[], build?: string[]) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.prerelease = prerelease ?? [];
    this.build = build ?? [];
  }

  /** Parses strict semver; throws InvalidVersionError (ERR_INVALID_VERSION) naming `field`. */
  static parse(text: string, field?: string): SemVer {
    const v = SemVer.tryParse(text);
    if (v === undefined) {
      throw new InvalidVersionError(field ?? 'version', typeof text === 'string' ? text : String(text),
        'is not a valid semantic version (MAJOR.MINOR.PATCH[-pre][+build])');
    }
    return v;
  }

  /** Parses strict semver; undefined when invalid. Never throws. */
  static tryParse(text: string): SemVer | undefined {
    if (typeof text !== 'string' || text.length > MAX_VERSION_LENGTH) {
      return undefined;
    }
    const m = SEMVER.exec(text);
    if (m === null) {
      return undefined;
    }
    const major = Number(m[1]);
    const minor = Number(m[2]);
    const patch = Number(m[3]);
    if (!Number.isSafeInteger(major) || !Number.isSafeInteger(minor) || !Number.isSafeInteger(patch)) {
      return undefined;
    }
    const pre = parsePrereleaseIds(m[4]);
    for (const id of pre) {
      if (typeof id === 'number' && !Number.isSafeInteger(id)) {
        return undefined;
      }
    }
    const build = m[5] === undefined ? [] : m[5].split('.');
    return new SemVer(major, minor, patch, pre, build);
  }

  /** True when `text` is strict semver. */
  static isValid(text: string): boolean {
    return SemVer.tryParse(text) !== undefined;
  }

  get isPrerelease(): boolean {
    return this.prerelease.length > 0;
  }

  /** Precedence order: negative, 0 or positive (build metadata ignored). */
  compare(other: SemVer): number {
    if (this.major !== other.major) {
      return this.major < other.major ? -1 : 1;
    }
    if (this.minor !== other.minor) {
      return this.minor < other.minor ? -1 : 1;
    }
    if (this.patch !== other.patch) {
      return this.patch < other.patch ? -1 : 1;
    }
    return compareIds(this.prerelease, other.prerelease);
  }

  /** Same MAJOR.MINOR.PATCH. */
  sameTriple(other: SemVer): boolean {
    return this.major === other.major && this.minor === other.minor && this.patch === other.patch;
  }

  toString(): string {
    let s = `${this.major}.${this.minor}.${this.patch}`;
    if (this.prerelease.length > 0) {
      s += '-' + this.prerelease.join('.');
    }
    if (this.build.length > 0) {
      s += '+' + this.build.join('.');
    }
    return s;
  }
}
