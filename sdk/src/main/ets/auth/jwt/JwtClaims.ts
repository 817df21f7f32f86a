import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import { ownValue } from '../internal/ownValue';

const stringOf = (v: JsonValue | undefined): string | undefined => typeof v === 'string' ? v as string : undefined;
const numberOf = (v: JsonValue | undefined): number | undefined => typeof v === 'number' ? v as number : undefined;

/**
 * The claims set of a JWT: the parsed payload object with typed accessors for the registered
 * claims (RFC 7519 section 4.1) and helpers for the usual authorization claims. A verified token's
 * claims have passed type checks for `iss`, `sub`, `aud`, `jti`, `exp`, `nbf` and `iat`.
 * Treat it as read-only: a verifier's token cache may hand the same object to several callers.
 */
export class JwtClaims {
  /** The claims set as parsed JSON. */
  readonly raw: JsonObject;

  constructor(raw: JsonObject) {
    this.raw = raw;
  }

  get iss(): string | undefined {
    return stringOf(this.raw['iss']);
  }

  get sub(): string | undefined {
    return stringOf(this.raw['sub']);
  }

  /** The audiences: `aud` as a list (a single string becomes a one-element list). */
  get aud(): string[] {
    const v = this.raw['aud'];
    if (typeof v === 'string') {
      return [v as string];
    }
    const out: string[] = [];
    if (Array.isArray(v)) {
      for (const item of v as JsonValue[]) {
        if (typeof item === 'string') {
          out.push(item as string);
        }
      }
    }
    return out;
  }

  /** Expiration time, seconds since the epoch. */
  get exp(): number | undefined {
    return numberOf(this.raw['exp']);
  }

  /** Not-before time, seconds since the epoch. */
  get nbf(): number | undefined {
    return numberOf(this.raw['nbf']);
  }

  /** Issued-at time, seconds since the epoch. */
  get iat(): number | undefined {
    return numberOf(this.raw['iat']);
  }

  get jti(): string | undefined {
    return stringOf(this.raw['jti']);
  }

  /** Any claim, or undefined. */
  get(name: string): JsonValue | undefined {
    return ownValue(this.raw, name);
  }

  /** A string claim, or undefined when absent or not a string. */
  getString(name: string): string | undefined {
    return stringOf(this.raw[name]);
  }

  /** A numeric claim, or undefined when absent or not a number. */
  getNumber(name: string): number | undefined {
    return numberOf(this.raw[name]);
  }

  /**
   * A claim as a list of strings: an array's string elements, or a space-separated string split
   * into words (the OAuth `scope` form). Empty when absent.
   */
  getStringList(name: string): string[] {
    const v = ownValue(this.raw, name);
    const out: string[] = [];
    if (typeof v === 'string') {
      for (const word of (v as string).split(' ')) {
        if (word.length > 0) {
          out.push(word);
        }
      }
    } else if (Array.isArray(v)) {
      for (const item of v as JsonValue[]) {
        if (typeof item === 'string') {
          out.push(item as string);
        }
      }
    }
    return out;
  }

  /** True when the claim is present (with any value, `null` included). */
  has(name: string): boolean {
    return ownValue(this.raw, name) !== undefined;
  }
}
