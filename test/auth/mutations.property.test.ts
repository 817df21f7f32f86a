// fast-check: random mutations of valid tokens are never accepted and never fail with anything but
// a typed MeshError; arbitrary input never crashes the verifier either.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import { JoseKey, JwtVerifier, signJwt, compactVerify } from '../../sdk/src/main/ets/auth/index';
import { clockAt, crypto, jwkPair, NOW } from './fixtures';

const REJECTION_CODES: string[] = [
  ErrorCode.JWS_INVALID, ErrorCode.JWT_INVALID, ErrorCode.JWS_SIGNATURE_VERIFICATION_FAILED, ErrorCode.JOSE_ALG_NOT_ALLOWED,
  ErrorCode.JOSE_NOT_SUPPORTED, ErrorCode.JWT_EXPIRED, ErrorCode.JWT_NOT_YET_VALID, ErrorCode.JWT_CLAIM_VALIDATION_FAILED,
];

type Mutation = { kind: 'replace' | 'insert' | 'delete'; at: number; char: string } | { kind: 'truncate'; at: number } | { kind: 'swap'; a: number; b: number };

const chars = fc.oneof(
  fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('')),
  fc.constantFrom('.', '=', '+', '/', ' ', '\n', '\u0000', 'é', '\u{1F600}', '"', '{', '}'),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom<'replace' | 'insert' | 'delete'>('replace', 'insert', 'delete'), at: fc.nat(), char: chars }),
  fc.record({ kind: fc.constant<'truncate'>('truncate'), at: fc.nat() }),
  fc.record({ kind: fc.constant<'swap'>('swap'), a: fc.nat(2), b: fc.nat(2) }),
);

const apply = (token: string, ms: Mutation[]): string => {
  let t = token;
  for (const m of ms) {
    if (m.kind === 'truncate') {
      t = t.slice(0, m.at % (t.length + 1));
    } else if (m.kind === 'swap') {
      const parts = t.split('.');
      if (parts.length === 3) {
        const tmp = parts[m.a];
        parts[m.a] = parts[m.b];
        parts[m.b] = tmp;
        t = parts.join('.');
      }
    } else {
      const at = m.at % (t.length + 1);
      if (m.kind === 'replace') t = t.slice(0, at) + m.char + t.slice(at + 1);
      else if (m.kind === 'insert') t = t.slice(0, at) + m.char + t.slice(at);
      else t = t.slice(0, at) + t.slice(at + 1);
    }
  }
  return t;
};

const outcome = (p: Promise<unknown>): Promise<string> => p.then(() => 'accepted', (e: unknown) => {
  if (!(e instanceof MeshError)) return `untyped: ${String(e)}`;
  return REJECTION_CODES.includes(e.code) ? 'rejected' : `unexpected code ${e.code}`;
});

describe('property: mutated tokens', () => {
  for (const alg of ['HS256', 'ES256', 'EdDSA', 'RS256']) {
    it(`${alg}: no mutation of a valid token verifies, and every failure is typed`, async () => {
      let signer: JoseKey;
      let verifierKey: JoseKey;
      if (alg === 'HS256') {
        signer = verifierKey = JoseKey.fromSecret(crypto, new Uint8Array(32).fill(42));
      } else {
        const { privateJwk, publicJwk } = await jwkPair(alg);
        signer = JoseKey.fromJwk(crypto, privateJwk);
        verifierKey = JoseKey.fromJwk(crypto, publicJwk);
      }
      const clock = clockAt(NOW);
      const token = await signJwt({ scope: 'a b', n: 7 }, signer, { alg, issuer: 'gw', audience: 'media', expiresInSeconds: 60, clock });
      const verifier = new JwtVerifier(verifierKey, { algorithms: [alg], issuer: 'gw', audience: 'media', clock });
      expect(await outcome(verifier.verify(token))).toBe('accepted');
      await fc.assert(fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (ms) => {
        const mutated = apply(token, ms);
        fc.pre(mutated !== token);
        expect(await outcome(verifier.verify(mutated))).toBe('rejected');
      }), { numRuns: alg === 'RS256' ? 150 : 400 });
    }, 60000);
  }

  it('arbitrary strings and non-strings never crash verification', async () => {
    const key = JoseKey.fromSecret(crypto, new Uint8Array(32).fill(1));
    const verifier = new JwtVerifier(key, { algorithms: ['HS256', 'HS512'] });
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[A-Za-z0-9_-]{0,40}\.[A-Za-z0-9_-]{0,40}\.[A-Za-z0-9_-]{0,44}$/)), async (s) => {
      expect(await outcome(verifier.verify(s))).toBe('rejected');
      expect(await outcome(compactVerify(s, key, { algorithms: ['HS256'] }))).toBe('rejected');
    }), { numRuns: 500 });
    for (const v of [undefined, null, 1, {}, [], new Uint8Array(3)]) {
      expect(await outcome(verifier.verify(v as unknown as string))).toBe('rejected');
    }
  });

  it('random JSON headers and payloads, validly signed, are accepted or rejected with a typed error', async () => {
    const secret = new Uint8Array(32).fill(3);
    const key = JoseKey.fromSecret(crypto, secret);
    const { createHmac } = await import('node:crypto');
    const verifier = new JwtVerifier(key, { algorithms: ['HS256'], clock: clockAt(NOW), audience: 'media' });
    const jsonish = fc.oneof(fc.jsonValue(), fc.record({ alg: fc.constantFrom('HS256', 'none', 'RS256', 'HS512'), crit: fc.option(fc.array(fc.string())), b64: fc.option(fc.boolean()), kid: fc.option(fc.jsonValue()) }));
    const claims = fc.oneof(fc.jsonValue(), fc.record({ exp: fc.oneof(fc.integer(), fc.string(), fc.double()), aud: fc.oneof(fc.constant('media'), fc.array(fc.string()), fc.jsonValue()) }, { requiredKeys: [] }));
    await fc.assert(fc.asyncProperty(jsonish, claims, async (h, p) => {
      const input = `${Buffer.from(JSON.stringify(h) ?? 'null').toString('base64url')}.${Buffer.from(JSON.stringify(p) ?? 'null').toString('base64url')}`;
      const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
      const r = await outcome(verifier.verify(token));
      expect(['accepted', 'rejected']).toContain(r);
    }), { numRuns: 500 });
  });
});
