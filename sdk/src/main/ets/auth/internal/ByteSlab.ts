// Small byte buffers for the verify hot path. A fresh Uint8Array of more than 64 bytes costs a
// separate backing store (hundreds of ns in V8); a view into a shared slab costs an object. Regions
// are never handed out twice: when a slab is used up a new one is started, and the old one lives
// on only as long as views of it do, so a Crypto port may hold on to its input as long as it likes.

const SLAB_BYTES = 65536;
const LARGEST_SLICE = 8192;

let slab: Uint8Array = new Uint8Array(SLAB_BYTES);
let offset = 0;

/** A zeroed, never-shared byte array of `length` bytes (a slab view when small). */
export const takeBytes = (length: number): Uint8Array => {
  if (length > LARGEST_SLICE) {
    return new Uint8Array(length);
  }
  if (offset + length > SLAB_BYTES) {
    slab = new Uint8Array(SLAB_BYTES);
    offset = 0;
  }
  const view = slab.subarray(offset, offset + length);
  offset += length;
  return view;
};
