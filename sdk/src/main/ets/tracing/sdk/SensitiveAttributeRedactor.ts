import { SpanAttributeValue } from '../api/SpanAttributes';
import { AttributeRedactor } from './AttributeRedactor';

/** What a redacted value is replaced with by default. */
export const DEFAULT_REDACTION_REPLACEMENT = '[REDACTED]';

/**
 * Attribute names (the part after the last `.`, lower-cased) that are always redacted, e.g.
 * `http.request.header.authorization` or `cookie`.
 */
export const DEFAULT_SENSITIVE_NAMES: string[] = [
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'token', 'password', 'passwd',
  'secret', 'api-key', 'api_key', 'apikey', 'x-api-key', 'jwt', 'session', 'sessionid',
  'session-id', 'session_id', 'credential', 'credentials', 'private-key', 'private_key'
];

/** Name endings that mark a secret (`access_token`, `x-auth-token`, `client_secret`, `db-password`). */
const SENSITIVE_SUFFIXES: string[] = [
  '_token', '-token', '_secret', '-secret', '_password', '-password', '-cookie', '_cookie'
];

/** Options of the default redactor. */
export interface RedactionOptions {
  /** More names to redact (matched like the defaults: whole key or its last segment, case-insensitive). */
  extraNames?: string[];
  /** Replacement value. Default {@link DEFAULT_REDACTION_REPLACEMENT}. */
  replacement?: string;
  /**
   * Also redact string values that carry credentials whatever their key: `Bearer ...`,
   * `Basic ...`, `Digest ...` and JWT-shaped strings. Default true.
   */
  redactCredentialValues?: boolean;
}

// Decisions are cached per key; the cache is cleared when it grows past this many keys.
const CACHE_LIMIT = 1024;
// In front of that cache: a small direct-mapped table hit by a cheap hash of the key. Attribute
// keys are mostly the same few literals, so this answers almost every lookup with one compare.
const SLOTS = 256;

const startsWithWord = (value: string, word: string): boolean =>
  value.length > word.length && value.charCodeAt(word.length) === 32 &&
  value.substring(0, word.length).toLowerCase() === word;

const looksLikeJwt = (value: string): boolean => {
  if (value.length < 20 || !value.startsWith('eyJ')) {
    return false;
  }
  const first = value.indexOf('.');
  return first > 0 && value.indexOf('.', first + 1) > first + 1 && value.indexOf(' ') < 0;
};

/**
 * The default redactor: replaces the values of credential-like attributes (authorization,
 * cookies, tokens, passwords, secrets, API keys, session ids) and of string values that are
 * credentials (`Bearer ...`, JWTs).
 */
export class SensitiveAttributeRedactor implements AttributeRedactor {
  private readonly _names: Set<string> = new Set<string>();
  private readonly _replacement: string;
  private readonly _values: boolean;
  private readonly _cache: Map<string, boolean> = new Map<string, boolean>();
  private readonly _slotKeys: string[] = [];
  private readonly _slotSensitive: boolean[] = [];

  constructor(options?: RedactionOptions) {
    for (const n of DEFAULT_SENSITIVE_NAMES) {
      this._names.add(n);
    }
    const extra = options?.extraNames;
    if (extra !== undefined) {
      for (const n of extra) {
        this._names.add(n.toLowerCase());
      }
    }
    this._replacement = options?.replacement ?? DEFAULT_REDACTION_REPLACEMENT;
    this._values = options?.redactCredentialValues ?? true;
    for (let i = 0; i < SLOTS; i++) {
      this._slotKeys.push('');
      this._slotSensitive.push(false);
    }
  }

  redact(key: string, value: SpanAttributeValue): SpanAttributeValue {
    if (this.isSensitiveKey(key)) {
      return this._replacement;
    }
    if (this._values && typeof value === 'string' && this.isCredentialValue(value)) {
      return this._replacement;
    }
    return value;
  }

  /** True when values of `key` are always redacted. */
  isSensitiveKey(key: string): boolean {
    const n = key.length;
    if (n === 0) {
      return false;
    }
    const slot = (n * 31 + key.charCodeAt(n - 1) * 7 + key.charCodeAt(n >> 1)) & (SLOTS - 1);
    if (this._slotKeys[slot] === key) {
      return this._slotSensitive[slot];
    }
    const sensitive = this.classify(key);
    this._slotKeys[slot] = key;
    this._slotSensitive[slot] = sensitive;
    return sensitive;
  }

  private classify(key: string): boolean {
    const cached = this._cache.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const lower = key.toLowerCase();
    const segment = lower.substring(lower.lastIndexOf('.') + 1);
    let sensitive = this._names.has(lower) || this._names.has(segment);
    for (let i = 0; !sensitive && i < SENSITIVE_SUFFIXES.length; i++) {
      sensitive = segment.endsWith(SENSITIVE_SUFFIXES[i]);
    }
    if (this._cache.size >= CACHE_LIMIT) {
      this._cache.clear();
    }
    this._cache.set(key, sensitive);
    return sensitive;
  }

  /** True when a string value is itself a credential (`Bearer ...`, `Basic ...`, a JWT). */
  isCredentialValue(value: string): boolean {
    const c = value.charCodeAt(0);
    // Only strings starting with b, d or e (either case) can match: skip the rest cheaply.
    if (c === 66 || c === 98) {
      return startsWithWord(value, 'bearer') || startsWithWord(value, 'basic');
    }
    if (c === 68 || c === 100) {
      return startsWithWord(value, 'digest');
    }
    return c === 101 && looksLikeJwt(value);
  }
}
