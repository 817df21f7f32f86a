import { Base64Url } from '../../core/encoding/Base64Url';
import { JwsInvalidError, JwsSignatureVerificationFailedError } from '../errors/JoseErrors';
import { JwsAlgorithmEntry } from '../jwa/JwsAlgorithms';
import { JoseKey } from '../keys/JoseKey';
import { JwsVerifyOptions } from '../jwt/JwtVerifyOptions';
import { asciiBytes, CompactJws, isAscii } from './CompactJws';
import { JwsHeader, SHARED_HEADER_CACHE } from './JwsHeader';
import { asMeshError, JwsVerification, VerifyKey, verifyWithCandidates } from './JwsVerification';

/** Options of {@link compactVerify}. */
export interface CompactVerifyOptions extends JwsVerifyOptions {
  /**
   * The payload of a detached-content JWS (RFC 7515 appendix F), whose payload part is empty.
   * Base64url-encoded for signing unless the header says `"b64": false`. Default: attached.
   */
  detachedPayload?: Uint8Array;
}

/** The result of a successful {@link compactVerify}. */
export class CompactVerifyResult {
  /** The verified payload bytes. */
  readonly payload: Uint8Array;
  readonly protectedHeader: JwsHeader;
  /** The key that verified the signature. */
  readonly key: JoseKey;

  constructor(payload: Uint8Array, protectedHeader: JwsHeader, key: JoseKey) {
    this.payload = payload;
    this.protectedHeader = protectedHeader;
    this.key = key;
  }
}

const signingInput = (header: JwsHeader, payload: Uint8Array): Uint8Array => {
  const prefix = header.encoded + '.';
  if (header.b64) {
    const text = prefix + Base64Url.encode(payload);
    return asciiBytes(text, text.length);
  }
  const out = new Uint8Array(prefix.length + payload.length);
  out.set(asciiBytes(prefix, prefix.length), 0);
  out.set(payload, prefix.length);
  return out;
};

const run = (token: string, key: VerifyKey, options: CompactVerifyOptions): Promise<CompactVerifyResult> => {
  const setup = new JwsVerification(key, options);
  const parts = CompactJws.split(token, setup.maxTokenLength);
  const header = SHARED_HEADER_CACHE.get(parts.encodedHeader);
  const entry: JwsAlgorithmEntry = setup.check(header);
  const signature = Base64Url.tryDecode(parts.encodedSignature);
  if (signature === undefined) {
    throw new JwsInvalidError('the JWS signature is not canonical base64url');
  }
  const encodedPayload = parts.encodedPayload;
  const detached = options.detachedPayload;
  let payload: Uint8Array | undefined;
  let data: Uint8Array;
  if (detached !== undefined) {
    if (!(detached instanceof Uint8Array)) {
      throw new JwsInvalidError('a detached payload must be a Uint8Array');
    }
    if (encodedPayload.length !== 0) {
      throw new JwsInvalidError('a JWS with detached content has an empty payload part');
    }
    payload = detached;
    data = signingInput(header, detached);
  } else if (header.b64) {
    payload = Base64Url.tryDecode(encodedPayload);
    if (payload === undefined) {
      throw new JwsInvalidError('the JWS payload is not canonical base64url');
    }
    data = asciiBytes(token, parts.payloadEnd);
  } else {
    // RFC 7797 section 5.2: an unencoded payload in the compact form is restricted to ASCII.
    if (!isAscii(encodedPayload)) {
      throw new JwsInvalidError('an unencoded compact JWS payload must be ASCII');
    }
    payload = asciiBytes(encodedPayload, encodedPayload.length);
    data = asciiBytes(token, parts.payloadEnd);
  }
  const verifiedPayload: Uint8Array = payload;
  return Promise.resolve(setup.source.resolveKeys(header))
    .then((keys: JoseKey[]): Promise<JoseKey | undefined> => verifyWithCandidates(keys, entry, signature, data))
    .then((found: JoseKey | undefined): CompactVerifyResult => {
      if (found === undefined) {
        throw new JwsSignatureVerificationFailedError();
      }
      return new CompactVerifyResult(verifiedPayload, header, found);
    });
};

/**
 * Verifies a compact JWS (RFC 7515) and returns its payload bytes.
 *
 * Checks, in order: size and part count, header (base64url, JSON object, `alg`, `crit`, `b64`),
 * the `alg` allowlist, extensions in `crit` (`b64` and `options.crit` are understood), the key
 * (type and curve must fit the `alg`), then the signature. Never throws: the promise rejects with
 * a `JoseError` (`ERR_JWS_INVALID`, `ERR_JOSE_ALG_NOT_ALLOWED`, `ERR_JOSE_NOT_SUPPORTED`,
 * `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`, `ERR_JWKS_*`, `ERR_JWK_INVALID`) or, for bad options,
 * an `InvalidArgumentError`.
 *
 * @example
 * const { payload } = await compactVerify(jws, JoseKey.fromJwk(crypto, publicJwk), { algorithms: ['ES256'] });
 */
export const compactVerify = (token: string, key: VerifyKey, options: CompactVerifyOptions): Promise<CompactVerifyResult> => {
  try {
    return run(token, key, options).catch((e: Error): never => {
      throw asMeshError(e);
    });
  } catch (e) {
    return Promise.reject<CompactVerifyResult>(asMeshError(e as Error));
  }
};
