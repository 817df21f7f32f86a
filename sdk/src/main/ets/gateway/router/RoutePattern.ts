import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { checkRegexSafety } from './regexSafety';

/** What one part of a route pattern matches. */
export enum RoutePartKind {
  /** Literal text, separators included (`/users/`). */
  STATIC = 0,
  /** A named parameter filling one whole segment (`:id`), optionally constrained by a regex. */
  PARAM = 1,
  /** The rest of the path (`*`), only at the end, after a `/`. */
  WILDCARD = 2
}

/** One part of a parsed route pattern. */
export class RoutePart {
  readonly kind: RoutePartKind;
  /** The literal text (STATIC), the parameter name (PARAM) or `*` (WILDCARD). */
  readonly text: string;
  /** Regex source of a constrained parameter, undefined otherwise. */
  readonly regex: string | undefined;

  constructor(kind: RoutePartKind, text: string, regex: string | undefined) {
    this.kind = kind;
    this.text = text;
    this.regex = regex;
  }
}

// RFC 3986 pchar without '%' (routes are written decoded) and without '*' (reserved for wildcards).
const isStaticChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ||
  c === 45 || c === 46 || c === 95 || c === 126 || // - . _ ~
  c === 33 || c === 36 || c === 38 || c === 39 || c === 40 || c === 41 || c === 43 || c === 44 ||
  c === 59 || c === 61 || c === 58 || c === 64; // ! $ & ' ( ) + , ; = : @

const isNameStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57);

const lowerAscii = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * A route path parsed into static, parameter and wildcard parts, normalised with the router's
 * options (case, trailing slash, duplicate slashes). Patterns are written decoded: `%` is rejected,
 * as are dot segments, empty segments, `?`, `#`, spaces and control characters.
 *
 * Syntax: `/users/:id`, `/users/:id(^\\d+$)` (a regex constraint on one segment), `/files/*`
 * (the rest of the path, named `*`), `::` for a literal `:` at the start of a segment.
 */
export class RoutePattern {
  readonly source: string;
  readonly parts: RoutePart[];
  readonly paramNames: string[];
  /** The normalised pattern, e.g. `/users/:id`. */
  readonly normalized: string;

  private constructor(source: string, parts: RoutePart[], paramNames: string[], normalized: string) {
    this.source = source;
    this.parts = parts;
    this.paramNames = paramNames;
    this.normalized = normalized;
  }

  /** True when the pattern has no parameter and no wildcard. */
  get isStatic(): boolean {
    return this.parts.length === 1 && this.parts[0].kind === RoutePartKind.STATIC;
  }

  /** True when the pattern ends with a wildcard. */
  get hasWildcard(): boolean {
    return this.parts.length > 0 && this.parts[this.parts.length - 1].kind === RoutePartKind.WILDCARD;
  }

