import { JwsHeader } from '../jws/JwsHeader';
import { JoseKey } from '../keys/JoseKey';
import { JwtClaims } from './JwtClaims';

/** The result of a successful JWT verification. Read-only: cached results are shared. */
export class JwtVerifyResult {
  /** The verified claims set. */
  readonly payload: JwtClaims;
  readonly protectedHeader: JwsHeader;
  /** The key that verified the signature (e.g. which JWKS entry). */
  readonly key: JoseKey;

  constructor(payload: JwtClaims, protectedHeader: JwsHeader, key: JoseKey) {
    this.payload = payload;
    this.protectedHeader = protectedHeader;
    this.key = key;
  }
}
