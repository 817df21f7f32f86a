import { Base64Url } from '../../core/encoding/Base64Url';
import { Utf8 } from '../../core/encoding/Utf8';
import { ErrorCode } from '../../core/errors/ErrorCode';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { MeshError } from '../../core/errors/MeshError';
import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import { EcdsaSignatureFormat } from '../../platform/crypto/EcdsaSignatureFormat';
import { JoseAlgNotAllowedError } from '../errors/JoseErrors';
import { JwsAlgorithms } from '../jwa/JwsAlgorithms';
import { JoseKey } from '../keys/JoseKey';
import { asciiBytes, isAscii } from './CompactJws';
import { JwsHeader } from './JwsHeader';

/** The protected header to sign with. Parameters are written in this order: alg, kid, typ, cty, b64, crit, extra. */
export interface JwsHeaderInit {
  /** The JWS algorithm (required; must fit the key). */
  alg: string;
  /** Key id; defaults to the key's `kid` when it has one. */
  kid?: string;
  /** Media type of the whole JWS, e.g. `JWT` or `at+jwt`. */
  typ?: string;
  /** Media type of the payload. */
  cty?: string;
  /** `false` for an RFC 7797 unencoded payload (`b64` is then added to `crit`). */
  b64?: boolean;
  /** Critical extension parameters (must be present in `extra`). */
  crit?: string[];
  /** Further header parameters. */
  extra?: Record<string, JsonValue>;
}

/** Options of {@link compactSign}. */
export interface CompactSignOptions {
  /** Leave the payload out of the token (RFC 7515 appendix F): `header..signature`. Default false. */
  detached?: boolean;
}

/** Builds the header parameters of `init` (validated like a received header). */
export const buildHeader = (init: JwsHeaderInit, key: JoseKey): JwsHeader => {
  if (init === null || typeof init !== 'object' || typeof init.alg !== 'string') {
    throw new InvalidArgumentError('header.alg', 'is required');
  }
  const params: JsonObject = {};
  params['alg'] = init.alg;
  const kid = init.kid ?? key.kid;
  if (kid !== undefined) {
    params['kid'] = kid;
  }
  if (init.typ !== undefined) {
    params['typ'] = init.typ;
  }
  if (init.cty !== undefined) {
    params['cty'] = init.cty;
  }
  const crit: string[] = init.crit === undefined ? [] : init.crit.slice();
  if (init.b64 !== undefined) {
    params['b64'] = init.b64;
    if (!crit.includes('b64')) {
      crit.push('b64');
    }
  }
  if (crit.length > 0) {
    params['crit'] = crit;
  }
  const extra = init.extra;
  if (extra !== undefined) {
    for (const name of Object.keys(extra)) {
      if (params[name] !== undefined) {
        throw new InvalidArgumentError(`header.extra.${name}`, 'duplicates a named header field');
      }
      params[name] = extra[name];
    }
  }
  try {
    return JwsHeader.fromParams(params);
  } catch (e) {
    throw new InvalidArgumentError('header', (e as Error).message);
  }
};

/** Signs `signingInput` with `key` for the header's algorithm; returns the raw JWS signature. */
export const signBytes = async (header: JwsHeader, key: JoseKey, signingInput: Uint8Array): Promise<Uint8Array> => {
  const entry = JwsAlgorithms.get(header.alg);
  if (entry === undefined) {
    throw new JoseAlgNotAllowedError(header.alg, `cannot sign with unsupported algorithm ${JSON.stringify(header.alg)}`);
  }
  const handle = await key.signKey(entry);
  let signature = await key.crypto.sign(entry.signAlgorithm, handle, signingInput);
  const curve = entry.ecCurve;
  if (curve !== undefined && signature.length !== entry.signatureLength) {
    // The Crypto port speaks WebCrypto (raw r||s); tolerate a provider that returned DER.
    const raw = EcdsaSignatureFormat.derToRaw(signature, curve);
    if (raw === undefined) {
      throw new MeshError(ErrorCode.CRYPTO, `the Crypto port returned a ${signature.length}-byte ${entry.alg} signature`);
    }
    signature = raw;
  }
  return signature;
};

/**
 * Signs `payload` as a compact JWS (RFC 7515 section 7.1; RFC 7797 when `header.b64` is false).
 * Rejects with InvalidArgumentError for a bad header, a JoseError when the key does not fit the
 * algorithm, or ERR_CRYPTO.
 *
 * @example
 * const jws = await compactSign(Utf8.encode('hello'), key, { alg: 'EdDSA' });
 */
export const compactSign = async (payload: Uint8Array, key: JoseKey, header: JwsHeaderInit,
  options?: CompactSignOptions): Promise<string> => {
  if (!(payload instanceof Uint8Array)) {
    throw new InvalidArgumentError('payload', 'must be a Uint8Array');
  }
  if (!(key instanceof JoseKey)) {
    throw new InvalidArgumentError('key', 'must be a JoseKey');
  }
  const protectedHeader = buildHeader(header, key);
  let encodedPayload: string;
  let input: Uint8Array;
  if (protectedHeader.b64) {
    encodedPayload = Base64Url.encode(payload);
    const text = `${protectedHeader.encoded}.${encodedPayload}`;
    input = asciiBytes(text, text.length);
  } else {
    const prefix = `${protectedHeader.encoded}.`;
    input = new Uint8Array(prefix.length + payload.length);
    input.set(asciiBytes(prefix, prefix.length), 0);
    input.set(payload, prefix.length);
    encodedPayload = Utf8.decodeLenient(payload);
    if (options?.detached !== true && (!isAscii(encodedPayload) || encodedPayload.includes('.'))) {
      throw new InvalidArgumentError('payload', 'an attached unencoded payload must be ASCII without "." (RFC 7797 section 5.2)');
    }
  }
  const signature = await signBytes(protectedHeader, key, input);
  const body = options?.detached === true ? '' : encodedPayload;
  return `${protectedHeader.encoded}.${body}.${Base64Url.encode(signature)}`;
};
