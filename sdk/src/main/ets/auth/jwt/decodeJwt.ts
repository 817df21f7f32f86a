import { Base64Url } from '../../core/encoding/Base64Url';
import { Utf8 } from '../../core/encoding/Utf8';
import { JwtInvalidError } from '../errors/JoseErrors';
import { CompactJws, DEFAULT_MAX_TOKEN_LENGTH } from '../jws/CompactJws';
import { JwsHeader, parseJsonObject } from '../jws/JwsHeader';
import { JwtClaims } from './JwtClaims';

/**
 * Decodes a JWT's claims WITHOUT verifying anything: no signature, no `exp`. For routing or
 * display decisions only; never trust the result. Throws JwsInvalidError (not a compact JWS) or
 * JwtInvalidError (payload not a JSON object).
 */
export const decodeJwtUnverified = (token: string): JwtClaims => {
  const parts = CompactJws.split(token, DEFAULT_MAX_TOKEN_LENGTH);
  const bytes = Base64Url.tryDecode(parts.encodedPayload);
  const text = bytes === undefined ? undefined : Utf8.tryDecode(bytes);
  const raw = text === undefined ? undefined : parseJsonObject(text);
  if (raw === undefined) {
    throw new JwtInvalidError('the JWT payload is not a base64url UTF-8 JSON object');
  }
  return new JwtClaims(raw);
};

/**
 * Decodes a compact JWS's protected header WITHOUT verifying anything (e.g. to read `kid` or
 * `alg` before choosing a key). Throws JwsInvalidError.
 */
export const decodeProtectedHeaderUnverified = (token: string): JwsHeader => {
  const parts = CompactJws.split(token, DEFAULT_MAX_TOKEN_LENGTH);
  return JwsHeader.parse(parts.encodedHeader);
};
