import { MeshError } from '../../core/errors/MeshError';
import { asMeshError, VerifyKey } from '../jws/JwsVerification';
import { JwtVerifier } from './JwtVerifier';
import { JwtVerifyOptions } from './JwtVerifyOptions';
import { JwtVerifyResult } from './JwtVerifyResult';

/**
 * Verifies a JWT (a compact JWS whose payload is a JSON claims set, RFC 7519) and validates its
 * claims. `key` is a {@link KeySource} (a JoseKey, `createLocalJWKSet`, `createRemoteJWKSet`, your
 * own resolver) or raw key material (a `Uint8Array` HMAC secret or a `Jwk`, with `options.crypto`).
 * `options.algorithms` is required. To verify many tokens with the same rules, build one
 * {@link JwtVerifier} instead (same checks, options resolved once, optional verified-token cache).
 *
 * Never throws: the promise rejects with a `JoseError`: `ERR_JWS_INVALID`, `ERR_JWT_INVALID`,
 * `ERR_JOSE_ALG_NOT_ALLOWED`, `ERR_JOSE_NOT_SUPPORTED`, `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`,
 * `ERR_JWT_EXPIRED`, `ERR_JWT_NOT_YET_VALID`, `ERR_JWT_CLAIM_VALIDATION_FAILED` (with `claim`),
 * `ERR_JWT_REPLAYED`, `ERR_JWK_INVALID`, `ERR_JWKS_*`; or `ERR_INVALID_ARGUMENT` for bad options.
 *
 * @example
 * const { payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'], issuer: 'https://id.example', audience: 'media' });
 * console.log(payload.sub, payload.getStringList('scope'));
 */
export const jwtVerify = (token: string, key: VerifyKey, options: JwtVerifyOptions): Promise<JwtVerifyResult> => {
  let verifier: JwtVerifier;
  try {
    verifier = new JwtVerifier(key, options);
  } catch (e) {
    return Promise.reject<JwtVerifyResult>(asMeshError(e as Error));
  }
  return verifier.verify(token);
};

/** True when `error` is a verification failure of the token (as opposed to misuse or an internal error). */
export const isTokenRejection = (error: Object | null | undefined): boolean => {
  return error instanceof MeshError && error.code.startsWith('ERR_J');
};
