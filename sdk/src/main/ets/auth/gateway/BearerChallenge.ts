import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { GatewayError } from '../../gateway/errors/GatewayError';
import { MeshRequest } from '../../transport/MeshRequest';
import { isTokenRejection } from '../jwt/jwtVerify';

/** Default realm of the `WWW-Authenticate` challenges. */
export const DEFAULT_AUTH_REALM = 'arkmesh';
/** Default header the bearer token is read from. */
export const DEFAULT_AUTH_HEADER = 'authorization';

// RFC 6750 section 3: quoted values may not contain '"' or '\', nor control characters.
const quote = (value: string): string => {
  let out = '';
  for (let i = 0; i < value.length && out.length < 200; i++) {
    const c = value.charCodeAt(i);
    out += c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c ? value.charAt(i) : ' ';
  }
  return `"${out}"`;
};

/** RFC 6750 challenges and errors: 400 invalid_request, 401 (with or without invalid_token), 403 insufficient_scope. */
export class BearerChallenge {
  /** No (bearer) credentials at all: 401 with a bare challenge (RFC 6750 section 3.1). */
  static missing(realm: string): GatewayError {
    return new GatewayError(ErrorCode.UNAUTHORIZED, 'a bearer token is required', 401,
      BearerChallenge.header(`Bearer realm=${quote(realm)}`));
  }

  /** A malformed request (bad Authorization syntax, two tokens): 400 invalid_request. */
  static invalidRequest(realm: string, description: string): GatewayError {
    return new GatewayError(ErrorCode.BAD_REQUEST, description, 400,
      BearerChallenge.header(`Bearer realm=${quote(realm)}, error="invalid_request", error_description=${quote(description)}`));
  }

  /**
   * A failed verification. Token rejections answer 401 invalid_token with the jose code kept;
   * failures to check at all (JWKS unreachable or timed out, crypto errors) answer 503 or 500
   * without blaming the token.
   */
  static fromVerification(realm: string, e: Error): GatewayError {
    const error = MeshError.from(e);
    const cause = error as Error;
    if (error.code === ErrorCode.JWKS_TIMEOUT || error.code === ErrorCode.JWKS_FETCH_FAILED || error.code === ErrorCode.JWKS_INVALID) {
      return new GatewayError(error.code, `the token could not be checked: ${error.message}`, 503, undefined, cause);
    }
    if (!isTokenRejection(error)) {
      return new GatewayError(error.code, error.message, 500, undefined, cause);
    }
    return new GatewayError(error.code, error.message, 401, BearerChallenge.header(
      `Bearer realm=${quote(realm)}, error="invalid_token", error_description=${quote(error.message)}`), cause);
  }

  /** Authenticated but not allowed: 403 insufficient_scope, naming the missing scopes when that is why. */
  static forbidden(realm: string, description: string, scopes: string[]): GatewayError {
    const scope = scopes.length > 0 ? `, scope=${quote(scopes.join(' '))}` : '';
    return new GatewayError(ErrorCode.FORBIDDEN, description, 403, BearerChallenge.header(
      `Bearer realm=${quote(realm)}, error="insufficient_scope", error_description=${quote(description)}${scope}`));
  }

  /**
   * The bearer token of `request` from the `header` (`Bearer <token>`, scheme case-insensitive)
   * or, when `queryParam` is set, from that query parameter (RFC 6750 sections 2.1 and 2.3).
   * Undefined when there is none; throws a 400 GatewayError when the syntax is wrong or both
   * places carry one.
   */
  static extract(request: MeshRequest, header: string, queryParam: string | undefined, realm: string): string | undefined {
    let token: string | undefined = undefined;
    const raw = request.headers.get(header);
    if (raw !== undefined) {
      const value = raw.trim();
      const space = value.indexOf(' ');
      const scheme = space < 0 ? value : value.substring(0, space);
      if (scheme.toLowerCase() === 'bearer') {
        const credentials = space < 0 ? '' : value.substring(space + 1).trim();
        if (credentials.length === 0 || credentials.indexOf(' ') >= 0 || credentials.indexOf(',') >= 0) {
          throw BearerChallenge.invalidRequest(realm, 'the Authorization header must be "Bearer <token>"');
        }
        token = credentials;
      }
    }
    if (queryParam !== undefined) {
      const values = request.query[queryParam];
      if (values !== undefined && values.length > 0) {
        if (token !== undefined || values.length > 1) {
          throw BearerChallenge.invalidRequest(realm, 'more than one bearer token');
        }
        token = values[0];
      }
    }
    return token;
  }

  private static header(value: string): Record<string, string> {
    const headers: Record<string, string> = {};
    headers['www-authenticate'] = value;
    return headers;
  }
}
