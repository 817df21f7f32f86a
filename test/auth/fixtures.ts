// Shared fixtures of the auth suites: the Crypto port over Node's WebCrypto, clocks, key makers.
import { VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { SubtleCrypto } from '../../sdk/src/main/ets/platform/index';
import type { Jwk, SubtleLike } from '../../sdk/src/main/ets/platform/index';

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
