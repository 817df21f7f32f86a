import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import {
  JwtClaimError, JwtClaimFailure, JwtClaimValidationFailedError, JwtExpiredError, JwtNotYetValidError
} from '../errors/JoseErrors';
import { JwsHeader } from '../jws/JwsHeader';
import { ownValue } from '../internal/ownValue';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS, JwtVerifyOptions } from './JwtVerifyOptions';

const STRING_CLAIMS: string[] = ['iss', 'sub', 'jti'];

const stringList = (value: string | string[] | undefined, field: string): string[] | undefined => {
  if (value === undefined) {
    return undefined;
  }
  const list: string[] = typeof value === 'string' ? [value as string] : value as string[];
  if (!Array.isArray(list) || list.length === 0 || list.some((s: string): boolean => typeof s !== 'string')) {
    throw new InvalidArgumentError(field, 'must be a string or a non-empty array of strings');
  }
  return list.slice();
};

const nonNegative = (value: number | undefined, field: string): number | undefined => {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
    throw new InvalidArgumentError(field, 'must be a finite number >= 0');
  }
  return value;
};

/** `typ` as compared: lower case, without an `application/` prefix (RFC 8725 section 3.11). */
export const normalizeTyp = (typ: string): string => {
  const lower = typ.toLowerCase();
  return lower.startsWith('application/') ? lower.substring(12) : lower;
};

const isNumber = (v: JsonValue | undefined): boolean => typeof v === 'number' && Number.isFinite(v as number);

const fail = (message: string, claim: string, reason: JwtClaimFailure, payload: JsonObject): JwtClaimError =>
  new JwtClaimValidationFailedError(message, claim, reason, payload);

/**
 * The claim checks of a JWT verification, resolved once from the options (which it validates,
 * throwing InvalidArgumentError for misuse). `validate` is on the hot path: it returns the first
 * failure instead of throwing, in jose's order: `typ`, presence, `iss`, `sub`, `aud`, types,
 * `nbf`, `exp`, token age.
 */
export class JwtClaimsPolicy {
  readonly issuers: string[] | undefined;
  readonly audiences: string[] | undefined;
  readonly subject: string | undefined;
  readonly typ: string | undefined;
  readonly maxTokenAgeSeconds: number | undefined;
  readonly toleranceSeconds: number;
  readonly required: string[];

  constructor(options: JwtVerifyOptions) {
    this.issuers = stringList(options.issuer, 'options.issuer');
    this.audiences = stringList(options.audience, 'options.audience');
    if (options.subject !== undefined && typeof options.subject !== 'string') {
      throw new InvalidArgumentError('options.subject', 'must be a string');
    }
    this.subject = options.subject;
    if (options.typ !== undefined && typeof options.typ !== 'string') {
      throw new InvalidArgumentError('options.typ', 'must be a string');
    }
    this.typ = options.typ === undefined ? undefined : normalizeTyp(options.typ);
    this.maxTokenAgeSeconds = nonNegative(options.maxTokenAgeSeconds, 'options.maxTokenAgeSeconds');
    this.toleranceSeconds = nonNegative(options.clockToleranceSeconds, 'options.clockToleranceSeconds') ??
      DEFAULT_CLOCK_TOLERANCE_SECONDS;
    const required: string[] = [];
    const add = (claim: string): void => {
      if (!required.includes(claim)) {
        required.push(claim);
      }
    };
    if (options.requiredClaims !== undefined) {
      if (!Array.isArray(options.requiredClaims)) {
        throw new InvalidArgumentError('options.requiredClaims', 'must be an array of claim names');
      }
      for (const c of options.requiredClaims) {
        if (typeof c !== 'string' || c.length === 0) {
          throw new InvalidArgumentError('options.requiredClaims', 'must be an array of claim names');
        }
        add(c);
      }
    }
    if (this.issuers !== undefined) {
      add('iss');
    }
    if (this.subject !== undefined) {
      add('sub');
    }
    if (this.audiences !== undefined) {
      add('aud');
    }
    if (this.maxTokenAgeSeconds !== undefined) {
      add('iat');
    }
    if (options.replayCache !== undefined) {
      add('jti');
    }
    this.required = required;
  }

