// The negative suite: every way a token can be bad, each rejected with the right code (and only
// ever with a MeshError).
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ErrorCode, MeshError, Utf8 } from '../../sdk/src/main/ets/core/index';
import type { CryptoKeyHandle, Jwk, SignAlgorithm } from '../../sdk/src/main/ets/platform/index';
import { SubtleCrypto } from '../../sdk/src/main/ets/platform/index';
import type { SubtleLike } from '../../sdk/src/main/ets/platform/index';
import {
  compactVerify, JoseError, JoseKey, JwtClaimError, jwtVerify, Pem, signJwt,
} from '../../sdk/src/main/ets/auth/index';
import { SpkiEncoder } from '../../sdk/src/main/ets/platform/crypto/SpkiEncoder';
import { EcdsaSignatureFormat } from '../../sdk/src/main/ets/platform/crypto/EcdsaSignatureFormat';
import { EcCurves } from '../../sdk/src/main/ets/platform/crypto/EcCurve';
import type { JwtVerifyOptions } from '../../sdk/src/main/ets/auth/index';
import { b64u, clockAt, crypto, fromB64u, jwkPair, NOW } from './fixtures';

const SECRET = new Uint8Array(32).map((_, i) => (i * 7 + 3) & 255);
const hsKey = JoseKey.fromSecret(crypto, SECRET);
const clock = clockAt(NOW);
const hsOptions: JwtVerifyOptions = { algorithms: ['HS256'], clock };

