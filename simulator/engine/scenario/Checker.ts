/**
 * Field-by-field checks of untyped JSON that collect every problem with the JSON path of the bad
 * field (`devices[2].services[0].latency.p99: must be a positive number`) instead of stopping at
 * the first one. Used by validateScenario; a check that fails records an issue and returns
 * undefined, so callers fall back to a default and keep going.
 */

/** One problem in a scenario file. */
export interface ScenarioIssue {
  /** JSON path of the field, e.g. `devices[2].services[0].latency.p99` (`` for the root). */
  path: string;
  message: string;
}

/** `path: message`, the form the CLI prints. */
export const formatIssue = (issue: ScenarioIssue): string =>
  issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;

export type JsonRecord = Record<string, unknown>;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `path.key`, or `path["odd key"]` for keys that are not identifiers. */
export const joinPath = (path: string, key: string): string => {
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
};
export const indexPath = (path: string, index: number): string => `${path}[${index}]`;

const DURATION = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h)?\s*$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60000, h: 3600000 };

/** Milliseconds of `250ms`, `1.5s`, `10m`, `1h`, or a number of ms; undefined when malformed. */
export const parseDuration = (value: unknown): number | undefined => {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const m = DURATION.exec(value);
  if (m === null) {
    return undefined;
  }
  const ms = Number(m[1]) * UNIT_MS[m[2] ?? 'ms'];
  return Number.isFinite(ms) ? ms : undefined;
};

/** Closest candidate by edit distance (for "did you mean"), when close enough. */
const suggest = (word: string, candidates: readonly string[]): string | undefined => {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
};

const editDistance = (a: string, b: string): number => {
  const row: number[] = [];
  for (let j = 0; j <= b.length; j++) row.push(j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
};

export interface NumberRule {
  required?: boolean;
  /** Inclusive lower bound. */
  min?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Strictly greater than 0. */
  positive?: boolean;
  integer?: boolean;
}

export interface StringRule {
  required?: boolean;
  pattern?: RegExp;
  /** Message when the pattern does not match. */
  patternMessage?: string;
  oneOf?: readonly string[];
}

/** Collects issues while reading a JSON document. */
export class Checker {
  readonly issues: ScenarioIssue[] = [];

  fail(path: string, message: string): undefined {
    this.issues.push({ path, message });
    return undefined;
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }

  /** The value as an object (not null, not an array), or an issue. */
  object(value: unknown, path: string): JsonRecord | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.fail(path, 'must be an object');
    }
    return value as JsonRecord;
  }

  /** Reports every key of `o` not in `allowed` (with a suggestion for likely typos). */
  known(o: JsonRecord, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(o)) {
      if (!allowed.includes(key)) {
        const hint = suggest(key, allowed);
        this.fail(joinPath(path, key), hint === undefined ? 'unknown field' : `unknown field (did you mean '${hint}'?)`);
      }
    }
  }

  has(o: JsonRecord, key: string): boolean {
    return o[key] !== undefined;
  }

  string(o: JsonRecord, key: string, path: string, rule: StringRule = {}): string | undefined {
    const p = joinPath(path, key);
    const v = o[key];
    if (v === undefined) {
      return rule.required === true ? this.fail(p, 'is required') : undefined;
    }
    if (typeof v !== 'string' || v.length === 0) {
      return this.fail(p, 'must be a non-empty string');
    }
    if (rule.oneOf !== undefined && !rule.oneOf.includes(v)) {
      const hint = suggest(v, rule.oneOf);
      return this.fail(p, `must be one of ${rule.oneOf.join(', ')}${hint === undefined ? '' : ` (did you mean '${hint}'?)`}`);
    }
    if (rule.pattern !== undefined && !rule.pattern.test(v)) {
      return this.fail(p, rule.patternMessage ?? `must match ${String(rule.pattern)}`);
    }
    return v;
  }

  number(o: JsonRecord, key: string, path: string, rule: NumberRule = {}): number | undefined {
    return this.numberValue(o[key], joinPath(path, key), rule);
  }

  numberValue(v: unknown, p: string, rule: NumberRule = {}): number | undefined {
    if (v === undefined) {
      return rule.required === true ? this.fail(p, 'is required') : undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return this.fail(p, rule.positive === true ? 'must be a positive number' : 'must be a finite number');
    }
    if (rule.positive === true && v <= 0) {
      return this.fail(p, 'must be a positive number');
    }
    if (rule.integer === true && !Number.isInteger(v)) {
      return this.fail(p, 'must be an integer');
    }
    if (rule.min !== undefined && v < rule.min) {
      return this.fail(p, rule.max !== undefined ? `must be between ${rule.min} and ${rule.max}` : `must be >= ${rule.min}`);
    }
    if (rule.max !== undefined && v > rule.max) {
      return this.fail(p, rule.min !== undefined ? `must be between ${rule.min} and ${rule.max}` : `must be <= ${rule.max}`);
    }
    return v;
  }

  /** A probability in [0, 1]. */
  probability(o: JsonRecord, key: string, path: string): number | undefined {
    const v = o[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)) {
      return this.fail(joinPath(path, key), 'must be a probability between 0 and 1');
    }
    return v as number | undefined;
  }

  boolean(o: JsonRecord, key: string, path: string): boolean | undefined {
    const v = o[key];
    if (v === undefined) {
      return undefined;
    }
    if (typeof v !== 'boolean') {
      return this.fail(joinPath(path, key), 'must be true or false');
    }
    return v;
  }

  /** A duration (`'1.5s'`, `'10m'`, `'250ms'` or a number of ms) in ms. */
  duration(o: JsonRecord, key: string, path: string, rule: { required?: boolean; positive?: boolean } = {}): number | undefined {
    const p = joinPath(path, key);
    const v = o[key];
    if (v === undefined) {
      return rule.required === true ? this.fail(p, 'is required') : undefined;
    }
    const ms = parseDuration(v);
    if (ms === undefined) {
      return this.fail(p, "must be a duration such as '250ms', '1.5s', '10m', '1h' or a number of milliseconds");
    }
    if (rule.positive === true && ms <= 0) {
      return this.fail(p, 'must be a positive duration');
    }
    return ms;
  }

  array(o: JsonRecord, key: string, path: string, required = false): unknown[] | undefined {
    const v = o[key];
    if (v === undefined) {
      return required ? this.fail(joinPath(path, key), 'is required') : undefined;
    }
    if (!Array.isArray(v)) {
      return this.fail(joinPath(path, key), 'must be an array');
    }
    return v;
  }

  /** A string or an array of strings, as a non-empty array. */
  stringList(o: JsonRecord, key: string, path: string, required = false): string[] | undefined {
    const p = joinPath(path, key);
    const v = o[key];
    if (v === undefined) {
      return required ? this.fail(p, 'is required') : undefined;
    }
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list) || list.length === 0) {
      return this.fail(p, 'must be a string or a non-empty array of strings');
    }
    for (let i = 0; i < list.length; i++) {
      if (typeof list[i] !== 'string' || (list[i] as string).length === 0) {
        return this.fail(indexPath(p, i), 'must be a non-empty string');
      }
    }
    return list as string[];
  }
}
