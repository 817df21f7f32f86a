// Cross-check with jose: tokens jose signs verify with ArkMesh and vice versa, for every algorithm.
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../sdk/src/main/ets/core/index';
import { JoseKey, JwsAlgorithms, jwtVerify, SignJwt, compactSign, compactVerify } from '../../sdk/src/main/ets/auth/index';
import { clockAt, crypto, jwkPair, NOW } from './fixtures';

const ALGS = JwsAlgorithms.names();

const keysFor = async (alg: string): Promise<{ mineSign: JoseKey; mineVerify: JoseKey; joseSign: jose.CryptoKey | Uint8Array; joseVerify: jose.CryptoKey | Uint8Array }> => {
  if (alg.startsWith('HS')) {
    const secret = new Uint8Array(Number(alg.slice(2)) / 8).map((_, i) => (i * 13 + 1) & 255);
    const k = JoseKey.fromSecret(crypto, secret);
    return { mineSign: k, mineVerify: k, joseSign: secret, joseVerify: secret };
  }
  const { privateJwk, publicJwk } = await jwkPair(alg);
  return {
    mineSign: JoseKey.fromJwk(crypto, privateJwk),
    mineVerify: JoseKey.fromJwk(crypto, publicJwk),
    joseSign: (await jose.importJWK(privateJwk as jose.JWK, alg)) as jose.CryptoKey,
    joseVerify: (await jose.importJWK(publicJwk as jose.JWK, alg)) as jose.CryptoKey,
  };
};

describe('cross-check with jose', () => {
  it('covers every algorithm in the table', () => {
    expect(ALGS).toEqual(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']);
  });

  for (const alg of ALGS) {
    it(`${alg}: jose signs, ArkMesh verifies; ArkMesh signs, jose verifies`, async () => {
      const k = await keysFor(alg);
      const fromJose = await new jose.SignJWT({ scope: 'play pause', n: 1 })
        .setProtectedHeader({ alg, typ: 'JWT', kid: 'k1' })
        .setIssuer('urn:jose').setAudience(['media', 'tv']).setSubject('dev').setIssuedAt(NOW).setExpirationTime(NOW + 300)
        .sign(k.joseSign);
      const mine = await jwtVerify(fromJose, k.mineVerify, { algorithms: [alg], issuer: 'urn:jose', audience: 'tv', subject: 'dev', typ: 'JWT', clock: clockAt(NOW + 10) });
      expect(mine.payload.getStringList('scope')).toEqual(['play', 'pause']);
      expect(mine.protectedHeader.kid).toBe('k1');

      const fromMine = await new SignJwt({ scope: 'seek', n: 2 })
        .setProtectedHeader({ alg, typ: 'JWT', kid: 'k2' })
        .setIssuer('urn:arkmesh').setAudience('media').setSubject('dev').setIssuedAt(NOW).setExpirationTime(NOW + 300)
        .sign(k.mineSign);
      const theirs = await jose.jwtVerify(fromMine, k.joseVerify, { algorithms: [alg], issuer: 'urn:arkmesh', audience: 'media', currentDate: new Date((NOW + 10) * 1000) });
      expect(theirs.payload).toMatchObject({ scope: 'seek', n: 2, iss: 'urn:arkmesh', aud: 'media', sub: 'dev', iat: NOW, exp: NOW + 300 });
      expect(theirs.protectedHeader).toEqual({ alg, typ: 'JWT', kid: 'k2' });

      // Both reject each other's tampered tokens.
      const [h, p, s] = fromJose.split('.');
      const tampered = `${h}.${p.slice(0, -2)}${p.endsWith('A') ? 'Q' : 'A'}${p.slice(-1)}.${s}`;
      await expect(jwtVerify(tampered, k.mineVerify, { algorithms: [alg] })).rejects.toHaveProperty('code');
      await expect(jose.jwtVerify(`${fromMine.split('.')[0]}.${p}.${fromMine.split('.')[2]}`, k.joseVerify, { algorithms: [alg] })).rejects.toThrow();
    }, 30000);
  }

  it('compact JWS with a binary payload round-trips both ways', async () => {
    const payload = new Uint8Array(300).map((_, i) => (i * 37) & 255);
    const k = await keysFor('ES384');
    const mine = await compactSign(payload, k.mineSign, { alg: 'ES384' });
    const theirs = await jose.compactVerify(mine, k.joseVerify);
    expect(new Uint8Array(theirs.payload)).toEqual(payload);
    const joseJws = await new jose.CompactSign(payload).setProtectedHeader({ alg: 'ES384' }).sign(k.joseSign);
    expect((await compactVerify(joseJws, k.mineVerify, { algorithms: ['ES384'] })).payload).toEqual(payload);
  });

  it('agrees with jose on the claim error codes', async () => {
    const k = await keysFor('HS256');
    const expired = await new jose.SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(NOW - 1).sign(k.joseSign);
    await expect(jwtVerify(expired, k.mineVerify, { algorithms: ['HS256'], clock: clockAt(NOW) })).rejects.toMatchObject({ code: ErrorCode.JWT_EXPIRED });
    await expect(jose.jwtVerify(expired, k.joseVerify, { currentDate: new Date(NOW * 1000) })).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
    const wrongAud = await new jose.SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setAudience('x').sign(k.joseSign);
    await expect(jwtVerify(wrongAud, k.mineVerify, { algorithms: ['HS256'], audience: 'y' })).rejects.toMatchObject({ code: ErrorCode.JWT_CLAIM_VALIDATION_FAILED, claim: 'aud' });
    await expect(jose.jwtVerify(wrongAud, k.joseVerify, { audience: 'y' })).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
  });
});
