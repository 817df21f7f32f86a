// Signing: the SignJwt builder and signJwt, compactSign options, the unverified decoders and the
// claims accessors.
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { ErrorCode, Utf8 } from '../../sdk/src/main/ets/core/index';
import {
  compactSign, decodeJwtUnverified, decodeProtectedHeaderUnverified, isTokenRejection, JoseKey, JwtClaims, jwtVerify, SignJwt, signJwt,
} from '../../sdk/src/main/ets/auth/index';
import { clockAt, crypto, jwkPair, NOW } from './fixtures';

const secret = new Uint8Array(32).fill(9);
const hs = JoseKey.fromSecret(crypto, secret, { kid: 'hs-1' });

describe('SignJwt and signJwt', () => {
  it('builds the claims from the clock and the builder calls', async () => {
    const clock = clockAt(NOW);
    const token = await new SignJwt({ scope: 'play', nested: { a: [1, 2] } })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('gw').setSubject('dev').setAudience(['a', 'b']).setJti('id-1')
      .setIssuedAt().setNotBeforeIn(0).setExpiresIn(120).setClock(clock)
      .sign(hs);
    const claims = decodeJwtUnverified(token);
    expect(claims.raw).toEqual({ scope: 'play', nested: { a: [1, 2] }, iss: 'gw', sub: 'dev', aud: ['a', 'b'], jti: 'id-1', iat: NOW, nbf: NOW, exp: NOW + 120 });
    const header = decodeProtectedHeaderUnverified(token);
    expect(header.toJson()).toEqual({ alg: 'HS256', kid: 'hs-1', typ: 'JWT' });
    const r = await jose.jwtVerify(token, secret, { currentDate: new Date(NOW * 1000), audience: 'b' });
    expect(r.payload.jti).toBe('id-1');
  });

  it('signJwt sets iat by default, absolute times through the builder, and header extras', async () => {
    const clock = clockAt(NOW);
    const token = await signJwt({ roles: ['admin'] }, hs, { alg: 'HS256', kid: 'other', typ: 'at+jwt', header: { x5t: 'abc' }, issuer: 'gw', subject: 's', audience: 'media', jti: 'j', expiresInSeconds: 10, notBeforeInSeconds: 5, clock });
    const header = decodeProtectedHeaderUnverified(token);
    expect(header.kid).toBe('other');
    expect(header.get('x5t')).toBe('abc');
    expect(decodeJwtUnverified(token).raw).toEqual({ roles: ['admin'], iss: 'gw', sub: 's', aud: 'media', jti: 'j', iat: NOW, nbf: NOW + 5, exp: NOW + 10 });
    const noIat = await signJwt({}, hs, { alg: 'HS256', issuedAt: false, clock });
    expect(decodeJwtUnverified(noIat).iat).toBeUndefined();
    const fixed = await new SignJwt().setProtectedHeader({ alg: 'HS256' }).setIssuedAt(5).setNotBefore(6).setExpirationTime(7).sign(hs);
    expect(decodeJwtUnverified(fixed).raw).toEqual({ iat: 5, nbf: 6, exp: 7 });
  });

  it('rejects misuse with ERR_INVALID_ARGUMENT and unfit keys with a JoseError', async () => {
    await expect(new SignJwt({}).sign(hs)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    await expect(new SignJwt({}).setProtectedHeader({ alg: 'HS256', b64: false }).sign(hs)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    await expect(signJwt({}, hs, { alg: 'HS256', header: { alg: 'none' } })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    await expect(signJwt({}, hs, { alg: 'none' })).rejects.toMatchObject({ code: ErrorCode.JOSE_ALG_NOT_ALLOWED });
    await expect(signJwt({}, hs, { alg: 'ES256' })).rejects.toMatchObject({ code: ErrorCode.JOSE_ALG_NOT_ALLOWED });
    await expect(signJwt({}, hs, { alg: 'HS512' })).rejects.toMatchObject({ code: ErrorCode.JOSE_ALG_NOT_ALLOWED });
    const { publicJwk } = await jwkPair('ES256');
    await expect(signJwt({}, JoseKey.fromJwk(crypto, publicJwk), { alg: 'ES256' })).rejects.toMatchObject({ code: ErrorCode.JWK_INVALID });
    expect(() => new SignJwt([] as never)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    expect(() => new SignJwt().setExpiresIn(Number.NaN)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    await expect(signJwt({}, {} as never, { alg: 'HS256' })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    await expect(compactSign('x' as never, hs, { alg: 'HS256' })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    await expect(compactSign(Utf8.encode('a.b'), hs, { alg: 'HS256', b64: false })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    await expect(compactSign(Utf8.encode('x'), hs, { alg: 'HS256', crit: ['zz'] })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
  });

  it('signs every algorithm with keys from JWKs, verifiable by ArkMesh', async () => {
    for (const alg of ['RS384', 'PS512', 'ES384', 'EdDSA', 'Ed25519']) {
      const { privateJwk, publicJwk } = await jwkPair(alg);
      const token = await signJwt({ alg }, JoseKey.fromJwk(crypto, privateJwk), { alg, clock: clockAt(NOW) });
      expect((await jwtVerify(token, JoseKey.fromJwk(crypto, publicJwk), { algorithms: [alg], clock: clockAt(NOW) })).payload.getString('alg')).toBe(alg);
    }
  }, 30000);
});

describe('unverified decoding and claims accessors', () => {
  it('decodes without verifying and refuses garbage', () => {
    const token = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwic2NvcGUiOiJhICBiIiwicm9sZXMiOlsiciIsMV19.';
    expect(decodeProtectedHeaderUnverified(token).alg).toBe('none');
    const c = decodeJwtUnverified(token);
    expect(c.sub).toBe('x');
    expect(c.getStringList('scope')).toEqual(['a', 'b']);
    expect(c.getStringList('roles')).toEqual(['r']);
    expect(c.getStringList('absent')).toEqual([]);
    expect(() => decodeJwtUnverified('a.b')).toThrow(expect.objectContaining({ code: ErrorCode.JWS_INVALID }));
    expect(() => decodeJwtUnverified('eyJhbGciOiJub25lIn0.W10.')).toThrow(expect.objectContaining({ code: ErrorCode.JWT_INVALID }));
  });

  it('reads registered claims with their types', () => {
    const c = new JwtClaims({ iss: 1, aud: ['a', 2, 'b'], exp: '3', n: 5, s: 't', z: null });
    expect(c.iss).toBeUndefined();
    expect(c.aud).toEqual(['a', 'b']);
    expect(c.exp).toBeUndefined();
    expect(c.getNumber('n')).toBe(5);
    expect(c.getString('s')).toBe('t');
    expect(c.has('z')).toBe(true);
    expect(c.has('q')).toBe(false);
    expect(c.has('toString')).toBe(false);
    expect(c.get('constructor')).toBeUndefined();
    expect(new JwtClaims({ aud: 'one' }).aud).toEqual(['one']);
  });

  it('tells token rejections apart from misuse', async () => {
    const e1 = await jwtVerify('x', hs, { algorithms: ['HS256'] }).catch((e) => e);
    const e2 = await jwtVerify('x', hs, { algorithms: [] }).catch((e) => e);
    expect(isTokenRejection(e1)).toBe(true);
    expect(isTokenRejection(e2)).toBe(false);
    expect(isTokenRejection(new Error('x'))).toBe(false);
  });
});
