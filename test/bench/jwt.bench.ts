// JWT verification: ArkMesh against jose's jwtVerify and against the floor, a bare
// crypto.subtle.verify of the same signature over the same bytes (what any verifier must at least
// pay). Keys are imported before measuring; every verification checks iss and aud. Sequential
// (one verification at a time) and 256 in flight (Promise.all of 256). Plus the opt-in cache of
// verified tokens against fast-jwt with its cache.
import { createSigner, createVerifier } from 'fast-jwt';
import * as jose from 'jose';
import { JoseKey, JwtVerifier, jwtVerify, signJwt } from '../../sdk/src/main/ets/auth/index';
import type { JwtVerifyOptions } from '../../sdk/src/main/ets/auth/index';
import { SubtleCrypto } from '../../sdk/src/main/ets/platform/index';
import type { Jwk, SubtleLike } from '../../sdk/src/main/ets/platform/index';
import { defineBench } from './harness';
import type { BenchCase } from './harness';

const subtle = globalThis.crypto.subtle;
const port = new SubtleCrypto(subtle as unknown as SubtleLike);
const ISS = 'urn:arkmesh:issuer';
const AUD = 'media.player';
const IN_FLIGHT = 256;
const DISTINCT = 1024;

interface Fixture {
  alg: string;
  token: string;
  tokens: string[];
  mine: JoseKey;
  joseKey: CryptoKey;
  floorKey: CryptoKey;
  floorAlg: AlgorithmIdentifier | EcdsaParams;
  data: BufferSource;
  sig: BufferSource;
  datas: BufferSource[];
  sigs: BufferSource[];
  opts: JwtVerifyOptions;
  verifier: JwtVerifier;
}

const fixtures = new Map<string, Fixture>();
let sink = 0;

const genParams = (alg: string): { gen: RsaHashedKeyGenParams | EcKeyGenParams | Algorithm; verify: AlgorithmIdentifier | EcdsaParams } => {
  if (alg === 'ES256') return { gen: { name: 'ECDSA', namedCurve: 'P-256' }, verify: { name: 'ECDSA', hash: 'SHA-256' } };
  if (alg === 'RS256') return { gen: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, verify: { name: 'RSASSA-PKCS1-v1_5' } };
  return { gen: { name: 'Ed25519' }, verify: { name: 'Ed25519' } };
};

const strip = (jwk: Jwk): Jwk => ({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, n: jwk.n, e: jwk.e, d: jwk.d, p: jwk.p, q: jwk.q, dp: jwk.dp, dq: jwk.dq, qi: jwk.qi });

async function setupAlg(alg: string): Promise<void> {
  let signer: JoseKey;
  let mine: JoseKey;
  let joseKey: CryptoKey;
  let floorKey: CryptoKey;
  let floorAlg: AlgorithmIdentifier | EcdsaParams;
  if (alg === 'HS256') {
    const secret = new Uint8Array(32).map((_, i) => (i * 29 + 11) & 255);
    signer = mine = JoseKey.fromSecret(port, secret);
    joseKey = floorKey = await subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    floorAlg = { name: 'HMAC' };
  } else {
    const p = genParams(alg);
    const pair = (await subtle.generateKey(p.gen, true, ['sign', 'verify'])) as CryptoKeyPair;
    const priv = strip((await subtle.exportKey('jwk', pair.privateKey)) as Jwk);
    const pub = strip((await subtle.exportKey('jwk', pair.publicKey)) as Jwk);
    signer = JoseKey.fromJwk(port, priv);
    mine = JoseKey.fromJwk(port, pub);
    joseKey = floorKey = pair.publicKey;
    floorAlg = p.verify;
  }
  await mine.preload([alg]);
  const sign = (jti: number): Promise<string> => signJwt({ 'scope': 'play pause seek', 'jti': `t-${jti}` }, signer, { alg, issuer: ISS, audience: AUD, subject: 'device-42', expiresInSeconds: 3600 });
  const tokens: string[] = [];
  for (let i = 0; i < DISTINCT; i++) tokens.push(await sign(i));
  const split = (t: string): [BufferSource, BufferSource] => {
    const dot = t.lastIndexOf('.');
    return [new TextEncoder().encode(t.slice(0, dot)), new Uint8Array(Buffer.from(t.slice(dot + 1), 'base64url'))];
  };
  const [data, sig] = split(tokens[0]);
  const opts: JwtVerifyOptions = { algorithms: [alg], issuer: ISS, audience: AUD };
  fixtures.set(alg, {
    alg, token: tokens[0], tokens, mine, joseKey, floorKey, floorAlg, data, sig,
    datas: tokens.map((t) => split(t)[0]), sigs: tokens.map((t) => split(t)[1]),
    opts, verifier: new JwtVerifier(mine, opts),
  });
}

const fx = (alg: string): Fixture => fixtures.get(alg)!;
const joseOpts = (alg: string): jose.JWTVerifyOptions => ({ algorithms: [alg], issuer: ISS, audience: AUD });
const all = (make: (i: number) => Promise<unknown>): Promise<unknown> => {
  const ps: Promise<unknown>[] = new Array(IN_FLIGHT);
  for (let i = 0; i < IN_FLIGHT; i++) ps[i] = make(i);
  return Promise.all(ps);
};

