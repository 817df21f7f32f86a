// Local and remote JSON Web Key Sets: key selection, refresh on an unknown kid after the cooldown,
// max age, single-flight fetches, timeouts and failures, all on a VirtualClock.
import { describe, expect, it } from 'vitest';
import { CancellationToken, ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import type { Jwk } from '../../sdk/src/main/ets/platform/index';
import { MemoryLogger } from '../../sdk/src/main/ets/platform/index';
import {
  createLocalJWKSet, createRemoteJWKSet, JoseKey, JwksReloadEvent, jwtVerify, LocalJwkSet, signJwt,
} from '../../sdk/src/main/ets/auth/index';
import type { JwksFetcher } from '../../sdk/src/main/ets/auth/index';
import { clockAt, crypto, generateJwkPair, NOW } from './fixtures';

interface Signer { kid: string; alg: string; key: JoseKey; jwk: Jwk; privateJwk: Jwk }
const signer = async (kid: string, alg = 'ES256'): Promise<Signer> => {
  const { privateJwk, publicJwk } = await generateJwkPair(alg);
  return { kid, alg, key: JoseKey.fromJwk(crypto, { ...privateJwk, kid }), jwk: { ...publicJwk, kid }, privateJwk };
};

/** A fetcher serving a mutable document, counting calls, optionally slow or failing. */
class FakeFetcher implements JwksFetcher {
  body = '{"keys":[]}';
  calls = 0;
  fail: Error | undefined;
  hold: Promise<void> | undefined;
  lastToken: CancellationToken | undefined;
  async fetchJwks(url: string, cancel: CancellationToken): Promise<string> {
    this.calls++;
    this.lastToken = cancel;
    if (this.hold !== undefined) await this.hold;
    if (this.fail !== undefined) throw this.fail;
    return this.body;
  }
  serve(keys: Jwk[]): void {
    this.body = JSON.stringify({ keys });
  }
}

describe('LocalJwkSet', () => {
  it('selects by kid, key type, curve, alg, use and key_ops; tries several candidates in order', async () => {
    const a = await signer('a');
    const b = await signer('b');
    const rsa = await signer('r', 'RS256');
    const enc: Jwk = { ...(await signer('e')).jwk, use: 'enc' };
    const set = createLocalJWKSet(crypto, { keys: [a.jwk, b.jwk, rsa.jwk, enc, { kty: 'oct', k: 'c2hvcnQ' }] });
    expect(set.keys.length).toBe(3);
    expect(set.skipped.length).toBe(2);
    const clock = clockAt(NOW);
    for (const s of [a, b, rsa]) {
      const token = await signJwt({ who: s.kid }, s.key, { alg: s.alg, clock });
      const r = await jwtVerify(token, set, { algorithms: ['ES256', 'RS256'], clock });
      expect(r.payload.getString('who')).toBe(s.kid);
      expect(r.key.kid).toBe(s.kid);
    }
    const bPrivate = JoseKey.fromJwk(crypto, { ...(await generateJwkPair('ES256')).privateJwk });
    const stranger = await signJwt({}, bPrivate, { alg: 'ES256', clock });
    await expect(jwtVerify(stranger, set, { algorithms: ['ES256'], clock })).rejects.toMatchObject({ code: ErrorCode.JWS_SIGNATURE_VERIFICATION_FAILED });
    const unknownKid = await signJwt({}, a.key, { alg: 'ES256', kid: 'zzz', clock });
    await expect(jwtVerify(unknownKid, set, { algorithms: ['ES256'], clock })).rejects.toMatchObject({ code: ErrorCode.JWKS_NO_MATCHING_KEY });
    const hsToken = await signJwt({}, JoseKey.fromSecret(crypto, new Uint8Array(32).fill(1)), { alg: 'HS256', clock });
    await expect(jwtVerify(hsToken, set, { algorithms: ['HS256'], clock })).rejects.toMatchObject({ code: ErrorCode.JWKS_NO_MATCHING_KEY });
  });

  it('tries every kid-less candidate and reports multiple matches for single-key lookups', async () => {
    const a = await signer('a');
    const b = await signer('b');
    const set = new LocalJwkSet(crypto, { keys: [{ ...a.jwk, kid: undefined }, { ...b.jwk, kid: undefined }] });
    const clock = clockAt(NOW);
    // No kid anywhere: both keys are candidates; b's token verifies after a's key fails.
    const token = await signJwt({ n: 1 }, JoseKey.fromJwk(crypto, b.privateJwk), { alg: 'ES256', clock });
    expect((await jwtVerify(token, set, { algorithms: ['ES256'], clock })).payload.getNumber('n')).toBe(1);
    const header = (await import('../../sdk/src/main/ets/auth/index')).decodeProtectedHeaderUnverified(token);
    expect(() => set.resolveKey(header)).toThrow(expect.objectContaining({ code: ErrorCode.JWKS_MULTIPLE_MATCHING_KEYS }));
  });

  it('rejects malformed sets with ERR_JWKS_INVALID', () => {
    expect(() => LocalJwkSet.parse(crypto, 'nope')).toThrow(expect.objectContaining({ code: ErrorCode.JWKS_INVALID }));
    expect(() => LocalJwkSet.parse(crypto, '{"keys":{}}')).toThrow(expect.objectContaining({ code: ErrorCode.JWKS_INVALID }));
    expect(() => LocalJwkSet.parse(crypto, '{"keys":[1]}')).toThrow(expect.objectContaining({ code: ErrorCode.JWKS_INVALID }));
    expect(() => createLocalJWKSet(crypto, {} as never)).toThrow(expect.objectContaining({ code: ErrorCode.JWKS_INVALID }));
    expect(LocalJwkSet.parse(crypto, '{"keys":[]}').keys.length).toBe(0);
  });
});

describe('RemoteJwkSet', () => {
  const setup = async (options: { cooldownMs?: number; cacheMaxAgeMs?: number; timeoutMs?: number; maxWaiting?: number } = {}) => {
    const clock = clockAt(NOW);
    const fetcher = new FakeFetcher();
    const logger = new MemoryLogger();
    const jwks = createRemoteJWKSet('https://id.example/jwks.json', { fetcher, crypto, clock, logger, ...options });
    const events: JwksReloadEvent[] = [];
    jwks.onReload.on((e) => events.push(e));
    return { clock, fetcher, jwks, events, logger };
  };

  it('fetches on first use, caches, and refetches for an unknown kid only after the cooldown', async () => {
    const { clock, fetcher, jwks, events } = await setup();
    const k1 = await signer('k1');
    const k2 = await signer('k2');
    fetcher.serve([k1.jwk]);
    const opts = { algorithms: ['ES256'], clock };
    const t1 = await signJwt({}, k1.key, { alg: 'ES256', clock });
    await jwtVerify(t1, jwks, opts);
    await jwtVerify(t1, jwks, opts);
    expect(fetcher.calls).toBe(1);
    expect(jwks.fresh).toBe(true);
    expect(events.map((e) => e.ok)).toEqual([true]);
    // Rotation: k2 appears on the server; tokens signed with it are unknown until a refetch.
    fetcher.serve([k1.jwk, k2.jwk]);
    const t2 = await signJwt({}, k2.key, { alg: 'ES256', clock });
    await expect(jwtVerify(t2, jwks, opts)).rejects.toMatchObject({ code: ErrorCode.JWKS_NO_MATCHING_KEY });
    expect(fetcher.calls).toBe(1); // within the 30 s cooldown of the first fetch
    await clock.advance(30000);
    expect((await jwtVerify(t2, jwks, opts)).key.kid).toBe('k2');
    expect(fetcher.calls).toBe(2);
    // The k1 key object (and its imported handle) survived the refresh.
    expect(jwks.keys.find((k) => k.kid === 'k1')).toBeDefined();
  });

  it('refetches stale keys after cacheMaxAgeMs and keeps serving them when the refresh fails', async () => {
    const { clock, fetcher, jwks, events, logger } = await setup({ cacheMaxAgeMs: 60000, cooldownMs: 10000 });
    const k1 = await signer('k1');
    fetcher.serve([k1.jwk]);
    const opts = { algorithms: ['ES256'], clock };
    const t1 = await signJwt({}, k1.key, { alg: 'ES256', clock, expiresInSeconds: 3600 });
    await jwtVerify(t1, jwks, opts);
    await clock.advance(60000);
    expect(jwks.fresh).toBe(false);
    fetcher.fail = new Error('connection refused');
    expect((await jwtVerify(t1, jwks, opts)).key.kid).toBe('k1');
    expect(fetcher.calls).toBe(2);
    expect(events.map((e) => [e.ok, e.error?.code])).toEqual([[true, undefined], [false, ErrorCode.JWKS_FETCH_FAILED]]);
    expect(logger.records.some((r) => r.message.includes('JWKS refresh failed'))).toBe(true);
    // Within the cooldown after the failed attempt, stale keys answer without a new fetch.
    await jwtVerify(t1, jwks, opts);
    expect(fetcher.calls).toBe(2);
    await clock.advance(10000);
    fetcher.fail = undefined;
    await jwtVerify(t1, jwks, opts);
    expect(fetcher.calls).toBe(3);
    expect(jwks.fresh).toBe(true);
  });

  it('shares one fetch between concurrent verifications and bounds the waiters', async () => {
    const { clock, fetcher, jwks } = await setup({ maxWaiting: 5 });
    const k1 = await signer('k1');
    fetcher.serve([k1.jwk]);
    let release: () => void = () => {};
    fetcher.hold = new Promise<void>((r) => { release = r; });
    const t1 = await signJwt({}, k1.key, { alg: 'ES256', clock });
    const opts = { algorithms: ['ES256'], clock };
    const pending = Array.from({ length: 8 }, () => jwtVerify(t1, jwks, opts).then(() => 'ok', (e: MeshError) => e.code));
    await Promise.resolve();
    release();
    const results = await Promise.all(pending);
    expect(fetcher.calls).toBe(1);
    expect(results.filter((r) => r === 'ok').length).toBe(5);
    expect(results.filter((r) => r === ErrorCode.JWKS_FETCH_FAILED).length).toBe(3);
  });

  it('times out slow fetches on the clock, cancels the fetcher, and backs off for the cooldown', async () => {
    const { clock, fetcher, jwks } = await setup({ timeoutMs: 5000, cooldownMs: 30000 });
    const k1 = await signer('k1');
    fetcher.serve([k1.jwk]);
    fetcher.hold = new Promise<void>(() => {});
    const t1 = await signJwt({}, k1.key, { alg: 'ES256', clock });
    const opts = { algorithms: ['ES256'], clock };
    const first = jwtVerify(t1, jwks, opts).then(() => 'ok', (e: MeshError) => e.code);
    await clock.advance(5000);
    expect(await first).toBe(ErrorCode.JWKS_TIMEOUT);
    expect(fetcher.lastToken?.isCancelled).toBe(true);
    // No keys yet and the last attempt failed: within the cooldown, fail fast without fetching.
    await expect(jwtVerify(t1, jwks, opts)).rejects.toMatchObject({ code: ErrorCode.JWKS_TIMEOUT });
    expect(fetcher.calls).toBe(1);
    await clock.advance(30000);
    fetcher.hold = undefined;
    expect((await jwtVerify(t1, jwks, opts)).key.kid).toBe('k1');
    expect(fetcher.calls).toBe(2);
  });

  it('reports invalid documents and fetcher failures with typed errors', async () => {
    const { clock, fetcher, jwks } = await setup({ cooldownMs: 0 });
    const k1 = await signer('k1');
    const t1 = await signJwt({}, k1.key, { alg: 'ES256', clock });
    const opts = { algorithms: ['ES256'], clock };
    fetcher.body = '<html>';
    await expect(jwtVerify(t1, jwks, opts)).rejects.toMatchObject({ code: ErrorCode.JWKS_INVALID });
    fetcher.fail = new Error('503');
    await expect(jwtVerify(t1, jwks, opts)).rejects.toMatchObject({ code: ErrorCode.JWKS_FETCH_FAILED });
    fetcher.fail = undefined;
    fetcher.serve([k1.jwk]);
    await expect(jwks.reload()).resolves.toBeInstanceOf(LocalJwkSet);
    expect(() => createRemoteJWKSet('', { fetcher, crypto })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    expect(() => createRemoteJWKSet('https://x', { fetcher, crypto, timeoutMs: -1 })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });
});

