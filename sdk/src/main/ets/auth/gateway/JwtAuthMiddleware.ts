import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { GatewayAttribute } from '../../gateway/GatewayAttribute';
import { GatewayContext } from '../../gateway/GatewayContext';
import { GatewayMiddleware, GatewayNext } from '../../gateway/GatewayMiddleware';
import { JwtClaims } from '../jwt/JwtClaims';
import { JwtVerifier } from '../jwt/JwtVerifier';
import { JwtVerifyResult } from '../jwt/JwtVerifyResult';
import { AuthorizationRule, AuthorizationRuleInit } from './AuthorizationRule';
import { BearerChallenge, DEFAULT_AUTH_HEADER, DEFAULT_AUTH_REALM } from './BearerChallenge';

/** `GatewayContext.attributes` key of the whole {@link JwtVerifyResult} (claims, header, key). */
export const AUTH_RESULT_ATTRIBUTE = 'auth.result';

/** The verified claims a JwtAuthMiddleware put on the context, or undefined (unauthenticated). */
export const claimsOf = (ctx: GatewayContext): JwtClaims | undefined => {
  const claims = ctx.attributes.get(GatewayAttribute.CLAIMS);
  return claims instanceof JwtClaims ? claims : undefined;
};

/** Options of a {@link JwtAuthMiddleware}. */
export interface JwtAuthOptions {
  /** Verifies the tokens: its key source and rules (algorithms, issuer, audience, ...). Required. */
  verifier: JwtVerifier;
  /** Realm named in `WWW-Authenticate`. Default {@link DEFAULT_AUTH_REALM}. */
  realm?: string;
  /** Header carrying `Bearer <token>`. Default {@link DEFAULT_AUTH_HEADER}. */
  header?: string;
  /** Also accept the token from this query parameter (RFC 6750 section 2.3, e.g. `access_token`). Default: off. */
  queryParam?: string;
  /** Let requests without any token through unauthenticated (route rules then answer 401). Default false. */
  optional?: boolean;
  /** Authorization every authenticated request must pass. Default: none. */
  rule?: AuthorizationRuleInit;
}

/**
 * Gateway authentication: reads the bearer token, verifies it with the configured
 * {@link JwtVerifier}, and puts the result on the context (`GatewayAttribute.CLAIMS`: the
 * JwtClaims; `GatewayAttribute.SUBJECT`: `sub`; {@link AUTH_RESULT_ATTRIBUTE}: the whole result)
 * for later middleware and the upstream. Answers (RFC 6750): 401 with `WWW-Authenticate: Bearer
 * realm=...` when no token is given, 401 `error="invalid_token"` when it fails verification (the
 * jose code is kept in `x-mesh-error`), 400 `invalid_request` for a malformed header, 403
 * `insufficient_scope` when `rule` refuses the caller, and 503 when the keys cannot be fetched.
 * Per-route requirements go in the route's middleware as an {@link AuthorizeMiddleware}.
 *
 * @example
 * gateway.use(new JwtAuthMiddleware({ verifier: new JwtVerifier(jwks, { algorithms: ['ES256'], issuer, audience: 'gw' }) }));
 * gateway.addRoute({ path: '/admin/*', target: { service: 'admin' }, middleware: [authorize({ anyRole: ['admin'] })] });
 */
export class JwtAuthMiddleware implements GatewayMiddleware {
  readonly name: string = 'jwt-auth';
  private readonly _verifier: JwtVerifier;
  private readonly _realm: string;
  private readonly _header: string;
  private readonly _queryParam: string | undefined;
  private readonly _optional: boolean;
  private readonly _rule: AuthorizationRule | undefined;
  private _authenticated: number = 0;
  private _rejected: number = 0;
  private _forbidden: number = 0;

  constructor(options: JwtAuthOptions) {
    if (options === undefined || options === null || !(options.verifier instanceof JwtVerifier)) {
      throw new InvalidArgumentError('options.verifier', 'must be a JwtVerifier');
    }
    this._verifier = options.verifier;
    this._realm = options.realm ?? DEFAULT_AUTH_REALM;
    this._header = (options.header ?? DEFAULT_AUTH_HEADER).toLowerCase();
    this._queryParam = options.queryParam;
    this._optional = options.optional ?? false;
    const rule = options.rule === undefined ? undefined : new AuthorizationRule(options.rule);
    this._rule = rule !== undefined && !rule.empty ? rule : undefined;
  }

  /** Requests that presented a valid token. */
  get authenticated(): number {
    return this._authenticated;
  }

  /** Requests answered 400 or 401 (no token, bad syntax, invalid token). */
  get rejected(): number {
    return this._rejected;
  }

  /** Requests answered 403 by `rule`. */
  get forbidden(): number {
    return this._forbidden;
  }

  async handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    let token: string | undefined;
    try {
      token = BearerChallenge.extract(ctx.request, this._header, this._queryParam, this._realm);
    } catch (e) {
      this._rejected++;
      throw e as Error;
    }
    if (token === undefined) {
      if (this._optional) {
        await next();
        return;
      }
      this._rejected++;
      throw BearerChallenge.missing(this._realm);
    }
    let result: JwtVerifyResult;
    try {
      result = await this._verifier.verify(token);
    } catch (e) {
      this._rejected++;
      throw BearerChallenge.fromVerification(this._realm, e as Error);
    }
    ctx.attributes.set(GatewayAttribute.CLAIMS, result.payload);
    ctx.attributes.set(AUTH_RESULT_ATTRIBUTE, result);
    const sub = result.payload.sub;
    if (sub !== undefined) {
      ctx.attributes.set(GatewayAttribute.SUBJECT, sub);
    }
    const rule = this._rule;
    if (rule !== undefined) {
      const denial = rule.check(result.payload, ctx);
      if (denial !== undefined) {
        this._forbidden++;
        throw BearerChallenge.forbidden(this._realm, `the caller lacks the required ${denial.kind}`,
          denial.kind === 'scope' ? denial.missing : []);
      }
    }
    this._authenticated++;
    await next();
  }
}
