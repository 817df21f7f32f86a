import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { EcCurves } from '../../../sdk/src/main/ets/platform/crypto/EcCurve';
import type { EcCurve } from '../../../sdk/src/main/ets/platform/crypto/EcCurve';
import { EcdsaSignatureFormat } from '../../../sdk/src/main/ets/platform/crypto/EcdsaSignatureFormat';

const NODE_CURVE: Record<string, string> = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };
const NODE_HASH: Record<string, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const curve = (name: string): EcCurve => EcCurves.byName(name) as EcCurve;

const scalar = (c: EcCurve, value: bigint): Uint8Array => {
  const hex = value.toString(16).padStart(c.coordinateBytes * 2, '0');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
};
const orderOf = (c: EcCurve): bigint => BigInt(`0x${Buffer.from(c.order).toString('hex')}`);
const raw = (c: EcCurve, r: bigint, s: bigint): Uint8Array => {
  const out = new Uint8Array(c.coordinateBytes * 2);
  out.set(scalar(c, r), 0);
  out.set(scalar(c, s), c.coordinateBytes);
  return out;
};

describe('EcdsaSignatureFormat against node:crypto', () => {
  for (const name of ['P-256', 'P-384', 'P-521']) {
    it(`${name}: DER <-> r||s matches node's ieee-p1363 and der encodings of the same signature`, () => {
      const c = curve(name);
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: NODE_CURVE[name] });
      for (let i = 0; i < 20; i++) {
        const data = Buffer.from(`message ${name} ${i}`);
        const der = new Uint8Array(sign(NODE_HASH[c.hash], data, { key: privateKey, dsaEncoding: 'der' }));
        const jose = EcdsaSignatureFormat.derToRaw(der, c);
        expect(jose).toBeDefined();
        expect(jose!.length).toBe(2 * c.coordinateBytes);
        expect(verify(NODE_HASH[c.hash], data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, jose!)).toBe(true);
        // DER is canonical, so converting back gives node's exact bytes.
        expect(Buffer.from(EcdsaSignatureFormat.rawToDer(jose!, c)!).equals(Buffer.from(der))).toBe(true);
        const p1363 = new Uint8Array(sign(NODE_HASH[c.hash], data, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
        const asDer = EcdsaSignatureFormat.rawToDer(p1363, c)!;
        expect(verify(NODE_HASH[c.hash], data, { key: publicKey, dsaEncoding: 'der' }, asDer)).toBe(true);
      }
    });

    it(`${name}: rejects r or s of 0, equal to or above the order, and wrong lengths`, () => {
      const c = curve(name);
      const n = orderOf(c);
      expect(EcdsaSignatureFormat.rawToDer(raw(c, 1n, n - 1n), c)).toBeDefined();
      expect(EcdsaSignatureFormat.rawToDer(raw(c, 0n, 5n), c)).toBeUndefined();
      expect(EcdsaSignatureFormat.rawToDer(raw(c, 5n, 0n), c)).toBeUndefined();
      expect(EcdsaSignatureFormat.rawToDer(raw(c, n, 5n), c)).toBeUndefined();
      expect(EcdsaSignatureFormat.rawToDer(raw(c, 5n, n + 1n), c)).toBeUndefined();
      expect(EcdsaSignatureFormat.rawToDer(new Uint8Array(2 * c.coordinateBytes - 1).fill(1), c)).toBeUndefined();
      expect(EcdsaSignatureFormat.rawToDer(new Uint8Array(2 * c.coordinateBytes + 1).fill(1), c)).toBeUndefined();
      // All-ones is above every order (P-521's top byte allows only one bit).
      expect(EcdsaSignatureFormat.rawToDer(new Uint8Array(2 * c.coordinateBytes).fill(0xff), c)).toBeUndefined();
    });
  }

  it('rejects malformed DER signatures', () => {
    const c = curve('P-256');
    const good = EcdsaSignatureFormat.rawToDer(raw(c, 0x80n, 0x7fn), c)!;
    // 30 07 02 02 00 80 02 01 7f
    expect(Buffer.from(good).toString('hex')).toBe('3007020200800201' + '7f');
    expect(EcdsaSignatureFormat.derToRaw(good, c)).toEqual(raw(c, 0x80n, 0x7fn));
    const bad = [
      '3007020200800201',                 // truncated
      '300702020080020170' + '00',        // trailing byte after the sequence
      '30080202008002017f00',             // trailing byte inside the sequence
      '3008020300008002017f',             // non-minimal INTEGER
      '300602018002017f',                 // negative r
      '3003020101',                       // one INTEGER only
      '3080020200800201' + '7f0000',      // indefinite length
      '300602010002017f',                 // r = 0
    ];
    for (const hex of bad) expect(EcdsaSignatureFormat.derToRaw(Uint8Array.from(Buffer.from(hex, 'hex')), c), hex).toBeUndefined();
    const n = orderOf(c);
    const rAtOrder = Buffer.concat([Buffer.from('3026022100', 'hex'), Buffer.from(scalar(c, n)), Buffer.from('02017f', 'hex')]);
    expect(EcdsaSignatureFormat.derToRaw(new Uint8Array(rAtOrder), c)).toBeUndefined();
  });

  it('round-trips every in-range r||s and never throws on arbitrary bytes (property)', () => {
    for (const c of EcCurves.all()) {
      const n = orderOf(c);
      const inRange = fc.bigInt({ min: 1n, max: n - 1n });
      fc.assert(fc.property(inRange, inRange, (r, s) => {
        const sig = raw(c, r, s);
        const der = EcdsaSignatureFormat.rawToDer(sig, c);
        expect(der).toBeDefined();
        expect(EcdsaSignatureFormat.derToRaw(der!, c)).toEqual(sig);
      }), { numRuns: 200 });
      fc.assert(fc.property(fc.uint8Array({ maxLength: 160 }), (bytes) => {
        const back = EcdsaSignatureFormat.derToRaw(bytes, c);
        if (back !== undefined) expect(EcdsaSignatureFormat.rawToDer(back, c)).toEqual(bytes);
        EcdsaSignatureFormat.rawToDer(bytes, c);
      }), { numRuns: 300 });
    }
  });

  it('has the right curve orders: (r, n - s) verifies in node whenever (r, s) does', () => {
    // ECDSA signatures are malleable exactly modulo the group order, so this pins n for each curve.
    for (const c of EcCurves.all()) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: NODE_CURVE[c.name] });
      const data = Buffer.from('malleable');
      const sig = new Uint8Array(sign(NODE_HASH[c.hash], data, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
      const k = c.coordinateBytes;
      const r = BigInt(`0x${Buffer.from(sig.subarray(0, k)).toString('hex')}`);
      const s = BigInt(`0x${Buffer.from(sig.subarray(k)).toString('hex')}`);
      const flipped = raw(c, r, orderOf(c) - s);
      expect(verify(NODE_HASH[c.hash], data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, flipped)).toBe(true);
      expect(verify(NODE_HASH[c.hash], data, { key: publicKey, dsaEncoding: 'der' }, EcdsaSignatureFormat.rawToDer(flipped, c)!)).toBe(true);
      expect(publicKey.asymmetricKeyDetails?.namedCurve).toBe(NODE_CURVE[c.name]);
    }
  });
});
