import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError } from '../../sdk/src/main/ets/core/index';
import { CryptoRandom, SeededRandom } from '../../sdk/src/main/ets/platform/index';

describe('SeededRandom', () => {
  it('replays the same sequence for the same seed (golden values guard cross-engine stability)', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const seq = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(seq);
    expect(new SeededRandom(42.9).nextUint32()).toBe(seq[0]);
    expect(new SeededRandom('device-1').nextUint32()).toBe(new SeededRandom('device-1').nextUint32());
    expect(new SeededRandom(1).nextUint32()).not.toBe(new SeededRandom(2).nextUint32());
  });

  it('matches an independent BigInt reference of splitmix32-seeded sfc32 (same on every engine)', () => {
    const M = (1n << 32n) - 1n;
    const mul = (a: bigint, b: bigint): bigint => (a * b) & M;
    const splitmix = (x: bigint): bigint => {
      let z = (x + 0x9e3779b9n) & M;
      z = mul(z ^ (z >> 16n), 0x85ebca6bn);
      z = mul(z ^ (z >> 13n), 0xc2b2ae35n);
      return z ^ (z >> 16n);
    };
    const seed = 123456789n;
    let a = splitmix(seed);
    let b = splitmix(a);
    let c = splitmix(b);
    let d = splitmix(c) | 1n;
    const next = (): bigint => {
      const t = (a + b + d) & M;
      d = (d + 1n) & M;
      a = b ^ (b >> 9n);
      b = (c + (c << 3n)) & M;
      c = ((c << 21n) | (c >> 11n)) & M;
      c = (c + t) & M;
      return t;
    };
    for (let i = 0; i < 12; i++) next();
    const mine = new SeededRandom(123456789);
    for (let i = 0; i < 1000; i++) expect(mine.nextUint32()).toBe(Number(next()));
  });

  it('produces floats in [0,1) and unbiased bounded ints', () => {
    const r = new SeededRandom(7);
    const buckets = new Array(10).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < 100000; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) outOfRange++;
      buckets[r.nextInt(10)]++;
    }
    expect(outOfRange).toBe(0);
    // Each bucket expects 10,000; 5 standard deviations is about +-475.
    for (const b of buckets) expect(Math.abs(b - 10000)).toBeLessThan(475);
  });

  it('fills bytes of any length deterministically', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 70 }), fc.integer(), (n, seed) => {
      const x = new Uint8Array(n);
      const y = new Uint8Array(n);
      new SeededRandom(seed).fillBytes(x);
      new SeededRandom(seed).fillBytes(y);
      expect(Array.from(x)).toEqual(Array.from(y));
    }));
  });

  it('forks independent streams without consuming the parent', () => {
    const parent = new SeededRandom(3);
    const before = new SeededRandom(3).nextUint32();
    const f1 = parent.fork('phone');
    const f2 = parent.fork('tv');
    expect(parent.nextUint32()).toBe(before);
    expect(f1.nextUint32()).not.toBe(f2.nextUint32());
    expect(new SeededRandom(3).fork('phone').seed).toBe(f1.seed);
  });

  it('rejects bad seeds and bounds', () => {
    expect(() => new SeededRandom(Number.POSITIVE_INFINITY)).toThrow(InvalidArgumentError);
    const r = new SeededRandom(1);
    expect(() => r.nextInt(0)).toThrow(/bound/);
    expect(() => r.nextInt(1.5)).toThrow(InvalidArgumentError);
    expect(r.nextInt(1)).toBe(0);
  });
});

describe('CryptoRandom', () => {
  it('draws from the host entropy function in 256-byte refills', () => {
    let calls = 0;
    let counter = 0;
    const r = new CryptoRandom((out) => {
      calls++;
      for (let i = 0; i < out.length; i++) out[i] = counter++ & 255;
    });
    const small = new Uint8Array(16);
    r.fillBytes(small);
    expect(Array.from(small)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    for (let i = 0; i < 60; i++) r.nextUint32();
    expect(calls).toBe(1);
    r.nextUint32();
    r.nextUint32();
    expect(calls).toBe(2);
    const big = new Uint8Array(1000);
    r.fillBytes(big);
    expect(calls).toBe(3);
  });

  it('works over the runtime getRandomValues', () => {
    const r = new CryptoRandom((out) => crypto.getRandomValues(out));
    const xs = new Set(Array.from({ length: 100 }, () => r.nextUint32()));
    expect(xs.size).toBeGreaterThan(95);
    expect(r.nextInt(6)).toBeLessThan(6);
  });
});
