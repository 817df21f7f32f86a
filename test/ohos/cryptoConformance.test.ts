import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { Base64Url, Hex, MeshError, Utf8 } from '../../sdk/src/main/ets/core/index';
import { KeyFormat, SubtleCrypto } from '../../sdk/src/main/ets/platform/index';
import type { Crypto, CryptoKeyHandle, Jwk, KeyAlgorithm, SignAlgorithm, SubtleLike } from '../../sdk/src/main/ets/platform/index';
import * as vectorsModule from '../../entry/src/ohosTest/ets/vectors/CryptoVectors.ets';
import { loadAdapters } from './loadAdapters';
import type { AdapterBundle } from './loadAdapters';

// The same known answers the device suite checks (entry/src/ohosTest/ets/test/OhosCrypto.test.ets).
interface SignatureVector { alg: string; jwk: Jwk; importName: string; hash: string; namedCurve: string; saltLength: number; signature: string }
interface Vectors {
  SIGNED_TEXT: string; SIGNATURE_VECTORS: SignatureVector[]; RSA_1024_JWK: Jwk; HS256_SECRET: string; HS256_MAC: string;
  SHA256_SIGNED_TEXT: string; SHA512_ABC: string;
}
const V = vectorsModule as unknown as Vectors;
const data = Utf8.encode(V.SIGNED_TEXT);

const importAlg = (v: SignatureVector): KeyAlgorithm => ({
  name: v.importName,
  ...(v.hash && v.importName !== 'ECDSA' ? { hash: v.hash } : {}),
  ...(v.namedCurve ? { namedCurve: v.namedCurve } : {}),
});
const signAlg = (v: SignatureVector): SignAlgorithm => ({
  name: v.importName,
  ...(v.importName === 'ECDSA' ? { hash: v.hash } : {}),
  ...(v.saltLength >= 0 ? { saltLength: v.saltLength } : {}),
});
const codeOf = async (run: () => Promise<unknown>): Promise<string> => {
  try {
    await run();
    return 'resolved';
  } catch (e) {
    return (e as { code?: string }).code ?? `uncoded ${(e as Error).message}`;
  }
};

