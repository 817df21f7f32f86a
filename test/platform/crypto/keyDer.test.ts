import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { Der, DerTag } from '../../../sdk/src/main/ets/platform/crypto/Der';
import { KeyDerDecoder } from '../../../sdk/src/main/ets/platform/crypto/KeyDerDecoder';
import { SpkiEncoder } from '../../../sdk/src/main/ets/platform/crypto/SpkiEncoder';
import type { Jwk } from '../../../sdk/src/main/ets/platform/crypto/Jwk';
import { EcCurves } from '../../../sdk/src/main/ets/platform/crypto/EcCurve';
import type { EcCurve } from '../../../sdk/src/main/ets/platform/crypto/EcCurve';
import { InvalidArgumentError } from '../../../sdk/src/main/ets/core/index';

const spkiOf = (k: KeyObject): Buffer => k.export({ format: 'der', type: 'spki' });
const pkcs8Of = (k: KeyObject): Buffer => k.export({ format: 'der', type: 'pkcs8' });
const jwkOf = (k: KeyObject): Jwk => k.export({ format: 'jwk' }) as Jwk;
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

interface Sample { label: string; pair: { publicKey: KeyObject; privateKey: KeyObject }; bits: number; curve?: string }

const samples = (): Sample[] => [
  { label: 'EC P-256', pair: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }), bits: 0, curve: 'P-256' },
  { label: 'EC P-384', pair: generateKeyPairSync('ec', { namedCurve: 'secp384r1' }), bits: 0, curve: 'P-384' },
  { label: 'EC P-521', pair: generateKeyPairSync('ec', { namedCurve: 'secp521r1' }), bits: 0, curve: 'P-521' },
  { label: 'Ed25519', pair: generateKeyPairSync('ed25519'), bits: 0, curve: 'Ed25519' },
  { label: 'RSA 2048', pair: generateKeyPairSync('rsa', { modulusLength: 2048 }), bits: 2048 },
  { label: 'RSA 3072', pair: generateKeyPairSync('rsa', { modulusLength: 3072 }), bits: 3072 },
];