/** Signs arbitrary header/payload JSON text with HS256 and SECRET (for tokens our signer would refuse to build). */
const forge = (header: string, payload: string, secret: Uint8Array = SECRET): string => {
  const input = `${b64u(header)}.${b64u(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};
const goodPayload = JSON.stringify({ iss: 'gw', aud: 'media', sub: 'dev-1', exp: NOW + 60, iat: NOW - 10 });
const good = forge('{"alg":"HS256","typ":"JWT"}', goodPayload);

const rejectsWith = async (p: Promise<unknown>, code: string): Promise<MeshError> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(MeshError);
    expect((e as MeshError).code).toBe(code);
    return e as MeshError;
  }
  throw new Error(`expected a rejection with ${code}`);
};

/** A Crypto port that counts verify calls. */
class CountingCrypto extends SubtleCrypto {
  verifies = 0;
  override verify(a: SignAlgorithm, k: CryptoKeyHandle, s: Uint8Array, d: Uint8Array): Promise<boolean> {
    this.verifies++;
    return super.verify(a, k, s, d);
  }
}

describe('negative suite: structure', () => {
  it('accepts the untampered control token', async () => {
    const r = await jwtVerify(good, hsKey, hsOptions);
    expect(r.payload.sub).toBe('dev-1');
  });

  it('rejects tampered header, payload and signature with ERR_JWS_SIGNATURE_VERIFICATION_FAILED', async () => {
    const [h, p, s] = good.split('.');
    const tamperedHeader = `${b64u('{"alg":"HS256","typ":"JWT","x":1}')}.${p}.${s}`;
    const tamperedPayload = `${h}.${b64u(goodPayload.replace('dev-1', 'dev-2'))}.${s}`;
    const sig = fromB64u(s);
    sig[5] ^= 0x10;
    const tamperedSig = `${h}.${p}.${Buffer.from(sig).toString('base64url')}`;
    for (const t of [tamperedHeader, tamperedPayload, tamperedSig]) {
      await rejectsWith(jwtVerify(t, hsKey, hsOptions), ErrorCode.JWS_SIGNATURE_VERIFICATION_FAILED);
    }
  });

  it('rejects alg "none" with ERR_JOSE_ALG_NOT_ALLOWED, with or without a signature, and refuses it in the allowlist', async () => {
    const none = `${b64u('{"alg":"none"}')}.${b64u(goodPayload)}.`;
    await rejectsWith(jwtVerify(none, hsKey, hsOptions), ErrorCode.JOSE_ALG_NOT_ALLOWED);
    await rejectsWith(jwtVerify(`${none}${good.split('.')[2]}`, hsKey, hsOptions), ErrorCode.JOSE_ALG_NOT_ALLOWED);
    await rejectsWith(jwtVerify(none, hsKey, { algorithms: ['none'] }), ErrorCode.INVALID_ARGUMENT);
    await rejectsWith(jwtVerify(none, hsKey, { algorithms: ['HS256', 'NONE'] }), ErrorCode.INVALID_ARGUMENT);
    await rejectsWith(jwtVerify(good, hsKey, { algorithms: [] }), ErrorCode.INVALID_ARGUMENT);
    await rejectsWith(jwtVerify(good, hsKey, {} as JwtVerifyOptions), ErrorCode.INVALID_ARGUMENT);
  });

  it('rejects algorithms outside the allowlist before touching the key', async () => {
    await rejectsWith(jwtVerify(good, hsKey, { algorithms: ['HS384'], clock }), ErrorCode.JOSE_ALG_NOT_ALLOWED);
    const unknown = forge('{"alg":"HS1"}', goodPayload);
    await rejectsWith(jwtVerify(unknown, hsKey, hsOptions), ErrorCode.JOSE_ALG_NOT_ALLOWED);
  });

  it('defeats HS256 signed with the RSA public key as the secret (algorithm confusion)', async () => {
    const { publicJwk } = await jwkPair('RS256');
    const spki = SpkiEncoder.fromJwk(publicJwk);
    const pem = Pem.encode(spki, 'PUBLIC KEY');
    const forged = forge('{"alg":"HS256"}', goodPayload, Utf8.encode(pem));
    // The verifier holds the RSA key and (carelessly) allows HS256 too: the key type decides.
    const rsaKey = JoseKey.fromJwk(crypto, publicJwk);
    await rejectsWith(jwtVerify(forged, rsaKey, { algorithms: ['RS256', 'HS256'], clock }), ErrorCode.JOSE_ALG_NOT_ALLOWED);
    await rejectsWith(jwtVerify(forged, publicJwk, { algorithms: ['RS256', 'HS256'], clock, crypto }), ErrorCode.JOSE_ALG_NOT_ALLOWED);
    // Public-key material is refused as an HMAC secret: PEM text, SPKI DER, PKCS#1 DER, JWK JSON.
    const pkcs1 = spki.subarray(24); // the RSAPublicKey SEQUENCE inside the BIT STRING
    for (const material of [Utf8.encode(pem), Utf8.encode(`\n  ${pem}`), spki, pkcs1, Utf8.encode(JSON.stringify(publicJwk))]) {
      expect(() => JoseKey.fromSecret(crypto, material)).toThrow(expect.objectContaining({ code: ErrorCode.JWK_INVALID }));
      await rejectsWith(jwtVerify(forged, material, { algorithms: ['HS256'], clock, crypto }), ErrorCode.JWK_INVALID);
    }
  });

  it('rejects DER-encoded, all-zero and out-of-range ECDSA signatures without calling the provider', async () => {
    const { privateJwk, publicJwk } = await jwkPair('ES256');
    const token = await signJwt({ sub: 'x' }, JoseKey.fromJwk(crypto, privateJwk), { alg: 'ES256', clock });
    const counting = new CountingCrypto(globalThis.crypto.subtle as unknown as SubtleLike);
    const key = JoseKey.fromJwk(counting, publicJwk);
    const opts: JwtVerifyOptions = { algorithms: ['ES256'], clock };
    expect((await jwtVerify(token, key, opts)).payload.sub).toBe('x');
    expect(counting.verifies).toBe(1);
    const [h, p, s] = token.split('.');
    const raw = fromB64u(s);
    const der = EcdsaSignatureFormat.rawToDer(raw, EcCurves.byName('P-256')!)!;
    const order = fromB64u(Buffer.from('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'hex').toString('base64url'));
    const rEqualsN = new Uint8Array(64);
    rEqualsN.set(order, 0);
    rEqualsN.set(raw.subarray(32), 32);
    const zeroS = raw.slice();
    zeroS.fill(0, 32);
    for (const sig of [der, new Uint8Array(64), rEqualsN, zeroS, raw.subarray(0, 63)]) {
      const forged = `${h}.${p}.${Buffer.from(sig).toString('base64url')}`;
      await rejectsWith(jwtVerify(forged, key, opts), ErrorCode.JWS_SIGNATURE_VERIFICATION_FAILED);
    }
    expect(counting.verifies).toBe(1);
  });

  it('handles crit: unknown extension, registered names, absent names, malformed lists', async () => {
    const payload = goodPayload;
    await rejectsWith(jwtVerify(forge('{"alg":"HS256","crit":["exp"],"exp":1}', payload), hsKey, hsOptions), ErrorCode.JOSE_NOT_SUPPORTED);
    expect((await jwtVerify(forge('{"alg":"HS256","crit":["exp"],"exp":1}', payload), hsKey, { ...hsOptions, crit: ['exp'] })).payload.sub).toBe('dev-1');
    for (const header of [
      '{"alg":"HS256","crit":["alg"]}', '{"alg":"HS256","crit":["kid"],"kid":"a"}', '{"alg":"HS256","crit":[]}',
      '{"alg":"HS256","crit":["x"]}', '{"alg":"HS256","crit":"x","x":1}', '{"alg":"HS256","crit":["x","x"],"x":1}',
      '{"alg":"HS256","crit":[1]}', '{"alg":"HS256","b64":true}', '{"alg":"HS256","crit":["toString"]}', '{"alg":"HS256","b64":"false","crit":["b64"]}',
    ]) {
      await rejectsWith(jwtVerify(forge(header, payload), hsKey, { ...hsOptions, crit: ['x'] }), ErrorCode.JWS_INVALID);
    }
    // b64 is understood, but a JWT never has an unencoded payload.
    await rejectsWith(jwtVerify(forge('{"alg":"HS256","b64":false,"crit":["b64"]}', payload), hsKey, hsOptions), ErrorCode.JWT_INVALID);
  });

  it('rejects bad base64url in every part', async () => {
    const [h, p, s] = good.split('.');
    const variants = [
      `${h}=.${p}.${s}`, `${h}.${p}=.${s}`, `${h}.${p}.${s}=`, `${h} .${p}.${s}`, `${h}.${p}.${s}\n`,
      `${h}.${p.replace(/.$/, '+')}.${s}`, `${h}.${p}.${s.slice(0, -1)}/`, `${h}.${p}.${s.slice(0, -1)}`,
      `${h}.${p}.${s.slice(0, -1)}B`, // non-canonical: the unused low bits of the last character are set
      `${h}.${p}.${s.slice(0, -1)}é`,
    ];
    const codes: string[] = [];
    for (const t of variants) {
      codes.push(await jwtVerify(t, hsKey, hsOptions).then(() => 'accepted', (e: MeshError) => e.code));
    }
    expect(codes).not.toContain('accepted');
    // The encoding problems are structural and reported as such.
    for (const t of variants.slice(0, 7).concat(variants[8], variants[9])) {
      await rejectsWith(jwtVerify(t, hsKey, hsOptions), ErrorCode.JWS_INVALID);
    }
  });

  it('rejects wrong part counts, empty parts, non-strings and oversized tokens', async () => {
    const [h, p, s] = good.split('.');
    for (const t of ['', '.', '..', h, `${h}.${p}`, `${h}.${p}.${s}.`, `${h}.${p}.${s}.${s}`, `${h}.${p}.${s}.${s}.${s}`, `.${p}.${s}`]) {
      await rejectsWith(jwtVerify(t, hsKey, hsOptions), ErrorCode.JWS_INVALID);
    }
    await rejectsWith(jwtVerify(`${h}..${s}`, hsKey, hsOptions), ErrorCode.JWS_SIGNATURE_VERIFICATION_FAILED);
    await rejectsWith(jwtVerify(42 as unknown as string, hsKey, hsOptions), ErrorCode.JWS_INVALID);
    await rejectsWith(jwtVerify(null as unknown as string, hsKey, hsOptions), ErrorCode.JWS_INVALID);
    const big = forge('{"alg":"HS256"}', JSON.stringify({ pad: 'x'.repeat(20000) }));
    await rejectsWith(jwtVerify(big, hsKey, hsOptions), ErrorCode.JWS_INVALID);
    expect((await jwtVerify(big, hsKey, { ...hsOptions, maxTokenLength: 40000 })).payload.getString('pad')?.length).toBe(20000);
    await rejectsWith(jwtVerify(good, hsKey, { ...hsOptions, maxTokenLength: good.length - 1 }), ErrorCode.JWS_INVALID);
  });

  it('rejects headers that are not JSON objects or have a bad alg/kid/typ', async () => {
    for (const header of ['[]', '"HS256"', '42', 'null', '{', '{"typ":"JWT"}', '{"alg":""}', '{"alg":7}', '{"alg":"HS256","kid":5}', '{"alg":"HS256","typ":true}']) {
      await rejectsWith(jwtVerify(forge(header, goodPayload), hsKey, hsOptions), ErrorCode.JWS_INVALID);
    }
    const notUtf8 = `${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.${b64u(goodPayload)}.AAAA`;
    await rejectsWith(jwtVerify(notUtf8, hsKey, hsOptions), ErrorCode.JWS_INVALID);
  });

  it('rejects a payload that is not a UTF-8 JSON object with ERR_JWT_INVALID (after the signature verifies)', async () => {
    for (const payload of ['[]', '"x"', '12', 'null', 'not json', '']) {
      await rejectsWith(jwtVerify(forge('{"alg":"HS256"}', payload), hsKey, hsOptions), ErrorCode.JWT_INVALID);
    }
    const input = `${b64u('{"alg":"HS256"}')}.${Buffer.from([0x7b, 0xc3, 0x28, 0x7d]).toString('base64url')}`;
    const badUtf8 = `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
    await rejectsWith(jwtVerify(badUtf8, hsKey, hsOptions), ErrorCode.JWT_INVALID);
    // A forged token with a broken payload reports the signature, not the payload.
    await rejectsWith(jwtVerify(forge('{"alg":"HS256"}', '[]', new Uint8Array(32).fill(1)), hsKey, hsOptions), ErrorCode.JWS_SIGNATURE_VERIFICATION_FAILED);
  });
});

