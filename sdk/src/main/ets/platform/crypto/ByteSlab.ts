/** Size of each slab small byte arrays are carved from. */
export const BYTE_SLAB_SIZE = 8192;

let slab: ArrayBuffer = new ArrayBuffer(BYTE_SLAB_SIZE);
let offset = 0;

/**
 * Hands out small byte arrays as views into a shared 8 KB ArrayBuffer, the way Node pools small
 * Buffers: creating a fresh ArrayBuffer per signature costs several times more than the conversion
 * itself. Each array owns its own bytes (views never overlap), but its `.buffer` is shared, so code
 * must use the view, never the whole buffer. Arrays larger than a quarter slab get their own buffer.
 */
export class ByteSlab {
  static take(length: number): Uint8Array {
    if (length > BYTE_SLAB_SIZE / 4) {
      return new Uint8Array(length);
    }
    if (offset + length > BYTE_SLAB_SIZE) {
      slab = new ArrayBuffer(BYTE_SLAB_SIZE);
      offset = 0;
    }
    const view = new Uint8Array(slab, offset, length);
    // Keep 8-byte alignment so a later view never shares a word with this one.
    offset += (length + 7) & ~7;
    return view;
  }
}