describe('SpkiEncoder and KeyDerDecoder against node:crypto', () => {
  for (const s of samples()) {
    it(`${s.label}: JWK -> SPKI is byte-identical to node's SPKI export`, () => {
      const jwk = jwkOf(s.pair.publicKey);
      expect(hex(SpkiEncoder.fromJwk(jwk))).toBe(spkiOf(s.pair.publicKey).toString('hex'));
    });

    it(`${s.label}: SPKI -> JWK matches node's JWK export, with the key size and curve`, () => {
      const info = KeyDerDecoder.parseSpki(new Uint8Array(spkiOf(s.pair.publicKey)));
      expect(info.jwk).toEqual(jwkOf(s.pair.publicKey));
      expect(info.isPrivate).toBe(false);
      expect(info.modulusBits).toBe(s.bits);
      expect(info.curve).toBe(s.curve);
    });

    it(`${s.label}: JWK -> PKCS#8 imports in node as the same private key, and decodes back`, () => {
      const jwk = jwkOf(s.pair.privateKey);
      const der = SpkiEncoder.pkcs8FromJwk(jwk);
      const imported = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
      expect(jwkOf(imported)).toEqual(jwk);
      const info = KeyDerDecoder.parsePkcs8(der);
      expect(info.isPrivate).toBe(true);
      expect(info.jwk.d).toBe(jwk.d);
      // node's own PKCS#8 decodes to its JWK (Ed25519 PKCS#8 v1 carries no public key).
      const fromNode = KeyDerDecoder.parsePkcs8(new Uint8Array(pkcs8Of(s.pair.privateKey)));
      const expected: Jwk = { ...jwk };
      if (s.curve === 'Ed25519') delete expected.x;
      expect(fromNode.jwk).toEqual(expected);
      expect(fromNode.modulusBits).toBe(s.bits);
    });
  }

  it('builds SPKI from raw Ed25519 keys and raw EC points like node does', () => {
    const ed = generateKeyPairSync('ed25519');
    const x = Buffer.from(jwkOf(ed.publicKey).x as string, 'base64url');
    expect(hex(SpkiEncoder.fromEd25519Raw(new Uint8Array(x)))).toBe(spkiOf(ed.publicKey).toString('hex'));
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const j = jwkOf(ec.publicKey);
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(j.x as string, 'base64url'), Buffer.from(j.y as string, 'base64url')]);
    const p256 = EcCurves.byName('P-256') as EcCurve;
    expect(hex(SpkiEncoder.fromEcPoint(new Uint8Array(point), p256))).toBe(spkiOf(ec.publicKey).toString('hex'));
    expect(() => SpkiEncoder.fromEcPoint(new Uint8Array(33), p256)).toThrow(InvalidArgumentError);
    expect(() => SpkiEncoder.fromEd25519Raw(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  it('names the offending JWK member', () => {
    const ec = jwkOf(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey);
    const cases: Array<[Jwk, RegExp]> = [
      [{ ...ec, x: undefined }, /^jwk\.x: is required/],
      [{ ...ec, y: 'AAAA' }, /^jwk\.y: must be 32 bytes, got 3/],
      [{ ...ec, crv: 'secp256k1' }, /^jwk\.crv: unsupported EC curve/],
      [{ ...ec, x: 'not base64url!' }, /^jwk\.x: not canonical/],
      [{ kty: 'OKP', crv: 'X25519', x: 'AAAA' }, /^jwk\.crv: unsupported OKP curve/],
      [{ kty: 'oct', k: 'AAAA' }, /^jwk\.kty: unsupported key type "oct"/],
      [{ kty: 'RSA', n: 'AQAB' }, /^jwk\.e: is required/],
    ];
    for (const [jwk, message] of cases) {
      let error: unknown;
      try { SpkiEncoder.fromJwk(jwk); } catch (e) { error = e; }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(message);
    }
    const rsa = jwkOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    expect(() => SpkiEncoder.pkcs8FromJwk({ ...rsa, qi: undefined })).toThrow(/^jwk\.qi: is required/);
  });

  it('rejects malformed and unsupported DER with an InvalidArgumentError naming spki or pkcs8', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const spki = new Uint8Array(spkiOf(ec.publicKey));
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const dsa = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
    const cases: Array<[() => unknown, RegExp]> = [
      [() => KeyDerDecoder.parseSpki(spki.subarray(0, spki.length - 1)), /^spki: /],
      [() => KeyDerDecoder.parseSpki(new Uint8Array([...spki, 0])), /^spki: /],
      [() => KeyDerDecoder.parseSpki(new Uint8Array(spkiOf(k1.publicKey))), /^spki\.algorithm: unsupported EC curve 1\.3\.132\.0\.10/],
      [() => KeyDerDecoder.parseSpki(new Uint8Array(spkiOf(dsa.publicKey))), /^spki\.algorithm: unsupported key algorithm 1\.2\.840\.10040\.4\.1/],
      [() => KeyDerDecoder.parsePkcs8(spki), /^pkcs8: /],
      [() => KeyDerDecoder.parsePkcs8(new Uint8Array(pkcs8Of(k1.privateKey))), /^pkcs8\.algorithm: unsupported EC curve/],
    ];
    for (const [run, message] of cases) expect(run).toThrow(message);
    // A compressed point (02/03 prefix) is refused rather than misread.
    const p256 = EcCurves.byName('P-256') as EcCurve;
    const point = new Uint8Array(p256.pointBytes);
    point[0] = 0x04;
    const good = SpkiEncoder.fromEcPoint(point, p256);
    const comp = Der.sequence([Der.sequence([Der.objectIdentifier('1.2.840.10045.2.1'), Der.objectIdentifier(p256.oid)]),
      Der.bitString(new Uint8Array(33).fill(2))]);
    expect(KeyDerDecoder.parseSpki(good).jwk.crv).toBe('P-256');
    expect(() => KeyDerDecoder.parseSpki(comp)).toThrow(/compressed points are not supported/);
  });
});

describe('Der', () => {
  it('encodes and decodes object identifiers (property)', () => {
    const arc = fc.integer({ min: 0, max: 2 ** 31 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 39 }), fc.array(arc, { maxLength: 8 }), (a, b, rest) => {
      const dotted = [a, b, ...rest].join('.');
      const el = Der.readWhole(Der.objectIdentifier(dotted), DerTag.OBJECT_IDENTIFIER)!;
      expect(Der.readObjectIdentifier(el)).toBe(dotted);
    }));
    expect(hex(Der.objectIdentifier('1.2.840.10045.2.1'))).toBe('06072a8648ce3d0201');
  });

  it('encodes long lengths minimally and reads them back; refuses non-minimal and indefinite lengths', () => {
    for (const n of [0, 1, 127, 128, 255, 256, 65535, 65536]) {
      const el = Der.element(DerTag.OCTET_STRING, new Uint8Array(n));
      const back = Der.readWhole(el, DerTag.OCTET_STRING)!;
      expect(back.content.length).toBe(n);
    }
    for (const h of ['0481050000000000', '04820005' + '00'.repeat(5), '0480', '04ff', '1f0100', '04']) {
      expect(Der.read(Uint8Array.from(Buffer.from(h, 'hex')), 0), h).toBeUndefined();
    }
  });

  it('reads unsigned integers strictly and measures bit lengths', () => {
    expect(hex(Der.unsignedInteger(new Uint8Array([0, 0, 0x80])))).toBe('02020080');
    expect(hex(Der.unsignedInteger(new Uint8Array([0, 0])))).toBe('020100');
    expect(Der.bitLength(new Uint8Array([0, 1, 0]))).toBe(9);
    expect(Der.bitLength(new Uint8Array([0x80, 0]))).toBe(16);
    expect(Der.bitLength(new Uint8Array([0, 0]))).toBe(0);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      const el = Der.readWhole(Der.unsignedInteger(bytes), DerTag.INTEGER)!;
      const back = Der.readUnsignedInteger(el)!;
      const trimmed = bytes.subarray(bytes.findIndex((b) => b !== 0) === -1 ? bytes.length : bytes.findIndex((b) => b !== 0));
      expect(hex(back)).toBe(trimmed.length === 0 ? '00' : hex(trimmed));
    }));
  });

  it('never throws on arbitrary bytes (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const el = Der.read(bytes, 0);
      if (el !== undefined) Der.children(el);
      for (const parse of [KeyDerDecoder.parseSpki, KeyDerDecoder.parsePkcs8]) {
        try { parse(bytes); } catch (e) { expect(e).toBeInstanceOf(InvalidArgumentError); }
      }
    }), { numRuns: 500 });
  });
});
