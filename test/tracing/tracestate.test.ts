import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidTraceStateKey, isValidTraceStateValue, TraceState } from '../../sdk/src/main/ets/tracing/index';

// Cases from the W3C Trace Context test suite (test.py, tracecontext/test_tracestate.py) and the
// specification's tracestate grammar. Several tracestate headers reach the parser joined by ",".
const lcalpha = 'abcdefghijklmnopqrstuvwxyz';
const keyChars = `${lcalpha}0123456789_-*/`;
const allValueChars = (() => {
  let s = '';
  for (let c = 0x20; c <= 0x7e; c++) if (c !== 0x2c && c !== 0x3d) s += String.fromCharCode(c);
  return s;
})();

describe('tracestate parsing (W3C Trace Context)', () => {
  it('keeps order and values', () => {
    const s = TraceState.parse('foo=1,bar=2,baz=3')!;
    expect(s.keys()).toEqual(['foo', 'bar', 'baz']);
    expect(s.serialize()).toBe('foo=1,bar=2,baz=3');
  });

  it('combines several headers in order (multiple_headers_different_keys)', () => {
    const s = TraceState.parse(['foo=1,bar=2', 'rojo=1,congo=2', 'baz=3'].join(','))!;
    expect(s.serialize()).toBe('foo=1,bar=2,rojo=1,congo=2,baz=3');
  });

  it('ignores empty members and empty headers (empty_header)', () => {
    expect(TraceState.parse('')!.size).toBe(0);
    expect(TraceState.parse(['foo=1', ''].join(','))!.get('foo')).toBe('1');
    expect(TraceState.parse(['', 'foo=1'].join(','))!.get('foo')).toBe('1');
    expect(TraceState.parse('foo=1,,, ,bar=2')!.keys()).toEqual(['foo', 'bar']);
  });

  it('allows optional whitespace around members (ows_handling, delimiter)', () => {
    for (const h of ['foo=1 \t , \t bar=2, \t baz=3', 'foo=1\t \t,\t \tbar=2,\t \tbaz=3']) {
      const s = TraceState.parse(h)!;
      expect([s.get('foo'), s.get('bar'), s.get('baz')]).toEqual(['1', '2', '3']);
    }
    for (const h of [' foo=1', '\tfoo=1', 'foo=1 ', 'foo=1\t', '\t foo=1 \t']) {
      expect(TraceState.parse(h)!.get('foo')).toBe('1');
    }
    expect(TraceState.parse('foo=1, \t bar=2')!.serialize()).toBe('foo=1,bar=2');
  });

  it('accepts every allowed key and value character (all_allowed_characters)', () => {
    const key = `${lcalpha}0123456789_-*/`;
    const keyWithVendor = `${key}@a-z0-9_-*/`;
    const value = [[0x20, 0x2b], [0x2d, 0x3c], [0x3e, 0x7e]]
      .map(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCharCode(a + i)).join('')).join('');
    // The value starts with a space: it belongs to the value, since it follows "=".
    expect(TraceState.parse(`${key}=${value}`)!.get(key)).toBe(value);
    expect(TraceState.parse(`${keyWithVendor}=${value}`)!.get(keyWithVendor)).toBe(value);
  });

  it.each([
    ['duplicated keys, same value', 'foo=1,foo=1'],
    ['duplicated keys, different values', 'foo=1,foo=2'],
    ['duplicated keys across headers', ['foo=1', 'foo=1'].join(',')],
    ['space inside the key', 'foo =1'],
    ['upper-case key', 'FOO=1'],
    ['dot in the key', 'foo.bar=1'],
    ['vendor format: empty system', 'foo@=1,bar=2'],
    ['vendor format: empty tenant', '@foo=1,bar=2'],
    ['vendor format: double @', 'foo@@bar=1,bar=2'],
    ['vendor format: two @', 'foo@bar@baz=1,bar=2'],
    ['= in the value', 'foo=bar=baz'],
    ['empty value', 'foo=,bar=3'],
    ['no = at all', 'foobarbaz'],
    ['key of 257 characters', ['foo=1', `${'z'.repeat(257)}=1`].join(',')],
    ['tenant of 242 characters', ['foo=1', `${'t'.repeat(242)}@v=1`].join(',')],
    ['system of 15 characters', ['foo=1', `t@${'v'.repeat(15)}=1`].join(',')],
    ['value of 257 characters', `foo=${'x'.repeat(257)}`],
    ['simple key starting with a digit', '1special=1'],
    ['system starting with a digit', 'foo@1=1'],
    ['non-ASCII value', 'foo=caf\u00e9'],
  ])('discards the whole list: %s', (_name, header) => {
    expect(TraceState.parse(header)).toBeUndefined();
  });

  it('accepts keys at the length limits (key_length_limit)', () => {
    expect(TraceState.parse(['foo=1', `${'z'.repeat(256)}=1`].join(','))!.get('foo')).toBe('1');
    expect(TraceState.parse(['foo=1', `${'t'.repeat(241)}@${'v'.repeat(14)}=1`].join(','))!.get('foo')).toBe('1');
    expect(TraceState.parse(`foo=${'x'.repeat(256)}`)!.get('foo')).toHaveLength(256);
    expect(TraceState.parse('1tenant@vendor=1')!.get('1tenant@vendor')).toBe('1');
  });

  it('accepts 32 members and discards 33 (member_count_limit)', () => {
    const members = (n: number) => Array.from({ length: n }, (_, i) => `bar${String(i + 1).padStart(2, '0')}=${String(i + 1).padStart(2, '0')}`);
    const s32 = TraceState.parse(members(32).join(','))!;
    expect(s32.size).toBe(32);
    expect(s32.get('bar01')).toBe('01');
    expect(TraceState.parse(members(33).join(','))).toBeUndefined();
    // Empty members do not count.
    expect(TraceState.parse(members(32).join(',,'))!.size).toBe(32);
  });
});