interface GenCase { label: string; gen: { name: string; namedCurve?: string; hash?: string; modulusLength?: number; publicExponent?: Uint8Array }; sign: SignAlgorithm; sigBytes: number }
const GENERATED: GenCase[] = [
  { label: 'ECDSA P-256', gen: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' }, sigBytes: 64 },
  { label: 'ECDSA P-384', gen: { name: 'ECDSA', namedCurve: 'P-384' }, sign: { name: 'ECDSA', hash: 'SHA-384' }, sigBytes: 96 },
  { label: 'ECDSA P-521', gen: { name: 'ECDSA', namedCurve: 'P-521' }, sign: { name: 'ECDSA', hash: 'SHA-512' }, sigBytes: 132 },
  { label: 'Ed25519', gen: { name: 'Ed25519' }, sign: { name: 'Ed25519' }, sigBytes: 64 },
  { label: 'RS256', gen: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, sign: { name: 'RSASSA-PKCS1-v1_5' }, sigBytes: 256 },
  { label: 'PS384', gen: { name: 'RSA-PSS', hash: 'SHA-384', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, sign: { name: 'RSA-PSS', saltLength: 48 }, sigBytes: 256 },
];

let adapters: AdapterBundle;
const providers: Array<[string, () => Crypto]> = [
  ['SubtleCrypto on node WebCrypto', (): Crypto => new SubtleCrypto(webcrypto.subtle as unknown as SubtleLike)],
  ['OhosCrypto on the cryptoFramework fake', (): Crypto => new adapters.OhosCrypto()],
];

beforeAll(async () => {
  adapters = await loadAdapters();
}, 60000);

// One conformance suite, two providers: the HarmonyOS adapter must answer exactly like WebCrypto.
for (const [label, make] of providers) {
  describe(`Crypto port conformance: ${label}`, () => {
    it('digests SHA-256 and SHA-512 (including empty input)', async () => {
      const c = make();
      expect(Hex.encode(await c.digest('SHA-256', data))).toBe(V.SHA256_SIGNED_TEXT);
      expect(Hex.encode(await c.digest('SHA-512', Utf8.encode('abc')))).toBe(V.SHA512_ABC);
      expect(Hex.encode(await c.digest('SHA-256', new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    });

    it('computes and checks the HS256 vector, and rejects a wrong MAC', async () => {
      const c = make();
      const key = await c.importKey(KeyFormat.RAW, Base64Url.decode(V.HS256_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
      const mac = await c.sign({ name: 'HMAC' }, key, data);
      expect(Base64Url.encode(mac)).toBe(V.HS256_MAC);
      expect(await c.verify({ name: 'HMAC' }, key, mac, data)).toBe(true);
      mac[0] ^= 1;
      expect(await c.verify({ name: 'HMAC' }, key, mac, data)).toBe(false);
      expect(await c.verify({ name: 'HMAC' }, key, mac.subarray(1), data)).toBe(false);
    });

    for (const v of V.SIGNATURE_VECTORS) {
      it(`verifies the OpenSSL ${v.alg} vector from its JWK; rejects tampered and truncated signatures`, async () => {
        const c = make();
        const key = await c.importJwk(v.jwk, importAlg(v), true, ['verify']);
        const sig = Base64Url.decode(v.signature);
        expect(await c.verify(signAlg(v), key, sig, data)).toBe(true);
        const tampered = sig.slice();
        tampered[tampered.length - 1] ^= 1;
        expect(await c.verify(signAlg(v), key, tampered, data)).toBe(false);
        expect(await c.verify(signAlg(v), key, sig.subarray(1), data)).toBe(false);
        expect(await c.verify(signAlg(v), key, sig, Utf8.encode('other text'))).toBe(false);
        const exported = await c.exportJwk(key);
        for (const m of ['kty', 'crv', 'x', 'y', 'n', 'e'] as const) expect(exported[m], m).toBe(v.jwk[m]);
      });
    }

    for (const g of GENERATED) {
      it(`generates ${g.label} pairs, signs and verifies, and round-trips the keys through JWK, SPKI and PKCS#8`, async () => {
        const c = make();
        const pair = await c.generateKeyPair(g.gen, true, ['sign', 'verify']);
        expect(pair.publicKey.type).toBe('public');
        expect(pair.privateKey.type).toBe('private');
        expect(pair.publicKey.usages).toEqual(['verify']);
        expect(pair.privateKey.usages).toEqual(['sign']);
        const sig = await c.sign(g.sign, pair.privateKey, data);
        expect(sig.length).toBe(g.sigBytes);
        expect(await c.verify(g.sign, pair.publicKey, sig, data)).toBe(true);
        // Empty input is signable too (cryptoFramework wants null there; the adapter handles it).
        const empty = await c.sign(g.sign, pair.privateKey, new Uint8Array(0));
        expect(await c.verify(g.sign, pair.publicKey, empty, new Uint8Array(0))).toBe(true);
        const importAs: KeyAlgorithm = { name: g.gen.name, ...(g.gen.namedCurve ? { namedCurve: g.gen.namedCurve } : {}), ...(g.gen.hash ? { hash: g.gen.hash } : {}) };
        const priJwk = await c.exportJwk(pair.privateKey);
        const pubJwk = await c.exportJwk(pair.publicKey);
        expect(priJwk.d).toBeTruthy();
        expect(pubJwk.d).toBeUndefined();
        const priAgain = await c.importJwk(priJwk, importAs, false, ['sign']);
        const pubAgain = await c.importJwk(pubJwk, importAs, false, ['verify']);
        expect(await c.verify(g.sign, pubAgain, await c.sign(g.sign, priAgain, data), data)).toBe(true);
        // SPKI and PKCS#8 as node writes them import and interoperate as well.
        const nodePub = (await webcrypto.subtle.importKey('jwk', pubJwk as webcrypto.JsonWebKey, importAs as unknown as webcrypto.EcKeyImportParams, true, ['verify']));
        const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', nodePub));
        const pubFromSpki = await c.importKey(KeyFormat.SPKI, spki, importAs, false, ['verify']);
        expect(await c.verify(g.sign, pubFromSpki, sig, data)).toBe(true);
        const nodePri = (await webcrypto.subtle.importKey('jwk', priJwk as webcrypto.JsonWebKey, importAs as unknown as webcrypto.EcKeyImportParams, true, ['sign']));
        const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', nodePri));
        const priFromPkcs8 = await c.importKey(KeyFormat.PKCS8, pkcs8, importAs, false, ['sign']);
        expect(await c.verify(g.sign, pubFromSpki, await c.sign(g.sign, priFromPkcs8, data), data)).toBe(true);
      }, 30000);
    }

    it('imports raw EC points and raw Ed25519 keys', async () => {
      const c = make();
      const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const j = ec.publicKey.export({ format: 'jwk' });
      const point = new Uint8Array([4, ...Base64Url.decode(j.x as string), ...Base64Url.decode(j.y as string)]);
      const key = await c.importKey(KeyFormat.RAW, point, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
      expect((await c.exportJwk(key)).x).toBe(j.x);
      const ed = generateKeyPairSync('ed25519');
      const x = Base64Url.decode(ed.publicKey.export({ format: 'jwk' }).x as string);
      const edKey = await c.importKey(KeyFormat.RAW, x, { name: 'Ed25519' }, true, ['verify']);
      expect(edKey.algorithm.name).toBe('Ed25519');
    });

    it('generates HMAC secrets of the hash block size by default, and of a requested length', async () => {
      const c = make();
      const secret = await c.generateSecret({ name: 'HMAC', hash: 'SHA-384' }, true, ['sign', 'verify']);
      expect(Base64Url.decode((await c.exportJwk(secret)).k as string).length).toBe(128);
      const short = await c.generateSecret({ name: 'HMAC', hash: 'SHA-256', length: 256 }, true, ['sign']);
      const jwk = await c.exportJwk(short);
      expect(Base64Url.decode(jwk.k as string).length).toBe(32);
      expect(jwk.alg).toBe('HS256');
    });

    it('fails with stable codes: unknown algorithms ERR_UNSUPPORTED, misuse and bad keys ERR_CRYPTO', async () => {
      const c = make();
      expect(await codeOf(() => c.digest('MD5', data))).toBe('ERR_UNSUPPORTED');
      expect(await codeOf(() => c.generateKeyPair({ name: 'ECDSA', namedCurve: 'P-192' }, true, ['sign']))).toBe('ERR_UNSUPPORTED');
      const hmac = await c.importKey(KeyFormat.RAW, new Uint8Array(32).fill(7), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      expect(await codeOf(() => c.sign({ name: 'HMAC' }, hmac, data))).toBe('ERR_CRYPTO');
      expect(await codeOf(() => c.exportJwk(hmac))).toBe('ERR_CRYPTO');
      expect(await codeOf(() => c.importKey(KeyFormat.RAW, new Uint8Array(0), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']))).toBe('ERR_CRYPTO');
      expect(await codeOf(() => c.importKey(KeyFormat.SPKI, new Uint8Array([0x30, 0x03, 1, 2, 3]), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']))).toBe('ERR_CRYPTO');
      const p384 = V.SIGNATURE_VECTORS.find((v) => v.alg === 'ES384') as SignatureVector;
      expect(await codeOf(() => c.importJwk(p384.jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']))).toBe('ERR_CRYPTO');
    });
  });
}

describe('OhosCrypto beyond WebCrypto', () => {
  it('refuses RSA keys below 2048 bits on import, in every format', async () => {
    const c = new adapters.OhosCrypto();
    const alg: KeyAlgorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const err = await (async (): Promise<Error | undefined> => {
      try {
        await c.importJwk(V.RSA_1024_JWK, alg, false, ['verify']);
        return undefined;
      } catch (e) {
        return e as Error;
      }
    })();
    expect((err as MeshError).code).toBe('ERR_CRYPTO');
    expect(err?.message).toMatch(/RSA modulus of 1024 bits is below the 2048-bit minimum/);
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const spki = new Uint8Array(small.publicKey.export({ format: 'der', type: 'spki' }));
    const pkcs8 = new Uint8Array(small.privateKey.export({ format: 'der', type: 'pkcs8' }));
    expect(await codeOf(() => c.importKey(KeyFormat.SPKI, spki, alg, false, ['verify']))).toBe('ERR_CRYPTO');
    expect(await codeOf(() => c.importKey(KeyFormat.PKCS8, pkcs8, alg, false, ['sign']))).toBe('ERR_CRYPTO');
    expect(await codeOf(() => c.generateKeyPair({ name: 'RSA-PSS', hash: 'SHA-256', modulusLength: 1024 }, false, ['sign']))).toBe('ERR_UNSUPPORTED');
  });

  it('answers false for ECDSA signatures with r or s out of range without asking cryptoFramework', async () => {
    const c = new adapters.OhosCrypto();
    const v = V.SIGNATURE_VECTORS.find((s) => s.alg === 'ES256') as SignatureVector;
    const key = await c.importJwk(v.jwk, importAlg(v), false, ['verify']);
    const before = adapters.cryptoFrameworkCalls.verify.length;
    const zeroR = Base64Url.decode(v.signature);
    zeroR.fill(0, 0, 32);
    const bigS = Base64Url.decode(v.signature);
    bigS.fill(0xff, 32);
    expect(await c.verify(signAlg(v), key, zeroR, data)).toBe(false);
    expect(await c.verify(signAlg(v), key, bigS, data)).toBe(false);
    expect(adapters.cryptoFrameworkCalls.verify.length).toBe(before);
  });

  it('drives cryptoFramework with the documented algorithm strings, PSS salt and key conversions', async () => {
    const c = new adapters.OhosCrypto();
    const calls = adapters.cryptoFrameworkCalls;
    calls.sign.length = 0;
    calls.verify.length = 0;
    calls.saltLengths.length = 0;
    for (const v of V.SIGNATURE_VECTORS) {
      const key = await c.importJwk(v.jwk, importAlg(v), false, ['verify']);
      await c.verify(signAlg(v), key, Base64Url.decode(v.signature), data);
    }
    expect(calls.verify).toEqual(['ECC256|SHA256', 'ECC384|SHA384', 'ECC521|SHA512', 'RSA|PKCS1|SHA256', 'RSA|PSS|SHA256|MGF1_SHA256', 'Ed25519']);
    expect(calls.saltLengths).toEqual([32]);
    const pss = await c.generateKeyPair({ name: 'RSA-PSS', hash: 'SHA-512', modulusLength: 2048 }, false, ['sign', 'verify']);
    await c.sign({ name: 'RSA-PSS' }, pss.privateKey, data);
    expect(calls.sign).toEqual(['RSA|PSS|SHA512|MGF1_SHA512']);
    expect(calls.saltLengths).toEqual([32, 64]);
    expect(calls.convertKey).toContain('ECC384:spki');
    expect(calls.convertKey).toContain('RSA2048:spki');
  }, 30000);

  it('refuses keys it did not create, with ERR_CRYPTO', async () => {
    const c = new adapters.OhosCrypto();
    const foreign: CryptoKeyHandle = { type: 'secret', extractable: true, algorithm: { name: 'HMAC' }, usages: ['sign'] };
    expect(await codeOf(() => c.sign({ name: 'HMAC' }, foreign, data))).toBe('ERR_CRYPTO');
    expect(await codeOf(() => c.exportJwk(foreign))).toBe('ERR_CRYPTO');
    const subtleKey = await new SubtleCrypto(webcrypto.subtle as unknown as SubtleLike)
      .importKey(KeyFormat.RAW, new Uint8Array(16).fill(1), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    expect(await codeOf(() => c.sign({ name: 'HMAC' }, subtleKey, data))).toBe('ERR_CRYPTO');
  });
});
