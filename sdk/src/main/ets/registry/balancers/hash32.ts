/**
 * A 32-bit string hash for consistent hashing: FNV-1a over UTF-16 code units followed by the
 * murmur3 finaliser, so that similar keys (`user-1`, `user-2`) land far apart on the ring.
 */
export const hash32 = (text: string, seed?: number): number => {
  let h = (0x811c9dc5 ^ (seed ?? 0)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};
