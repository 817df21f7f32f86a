import { CryptoRandom, SubtleCrypto } from '../main/ets/platform/index';
import type { SubtleLike } from '../main/ets/platform/index';
import { ErrorCode, MeshError } from '../main/ets/core/index';

/** The WebCrypto object of this runtime (Node >= 20, Electron, browsers all expose `globalThis.crypto`). */
export const runtimeWebCrypto = (): globalThis.Crypto => {
  const c = (globalThis as { crypto?: globalThis.Crypto }).crypto;
  if (c === undefined || c.subtle === undefined) {
    throw new MeshError(ErrorCode.UNSUPPORTED, 'this runtime has no WebCrypto (globalThis.crypto.subtle); pass a Crypto port explicitly');
  }
  return c;
};

/** The Crypto port over this runtime's `crypto.subtle`. */
export const createRuntimeCrypto = (): SubtleCrypto =>
  new SubtleCrypto(runtimeWebCrypto().subtle as unknown as SubtleLike);

/** Crypto-strength Random over this runtime's `crypto.getRandomValues`. */
export const createRuntimeRandom = (): CryptoRandom => {
  const c = runtimeWebCrypto();
  // getRandomValues accepts at most 65536 bytes per call.
  return new CryptoRandom((out: Uint8Array): void => {
    for (let i = 0; i < out.length; i += 65536) {
      c.getRandomValues(out.subarray(i, Math.min(out.length, i + 65536)));
    }
  });
};