const ALGS = ['HS256', 'ES256', 'RS256', 'EdDSA'];
const cases: BenchCase[] = [];
for (const alg of ALGS) {
  const jo = joseOpts(alg);
  cases.push({
    op: `${alg} verify, sequential`,
    arkmesh: () => jwtVerify(fx(alg).token, fx(alg).mine, fx(alg).opts),
    peers: [
      { name: 'jose', fn: () => jose.jwtVerify(fx(alg).token, fx(alg).joseKey, jo) },
      { name: 'floor', fn: () => subtle.verify(fx(alg).floorAlg, fx(alg).floorKey, fx(alg).sig, fx(alg).data) },
    ],
  });
  cases.push({
    op: `${alg} verify, ${IN_FLIGHT} in flight`,
    batch: IN_FLIGHT,
    arkmesh: () => all(() => jwtVerify(fx(alg).token, fx(alg).mine, fx(alg).opts)),
    peers: [
      { name: 'jose', fn: () => all(() => jose.jwtVerify(fx(alg).token, fx(alg).joseKey, jo)) },
      { name: 'floor', fn: () => all(() => subtle.verify(fx(alg).floorAlg, fx(alg).floorKey, fx(alg).sig, fx(alg).data)) },
    ],
  });
}
// Distinct tokens (no two verifications see the same token) and the reusable JwtVerifier.
let n = 0;
cases.push({
  op: `HS256 JwtVerifier, ${DISTINCT} distinct tokens, sequential`,
  arkmesh: () => fx('HS256').verifier.verify(fx('HS256').tokens[n++ & (DISTINCT - 1)]),
  peers: [
    { name: 'jose', fn: () => jose.jwtVerify(fx('HS256').tokens[n++ & (DISTINCT - 1)], fx('HS256').joseKey, joseOpts('HS256')) },
    { name: 'floor', fn: () => { const i = n++ & (DISTINCT - 1); return subtle.verify({ name: 'HMAC' }, fx('HS256').floorKey, fx('HS256').sigs[i], fx('HS256').datas[i]); } },
  ],
});
cases.push({
  op: `HS256 JwtVerifier, ${DISTINCT} distinct tokens, ${IN_FLIGHT} in flight`,
  batch: IN_FLIGHT,
  arkmesh: () => all(() => fx('HS256').verifier.verify(fx('HS256').tokens[n++ & (DISTINCT - 1)])),
  peers: [
    { name: 'jose', fn: () => all(() => jose.jwtVerify(fx('HS256').tokens[n++ & (DISTINCT - 1)], fx('HS256').joseKey, joseOpts('HS256'))) },
    { name: 'floor', fn: () => all(() => { const i = n++ & (DISTINCT - 1); return subtle.verify({ name: 'HMAC' }, fx('HS256').floorKey, fx('HS256').sigs[i], fx('HS256').datas[i]); }) },
  ],
});

// The verified-token cache against fast-jwt's cache (both HS256, iss + aud checked on a miss).
const SECRET_TEXT = 'arkmesh-benchmark-secret-of-32-bytes!!';
let cachedVerifier: JwtVerifier;
let fastVerify: (token: string) => unknown;
let cacheTokens: string[] = [];
let m = 0;
cases.push({
  op: 'HS256 cached verify (hit), sequential',
  arkmesh: () => cachedVerifier.verify(cacheTokens[0]).then((r) => { sink += r.payload.raw === undefined ? 0 : 1; }),
  peers: [{ name: 'fast-jwt cache', fn: () => { sink += fastVerify(cacheTokens[0]) === undefined ? 0 : 1; } }],
});
cases.push({
  op: 'HS256 cached verify, 256 tokens rotating (hits)',
  arkmesh: () => cachedVerifier.verify(cacheTokens[m++ & 255]).then((r) => { sink += r.payload.raw === undefined ? 0 : 1; }),
  peers: [{ name: 'fast-jwt cache', fn: () => { sink += fastVerify(cacheTokens[m++ & 255]) === undefined ? 0 : 1; } }],
});

export default defineBench({
  name: 'jwt',
  setup: async () => {
    for (const alg of ALGS) await setupAlg(alg);
    const secret = new TextEncoder().encode(SECRET_TEXT);
    const key = JoseKey.fromSecret(port, secret);
    await key.preload(['HS256']);
    cachedVerifier = new JwtVerifier(key, { algorithms: ['HS256'], issuer: ISS, audience: AUD }, { cache: { maxEntries: 1000 } });
    fastVerify = createVerifier({ key: SECRET_TEXT, algorithms: ['HS256'], allowedIss: ISS, allowedAud: AUD, cache: 1000 }) as (t: string) => unknown;
    const fastSign = createSigner({ key: SECRET_TEXT, algorithm: 'HS256', iss: ISS, aud: AUD, expiresIn: 3600000 });
    cacheTokens = [];
    for (let i = 0; i < 256; i++) cacheTokens.push(fastSign({ jti: `c-${i}`, scope: 'play' }));
    for (const t of cacheTokens) {
      await cachedVerifier.verify(t);
      fastVerify(t);
    }
    if (sink < 0) console.log(sink);
  },
  cases,
});
