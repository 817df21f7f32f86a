import { Base64, Base64Url } from '../../core/encoding/Base64Url';
import { Hex } from '../../core/encoding/Hex';
import { Jwk } from '../../platform/crypto/Jwk';
import { JwkKeyType } from '../jwa/JwsAlgorithms';
import { JwkInvalidError } from '../errors/JoseErrors';
import { Der, DerElement, DerTag } from './Der';

const OID_RSA = Hex.decode('2a864886f70d010101');
const OID_RSA_PSS = Hex.decode('2a864886f70d01010a');
const OID_EC = Hex.decode('2a8648ce3d0201');
const OID_ED25519 = Hex.decode('2b6570');

/** A named curve: its JWK name, OID and coordinate size. */
class Curve {
  readonly name: string;
  readonly oid: Uint8Array;
  readonly coordinateBytes: number;

  constructor(name: string, oidHex: string, coordinateBytes: number) {
    this.name = name;
    this.oid = Hex.decode(oidHex);
    this.coordinateBytes = coordinateBytes;
  }
}

const CURVES: Curve[] = [
  new Curve('P-256', '2a8648ce3d030107', 32),
  new Curve('P-384', '2b81040022', 48),
  new Curve('P-521', '2b81040023', 66)
];

/** What a PKCS#8 private key is, read from its algorithm identifier. */
export class PrivateKeyInfo {
  readonly keyType: JwkKeyType;
  /** `crv` for EC and OKP keys. */
  readonly curve: string | undefined;
  /** RSA modulus size in bits; 0 for other key types. */
  readonly modulusBits: number;

  constructor(keyType: JwkKeyType, curve: string | undefined, modulusBits: number) {
    this.keyType = keyType;
    this.curve = curve;
    this.modulusBits = modulusBits;
  }
}

const field = (jwk: Jwk, name: string, value: string | undefined, size: number): Uint8Array => {
  if (typeof value !== 'string') {
    throw new JwkInvalidError(`${jwk.kty} JWK member "${name}" is missing`);
  }
  const bytes = Base64Url.tryDecode(value);
  if (bytes === undefined || bytes.length === 0) {
    throw new JwkInvalidError(`JWK member "${name}" is not base64url`);
  }
  if (size > 0 && bytes.length !== size) {
    throw new JwkInvalidError(`JWK member "${name}" must be ${size} bytes, not ${bytes.length}`);
  }
  return bytes;
};

const curveByName = (name: string | undefined): Curve => {
  for (const c of CURVES) {
    if (c.name === name) {
      return c;
    }
  }
  throw new JwkInvalidError(`unsupported EC curve ${JSON.stringify(name ?? null)}`);
};

const ecPoint = (jwk: Jwk, curve: Curve): Uint8Array => {
  const point = new Uint8Array(1 + 2 * curve.coordinateBytes);
  point[0] = 4; // uncompressed
  point.set(field(jwk, 'x', jwk.x, curve.coordinateBytes), 1);
  point.set(field(jwk, 'y', jwk.y, curve.coordinateBytes), 1 + curve.coordinateBytes);
  return point;
};

const requireOkp = (jwk: Jwk): void => {
  if (jwk.crv !== 'Ed25519') {
    throw new JwkInvalidError(`unsupported OKP curve ${JSON.stringify(jwk.crv ?? null)}`);
  }
};

const bad = (what: string): JwkInvalidError => new JwkInvalidError(`malformed ${what}`);

/**
 * Portable key encodings: JWK to SubjectPublicKeyInfo and PKCS#8 DER (RSA, EC P-256/384/521,
 * Ed25519) and back, plus PEM armour. The HarmonyOS Crypto adapter uses these to feed
 * cryptoFramework, which imports DER only; `importSpki`/`importPkcs8` use them to read keys.
 * Failures throw JwkInvalidError.
 */
export class KeyEncoding {
  /** The DER SubjectPublicKeyInfo of a public (or private: only public members are used) JWK. */
  static jwkToSpki(jwk: Jwk): Uint8Array {
    if (jwk.kty === JwkKeyType.RSA) {
      const rsaKey = Der.sequence([Der.unsigned(field(jwk, 'n', jwk.n, 0)), Der.unsigned(field(jwk, 'e', jwk.e, 0))]);
      return Der.sequence([Der.sequence([Der.oid(OID_RSA), Der.nullValue()]), Der.bitString(rsaKey)]);
    }
    if (jwk.kty === JwkKeyType.EC) {
      const curve = curveByName(jwk.crv);
      return Der.sequence([Der.sequence([Der.oid(OID_EC), Der.oid(curve.oid)]), Der.bitString(ecPoint(jwk, curve))]);
    }
    if (jwk.kty === JwkKeyType.OKP) {
      requireOkp(jwk);
      return Der.sequence([Der.sequence([Der.oid(OID_ED25519)]), Der.bitString(field(jwk, 'x', jwk.x, 32))]);
    }
    throw new JwkInvalidError(`no SPKI form for kty ${JSON.stringify(jwk.kty ?? null)}`);
  }

