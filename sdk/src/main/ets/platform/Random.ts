import { RandomBytes } from '../core/ids/RandomBytes';

/**
 * The one source of randomness in ArkMesh. SeededRandom for reproducible runs (simulation,
 * jitter, load balancing), CryptoRandom (host-supplied entropy) for ids and keys in production.
 */
export interface Random extends RandomBytes {
  /** A float in [0, 1). */
  next(): number;
  /** An unsigned 32-bit integer. */
  nextUint32(): number;
  /** An integer in [0, bound), bound a positive integer. */
  nextInt(bound: number): number;
}
