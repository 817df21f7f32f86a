// A desktop stand-in for cryptoFramework (@kit.CryptoArchitectureKit) built on node:crypto, with the
// documented behaviour OhosCrypto relies on: algorithm strings such as 'ECC256|SHA256' and
// 'RSA|PSS|SHA256|MGF1_SHA256', keys converted from SPKI/PKCS#8 DER, ECDSA signatures in ASN.1 DER,
// `null` data meaning "nothing more", BusinessError codes 401/801/17630001. It lets the desktop run
// the adapter's own logic; only a device run proves the real framework matches it.
import * as nodeCrypto from 'node:crypto';
import { FakeBusinessError } from './BusinessError';

interface DataBlob { data: Uint8Array }
const blob = (b: Buffer | Uint8Array): DataBlob => ({ data: new Uint8Array(b) });
const NODE_MD: Record<string, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' };
const CURVES: Record<string, string> = { ECC256: 'prime256v1', ECC384: 'secp384r1', ECC521: 'secp521r1' };
const mdOf = (name: string): string => {
  const md = NODE_MD[name];
  if (md === undefined) throw new FakeBusinessError(801, `unsupported digest ${name}`);
  return md;
};

/** Counters the tests read: how the adapter used the framework. */
export const cryptoFrameworkCalls = { sign: [] as string[], verify: [] as string[], convertKey: [] as string[], saltLengths: [] as number[] };

class FakeKey {
  readonly format: string;
  readonly algName: string;
  readonly node: nodeCrypto.KeyObject;
  private readonly _encoded: Uint8Array;

  constructor(node: nodeCrypto.KeyObject, algName: string) {
    this.node = node;
    this.algName = algName;
    if (node.type === 'secret') {
      this.format = 'RAW';
      this._encoded = new Uint8Array(node.export());
    } else if (node.type === 'public') {
      this.format = 'X.509';
      this._encoded = new Uint8Array(node.export({ format: 'der', type: 'spki' }));
    } else {
      this.format = 'PKCS#8';
      this._encoded = new Uint8Array(node.export({ format: 'der', type: 'pkcs8' }));
    }
  }

  getEncoded(): DataBlob {
    return blob(this._encoded);
  }

  clearMem(): void {}
}

const keyFamily = (algName: string, node: nodeCrypto.KeyObject): void => {
  const type = node.asymmetricKeyType;
  const curve = node.asymmetricKeyDetails?.namedCurve;
  const ok = algName.startsWith('RSA') ? type === 'rsa'
    : algName === 'Ed25519' ? type === 'ed25519'
    : CURVES[algName] !== undefined ? type === 'ec' && curve === CURVES[algName] : false;
  if (!ok) throw new FakeBusinessError(17630001, `key does not match generator ${algName}`);
};

class AsyKeyGenerator {
  readonly algName: string;

  constructor(algName: string) {
    if (!/^RSA(512|768|1024|2048|3072|4096|8192)$/.test(algName) && algName !== 'Ed25519' && CURVES[algName] === undefined) {
      throw new FakeBusinessError(801, `unsupported generator ${algName}`);
    }
    this.algName = algName;
  }

  async generateKeyPair(): Promise<{ pubKey: FakeKey; priKey: FakeKey }> {
    let pair: nodeCrypto.KeyPairKeyObjectResult;
    if (this.algName.startsWith('RSA')) pair = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: Number(this.algName.slice(3)) });
    else if (this.algName === 'Ed25519') pair = nodeCrypto.generateKeyPairSync('ed25519');
    else pair = nodeCrypto.generateKeyPairSync('ec', { namedCurve: CURVES[this.algName] });
    return { pubKey: new FakeKey(pair.publicKey, this.algName), priKey: new FakeKey(pair.privateKey, this.algName) };
  }

  async convertKey(pub: DataBlob | null, pri: DataBlob | null): Promise<{ pubKey: FakeKey; priKey: FakeKey }> {
    cryptoFrameworkCalls.convertKey.push(`${this.algName}:${pub ? 'spki' : ''}${pri ? 'pkcs8' : ''}`);
    let pubKey: FakeKey | undefined;
    let priKey: FakeKey | undefined;
    try {
      if (pub) pubKey = new FakeKey(nodeCrypto.createPublicKey({ key: Buffer.from(pub.data), format: 'der', type: 'spki' }), this.algName);
      if (pri) priKey = new FakeKey(nodeCrypto.createPrivateKey({ key: Buffer.from(pri.data), format: 'der', type: 'pkcs8' }), this.algName);
    } catch (e) {
      throw new FakeBusinessError(17630001, `convertKey: ${(e as Error).message}`);
    }
    if (pubKey) keyFamily(this.algName, pubKey.node);
    if (priKey) keyFamily(this.algName, priKey.node);
    return { pubKey: pubKey as FakeKey, priKey: priKey as FakeKey };
  }
}

interface SignParams { kind: 'ecc' | 'pkcs1' | 'pss' | 'ed25519'; md: string | null }
const parseSpec = (spec: string): SignParams => {
  const parts = spec.split('|');
  if (spec === 'Ed25519') return { kind: 'ed25519', md: null };
  if (/^ECC(256|384|521)?$/.test(parts[0]) && parts.length === 2) return { kind: 'ecc', md: mdOf(parts[1]) };
  if (/^RSA\d*$/.test(parts[0]) && parts[1] === 'PKCS1' && parts.length === 3) return { kind: 'pkcs1', md: mdOf(parts[2]) };
  if (/^RSA\d*$/.test(parts[0]) && parts[1] === 'PSS' && parts.length === 4 && parts[3] === `MGF1_${parts[2]}`) return { kind: 'pss', md: mdOf(parts[2]) };
  throw new FakeBusinessError(801, `unsupported sign spec ${spec}`);
};