  /** The first failed check of `payload` (and the header's `typ`) at `now` (epoch seconds), or undefined. */
  validate(payload: JsonObject, header: JwsHeader, now: number): JwtClaimError | undefined {
    if (this.typ !== undefined && (header.typ === undefined || normalizeTyp(header.typ) !== this.typ)) {
      return fail('unexpected "typ" JWT header value', 'typ', JwtClaimFailure.CHECK_FAILED, payload);
    }
    const required = this.required;
    for (let i = 0; i < required.length; i++) {
      if (ownValue(payload, required[i]) === undefined) {
        return fail(`missing required "${required[i]}" claim`, required[i], JwtClaimFailure.MISSING, payload);
      }
    }
    for (let i = 0; i < STRING_CLAIMS.length; i++) {
      const v = payload[STRING_CLAIMS[i]];
      if (v !== undefined && typeof v !== 'string') {
        return fail(`"${STRING_CLAIMS[i]}" claim must be a string`, STRING_CLAIMS[i], JwtClaimFailure.INVALID, payload);
      }
    }
    const aud = payload['aud'];
    if (aud !== undefined && typeof aud !== 'string' && !JwtClaimsPolicy.isStringArray(aud)) {
      return fail('"aud" claim must be a string or an array of strings', 'aud', JwtClaimFailure.INVALID, payload);
    }
    if (this.issuers !== undefined && !this.issuers.includes(payload['iss'] as string)) {
      return fail('unexpected "iss" claim value', 'iss', JwtClaimFailure.CHECK_FAILED, payload);
    }
    if (this.subject !== undefined && payload['sub'] !== this.subject) {
      return fail('unexpected "sub" claim value', 'sub', JwtClaimFailure.CHECK_FAILED, payload);
    }
    if (this.audiences !== undefined && !this.audienceMatches(aud)) {
      return fail('unexpected "aud" claim value', 'aud', JwtClaimFailure.CHECK_FAILED, payload);
    }
    return this.validateTimes(payload, now);
  }

  private validateTimes(payload: JsonObject, now: number): JwtClaimError | undefined {
    const tolerance = this.toleranceSeconds;
    const iat = payload['iat'];
    if (iat !== undefined && !isNumber(iat)) {
      return fail('"iat" claim must be a number', 'iat', JwtClaimFailure.INVALID, payload);
    }
    const nbf = payload['nbf'];
    if (nbf !== undefined) {
      if (!isNumber(nbf)) {
        return fail('"nbf" claim must be a number', 'nbf', JwtClaimFailure.INVALID, payload);
      }
      if ((nbf as number) > now + tolerance) {
        return new JwtNotYetValidError('"nbf" claim timestamp check failed (the token is not yet valid)', payload);
      }
    }
    const exp = payload['exp'];
    if (exp !== undefined) {
      if (!isNumber(exp)) {
        return fail('"exp" claim must be a number', 'exp', JwtClaimFailure.INVALID, payload);
      }
      if ((exp as number) <= now - tolerance) {
        return new JwtExpiredError('"exp" claim timestamp check failed (the token has expired)', 'exp', payload);
      }
    }
    const maxAge = this.maxTokenAgeSeconds;
    if (maxAge !== undefined) {
      const age = now - (iat as number);
      if (age - tolerance > maxAge) {
        return new JwtExpiredError('"iat" claim timestamp check failed (the token is too old)', 'iat', payload);
      }
      if (age < -tolerance) {
        return fail('"iat" claim timestamp check failed (it should be in the past)', 'iat', JwtClaimFailure.CHECK_FAILED, payload);
      }
    }
    return undefined;
  }

  private audienceMatches(aud: JsonValue | undefined): boolean {
    const accepted = this.audiences as string[];
    if (typeof aud === 'string') {
      return accepted.includes(aud as string);
    }
    if (Array.isArray(aud)) {
      for (const a of aud as JsonValue[]) {
        if (accepted.includes(a as string)) {
          return true;
        }
      }
    }
    return false;
  }

  private static isStringArray(v: JsonValue): boolean {
    if (!Array.isArray(v)) {
      return false;
    }
    for (const item of v as JsonValue[]) {
      if (typeof item !== 'string') {
        return false;
      }
    }
    return true;
  }
}
