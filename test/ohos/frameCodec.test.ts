import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ErrorCode } from '../../sdk/src/main/ets/core/index';
import {
  DEFAULT_MAX_FRAME_BYTES, FRAME_HEADER_BYTES, FrameCodec, FrameDecoder, FrameType,
} from '../../sdk/src/main/ets/ohos/net/FrameCodec';
import { HelloMessage } from '../../sdk/src/main/ets/ohos/net/HelloMessage';
import { BeaconMessage, MAX_BEACON_BYTES } from '../../sdk/src/main/ets/ohos/net/BeaconMessage';
import { Utf8 } from '../../sdk/src/main/ets/core/encoding/Utf8';

interface Decoded { type: number; payload: number[] }

const collect = (decoder: FrameDecoder, chunks: Uint8Array[]): { frames: Decoded[]; error: string | undefined } => {
  const frames: Decoded[] = [];
  let error: string | undefined;
  for (const c of chunks) {
    const e = decoder.push(c, (type, payload) => frames.push({ type, payload: Array.from(payload) }));
    if (e !== undefined) {
      error = e.code;
      break;
    }
  }
  return { frames, error };
};

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Cuts `bytes` at the given (sorted, deduplicated) offsets. */
const cut = (bytes: Uint8Array, offsets: number[]): Uint8Array[] => {
  const points = Array.from(new Set(offsets.map((o) => o % (bytes.length + 1)))).sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.slice(from, p));
    from = p;
  }
  out.push(bytes.slice(from));
  return out;
};

describe('FrameCodec / FrameDecoder', () => {
  it('encodes [u32 BE length][type][payload] with the length counting the type byte', () => {
    const f = FrameCodec.encode(FrameType.ENVELOPE, new Uint8Array([7, 8, 9]));
    expect(Array.from(f)).toEqual([0, 0, 0, 4, 2, 7, 8, 9]);
    expect(FRAME_HEADER_BYTES).toBe(5);
    expect(Array.from(FrameCodec.encode(FrameType.HELLO, new Uint8Array(0)))).toEqual([0, 0, 0, 1, 1]);
    expect(() => FrameCodec.encode(FrameType.ENVELOPE, new Uint8Array(100), 50)).toThrow(/exceeds the limit of 50/);
  });

  it('property: any sequence of frames cut at any points decodes to the same frames, in order', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ type: fc.integer({ min: 0, max: 255 }), payload: fc.uint8Array({ maxLength: 300 }) }), { maxLength: 12 }),
      fc.array(fc.nat(), { maxLength: 20 }),
      (frames, offsets) => {
        const stream = concat(frames.map((f) => FrameCodec.encode(f.type as FrameType, f.payload)));
        const { frames: out, error } = collect(new FrameDecoder(), cut(stream, offsets));
        expect(error).toBeUndefined();
        expect(out).toEqual(frames.map((f) => ({ type: f.type, payload: Array.from(f.payload) })));
      }), { numRuns: 300 });
  });

  it('property: one byte at a time works and leaves nothing buffered after a whole frame', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), (payload) => {
      const frame = FrameCodec.encode(FrameType.ENVELOPE, payload);
      const d = new FrameDecoder();
      const chunks = Array.from(frame).map((b) => new Uint8Array([b]));
      const { frames } = collect(d, chunks);
      expect(frames).toEqual([{ type: 2, payload: Array.from(payload) }]);
      expect(d.buffered).toBe(0);
    }));
  });

  it('refuses a frame above the limit as soon as its length arrives, and stays failed', () => {
    const d = new FrameDecoder(100);
    const good = FrameCodec.encode(FrameType.ENVELOPE, new Uint8Array([1]));
    const header = new Uint8Array([0, 0, 0, 200]); // 200 > 100, payload never sent
    const { frames, error } = collect(d, [concat([good, header])]);
    expect(frames).toHaveLength(1);
    expect(error).toBe(ErrorCode.PAYLOAD_TOO_LARGE);
    expect(d.buffered).toBe(0);
    expect(d.push(good, () => { throw new Error('must not decode after an error'); })?.code).toBe(ErrorCode.PAYLOAD_TOO_LARGE);
    expect(d.error?.code).toBe(ErrorCode.PAYLOAD_TOO_LARGE);
  });

  it('refuses a zero length (a stream out of sync) and validates its own limit', () => {
    expect(collect(new FrameDecoder(), [new Uint8Array([0, 0, 0, 0, 9])]).error).toBe(ErrorCode.ENVELOPE_INVALID);
    expect(() => new FrameDecoder(1)).toThrow(/maxFrameBytes/);
    expect(new FrameDecoder().maxFrameBytes).toBe(DEFAULT_MAX_FRAME_BYTES);
  });

  it('buffers at most one partial frame: memory stays bounded by the frame size', () => {
    const d = new FrameDecoder();
    const big = FrameCodec.encode(FrameType.ENVELOPE, new Uint8Array(10000).fill(3));
    let delivered = 0;
    for (let round = 0; round < 50; round++) {
      for (const part of cut(big, [1000, 2500, 9000])) {
        d.push(part, (type, payload) => {
          delivered++;
          expect(payload.length).toBe(10000);
        });
        expect(d.buffered).toBeLessThanOrEqual(big.length);
      }
    }
    expect(delivered).toBe(50);
    expect(d.buffered).toBe(0);
  });
});

describe('HelloMessage and BeaconMessage', () => {
  it('round-trip and reject anything malformed', () => {
    const h = new HelloMessage('tv-1', 'abc123', 'phone-2');
    expect(HelloMessage.decode(h.encode())).toEqual(h);
    expect(HelloMessage.decode(new HelloMessage('tv-1', 'e', undefined).encode())?.to).toBeUndefined();
    for (const bad of ['', 'nope', '[]', '{"v":2,"id":"a","e":"b"}', '{"v":1,"id":"","e":"b"}', '{"v":1,"id":"a"}', '{"v":1,"id":"a","e":"b","to":5}']) {
      expect(HelloMessage.decode(Utf8.encode(bad))).toBeUndefined();
    }
    expect(HelloMessage.decode(new Uint8Array([0xff, 0xfe]))).toBeUndefined();

    const b = new BeaconMessage('tv-1', 'tv', 47600, 'net-xyz', true);
    expect(BeaconMessage.decode(b.encode())).toEqual(b);
    expect(BeaconMessage.decode(new BeaconMessage('w', 'watch', 1, undefined, false).encode())).toEqual(new BeaconMessage('w', 'watch', 1, undefined, false));
    for (const bad of ['{}', '{"arkmesh":1,"id":"a","dt":"tv","tp":0}', '{"arkmesh":1,"id":"a","dt":"tv","tp":70000}',
      '{"arkmesh":1,"id":"a","dt":"tv","tp":1.5}', '{"arkmesh":1,"id":"a","dt":"tv","tp":1,"r":"yes"}', '{"arkmesh":2,"id":"a","dt":"tv","tp":1}']) {
      expect(BeaconMessage.decode(Utf8.encode(bad))).toBeUndefined();
    }
    expect(BeaconMessage.decode(new Uint8Array(MAX_BEACON_BYTES + 1))).toBeUndefined();
  });

  it('property: decoders never throw on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      HelloMessage.decode(bytes);
      BeaconMessage.decode(bytes);
    }));
  });
});
