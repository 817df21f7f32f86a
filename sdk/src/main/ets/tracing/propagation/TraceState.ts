import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';

/** Most list members a `tracestate` may carry (W3C Trace Context). */
export const MAX_TRACE_STATE_MEMBERS = 32;
/** Length a `tracestate` header is cut down to when serialized (the specification's minimum). */
export const DEFAULT_TRACE_STATE_MAX_LENGTH = 512;
/** Members longer than this are removed first when a `tracestate` must be cut down. */
const LONG_MEMBER = 128;

// key chars after the first: lcalpha / DIGIT / "_" / "-" / "*" / "/"
const isKeyChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 42 || c === 47;
const isLcAlpha = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
// nblk-chr = %x21-2B / %x2D-3C / %x3E-7E
const isValueChar = (c: number): boolean => c >= 0x21 && c <= 0x7e && c !== 0x2c && c !== 0x3d;
const isOws = (c: number): boolean => c === 32 || c === 9;

const restAreKeyChars = (key: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) {
    if (!isKeyChar(key.charCodeAt(i))) {
      return false;
    }
  }
  return true;
};

/**
 * True when `key` is a valid tracestate key: a simple key (`lcalpha` then up to 255 key chars) or
 * a multi-tenant key `tenant@system` (tenant: `lcalpha`/digit then up to 240 key chars; system:
 * `lcalpha` then up to 13 key chars).
 */
export const isValidTraceStateKey = (key: string): boolean => {
  const n = key.length;
  if (n === 0 || n > 256) {
    return false;
  }
  const at = key.indexOf('@');
  if (at < 0) {
    return isLcAlpha(key.charCodeAt(0)) && restAreKeyChars(key, 1, n);
  }
  const systemLength = n - at - 1;
  if (at === 0 || at > 241 || systemLength < 1 || systemLength > 14) {
    return false;
  }
  const first = key.charCodeAt(0);
  return (isLcAlpha(first) || isDigit(first)) && restAreKeyChars(key, 1, at) &&
    isLcAlpha(key.charCodeAt(at + 1)) && restAreKeyChars(key, at + 2, n);
};

/** True when `value` is a valid tracestate value: 1 to 256 printable ASCII chars but `,` and `=`, not ending in a space. */
export const isValidTraceStateValue = (value: string): boolean => {
  const n = value.length;
  if (n === 0 || n > 256 || !isValueChar(value.charCodeAt(n - 1))) {
    return false;
  }
  for (let i = 0; i < n - 1; i++) {
    const c = value.charCodeAt(i);
    if (c !== 32 && !isValueChar(c)) {
      return false;
    }
  }
  return true;
};

/**
 * The vendor-specific `tracestate` list of W3C Trace Context: an immutable, ordered list of
 * key/value members, most recently updated first. `set` and `unset` return a new TraceState.
 */
export class TraceState {
  private readonly _keys: string[];
  private readonly _values: string[];

  private constructor(keys: string[], values: string[]) {
    this._keys = keys;
    this._values = values;
  }

  /** The empty list. */
  static readonly EMPTY: TraceState = new TraceState([], []);

  /**
   * Parses a `tracestate` header value (several headers joined with `,` are one list). Returns
   * undefined when the list is invalid as a whole: a bad key or value, a duplicate key, or more
   * than 32 members. Optional whitespace around members and empty members are allowed.
   */
  static parse(header: string): TraceState | undefined {
    const keys: string[] = [];
    const values: string[] = [];
    let start = 0;
    const n = header.length;
    while (start <= n) {
      let end = header.indexOf(',', start);
      if (end < 0) {
        end = n;
      }
      let a = start;
      let b = end;
      while (a < b && isOws(header.charCodeAt(a))) {
        a++;
      }
      while (b > a && isOws(header.charCodeAt(b - 1))) {
        b--;
      }
      if (b > a) {
        const eq = header.indexOf('=', a);
        if (eq < 0 || eq >= b) {
          return undefined;
        }
        const key = header.substring(a, eq);
        const value = header.substring(eq + 1, b);
        if (!isValidTraceStateKey(key) || !isValidTraceStateValue(value) || keys.indexOf(key) >= 0) {
          return undefined;
        }
        if (keys.length === MAX_TRACE_STATE_MEMBERS) {
          return undefined;
        }
        keys.push(key);
        values.push(value);
      }
      start = end + 1;
    }
    return keys.length === 0 ? TraceState.EMPTY : new TraceState(keys, values);
  }

  /** Number of members. */
  get size(): number {
    return this._keys.length;
  }

  /** The value of `key`, or undefined. */
  get(key: string): string | undefined {
    const i = this._keys.indexOf(key);
    return i < 0 ? undefined : this._values[i];
  }

  /** The keys in list order. */
  keys(): string[] {
    return this._keys.slice();
  }

  /**
   * A copy with `key` set to `value` and moved to the front (the specification's update rule).
   * When the list is full, the last member makes room.
   * @throws InvalidArgumentError (ERR_INVALID_ARGUMENT) for a key or value outside the grammar.
   */
  set(key: string, value: string): TraceState {
    if (!isValidTraceStateKey(key)) {
      throw new InvalidArgumentError('traceState.key', `'${key}' is not a valid tracestate key`);
    }
    if (!isValidTraceStateValue(value)) {
      throw new InvalidArgumentError('traceState.value', 'must be 1-256 printable ASCII characters without "," or "=", not ending in a space');
    }
    const keys: string[] = [key];
    const values: string[] = [value];
    for (let i = 0; i < this._keys.length && keys.length < MAX_TRACE_STATE_MEMBERS; i++) {
      if (this._keys[i] !== key) {
        keys.push(this._keys[i]);
        values.push(this._values[i]);
      }
    }
    return new TraceState(keys, values);
  }

  /** A copy without `key` (this list itself when `key` is absent). */
  unset(key: string): TraceState {
    const i = this._keys.indexOf(key);
    if (i < 0) {
      return this;
    }
    const keys = this._keys.slice();
    const values = this._values.slice();
    keys.splice(i, 1);
    values.splice(i, 1);
    return new TraceState(keys, values);
  }

  /**
   * The header value. When it would exceed `maxLength` (default 512) characters, members longer
   * than 128 characters are removed first, then members from the end, as the specification asks.
   */
  serialize(maxLength?: number): string {
    const limit = maxLength ?? DEFAULT_TRACE_STATE_MAX_LENGTH;
    const members: string[] = [];
    let length = -1;
    for (let i = 0; i < this._keys.length; i++) {
      const m = `${this._keys[i]}=${this._values[i]}`;
      members.push(m);
      length += m.length + 1;
    }
    if (length <= limit) {
      return members.join(',');
    }
    for (let i = members.length - 1; i >= 0 && length > limit; i--) {
      if (members[i].length > LONG_MEMBER) {
        length -= members[i].length + 1;
        members.splice(i, 1);
      }
    }
    while (members.length > 0 && length > limit) {
      const last = members.pop() as string;
      length -= last.length + 1;
    }
    return members.join(',');
  }
}