describe('negative suite: claims', () => {
  const claimFails = async (payload: object, options: Partial<JwtVerifyOptions>, code: string, claim: string, reason?: string): Promise<void> => {
    const token = forge('{"alg":"HS256","typ":"JWT"}', JSON.stringify(payload));
    const e = await rejectsWith(jwtVerify(token, hsKey, { ...hsOptions, ...options }), code);
    expect(e).toBeInstanceOf(JwtClaimError);
    expect((e as JwtClaimError).claim).toBe(claim);
    if (reason !== undefined) expect((e as JwtClaimError).reason).toBe(reason);
    expect((e as JwtClaimError).payload).toEqual(payload);
  };

  it('expired, not yet valid, and the clock tolerance', async () => {
    await claimFails({ exp: NOW }, {}, ErrorCode.JWT_EXPIRED, 'exp', 'check_failed');
    await claimFails({ exp: NOW - 1 }, {}, ErrorCode.JWT_EXPIRED, 'exp');
    await claimFails({ nbf: NOW + 1 }, {}, ErrorCode.JWT_NOT_YET_VALID, 'nbf');
    const within = forge('{"alg":"HS256"}', JSON.stringify({ exp: NOW - 5, nbf: NOW + 5 }));
    expect((await jwtVerify(within, hsKey, { ...hsOptions, clockToleranceSeconds: 10 })).payload.exp).toBe(NOW - 5);
    await rejectsWith(jwtVerify(within, hsKey, { ...hsOptions, clockToleranceSeconds: 4 }), ErrorCode.JWT_NOT_YET_VALID);
    expect((await jwtVerify(forge('{"alg":"HS256"}', JSON.stringify({ exp: NOW + 1, nbf: NOW })), hsKey, hsOptions)).payload.nbf).toBe(NOW);
  });

  it('issuer, audience (string or array), subject and typ', async () => {
    await claimFails({ iss: 'evil' }, { issuer: 'gw' }, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'iss', 'check_failed');
    await claimFails({}, { issuer: ['gw', 'gw2'] }, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'iss', 'missing');
    await claimFails({ aud: 'other' }, { audience: 'media' }, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'aud', 'check_failed');
    await claimFails({ aud: ['a', 'b'] }, { audience: ['media', 'c'] }, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'aud');
    await claimFails({}, { audience: 'media' }, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'aud', 'missing');
    await claimFails({ sub: 'x' }, { subject: 'y' }, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'sub');
    await claimFails({}, { typ: 'at+jwt' }, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'typ');
    const ok = forge('{"alg":"HS256","typ":"application/AT+JWT"}', JSON.stringify({ iss: 'gw2', aud: ['x', 'media'], sub: 'y' }));
    const r = await jwtVerify(ok, hsKey, { ...hsOptions, issuer: ['gw', 'gw2'], audience: 'media', subject: 'y', typ: 'at+jwt' });
    expect(r.payload.aud).toEqual(['x', 'media']);
  });

  it('required claims, claim types and maximum token age', async () => {
    await claimFails({ sub: 'a' }, { requiredClaims: ['exp'] }, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'exp', 'missing');
    // Names every object inherits are not claims.
    await claimFails({ sub: 'a' }, { requiredClaims: ['constructor'] }, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'constructor', 'missing');
    await claimFails({ sub: 'a' }, { requiredClaims: ['__proto__'] }, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, '__proto__', 'missing');
    await claimFails({ exp: String(NOW + 60) }, {}, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'exp', 'invalid');
    await claimFails({ nbf: null }, {}, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'nbf', 'invalid');
    await claimFails({ iat: 'now' }, {}, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'iat', 'invalid');
    await claimFails({ iss: 5 }, {}, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'iss', 'invalid');
    await claimFails({ aud: [1] }, {}, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'aud', 'invalid');
    await claimFails({ jti: {} }, {}, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'jti', 'invalid');
    await claimFails({ iat: NOW - 301 }, { maxTokenAgeSeconds: 300 }, ErrorCode.JWT_EXPIRED, 'iat');
    await claimFails({ iat: NOW + 30 }, { maxTokenAgeSeconds: 300, clockToleranceSeconds: 10 }, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'iat');
    await claimFails({}, { maxTokenAgeSeconds: 300 }, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, 'iat', 'missing');
    const fresh = forge('{"alg":"HS256"}', JSON.stringify({ iat: NOW - 299 }));
    expect((await jwtVerify(fresh, hsKey, { ...hsOptions, maxTokenAgeSeconds: 300 })).payload.iat).toBe(NOW - 299);
  });

  it('claim errors only surface for validly signed tokens', async () => {
    const expiredForged = forge('{"alg":"HS256"}', JSON.stringify({ exp: 1 }), new Uint8Array(32).fill(9));
    await rejectsWith(jwtVerify(expiredForged, hsKey, hsOptions), ErrorCode.JWS_SIGNATURE_VERIFICATION_FAILED);
  });
});

