export {
  JoseError, JwsInvalidError, JwtInvalidError, JwsSignatureVerificationFailedError, JoseAlgNotAllowedError,
  JoseNotSupportedError, JwtClaimFailure, JwtClaimError, JwtClaimValidationFailedError, JwtExpiredError,
  JwtNotYetValidError, JwtReplayedError, JwkInvalidError, JwksInvalidError, JwksNoMatchingKeyError,
  JwksMultipleMatchingKeysError, JwksTimeoutError, JwksFetchFailedError
} from './errors/JoseErrors';
export { JwsAlgorithm, JwkKeyType, JwsAlgorithmEntry, JwsAlgorithms, MIN_RSA_MODULUS_BITS } from './jwa/JwsAlgorithms';
export { JwsHeader, JwsHeaderCache, DEFAULT_HEADER_CACHE_SIZE } from './jws/JwsHeader';
export { CompactJws, DEFAULT_MAX_TOKEN_LENGTH } from './jws/CompactJws';
export { compactVerify, CompactVerifyResult } from './jws/compactVerify';
export type { CompactVerifyOptions } from './jws/compactVerify';
export { compactSign } from './jws/compactSign';
export type { JwsHeaderInit, CompactSignOptions } from './jws/compactSign';
export type { VerifyKey } from './jws/JwsVerification';
export { JoseKey, MIN_HMAC_SECRET_BYTES } from './keys/JoseKey';
export type { JoseKeyOptions } from './keys/JoseKey';
export type { KeySource } from './keys/KeySource';
export { Pem } from './keys/Pem';
export { JwtClaims } from './jwt/JwtClaims';
export { JwtClaimsPolicy, normalizeTyp } from './jwt/JwtClaimsPolicy';
export {
  DEFAULT_CLOCK_TOLERANCE_SECONDS, DEFAULT_VERIFIED_CACHE_SIZE, DEFAULT_VERIFIED_CACHE_TTL_SECONDS,
  DEFAULT_VERIFIER_HEADER_CACHE_SIZE
} from './jwt/JwtVerifyOptions';
export type {
  JwsVerifyOptions, JwtVerifyOptions, JwtVerifierCaching, VerifiedTokenCacheOptions
} from './jwt/JwtVerifyOptions';
export { JwtVerifyResult } from './jwt/JwtVerifyResult';
export { JwtVerifier } from './jwt/JwtVerifier';
export { jwtVerify, isTokenRejection } from './jwt/jwtVerify';
export { decodeJwtUnverified, decodeProtectedHeaderUnverified } from './jwt/decodeJwt';
export { SignJwt, signJwt } from './jwt/SignJwt';
export type { SignJwtOptions } from './jwt/SignJwt';
export { VerifiedTokenCache } from './jwt/VerifiedTokenCache';
export { JtiReplayCache, DEFAULT_REPLAY_CACHE_SIZE } from './jwt/JtiReplayCache';
export type { ReplayCache, JtiReplayCacheOptions } from './jwt/JtiReplayCache';
export { LocalJwkSet, createLocalJWKSet } from './jwks/LocalJwkSet';
export type { JsonWebKeySet } from './jwks/LocalJwkSet';
export {
  RemoteJwkSet, createRemoteJWKSet, JwksReloadEvent, DEFAULT_JWKS_TIMEOUT_MS, DEFAULT_JWKS_COOLDOWN_MS,
  DEFAULT_JWKS_CACHE_MAX_AGE_MS, DEFAULT_JWKS_MAX_WAITING
} from './jwks/RemoteJwkSet';
export type { JwksFetcher, RemoteJwkSetOptions } from './jwks/RemoteJwkSet';
export { AuthorizationRule, AuthorizationDenial, DEFAULT_ROLES_CLAIM, DEFAULT_SCOPE_CLAIMS } from './gateway/AuthorizationRule';
export type { AuthorizationRuleInit, ClaimsPredicate } from './gateway/AuthorizationRule';
export { BearerChallenge, DEFAULT_AUTH_REALM, DEFAULT_AUTH_HEADER } from './gateway/BearerChallenge';
export { JwtAuthMiddleware, AUTH_RESULT_ATTRIBUTE, claimsOf } from './gateway/JwtAuthMiddleware';
export type { JwtAuthOptions } from './gateway/JwtAuthMiddleware';
export { AuthorizeMiddleware, authorize } from './gateway/AuthorizeMiddleware';
export type { AuthorizeOptions } from './gateway/AuthorizeMiddleware';
export {
  DeviceIdentity, DeviceIdentityError, DEVICE_TOKEN_TYP, DEFAULT_DEVICE_TOKEN_TTL_SECONDS, DEFAULT_DEVICE_KEY_ALG
} from './device/DeviceIdentity';
export { DeviceKeyRegistry } from './device/DeviceKeyRegistry';
export {
  DeviceIdentityPlugin, DEFAULT_DEVICE_TOKEN_HEADER, DEVICE_ATTRIBUTE, DEFAULT_DEVICE_CLOCK_TOLERANCE_SECONDS,
  DEFAULT_DEVICE_ALGORITHMS
} from './device/DeviceIdentityPlugin';
export type { DeviceIdentityOptions } from './device/DeviceIdentityPlugin';
