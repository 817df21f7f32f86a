import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { GatewayContext } from '../../gateway/GatewayContext';
import { JwtClaims } from '../jwt/JwtClaims';

/** A custom authorization check over the verified claims; return false to answer 403. */
export type ClaimsPredicate = (claims: JwtClaims, ctx: GatewayContext) => boolean;

/** What a caller must have, beyond a valid token. Every listed condition must hold. */
export interface AuthorizationRuleInit {
  /** At least one of these roles. */
  anyRole?: string[];
  /** All of these roles. */
  allRoles?: string[];
  /** All of these OAuth scopes. */
  scopes?: string[];
  /** A custom check. */
  predicate?: ClaimsPredicate;
  /** Claim holding the roles (array, or space-separated string). Default {@link DEFAULT_ROLES_CLAIM}. */
  rolesClaim?: string;
  /** Claims holding the scopes, first present wins (`scope` string or `scp` array). Default {@link DEFAULT_SCOPE_CLAIMS}. */
  scopeClaims?: string[];
}

export const DEFAULT_ROLES_CLAIM = 'roles';
export const DEFAULT_SCOPE_CLAIMS: string[] = ['scope', 'scp'];

const list = (v: string[] | undefined, field: string): string[] => {
  if (v === undefined) {
    return [];
  }
  if (!Array.isArray(v) || v.some((s: string): boolean => typeof s !== 'string' || s.length === 0)) {
    throw new InvalidArgumentError(field, 'must be an array of non-empty strings');
  }
  return v.slice();
};

/** Why a rule refused a caller. */
export class AuthorizationDenial {
  /** `role`, `scope` or `predicate`. */
  readonly kind: string;
  /** The missing roles or scopes (empty for a predicate). */
  readonly missing: string[];

  constructor(kind: string, missing: string[]) {
    this.kind = kind;
    this.missing = missing;
  }
}

/**
 * A resolved authorization rule: roles (any of / all of), scopes (all of), and a predicate,
 * checked against verified claims. `check` returns the first denial or undefined.
 */
export class AuthorizationRule {
  readonly anyRole: string[];
  readonly allRoles: string[];
  readonly scopes: string[];
  readonly predicate: ClaimsPredicate | undefined;
  readonly rolesClaim: string;
  readonly scopeClaims: string[];

  constructor(init: AuthorizationRuleInit) {
    this.anyRole = list(init.anyRole, 'rule.anyRole');
    this.allRoles = list(init.allRoles, 'rule.allRoles');
    this.scopes = list(init.scopes, 'rule.scopes');
    if (init.predicate !== undefined && typeof init.predicate !== 'function') {
      throw new InvalidArgumentError('rule.predicate', 'must be a function');
    }
    this.predicate = init.predicate;
    this.rolesClaim = init.rolesClaim ?? DEFAULT_ROLES_CLAIM;
    this.scopeClaims = init.scopeClaims !== undefined ? list(init.scopeClaims, 'rule.scopeClaims') : DEFAULT_SCOPE_CLAIMS;
  }

  /** True when the rule asks for nothing. */
  get empty(): boolean {
    return this.anyRole.length === 0 && this.allRoles.length === 0 && this.scopes.length === 0 && this.predicate === undefined;
  }

  /** The first unmet condition for `claims`, or undefined when the caller is authorized. */
  check(claims: JwtClaims, ctx: GatewayContext): AuthorizationDenial | undefined {
    if (this.anyRole.length > 0 || this.allRoles.length > 0) {
      const roles = claims.getStringList(this.rolesClaim);
      if (this.anyRole.length > 0 && !this.anyRole.some((r: string): boolean => roles.includes(r))) {
        return new AuthorizationDenial('role', this.anyRole.slice());
      }
      const missingRoles = this.allRoles.filter((r: string): boolean => !roles.includes(r));
      if (missingRoles.length > 0) {
        return new AuthorizationDenial('role', missingRoles);
      }
    }
    if (this.scopes.length > 0) {
      let granted: string[] = [];
      for (const name of this.scopeClaims) {
        if (claims.has(name)) {
          granted = claims.getStringList(name);
          break;
        }
      }
      const missing = this.scopes.filter((s: string): boolean => !granted.includes(s));
      if (missing.length > 0) {
        return new AuthorizationDenial('scope', missing);
      }
    }
    const predicate = this.predicate;
    if (predicate !== undefined) {
      let ok = false;
      try {
        ok = predicate(claims, ctx) === true;
      } catch (e) {
        ok = false; // a throwing predicate denies; it never lets a request through
      }
      if (!ok) {
        return new AuthorizationDenial('predicate', []);
      }
    }
    return undefined;
  }
}