  /** The DER PKCS#8 PrivateKeyInfo of a private JWK (RSA needs the CRT members p, q, dp, dq, qi). */
  static jwkToPkcs8(jwk: Jwk): Uint8Array {
    if (jwk.kty === JwkKeyType.RSA) {
      const names: string[] = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];
      const values: (string | undefined)[] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi];
      const ints: Uint8Array[] = [Der.smallInteger(0)];
      for (let i = 0; i < names.length; i++) {
        ints.push(Der.unsigned(field(jwk, names[i], values[i], 0)));
      }
      return KeyEncoding.pkcs8(Der.sequence([Der.oid(OID_RSA), Der.nullValue()]), Der.sequence(ints));
    }
    if (jwk.kty === JwkKeyType.EC) {
      const curve = curveByName(jwk.crv);
      const ecKey = Der.sequence([
        Der.smallInteger(1),
        Der.octetString(field(jwk, 'd', jwk.d, curve.coordinateBytes)),
        Der.encode(DerTag.CONTEXT_1, Der.bitString(ecPoint(jwk, curve)))
      ]);
      return KeyEncoding.pkcs8(Der.sequence([Der.oid(OID_EC), Der.oid(curve.oid)]), ecKey);
    }
    if (jwk.kty === JwkKeyType.OKP) {
      requireOkp(jwk);
      return KeyEncoding.pkcs8(Der.sequence([Der.oid(OID_ED25519)]), Der.octetString(field(jwk, 'd', jwk.d, 32)));
    }
    throw new JwkInvalidError(`no PKCS#8 form for kty ${JSON.stringify(jwk.kty ?? null)}`);
  }

  /** The public JWK of a DER SubjectPublicKeyInfo (RSA, EC with an uncompressed point, Ed25519). */
  static spkiToJwk(der: Uint8Array): Jwk {
    const outer = Der.expect(der, 0, der.length, DerTag.SEQUENCE);
    if (outer === undefined || outer.end !== der.length) {
      throw bad('SubjectPublicKeyInfo');
    }
    const algId = Der.expect(der, outer.start, outer.end, DerTag.SEQUENCE);
    const oid = algId === undefined ? undefined : Der.expect(der, algId.start, algId.end, DerTag.OID);
    const bits = algId === undefined ? undefined : Der.expect(der, algId.end, outer.end, DerTag.BIT_STRING);
    if (algId === undefined || oid === undefined || bits === undefined || bits.end !== outer.end ||
      bits.length < 2 || der[bits.start] !== 0) {
      throw bad('SubjectPublicKeyInfo');
    }
    const key = der.subarray(bits.start + 1, bits.end);
    if (Der.contentEquals(der, oid, OID_RSA) || Der.contentEquals(der, oid, OID_RSA_PSS)) {
      const seq = Der.expect(key, 0, key.length, DerTag.SEQUENCE);
      const n = seq === undefined ? undefined : Der.read(key, seq.start, seq.end);
      const e = seq === undefined || n === undefined ? undefined : Der.read(key, n.end, seq.end);
      const nBytes = n === undefined ? undefined : Der.unsignedInteger(key, n);
      const eBytes = e === undefined ? undefined : Der.unsignedInteger(key, e);
      if (seq === undefined || e === undefined || e.end !== seq.end || nBytes === undefined || eBytes === undefined) {
        throw bad('RSA public key');
      }
      const jwk: Jwk = { kty: JwkKeyType.RSA, n: Base64Url.encode(nBytes), e: Base64Url.encode(eBytes) };
      return jwk;
    }
    if (Der.contentEquals(der, oid, OID_EC)) {
      const curve = KeyEncoding.curveOf(der, oid.end, algId.end);
      const c = curve.coordinateBytes;
      if (key.length !== 1 + 2 * c || key[0] !== 4) {
        throw new JwkInvalidError('only uncompressed EC points are supported');
      }
      const jwk: Jwk = {
        kty: JwkKeyType.EC, crv: curve.name,
        x: Base64Url.encode(key.subarray(1, 1 + c)), y: Base64Url.encode(key.subarray(1 + c))
      };
      return jwk;
    }
    if (Der.contentEquals(der, oid, OID_ED25519) && oid.end === algId.end && key.length === 32) {
      const jwk: Jwk = { kty: JwkKeyType.OKP, crv: 'Ed25519', x: Base64Url.encode(key) };
      return jwk;
    }
    throw new JwkInvalidError('unsupported SubjectPublicKeyInfo algorithm');
  }

  /** Reads the key type, curve and RSA size of a DER PKCS#8 PrivateKeyInfo. */
  static pkcs8Info(der: Uint8Array): PrivateKeyInfo {
    const outer = Der.expect(der, 0, der.length, DerTag.SEQUENCE);
    const version = outer === undefined ? undefined : Der.expect(der, outer.start, outer.end, DerTag.INTEGER);
    const algId = version === undefined || outer === undefined ? undefined : Der.expect(der, version.end, outer.end, DerTag.SEQUENCE);
    const oid = algId === undefined ? undefined : Der.expect(der, algId.start, algId.end, DerTag.OID);
    const body = algId === undefined || outer === undefined ? undefined : Der.expect(der, algId.end, outer.end, DerTag.OCTET_STRING);
    if (outer === undefined || outer.end !== der.length || algId === undefined || oid === undefined || body === undefined) {
      throw bad('PKCS#8 PrivateKeyInfo');
    }
    if (Der.contentEquals(der, oid, OID_RSA) || Der.contentEquals(der, oid, OID_RSA_PSS)) {
      const seq = Der.expect(der, body.start, body.end, DerTag.SEQUENCE);
      const ver = seq === undefined ? undefined : Der.expect(der, seq.start, seq.end, DerTag.INTEGER);
      const n = ver === undefined || seq === undefined ? undefined : Der.expect(der, ver.end, seq.end, DerTag.INTEGER);
      const modulus = n === undefined ? undefined : Der.unsignedInteger(der, n);
      if (modulus === undefined) {
        throw bad('RSA private key');
      }
      return new PrivateKeyInfo(JwkKeyType.RSA, undefined, KeyEncoding.bitLength(modulus));
    }
    if (Der.contentEquals(der, oid, OID_EC)) {
      return new PrivateKeyInfo(JwkKeyType.EC, KeyEncoding.curveOf(der, oid.end, algId.end).name, 0);
    }
    if (Der.contentEquals(der, oid, OID_ED25519)) {
      return new PrivateKeyInfo(JwkKeyType.OKP, 'Ed25519', 0);
    }
    throw new JwkInvalidError('unsupported PKCS#8 algorithm');
  }

  /** Bit length of a big-endian unsigned integer (leading zero bytes ignored). */
  static bitLength(magnitude: Uint8Array): number {
    let i = 0;
    while (i < magnitude.length && magnitude[i] === 0) {
      i++;
    }
    if (i === magnitude.length) {
      return 0;
    }
    let top = magnitude[i];
    let bits = 0;
    while (top > 0) {
      bits++;
      top >>= 1;
    }
    return (magnitude.length - i - 1) * 8 + bits;
  }

  /** The DER inside PEM armour with the given label (`PUBLIC KEY`, `PRIVATE KEY`). */
  static pemToDer(pem: string, label: string): Uint8Array {
    const begin = `-----BEGIN ${label}-----`;
    const end = `-----END ${label}-----`;
    const a = pem.indexOf(begin);
    const b = pem.indexOf(end);
    if (a < 0 || b < a) {
      throw new JwkInvalidError(`expected a PEM "${label}" block`);
    }
    let body = '';
    for (let i = a + begin.length; i < b; i++) {
      const c = pem.charCodeAt(i);
      if (c !== 10 && c !== 13 && c !== 32 && c !== 9) {
        body += pem.charAt(i);
      }
    }
    const der = Base64.tryDecode(body);
    if (der === undefined) {
      throw new JwkInvalidError(`the PEM "${label}" block is not valid base64`);
    }
    return der;
  }

  /** PEM armour around DER, 64 characters a line. */
  static derToPem(der: Uint8Array, label: string): string {
    const b64 = Base64.encode(der);
    let out = `-----BEGIN ${label}-----\n`;
    for (let i = 0; i < b64.length; i += 64) {
      out += b64.substring(i, i + 64) + '\n';
    }
    return out + `-----END ${label}-----\n`;
  }

  private static pkcs8(algorithmIdentifier: Uint8Array, privateKey: Uint8Array): Uint8Array {
    return Der.sequence([Der.smallInteger(0), algorithmIdentifier, Der.octetString(privateKey)]);
  }

  private static curveOf(der: Uint8Array, offset: number, limit: number): Curve {
    const param: DerElement | undefined = Der.expect(der, offset, limit, DerTag.OID);
    if (param !== undefined && param.end === limit) {
      for (const c of CURVES) {
        if (Der.contentEquals(der, param, c.oid)) {
          return c;
        }
      }
    }
    throw new JwkInvalidError('unsupported or missing EC curve parameters');
  }
}
