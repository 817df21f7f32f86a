import { ErrorCode } from '../../core/errors/ErrorCode';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import { IdGenerator } from '../../core/ids/IdGenerator';
import { Clock } from '../../platform/Clock';
import { Crypto } from '../../platform/crypto/Crypto';
import { KeyGenAlgorithm } from '../../platform/crypto/CryptoTypes';
import { Jwk } from '../../platform/crypto/Jwk';
import { Random } from '../../platform/Random';
import { JoseError } from '../errors/JoseErrors';
import { JwkKeyType, JwsAlgorithms } from '../jwa/JwsAlgorithms';
import { JoseKey } from '../keys/JoseKey';
import { SignJwt } from '../jwt/SignJwt';

/** `typ` of device tokens: explicit typing keeps them from being accepted as any other JWT. */
export const DEVICE_TOKEN_TYP = 'arkmesh-device+jwt';
/** Default lifetime of a device token, in seconds (a token covers one call). */
export const DEFAULT_DEVICE_TOKEN_TTL_SECONDS = 60;
/** Default device key algorithm. */
export const DEFAULT_DEVICE_KEY_ALG = 'ES256';

/** A call was refused because its caller's device identity did not check out (`ERR_DEVICE_IDENTITY`). */
export class DeviceIdentityError extends JoseError {
  /** The device the call claimed to come from. */
  readonly deviceId: string;

  constructor(deviceId: string, message: string, cause?: Error) {
    super(ErrorCode.DEVICE_IDENTITY, message, cause);
    this.name = 'DeviceIdentityError';
    this.deviceId = deviceId;
  }
}

/**
 * One device's identity: its id and a private key (ES256 or EdDSA), whose public half other
 * devices trust (a {@link DeviceKeyRegistry}). It mints the short-lived tokens a node attaches
 * to its outgoing calls: `iss` = `sub` = `kid` = the device id, `aud` = the receiving device,
 * `svc` = the called service, a fresh `jti`, `iat` and `exp` from the Clock.
 */
export class DeviceIdentity {
  readonly deviceId: string;
  readonly alg: string;
  /** The signing key (kid = device id). */
  readonly key: JoseKey;
  /** The public JWK to register with peers (kid = device id, alg, use `sig`). */
  readonly publicJwk: Jwk;

  /** Wraps an existing private key. Throws InvalidArgumentError when it cannot sign with `alg`. */
  constructor(deviceId: string, key: JoseKey, alg?: string) {
    if (typeof deviceId !== 'string' || deviceId.length === 0) {
      throw new InvalidArgumentError('deviceId', 'must be a non-empty string');
    }
    const algorithm = alg ?? key.alg ?? DEFAULT_DEVICE_KEY_ALG;
    const entry = JwsAlgorithms.get(algorithm);
    if (entry === undefined || entry.keyType === JwkKeyType.OCT || key.checkAlgorithm(entry, true) !== undefined) {
      throw new InvalidArgumentError('key', `must be a private ${algorithm} key (device identities use asymmetric keys)`);
    }
    const pub = key.publicJwk();
    if (pub === undefined) {
      throw new InvalidArgumentError('key', 'must include its public half (a private JWK)');
    }
    pub.kid = deviceId;
    pub.alg = algorithm;
    pub.use = 'sig';
    this.deviceId = deviceId;
    this.alg = algorithm;
    this.key = key;
    this.publicJwk = pub;
  }

  /** Generates a fresh key pair for `deviceId` (non-extractable private key). */
  static async generate(crypto: Crypto, deviceId: string, alg?: string): Promise<DeviceIdentity> {
    const algorithm = alg ?? DEFAULT_DEVICE_KEY_ALG;
    const entry = JwsAlgorithms.get(algorithm);
    if (entry === undefined || (entry.keyType !== JwkKeyType.EC && entry.keyType !== JwkKeyType.OKP)) {
      throw new InvalidArgumentError('alg', `device keys are ES256/ES384/ES512 or EdDSA, not ${algorithm}`);
    }
    const gen: KeyGenAlgorithm = { name: entry.importAlgorithm.name, namedCurve: entry.importAlgorithm.namedCurve };
    const pair = await crypto.generateKeyPair(gen, true, ['sign', 'verify']);
    const jwk = await crypto.exportJwk(pair.privateKey);
    const privateJwk: Jwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d, kid: deviceId, alg: algorithm };
    return new DeviceIdentity(deviceId, JoseKey.fromJwk(crypto, privateJwk), algorithm);
  }

  /** The public key as peers should trust it. */
  publicKey(crypto: Crypto): JoseKey {
    return JoseKey.fromJwk(crypto, this.publicJwk);
  }

  /** Mints a token for one call to `audience` (a device id) for `service`, valid `ttlSeconds`. */
  issue(audience: string, service: string, clock: Clock, random: Random, ttlSeconds?: number): Promise<string> {
    const claims: JsonObject = {};
    claims['svc'] = service as JsonValue;
    return new SignJwt(claims)
      .setProtectedHeader({ alg: this.alg, kid: this.deviceId, typ: DEVICE_TOKEN_TYP })
      .setIssuer(this.deviceId).setSubject(this.deviceId).setAudience(audience)
      .setJti(new IdGenerator(random).uuid())
      .setClock(clock).setIssuedAt().setExpiresIn(ttlSeconds ?? DEFAULT_DEVICE_TOKEN_TTL_SECONDS)
      .sign(this.key);
  }
}
