import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { MeshError } from '../../core/errors/MeshError';
import { DEFAULT_MAX_ENVELOPE_BYTES } from '../../transport/EnvelopeCodec';
import { EnvelopeInvalidError } from '../../transport/errors/EnvelopeInvalidError';
import { PayloadTooLargeError } from '../../transport/errors/PayloadTooLargeError';

/** What a frame carries. Unknown types are handed to the sink too (the connection decides). */
export enum FrameType {
  /** The first frame each side sends: who it is (see HelloMessage). */
  HELLO = 1,
  /** One envelope, EnvelopeCodec UTF-8 JSON. */
  ENVELOPE = 2
}

/** Bytes before a frame's payload: a 32-bit big-endian length (type byte + payload) and the type byte. */
export const FRAME_HEADER_BYTES = 5;
/** Default largest frame (type byte + payload) a decoder accepts: the largest envelope plus 1 KiB. */
export const DEFAULT_MAX_FRAME_BYTES = DEFAULT_MAX_ENVELOPE_BYTES + 1024;

/** Receives each decoded frame. The payload is a view into the decoder's buffer: use it before returning. */
export type FrameSink = (type: number, payload: Uint8Array) => void;

const readLength = (b: Uint8Array, at: number): number =>
  ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];

/**
 * Length-prefixed framing for byte streams (TCP): `[u32 BE length][u8 type][payload]`, where the
 * length counts the type byte and the payload. Encoding is one allocation per frame.
 */
export class FrameCodec {
  /** One frame. Throws PayloadTooLargeError when type + payload exceed `maxFrameBytes`. */
  static encode(type: FrameType, payload: Uint8Array, maxFrameBytes?: number): Uint8Array {
    const length = payload.length + 1;
    const max = maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    if (length > max) {
      throw new PayloadTooLargeError(length, max);
    }
    const out = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
    out[0] = (length >>> 24) & 0xff;
    out[1] = (length >>> 16) & 0xff;
    out[2] = (length >>> 8) & 0xff;
    out[3] = length & 0xff;
    out[4] = type;
    out.set(payload, FRAME_HEADER_BYTES);
    return out;
  }
}

/**
 * Reassembles frames from a byte stream cut anywhere (several frames per chunk, a frame over
 * several chunks). Memory is bounded: a length above `maxFrameBytes`, or 0, is an error as soon as
 * its 4 bytes arrive, before anything is buffered. After an error the decoder refuses everything
 * (the stream is out of sync: close the connection). Whole frames in a fresh chunk are decoded in
 * place, without copying; only a trailing partial frame is buffered.
 */
export class FrameDecoder {
  readonly maxFrameBytes: number;
  private _buf: Uint8Array = new Uint8Array(0);
  private _start: number = 0;
  private _end: number = 0;
  private _error: MeshError | undefined = undefined;

  /** @throws InvalidArgumentError for a limit below 2 or above 2^31. */
  constructor(maxFrameBytes?: number) {
    const max = maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    if (!Number.isInteger(max) || max < 2 || max > 0x80000000) {
      throw new InvalidArgumentError('maxFrameBytes', 'must be an integer in [2, 2^31]');
    }
    this.maxFrameBytes = max;
  }

  /** Bytes of an incomplete frame waiting for the rest. */
  get buffered(): number {
    return this._end - this._start;
  }

  /** The error that stopped the decoder, if any. */
  get error(): MeshError | undefined {
    return this._error;
  }

  /**
   * Consumes `chunk`, calling `sink` for every complete frame in order. Returns undefined, or the
   * error that made the stream unusable (PayloadTooLargeError, EnvelopeInvalidError for length 0);
   * frames before the bad one have been delivered.
   */
  push(chunk: Uint8Array, sink: FrameSink): MeshError | undefined {
    if (this._error !== undefined) {
      return this._error;
    }
    let data: Uint8Array;
    let pos: number;
    let end: number;
    if (this._end === this._start) {
      data = chunk;
      pos = 0;
      end = chunk.length;
    } else {
      this.append(chunk);
      data = this._buf;
      pos = this._start;
      end = this._end;
    }
    while (end - pos >= 4) {
      const length = readLength(data, pos);
      if (length === 0 || length > this.maxFrameBytes) {
        this._error = length === 0 ? new EnvelopeInvalidError('frame of length 0') : new PayloadTooLargeError(length, this.maxFrameBytes);
        this._buf = new Uint8Array(0);
        this._start = 0;
        this._end = 0;
        return this._error;
      }
      if (end - pos - 4 < length) {
        break;
      }
      const type = data[pos + 4];
      const payloadStart = pos + FRAME_HEADER_BYTES;
      pos += 4 + length;
      sink(type, data.subarray(payloadStart, pos));
    }
    if (data === chunk) {
      if (pos < end) {
        this._start = 0;
        this._end = 0;
        this.append(chunk.subarray(pos, end));
      }
    } else if (pos === end) {
      this._start = 0;
      this._end = 0;
    } else {
      this._start = pos;
    }
    return undefined;
  }

  private append(chunk: Uint8Array): void {
    const live = this._end - this._start;
    if (this._buf.length - this._end < chunk.length) {
      if (this._buf.length >= live + chunk.length && this._start > 0) {
        this._buf.copyWithin(0, this._start, this._end);
      } else {
        const grown = new Uint8Array(Math.max(live + chunk.length, this._buf.length * 2, 256));
        grown.set(this._buf.subarray(this._start, this._end), 0);
        this._buf = grown;
      }
      this._start = 0;
      this._end = live;
    }
    this._buf.set(chunk, this._end);
    this._end += chunk.length;
  }
}
