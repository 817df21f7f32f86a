/** Anything that can fill a buffer with random bytes: the platform's Random implementations do. */
export interface RandomBytes {
  fillBytes(out: Uint8Array): void;
}