  /** Parses `path`; throws InvalidArgumentError naming `field` on a malformed pattern. */
  static parse(path: string, caseSensitive: boolean, ignoreTrailingSlash: boolean,
    ignoreDuplicateSlashes: boolean, field: string): RoutePattern {
    if (typeof path !== 'string' || path.length === 0 || path.charCodeAt(0) !== 47) {
      throw new InvalidArgumentError(field, 'must start with /');
    }
    let p = path;
    if (ignoreDuplicateSlashes) {
      p = collapseSlashes(p);
    }
    if (ignoreTrailingSlash && p.length > 1 && p.charCodeAt(p.length - 1) === 47) {
      p = p.substring(0, p.length - 1);
    }
    const parts: RoutePart[] = [];
    const names: string[] = [];
    let text = '';
    let normalized = '';
    let segStart = 0;
    let segIsParam = false;
    let i = 0;
    const n = p.length;
    const fail = (problem: string): InvalidArgumentError =>
      new InvalidArgumentError(field, `'${path}': ${problem}`);
    const endSegment = (at: number): void => {
      const seg = text.substring(segStart);
      if (seg === '.' || seg === '..') {
        throw fail('dot segments are not allowed');
      }
      if (seg.length === 0 && at < n && at > 0) {
        throw fail('empty segment (//)');
      }
    };
    while (i < n) {
      const c = p.charCodeAt(i);
      if (c === 47) {
        if (i > 0 && !segIsParam) {
          endSegment(i);
        }
        segIsParam = false;
        text += '/';
        normalized += '/';
        segStart = text.length;
        i++;
        continue;
      }
      const atSegmentStart = text.length === segStart && i > 0 && p.charCodeAt(i - 1) === 47;
      if (atSegmentStart && c === 58 && !(i + 1 < n && p.charCodeAt(i + 1) === 58)) {
        let j = i + 1;
        if (j >= n || !isNameStart(p.charCodeAt(j))) {
          throw fail('a parameter needs a name ([A-Za-z_][A-Za-z0-9_]*)');
        }
        while (j < n && isNameChar(p.charCodeAt(j))) {
          j++;
        }
        const name = p.substring(i + 1, j);
        let regex: string | undefined = undefined;
        if (j < n && p.charCodeAt(j) === 40) {
          const close = findGroupEnd(p, j);
          if (close < 0) {
            throw fail(`unterminated regex of parameter '${name}'`);
          }
          regex = p.substring(j + 1, close);
          checkRegex(regex, field, path);
          j = close + 1;
        }
        if (j < n && p.charCodeAt(j) !== 47) {
          throw fail(`parameter '${name}' must fill its whole segment`);
        }
        if (names.indexOf(name) >= 0) {
          throw fail(`duplicate parameter name '${name}'`);
        }
        if (text.length > 0) {
          parts.push(new RoutePart(RoutePartKind.STATIC, text, undefined));
        }
        parts.push(new RoutePart(RoutePartKind.PARAM, name, regex));
        names.push(name);
        normalized += regex === undefined ? `:${name}` : `:${name}(${regex})`;
        text = '';
        segStart = 0;
        segIsParam = true;
        i = j;
        continue;
      }
      if (atSegmentStart && c === 42) {
        if (i !== n - 1) {
          throw fail('a wildcard (*) must be the last character');
        }
        parts.push(new RoutePart(RoutePartKind.STATIC, text, undefined));
        parts.push(new RoutePart(RoutePartKind.WILDCARD, '*', undefined));
        names.push('*');
        normalized += '*';
        return new RoutePattern(path, parts, names, normalized);
      }
      if (atSegmentStart && c === 58) {
        // '::' escapes a literal ':' at the start of a segment.
        i++;
      }
      if (!isStaticChar(c)) {
        throw fail(c === 42 ? 'a wildcard (*) must fill the last segment' :
          `character '${p.charAt(i)}' is not allowed (write routes decoded, without ? # % or spaces)`);
      }
      const stored = caseSensitive ? c : lowerAscii(c);
      text += String.fromCharCode(stored);
      normalized += c === 58 && text.length - 1 === segStart ? '::' : String.fromCharCode(stored);
      i++;
    }
    if (!segIsParam) {
      endSegment(n);
    }
    if (text.length > 0) {
      parts.push(new RoutePart(RoutePartKind.STATIC, text, undefined));
    }
    return new RoutePattern(path, parts, names, normalized);
  }
}

/** Collapses runs of `/` into one. */
export const collapseSlashes = (path: string): string => {
  let out = '';
  let prevSlash = false;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 47 && prevSlash) {
      continue;
    }
    prevSlash = c === 47;
    out += path.charAt(i);
  }
  return out;
};

// Index of the ')' closing the '(' at `open`, honouring escapes and character classes; -1 if none.
const findGroupEnd = (p: string, open: number): number => {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 92) {
      i++;
    } else if (inClass) {
      inClass = c !== 93;
    } else if (c === 91) {
      inClass = true;
    } else if (c === 40) {
      depth++;
    } else if (c === 41) {
      depth--;
      if (depth === 0) {
        return i;
      }
    }
  }
  return -1;
};

const checkRegex = (source: string, field: string, path: string): void => {
  if (source.length === 0) {
    throw new InvalidArgumentError(field, `'${path}': empty parameter regex`);
  }
  try {
    const re = new RegExp(source);
    re.test('');
  } catch (e) {
    throw new InvalidArgumentError(field, `'${path}': invalid parameter regex '${source}'`);
  }
  const unsafe = checkRegexSafety(source);
  if (unsafe !== undefined) {
    throw new InvalidArgumentError(field, `'${path}': unsafe parameter regex '${source}' (${unsafe})`);
  }
};
