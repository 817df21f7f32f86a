import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Base64, Base64Url, Hex, InvalidArgumentError, Utf8 } from '../../sdk/src/main/ets/core/index';

describe('Base64Url', () => {
  it('matches the RFC 4648 test vectors (unpadded url alphabet)', () => {
    const vectors: Array<[string, string]> = [
      ['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, enc] of vectors) {
      expect(Base64Url.encode(Utf8.encode(plain))).toBe(enc);
      expect(Utf8.decode(Base64Url.decode(enc))).toBe(plain);
    }
  });

  it('uses - and _ where standard base64 uses + and /', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf]);
    expect(Base64Url.encode(bytes)).toBe('-_-_');
    expect(Base64.encode(bytes)).toBe('+/+/');
  });

  it('round-trips arbitrary bytes and agrees with Buffer', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const enc = Base64Url.encode(bytes);
      expect(enc).toBe(Buffer.from(bytes).toString('base64url'));
      expect(Array.from(Base64Url.decode(enc))).toEqual(Array.from(bytes));
      expect(Base64.encode(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(Base64.decode(Base64.encode(bytes)))).toEqual(Array.from(bytes));
    }));
  });

  it('rejects padding, whitespace, the standard alphabet and non-canonical trailing bits', () => {
    for (const bad of ['Zg==', 'Zm9v ', ' Zm9v', 'Zm9\nv', 'ab+/', 'ab/c', 'Z', 'Zh', 'Zm9', 'Zm8=', 'é', 'Zm9vYmF']) {
      expect(Base64Url.tryDecode(bad), bad).toBeUndefined();
      expect(() => Base64Url.decode(bad, 'token')).toThrow(InvalidArgumentError);
    }
    // 'Zh' would decode to 'f' but its last character carries non-zero unused bits.
    expect(Base64Url.tryDecode('Zg')).toBeDefined();
    expect(Base64Url.tryDecode('Zh')).toBeUndefined();
  });

  it('never throws from tryDecode and only accepts strings that re-encode identically', () => {
    fc.assert(fc.property(fc.string({ maxLength: 64 }), (s) => {
      const out = Base64Url.tryDecode(s);
      if (out !== undefined) expect(Base64Url.encode(out)).toBe(s);
    }));
  });

  it('names the field in its error', () => {
    expect(() => Base64Url.decode('a=', 'header.kid')).toThrow(/header\.kid/);
  });
});

describe('Utf8', () => {
  it('agrees with TextEncoder/TextDecoder on any string', () => {
    const enc = new TextEncoder();
    const dec = new TextDecoder();
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      const mine = Utf8.encode(s);
      expect(Array.from(mine)).toEqual(Array.from(enc.encode(s)));
      expect(Utf8.decodeLenient(mine)).toBe(dec.decode(mine));
    }));
  });

  it('rejects malformed sequences in strict mode and replaces them in lenient mode', () => {
    const cases = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf5, 0x80, 0x80, 0x80], [0x80]];
    for (const c of cases) {
      const bytes = new Uint8Array(c);
      expect(Utf8.tryDecode(bytes)).toBeUndefined();
      expect(() => Utf8.decode(bytes, 'payload')).toThrow(/payload: malformed UTF-8/);
      expect(Utf8.decodeLenient(bytes)).toContain('\ufffd');
    }
  });

  it('encodes a lone surrogate as U+FFFD like TextEncoder', () => {
    expect(Array.from(Utf8.encode('\ud800'))).toEqual([0xef, 0xbf, 0xbd]);
  });

  it('decodes long inputs without overflowing the stack', () => {
    const s = 'ä'.repeat(100000);
    expect(Utf8.decode(Utf8.encode(s))).toBe(s);
  });
});

describe('Hex', () => {
  it('round-trips and validates', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      const h = Hex.encode(bytes);
      expect(h).toBe(Buffer.from(bytes).toString('hex'));
      expect(Array.from(Hex.decode(h))).toEqual(Array.from(bytes));
    }));
    expect(() => Hex.decode('abc')).toThrow(InvalidArgumentError);
    expect(() => Hex.decode('zz')).toThrow(/not a hex digit/);
    expect(Hex.isLowerHex('00ff', 4)).toBe(true);
    expect(Hex.isLowerHex('00FF', 4)).toBe(false);
    expect(Hex.isLowerHex('00f', 4)).toBe(false);
  });
});
