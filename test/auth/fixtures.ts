// Shared fixtures of the auth suites: the Crypto port over Node's WebCrypto, clocks, key makers.
import * as nodeCrypto from 'node:crypto';
import { ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import { SubtleCrypto, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import type {
  Crypto as CryptoPort, CryptoKeyHandle, CryptoKeyPairHandle, Jwk, KeyAlgorithm, KeyFormat, KeyGenAlgorithm, SignAlgorithm, SubtleLike,
} from '../../sdk/src/main/ets/platform/index';

export const crypto = new SubtleCrypto(globalThis.crypto.subtle as unknown as SubtleLike);

/** A VirtualClock at `epochSeconds`. */
export const clockAt = (epochSeconds: number): VirtualClock => new VirtualClock({ startTime: epochSeconds * 1000 });

export const NOW = 1_800_000_000; // 2027-01-15, a fixed "now" for claims tests

/** Generates a key pair for a JWS alg with Node's WebCrypto and exports both halves as JWKs. */
export async function generateJwkPair(alg: string): Promise<{ privateJwk: Jwk; publicJwk: Jwk }> {
  const s = globalThis.crypto.subtle;
  let params: RsaHashedKeyGenParams | EcKeyGenParams | Algorithm;
  if (alg.startsWith('RS') || alg.startsWith('PS')) {
    params = { name: alg.startsWith('RS') ? 'RSASSA-PKCS1-v1_5' : 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: `SHA-${alg.slice(2)}` };
  } else if (alg.startsWith('ES')) {
    params = { name: 'ECDSA', namedCurve: ({ ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' } as Record<string, string>)[alg] };
  } else {
    params = { name: 'Ed25519' };
  }
  const pair = (await s.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
  // WebCrypto stamps alg/key_ops/ext on exported JWKs; keep only the key itself.
  const strip = (jwk: Jwk): Jwk => {
    const out = { ...jwk };
    delete out.alg;
    delete out.key_ops;
    delete out.ext;
    return out;
  };
  return {
    privateJwk: strip((await s.exportKey('jwk', pair.privateKey)) as Jwk),
    publicJwk: strip((await s.exportKey('jwk', pair.publicKey)) as Jwk),
  };
}

/** Cached key pairs (RSA generation is slow). */
const pairs = new Map<string, Promise<{ privateJwk: Jwk; publicJwk: Jwk }>>();
export const jwkPair = (alg: string): Promise<{ privateJwk: Jwk; publicJwk: Jwk }> => {
  const family = alg.startsWith('RS') || alg.startsWith('PS') ? `RSA-${alg}` : alg === 'Ed25519' ? 'EdDSA' : alg;
  let p = pairs.get(family);
  if (p === undefined) {
    p = generateJwkPair(alg === 'Ed25519' ? 'EdDSA' : alg);
    pairs.set(family, p);
  }
  return p;
};

export const b64u = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');
export const fromB64u = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64url'));

/**
 * A Crypto port over Node's synchronous crypto API whose promises settle in microtasks. WebCrypto
 * completes on the libuv thread pool (a macrotask), which a VirtualClock's microtask settling never
 * waits for; simulated clusters therefore use this port (same algorithms, same WebCrypto formats).
 */
export class SyncNodeCrypto implements CryptoPort {
  digest(hash: string, data: Uint8Array): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(nodeCrypto.createHash(hash.replace('-', '').toLowerCase()).update(data).digest()));
  }
  importKey(format: KeyFormat, keyData: Uint8Array, algorithm: KeyAlgorithm, _e: boolean, usages: string[]): Promise<CryptoKeyHandle> {
    if (format === 'raw') return Promise.resolve(new NodeKey('secret', algorithm, nodeCrypto.createSecretKey(keyData), usages));
    const key = format === 'spki' ? nodeCrypto.createPublicKey({ key: Buffer.from(keyData), format: 'der', type: 'spki' })
      : nodeCrypto.createPrivateKey({ key: Buffer.from(keyData), format: 'der', type: 'pkcs8' });
    return Promise.resolve(new NodeKey(format === 'spki' ? 'public' : 'private', algorithm, key, usages));
  }
  importJwk(jwk: Jwk, algorithm: KeyAlgorithm, _e: boolean, usages: string[]): Promise<CryptoKeyHandle> {
    try {
      if (jwk.kty === 'oct') return Promise.resolve(new NodeKey('secret', algorithm, nodeCrypto.createSecretKey(Buffer.from(jwk.k!, 'base64url')), usages));
      const key = jwk.d !== undefined ? nodeCrypto.createPrivateKey({ key: jwk as nodeCrypto.JsonWebKey, format: 'jwk' })
        : nodeCrypto.createPublicKey({ key: jwk as nodeCrypto.JsonWebKey, format: 'jwk' });
      return Promise.resolve(new NodeKey(jwk.d !== undefined ? 'private' : 'public', algorithm, key, usages));
    } catch (e) {
      return Promise.reject(new MeshError(ErrorCode.CRYPTO, (e as Error).message));
    }
  }
  exportJwk(key: CryptoKeyHandle): Promise<Jwk> {
    return Promise.resolve((key as NodeKey).key.export({ format: 'jwk' }) as Jwk);
  }
  sign(algorithm: SignAlgorithm, key: CryptoKeyHandle, data: Uint8Array): Promise<Uint8Array> {
    const k = key as NodeKey;
    if (k.type === 'secret') return Promise.resolve(new Uint8Array(nodeCrypto.createHmac(nodeHash(k.algo.hash), k.key).update(data).digest()));
    return Promise.resolve(new Uint8Array(nodeCrypto.sign(signHash(algorithm, k), data, signKeyOptions(algorithm, k))));
  }
  verify(algorithm: SignAlgorithm, key: CryptoKeyHandle, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
    const k = key as NodeKey;
    if (k.type === 'secret') {
      const mac = nodeCrypto.createHmac(nodeHash(k.algo.hash), k.key).update(data).digest();
      return Promise.resolve(mac.length === signature.length && nodeCrypto.timingSafeEqual(mac, signature));
    }
    return Promise.resolve(nodeCrypto.verify(signHash(algorithm, k), data, signKeyOptions(algorithm, k), signature));
  }
  generateKeyPair(algorithm: KeyGenAlgorithm): Promise<CryptoKeyPairHandle> {
    const pair = algorithm.name === 'Ed25519' ? nodeCrypto.generateKeyPairSync('ed25519')
      : nodeCrypto.generateKeyPairSync('ec', { namedCurve: algorithm.namedCurve! });
    const algo: KeyAlgorithm = { name: algorithm.name, namedCurve: algorithm.namedCurve };
    return Promise.resolve({ publicKey: new NodeKey('public', algo, pair.publicKey, ['verify']), privateKey: new NodeKey('private', algo, pair.privateKey, ['sign']) });
  }
  generateSecret(): Promise<CryptoKeyHandle> {
    return Promise.reject(new MeshError(ErrorCode.UNSUPPORTED, 'not needed by the tests'));
  }
}

class NodeKey implements CryptoKeyHandle {
  readonly extractable = true;
  readonly algorithm: { name: string };
  constructor(readonly type: string, readonly algo: KeyAlgorithm, readonly key: nodeCrypto.KeyObject, readonly usages: string[]) {
    this.algorithm = { name: algo.name };
  }
}
const nodeHash = (hash: string | undefined): string => (hash ?? 'SHA-256').replace('-', '').toLowerCase();
const signHash = (a: SignAlgorithm, k: NodeKey): string | null => (k.algo.name === 'Ed25519' ? null : nodeHash(a.hash ?? k.algo.hash));
const signKeyOptions = (a: SignAlgorithm, k: NodeKey): nodeCrypto.KeyLike | nodeCrypto.SignKeyObjectInput | nodeCrypto.VerifyKeyObjectInput => {
  if (k.algo.name === 'ECDSA') return { key: k.key, dsaEncoding: 'ieee-p1363' };
  if (k.algo.name === 'RSA-PSS') return { key: k.key, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: a.saltLength };
  return k.key;
};
