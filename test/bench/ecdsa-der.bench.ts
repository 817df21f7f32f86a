// The conversions HarmonyOS needs on every ECDSA JWT: cryptoFramework verifies ASN.1 DER signatures
// while JOSE carries raw r||s, so each ES256/ES512 verification converts (and range-checks) first.
// Against ecdsa-sig-formatter, the converter fast-jwt uses for the same job. Plus the JWK -> SPKI
// DER encoding done once per imported key, against node:crypto's native KeyObject export.
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { createRequire } from 'node:module';
import { EcCurves } from '../../sdk/src/main/ets/platform/crypto/EcCurve';
import type { EcCurve } from '../../sdk/src/main/ets/platform/crypto/EcCurve';
import { EcdsaSignatureFormat } from '../../sdk/src/main/ets/platform/crypto/EcdsaSignatureFormat';
import { SpkiEncoder } from '../../sdk/src/main/ets/platform/crypto/SpkiEncoder';
import type { Jwk } from '../../sdk/src/main/ets/platform/crypto/Jwk';
import { defineBench } from './harness';

interface SigFormatter {
  joseToDer(signature: Buffer | string, alg: string): Buffer;
  derToJose(signature: Buffer | string, alg: string): string;
}
const formatter = createRequire(import.meta.url)('ecdsa-sig-formatter') as SigFormatter;

const fixture = (namedCurve: string, hash: string, curveName: string): { curve: EcCurve; raw: Uint8Array; rawBuf: Buffer; der: Uint8Array; derBuf: Buffer; jwk: Jwk } => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
  const data = Buffer.from('header.payload');
  const rawBuf = sign(hash, data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const derBuf = sign(hash, data, { key: privateKey, dsaEncoding: 'der' });
  return { curve: EcCurves.byName(curveName) as EcCurve, raw: new Uint8Array(rawBuf), rawBuf, der: new Uint8Array(derBuf), derBuf, jwk: publicKey.export({ format: 'jwk' }) as Jwk };
};
const es256 = fixture('prime256v1', 'sha256', 'P-256');
const es512 = fixture('secp521r1', 'sha512', 'P-521');
let sink = 0;

export default defineBench({
  name: 'ecdsa-der',
  cases: [
    { op: 'ES256 r||s -> DER (range-checked)', arkmesh: () => { sink += (EcdsaSignatureFormat.rawToDer(es256.raw, es256.curve) as Uint8Array).length; }, peers: [{ name: 'ecdsa-sig-formatter', fn: () => { sink += formatter.joseToDer(es256.rawBuf, 'ES256').length; } }] },
    { op: 'ES512 r||s -> DER (range-checked)', arkmesh: () => { sink += (EcdsaSignatureFormat.rawToDer(es512.raw, es512.curve) as Uint8Array).length; }, peers: [{ name: 'ecdsa-sig-formatter', fn: () => { sink += formatter.joseToDer(es512.rawBuf, 'ES512').length; } }] },
    { op: 'ES256 DER -> r||s', arkmesh: () => { sink += (EcdsaSignatureFormat.derToRaw(es256.der, es256.curve) as Uint8Array).length; }, peers: [{ name: 'ecdsa-sig-formatter', fn: () => { sink += formatter.derToJose(es256.derBuf, 'ES256').length; } }] },
    { op: 'P-256 JWK -> SPKI DER', arkmesh: () => { sink += SpkiEncoder.fromJwk(es256.jwk).length; }, peers: [{ name: 'node:crypto KeyObject', fn: () => { sink += createPublicKey({ key: es256.jwk as import('node:crypto').JsonWebKey, format: 'jwk' }).export({ format: 'der', type: 'spki' }).length; } }] },
  ],
});
