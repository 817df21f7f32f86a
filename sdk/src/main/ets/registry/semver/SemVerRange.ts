import { InvalidVersionError } from '../errors/InvalidVersionError';
import { MAX_VERSION_LENGTH, parsePrereleaseIds, SemVer } from './SemVer';

/** A comparison operator of a range comparator. */
export enum RangeOperator {
  EQ = '=',
  LT = '<',
  LTE = '<=',
  GT = '>',
  GTE = '>='
}

/** One `op version` test. */
export class SemVerComparator {
  readonly op: RangeOperator;
  readonly version: SemVer;

  constructor(op: RangeOperator, version: SemVer) {
    this.op = op;
    this.version = version;
  }

  test(v: SemVer): boolean {
    const c = v.compare(this.version);
    switch (this.op) {
      case RangeOperator.EQ:
        return c === 0;
      case RangeOperator.LT:
        return c < 0;
      case RangeOperator.LTE:
        return c <= 0;
      case RangeOperator.GT:
        return c > 0;
      default:
        return c >= 0;
    }
  }

  toString(): string {
    return `${this.op}${this.version.toString()}`;
  }
}

// A partial version: missing or x/X/* parts are undefined.
class PartialVersion {
  readonly major: number | undefined;
  readonly minor: number | undefined;
  readonly patch: number | undefined;
  readonly pre: (string | number)[];

  constructor(major: number | undefined, minor: number | undefined, patch: number | undefined, pre: (string | number)[]) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.pre = pre;
  }
}

const XR = '([xX*]|0|[1-9]\\d*)';
const PARTIAL = new RegExp(`^${XR}(?:\\.${XR}(?:\\.${XR}(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?)?$`);
const SIMPLE = /^(<=|>=|<|>|=|~|\^)?(.*)$/;
const HYPHEN = /^(\S+)\s+-\s+(\S+)$/;

const num = (s: string | undefined): number | undefined =>
  s === undefined || s === 'x' || s === 'X' || s === '*' ? undefined : Number(s);

const v = (major: number, minor: number, patch: number, pre?: (string | number)[]): SemVer =>
  new SemVer(major, minor, patch, pre);

// `<x.y.z-0`: below every version of x.y.z, prereleases included.
const below = (major: number, minor: number, patch: number): SemVerComparator =>
  new SemVerComparator(RangeOperator.LT, v(major, minor, patch, [0]));

const gte = (major: number, minor: number, patch: number, pre?: (string | number)[]): SemVerComparator =>
  new SemVerComparator(RangeOperator.GTE, v(major, minor, patch, pre));

const NOTHING = (): SemVerComparator[] => [below(0, 0, 0)];

/**
 * A semver range, node-semver compatible for the common grammar: comparators (`>=1.2.0 <2.0.0`),
 * exact and partial versions (`1.2.3`, `1.2`, `1.x`, `*`), tilde (`~1.2.3`: patch updates), caret
 * (`^1.2.3`: no breaking change, with the 0.x rules), hyphen ranges (`1.2.3 - 2.3`) and `||`
 * unions. A prerelease version only matches a comparator set that names a prerelease of the same
 * MAJOR.MINOR.PATCH (so `^1.2.0` does not match `1.3.0-beta`).
 */
export class SemVerRange {
  /** The text the range was parsed from. */
  readonly raw: string;
  /** Alternatives (`||`), each a conjunction of comparators; an empty set matches any release. */
  readonly sets: ReadonlyArray<ReadonlyArray<SemVerComparator>>;

  private constructor(raw: string, sets: SemVerComparator[][]) {
    this.raw = raw;
    this.sets = sets;
  }

  /** Parses a range; throws InvalidVersionError (ERR_INVALID_VERSION) naming `field`. */
  static parse(text: string, field?: string): SemVerRange {
    const r = SemVerRange.tryParse(text);
    if (r === undefined) {
      throw new InvalidVersionError(field ?? 'versionRange', typeof text === 'string' ? text : String(text),
        'is not a valid semver range');
    }
    return r;
  }

  /** Parses a range; undefined when invalid. Never throws. */
  static tryParse(text: string): SemVerRange | undefined {
    if (typeof text !== 'string' || text.length > MAX_VERSION_LENGTH) {
      return undefined;
    }
    const sets: SemVerComparator[][] = [];
    for (const alt of text.split('||')) {
      const set = SemVerRange.parseSet(alt.trim());
      if (set === undefined) {
        return undefined;
      }
      sets.push(set);
    }
    return new SemVerRange(text, sets);
  }

  /** True when `version` (a SemVer or strict semver text) is in the range; invalid text is not. */
  test(version: SemVer | string): boolean {
    const ver = typeof version === 'string' ? SemVer.tryParse(version) : version as SemVer;
    if (ver === undefined) {
      return false;
    }
    for (const set of this.sets) {
      if (SemVerRange.testSet(set, ver)) {
        return true;
      }
    }
    return false;
  }

  /** The normalised comparators, e.g. `>=1.2.3 <2.0.0-0 || =3.0.0`. */
  toString(): string {
    return this.sets.map((set: ReadonlyArray<SemVerComparator>): string =>
      set.length === 0 ? '*' : set.map((c: SemVerComparator): string => c.toString()).join(' ')).join(' || ');
  }

