import { GatewayContext } from '../../gateway/GatewayContext';
import { GatewayMiddleware, GatewayNext } from '../../gateway/GatewayMiddleware';
import { AuthorizationRule, AuthorizationRuleInit } from './AuthorizationRule';
import { BearerChallenge, DEFAULT_AUTH_REALM } from './BearerChallenge';
import { claimsOf } from './JwtAuthMiddleware';

/** Options of an {@link AuthorizeMiddleware}: the rule, and the realm of its challenges. */
export interface AuthorizeOptions extends AuthorizationRuleInit {
  /** Realm named in `WWW-Authenticate`. Default {@link DEFAULT_AUTH_REALM}. */
  realm?: string;
}

/**
 * Per-route authorization after a {@link JwtAuthMiddleware}: the claims it verified must pass the
 * rule (roles, scopes, predicate). No claims on the context (no token under an `optional`
 * authentication) answers 401; claims that fail the rule answer 403 `insufficient_scope`.
 */
export class AuthorizeMiddleware implements GatewayMiddleware {
  readonly name: string = 'authorize';
  private readonly _rule: AuthorizationRule;
  private readonly _realm: string;
  private _denied: number = 0;

  constructor(options: AuthorizeOptions) {
    this._rule = new AuthorizationRule(options);
    this._realm = options.realm ?? DEFAULT_AUTH_REALM;
  }

  /** Requests answered 401 or 403. */
  get denied(): number {
    return this._denied;
  }

  async handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    const claims = claimsOf(ctx);
    if (claims === undefined) {
      this._denied++;
      throw BearerChallenge.missing(this._realm);
    }
    const denial = this._rule.check(claims, ctx);
    if (denial !== undefined) {
      this._denied++;
      throw BearerChallenge.forbidden(this._realm, `the caller lacks the required ${denial.kind}`,
        denial.kind === 'scope' ? denial.missing : []);
    }
    await next();
  }
}

/** Shorthand for `new AuthorizeMiddleware(options)`, for route middleware lists. */
export const authorize = (options: AuthorizeOptions): AuthorizeMiddleware => new AuthorizeMiddleware(options);