class Signer {
  readonly algName: string;
  private readonly _params: SignParams;
  private _key: FakeKey | undefined;
  private _salt = -1;
  private readonly _chunks: Buffer[] = [];

  constructor(algName: string) {
    this.algName = algName;
    this._params = parseSpec(algName);
  }

  async init(key: FakeKey): Promise<void> {
    this._key = key;
  }

  async update(data: DataBlob): Promise<void> {
    this._chunks.push(Buffer.from(data.data));
  }

  setSignSpec(item: number, value: number): void {
    if (item !== 103) throw new FakeBusinessError(401, 'only PSS_SALT_LEN_NUM is faked');
    this._salt = value;
    cryptoFrameworkCalls.saltLengths.push(value);
  }

  setVerifySpec(item: number, value: number): void {
    this.setSignSpec(item, value);
  }

  private options(): nodeCrypto.SignKeyObjectInput {
    const key = this._key as FakeKey;
    if (this._params.kind === 'pss') {
      return { key: key.node, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: this._salt < 0 ? 20 : this._salt };
    }
    if (this._params.kind === 'ecc') return { key: key.node, dsaEncoding: 'der' };
    return { key: key.node };
  }

  async sign(data: DataBlob | null): Promise<DataBlob> {
    cryptoFrameworkCalls.sign.push(this.algName);
    if (data !== null && data.data.length === 0) throw new FakeBusinessError(401, 'empty data blob: pass null');
    const input = Buffer.concat(data ? this._chunks.concat([Buffer.from(data.data)]) : this._chunks);
    return blob(nodeCrypto.sign(this._params.md, input, this.options() as nodeCrypto.SignKeyObjectInput));
  }

  async verify(data: DataBlob | null, signature: DataBlob): Promise<boolean> {
    cryptoFrameworkCalls.verify.push(this.algName);
    if (data !== null && data.data.length === 0) throw new FakeBusinessError(401, 'empty data blob: pass null');
    const input = Buffer.concat(data ? this._chunks.concat([Buffer.from(data.data)]) : this._chunks);
    try {
      return nodeCrypto.verify(this._params.md, input, this.options() as nodeCrypto.VerifyKeyObjectInput, Buffer.from(signature.data));
    } catch (e) {
      throw new FakeBusinessError(17630001, `verify: ${(e as Error).message}`);
    }
  }
}

class Mac {
  readonly algName: string;
  private _hmac: nodeCrypto.Hmac | undefined;

  constructor(md: string) {
    this.algName = md;
    mdOf(md);
  }

  async init(key: FakeKey): Promise<void> {
    this._hmac = nodeCrypto.createHmac(mdOf(this.algName), key.node);
  }

  async update(data: DataBlob): Promise<void> {
    if (data.data.length === 0) throw new FakeBusinessError(401, 'empty data blob');
    this._hmac?.update(data.data);
  }

  async doFinal(): Promise<DataBlob> {
    return blob((this._hmac as nodeCrypto.Hmac).digest());
  }

  getMacLength(): number {
    return nodeCrypto.createHash(mdOf(this.algName)).digest().length;
  }
}

class Md {
  readonly algName: string;
  private readonly _hash: nodeCrypto.Hash;

  constructor(md: string) {
    this.algName = md;
    this._hash = nodeCrypto.createHash(mdOf(md));
  }

  async update(data: DataBlob): Promise<void> {
    if (data.data.length === 0) throw new FakeBusinessError(401, 'empty data blob');
    this._hash.update(data.data);
  }

  async digest(): Promise<DataBlob> {
    return blob(this._hash.digest());
  }

  getMdLength(): number {
    return nodeCrypto.createHash(this.algName.replace('SHA', 'sha')).digest().length;
  }
}

export const cryptoFramework = {
  SignSpecItem: { PSS_MD_NAME_STR: 100, PSS_MGF_NAME_STR: 101, PSS_MGF1_MD_STR: 102, PSS_SALT_LEN_NUM: 103, PSS_TRAILER_FIELD_NUM: 104 },
  createMd: (name: string): Md => new Md(name),
  createMac: (name: string): Mac => new Mac(name),
  createSign: (spec: string): Signer => new Signer(spec),
  createVerify: (spec: string): Signer => new Signer(spec),
  createAsyKeyGenerator: (name: string): AsyKeyGenerator => new AsyKeyGenerator(name),
  createSymKeyGenerator: (name: string): { algName: string; convertKey: (b: DataBlob) => Promise<FakeKey> } => {
    if (name !== 'HMAC') throw new FakeBusinessError(801, `unsupported symmetric generator ${name}`);
    return {
      algName: name,
      convertKey: async (b: DataBlob): Promise<FakeKey> => {
        if (b.data.length === 0) throw new FakeBusinessError(401, 'empty HMAC key');
        return new FakeKey(nodeCrypto.createSecretKey(Buffer.from(b.data)), 'HMAC');
      },
    };
  },
  createRandom: (): { algName: string; generateRandomSync: (len: number) => DataBlob } => ({
    algName: 'CTR_DRBG',
    generateRandomSync: (len: number): DataBlob => {
      if (!(len > 0)) throw new FakeBusinessError(401, 'len must be positive');
      return blob(nodeCrypto.randomBytes(len));
    },
  }),
};