  private static testSet(set: ReadonlyArray<SemVerComparator>, ver: SemVer): boolean {
    for (const c of set) {
      if (!c.test(ver)) {
        return false;
      }
    }
    if (ver.prerelease.length === 0) {
      return true;
    }
    for (const c of set) {
      if (c.version.prerelease.length > 0 && c.version.sameTriple(ver)) {
        return true;
      }
    }
    return false;
  }

  private static parseSet(text: string): SemVerComparator[] | undefined {
    if (text.length === 0) {
      return [];
    }
    const hyphen = HYPHEN.exec(text);
    if (hyphen !== null) {
      const a = SemVerRange.partial(hyphen[1]);
      const b = SemVerRange.partial(hyphen[2]);
      if (a === undefined || b === undefined) {
        return undefined;
      }
      const out: SemVerComparator[] = [];
      if (a.major !== undefined) {
        out.push(gte(a.major, a.minor ?? 0, a.patch ?? 0, a.patch !== undefined ? a.pre : undefined));
      }
      if (b.major !== undefined) {
        if (b.minor === undefined) {
          out.push(below(b.major + 1, 0, 0));
        } else if (b.patch === undefined) {
          out.push(below(b.major, b.minor + 1, 0));
        } else {
          out.push(new SemVerComparator(RangeOperator.LTE, v(b.major, b.minor, b.patch, b.pre)));
        }
      }
      return out;
    }
    // Allow a space between an operator and its version (`>= 1.2.3`).
    const tokens = text.replace(/(<=|>=|<|>|=|~|\^)\s+/g, '$1').split(/\s+/);
    const out: SemVerComparator[] = [];
    for (const tok of tokens) {
      const cs = SemVerRange.simple(tok);
      if (cs === undefined) {
        return undefined;
      }
      for (const c of cs) {
        out.push(c);
      }
    }
    return out;
  }

  private static partial(text: string): PartialVersion | undefined {
    const m = PARTIAL.exec(text);
    if (m === null) {
      return undefined;
    }
    const major = num(m[1]);
    const minor = major === undefined ? undefined : num(m[2]);
    const patch = minor === undefined ? undefined : num(m[3]);
    if ((major !== undefined && !Number.isSafeInteger(major)) || (minor !== undefined && !Number.isSafeInteger(minor)) ||
      (patch !== undefined && !Number.isSafeInteger(patch))) {
      return undefined;
    }
    if (m[4] !== undefined && patch === undefined) {
      return undefined;
    }
    return new PartialVersion(major, minor, patch, parsePrereleaseIds(m[4]));
  }

  private static simple(tok: string): SemVerComparator[] | undefined {
    const m = SIMPLE.exec(tok) as RegExpExecArray;
    const op = m[1] ?? '';
    const p = SemVerRange.partial(m[2]);
    if (p === undefined) {
      return undefined;
    }
    const ma = p.major;
    const mi = p.minor;
    const pa = p.patch;
    if (ma === undefined) {
      // `*`, `>=*`, `<=*` match everything; `>*` and `<*` nothing.
      return op === '>' || op === '<' ? NOTHING() : [];
    }
    switch (op) {
      case '':
      case '=':
        if (mi === undefined) {
          return [gte(ma, 0, 0), below(ma + 1, 0, 0)];
        }
        if (pa === undefined) {
          return [gte(ma, mi, 0), below(ma, mi + 1, 0)];
        }
        return [new SemVerComparator(RangeOperator.EQ, v(ma, mi, pa, p.pre))];
      case '~':
        if (mi === undefined) {
          return [gte(ma, 0, 0), below(ma + 1, 0, 0)];
        }
        return [gte(ma, mi, pa ?? 0, pa !== undefined ? p.pre : undefined), below(ma, mi + 1, 0)];
      case '^': {
        const low = gte(ma, mi ?? 0, pa ?? 0, pa !== undefined ? p.pre : undefined);
        if (mi === undefined || ma > 0) {
          return [low, below(ma + 1, 0, 0)];
        }
        if (pa === undefined || mi > 0) {
          return [low, below(0, mi + 1, 0)];
        }
        return [low, below(0, 0, pa + 1)];
      }
      case '>':
        if (mi === undefined) {
          return [gte(ma + 1, 0, 0)];
        }
        if (pa === undefined) {
          return [gte(ma, mi + 1, 0)];
        }
        return [new SemVerComparator(RangeOperator.GT, v(ma, mi, pa, p.pre))];
      case '>=':
        return [gte(ma, mi ?? 0, pa ?? 0, pa !== undefined ? p.pre : undefined)];
      case '<':
        if (pa === undefined) {
          return [below(ma, mi ?? 0, 0)];
        }
        return [new SemVerComparator(RangeOperator.LT, v(ma, mi ?? 0, pa, p.pre))];
      default:
        // '<='
        if (mi === undefined) {
          return [below(ma + 1, 0, 0)];
        }
        if (pa === undefined) {
          return [below(ma, mi + 1, 0)];
        }
        return [new SemVerComparator(RangeOperator.LTE, v(ma, mi, pa, p.pre))];
    }
  }
}