describe('negative suite: keys', () => {
  it('refuses short HMAC secrets, and secrets shorter than the hash of the token alg', async () => {
    expect(() => JoseKey.fromSecret(crypto, new Uint8Array(31).fill(1))).toThrow(expect.objectContaining({ code: ErrorCode.JWK_INVALID }));
    const hs512 = (() => {
      const input = `${b64u('{"alg":"HS512"}')}.${b64u('{}')}`;
      return `${input}.${createHmac('sha512', SECRET).update(input).digest('base64url')}`;
    })();
    await rejectsWith(jwtVerify(hs512, hsKey, { algorithms: ['HS512'], clock }), ErrorCode.JOSE_ALG_NOT_ALLOWED);
    const long = JoseKey.fromSecret(crypto, new Uint8Array(64).fill(5), { alg: 'HS512' });
    expect(long.alg).toBe('HS512');
    expect(() => JoseKey.fromSecret(crypto, SECRET, { alg: 'HS512' })).toThrow(expect.objectContaining({ code: ErrorCode.JWK_INVALID }));
  });

  it('uses a key only with algorithms of its type, curve and bound alg', async () => {
    const es256 = await jwkPair('ES256');
    const es384 = await jwkPair('ES384');
    const token384 = await signJwt({}, JoseKey.fromJwk(crypto, es384.privateJwk), { alg: 'ES384', clock });
    await rejectsWith(jwtVerify(token384, JoseKey.fromJwk(crypto, es256.publicJwk), { algorithms: ['ES256', 'ES384'], clock }), ErrorCode.JOSE_ALG_NOT_ALLOWED);
    const bound = JoseKey.fromSecret(crypto, SECRET, { alg: 'HS256' });
    const hs256 = forge('{"alg":"HS256"}', '{}');
    expect((await jwtVerify(hs256, bound, hsOptions)).key).toBe(bound);
    const rs = await jwkPair('RS256');
    const psToken = await signJwt({}, JoseKey.fromJwk(crypto, rs.privateJwk), { alg: 'PS256', clock });
    await rejectsWith(jwtVerify(psToken, JoseKey.fromJwk(crypto, { ...rs.publicJwk, alg: 'RS256' }), { algorithms: ['RS256', 'PS256'], clock }), ErrorCode.JOSE_ALG_NOT_ALLOWED);
    expect((await jwtVerify(psToken, JoseKey.fromJwk(crypto, rs.publicJwk), { algorithms: ['PS256'], clock })).payload.iat).toBe(NOW);
  });

  it('rejects weak or malformed JWKs with ERR_JWK_INVALID and unsupported ones with ERR_JOSE_NOT_SUPPORTED', async () => {
    const pair = (await globalThis.crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const weak = (await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey)) as Jwk;
    const { publicJwk } = await jwkPair('ES256');
    const invalid: Jwk[] = [
      weak, { kty: 'oct', k: 'c2hvcnQ' }, { kty: 'EC', crv: 'P-256', x: publicJwk.x }, { ...publicJwk, x: `${publicJwk.x}A` },
      { ...publicJwk, x: publicJwk.x!.slice(0, -2) }, { kty: 'RSA', n: 'AQAB' }, { ...publicJwk, use: 'enc' },
      { ...publicJwk, key_ops: ['encrypt'] }, { ...publicJwk, alg: 'RS256' }, { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' },
    ];
    for (const jwk of invalid) {
      expect(() => JoseKey.fromJwk(crypto, jwk), JSON.stringify(jwk)).toThrow(expect.objectContaining({ code: ErrorCode.JWK_INVALID }));
    }
    for (const jwk of [{ kty: 'EC', crv: 'secp256k1', x: 'AA', y: 'AA' }, { kty: 'OKP', crv: 'X25519', x: 'AA' }, { kty: 'RSA-OTHER' }, { ...publicJwk, alg: 'ES999' }] as Jwk[]) {
      expect(() => JoseKey.fromJwk(crypto, jwk), JSON.stringify(jwk)).toThrow(expect.objectContaining({ code: ErrorCode.JOSE_NOT_SUPPORTED }));
    }
    // A point that is not on the curve passes the shape checks and fails at import.
    const offCurve = { ...publicJwk, y: Buffer.alloc(32, 1).toString('base64url') };
    const token = forge('{"alg":"HS256"}', '{}');
    await rejectsWith(compactVerify(token.replace(/^[^.]+/, b64u('{"alg":"ES256"}')), JoseKey.fromJwk(crypto, offCurve), { algorithms: ['ES256'] }), ErrorCode.JWK_INVALID);
  });

  it('every rejection is a JoseError subclass with a stable code', async () => {
    const [h, p, s] = good.split('.');
    const e = await rejectsWith(jwtVerify(`${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`, hsKey, hsOptions), ErrorCode.JWS_SIGNATURE_VERIFICATION_FAILED);
    expect(e).toBeInstanceOf(JoseError);
    expect(e.name).toBe('JwsSignatureVerificationFailedError');
  });
});