describe('TraceState updates and serialization', () => {
  it('set moves the key to the front, unset removes it, both immutable', () => {
    const a = TraceState.parse('bar=0')!;
    const b = a.set('foo', '1').set('bar', '2').set('baz', '3');
    expect(b.serialize()).toBe('baz=3,bar=2,foo=1');
    expect(a.serialize()).toBe('bar=0');
    expect(b.unset('bar').serialize()).toBe('baz=3,foo=1');
    expect(b.unset('missing')).toBe(b);
  });

  it('set rejects keys and values outside the grammar with ERR_INVALID_ARGUMENT', () => {
    const s = TraceState.EMPTY;
    for (const [k, v] of [['FOO', 'abc'], ['', 'abc'], ['@vendor', 'x'], ['special.vendor', 'x'], ['z'.repeat(257), 'x'], ['foo', ''], ['foo', 'bar=baz'], ['foo', 'x'.repeat(257)]]) {
      expect(() => s.set(k, v)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    }
    expect(s.set('special@vendor', 'abracadabra').get('special@vendor')).toBe('abracadabra');
  });

  it('keeps at most 32 members when setting', () => {
    let s = TraceState.EMPTY;
    for (let i = 0; i < 40; i++) s = s.set(`k${i}`, String(i));
    expect(s.size).toBe(32);
    expect(s.keys()[0]).toBe('k39');
    expect(s.get('k7')).toBeUndefined();
  });

  it('cuts a serialization over 512 characters: long members first, then from the end', () => {
    const long = 'x'.repeat(200);
    let s = TraceState.EMPTY;
    for (let i = 9; i >= 0; i--) s = s.set(`k${i}`, i === 3 ? long : 'v'.repeat(60));
    const out = s.serialize();
    expect(out.length).toBeLessThanOrEqual(512);
    expect(out).not.toContain(long);
    expect(out.startsWith('k0=')).toBe(true);
    expect(TraceState.parse(out)).toBeDefined();
    expect(s.serialize(10000)).toContain(long);
  });

  const key = fc.oneof(
    fc.tuple(fc.constantFrom(...lcalpha), fc.string({ unit: fc.constantFrom(...keyChars), maxLength: 20 })).map(([a, b]) => a + b),
    fc.tuple(fc.constantFrom(...`${lcalpha}0123456789`), fc.string({ unit: fc.constantFrom(...keyChars), maxLength: 10 }),
      fc.constantFrom(...lcalpha), fc.string({ unit: fc.constantFrom(...keyChars), maxLength: 5 })).map(([a, b, c, d]) => `${a}${b}@${c}${d}`),
  );
  const value = fc.string({ unit: fc.constantFrom(...allValueChars), minLength: 1, maxLength: 30 }).filter((v) => !v.endsWith(' '));

  it('round-trips generated lists (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 32 }), (members) => {
      const header = members.map(([k, v]) => `${k}=${v}`).join(',');
      const s = TraceState.parse(header)!;
      expect(s).toBeDefined();
      expect(s.size).toBe(members.length);
      for (const [k, v] of members) expect(s.get(k)).toBe(v);
      expect(s.serialize(1 << 20)).toBe(header);
    }));
  });

  it('only accepts members whose key and value match the grammar (property)', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'ab@1=, \t*/-_A.'), maxLength: 40 }), (header) => {
      const s = TraceState.parse(header);
      if (s !== undefined) {
        for (const k of s.keys()) {
          expect(isValidTraceStateKey(k)).toBe(true);
          expect(isValidTraceStateValue(s.get(k)!)).toBe(true);
        }
      }
    }));
  });
});
