import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Headers } from '../../sdk/src/main/ets/core/index';
import {
  Baggage, BaggagePropagator, decodeBaggageValue, encodeBaggageValue, MAX_BAGGAGE_LENGTH, MAX_BAGGAGE_MEMBERS,
} from '../../sdk/src/main/ets/tracing/index';

const propagator = new BaggagePropagator();
const extract = (value: string) => propagator.extract(Headers.from({ baggage: value }));

describe('W3C Baggage', () => {
  it('parses the specification examples', () => {
    const b = extract('userId=alice,serverNode=DF%2028,isProduction=false');
    expect(b.toRecord()).toEqual({ userId: 'alice', serverNode: 'DF 28', isProduction: 'false' });
    const p = extract('key1=value1;property1;property2, key2 = value2, key3=value3; propertyKey=propertyValue');
    expect(p.get('key1')).toBe('value1');
    expect(p.getEntry('key1')!.metadata).toBe('property1;property2');
    expect(p.get('key2')).toBe('value2');
    expect(p.getEntry('key3')!.metadata).toBe('propertyKey=propertyValue');
  });

  it('percent-decodes UTF-8 values and encodes them back', () => {
    const b = extract('city=S%C3%A3o%20Paulo,emoji=%F0%9F%98%80');
    expect(b.get('city')).toBe('São Paulo');
    expect(b.get('emoji')).toBe('😀');
    const h = new Headers();
    propagator.inject(b, h);
    expect(h.get('baggage')).toBe('city=S%C3%A3o%20Paulo,emoji=%F0%9F%98%80');
    expect(encodeBaggageValue('100%')).toBe('100%25');
    expect(decodeBaggageValue('100%zz')).toBe('100%zz');
  });

  it('skips invalid members and keeps the valid ones', () => {
    const b = extract('good=1,bad key=2,=3,noequals,quote="x",ok=4;p');
    expect(b.keys()).toEqual(['good', 'ok']);
    expect(extract('').size).toBe(0);
    expect(propagator.extract(new Headers()).size).toBe(0);
  });

  it('reads at most 180 members', () => {
    const header = Array.from({ length: 200 }, (_, i) => `k${i}=${i}`).join(',');
    expect(extract(header).size).toBe(MAX_BAGGAGE_MEMBERS);
  });

  it('writes within 8192 characters, skipping members that do not fit', () => {
    let b = Baggage.EMPTY;
    for (let i = 0; i < 100; i++) b = b.set(`k${i}`, 'v'.repeat(100));
    b = b.set('huge', 'x'.repeat(5000));
    const h = new Headers();
    propagator.inject(b, h);
    const out = h.get('baggage')!;
    expect(out.length).toBeLessThanOrEqual(MAX_BAGGAGE_LENGTH);
    expect(out).not.toContain('huge=');
    expect(extract(out).get('k0')).toBe('v'.repeat(100));
  });

  it('is immutable and validates keys', () => {
    const a = Baggage.from({ tenant: 'acme' });
    const b = a.set('tier', 'gold', 'ttl=3');
    expect(a.size).toBe(1);
    expect(b.getEntry('tier')!.metadata).toBe('ttl=3');
    expect(b.delete('tenant').keys()).toEqual(['tier']);
    expect(() => a.set('bad key', 'x')).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    expect(() => Baggage.from({ 'a,b': 'x' })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });

  it('round-trips any values through inject and extract (property)', () => {
    const key = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABC0123456789-_.!#$&'), minLength: 1, maxLength: 12 });
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(key, fc.string({ maxLength: 20 })), { selector: ([k]) => k, maxLength: 10 }), (pairs) => {
      let b = Baggage.EMPTY;
      for (const [k, v] of pairs) b = b.set(k, v);
      const h = new Headers();
      propagator.inject(b, h);
      const back = propagator.extract(h);
      // Lone surrogates cannot survive UTF-8; everything else comes back exactly.
      for (const [k, v] of pairs) expect(back.get(k)).toBe(decodeBaggageValue(encodeBaggageValue(v)));
      for (const [k, v] of pairs) if (!/[\ud800-\udfff]/.test(v)) expect(back.get(k)).toBe(v);
    }));
  });
});
