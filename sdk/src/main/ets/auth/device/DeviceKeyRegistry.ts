import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Crypto } from '../../platform/crypto/Crypto';
import { Jwk } from '../../platform/crypto/Jwk';
import { JwksNoMatchingKeyError } from '../errors/JoseErrors';
import { JwkKeyType } from '../jwa/JwsAlgorithms';
import { JwsHeader } from '../jws/JwsHeader';
import { JoseKey } from '../keys/JoseKey';
import { KeySource } from '../keys/KeySource';

/**
 * The trust store of device keys: which public key speaks for which device id. A token's `kid`
 * must name a registered device, and only that device's key is tried. Register keys from a
 * provisioning step (the simulator's secure preset registers every simulated device); a device
 * that is not registered cannot call nodes that require identities.
 */
export class DeviceKeyRegistry implements KeySource {
  private readonly _crypto: Crypto;
  private readonly _keys: Map<string, JoseKey[]> = new Map<string, JoseKey[]>();

  constructor(crypto: Crypto) {
    this._crypto = crypto;
  }

  /** Trusts `jwk` (public, EC or OKP) as the key of `deviceId`, replacing any previous key. Throws JwkInvalidError. */
  add(deviceId: string, jwk: Jwk): JoseKey {
    if (typeof deviceId !== 'string' || deviceId.length === 0) {
      throw new InvalidArgumentError('deviceId', 'must be a non-empty string');
    }
    const pub: Jwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: deviceId, alg: jwk.alg, use: 'sig' };
    const key = JoseKey.fromJwk(this._crypto, pub);
    if (key.keyType !== JwkKeyType.EC && key.keyType !== JwkKeyType.OKP) {
      throw new InvalidArgumentError('jwk', 'device keys are EC or OKP public keys');
    }
    this._keys.set(deviceId, [key]);
    return key;
  }

  /** Stops trusting `deviceId`; true when it was registered. */
  remove(deviceId: string): boolean {
    return this._keys.delete(deviceId);
  }

  has(deviceId: string): boolean {
    return this._keys.has(deviceId);
  }

  /** The registered device ids. */
  devices(): string[] {
    return Array.from(this._keys.keys());
  }

  resolveKeys(header: JwsHeader): JoseKey[] {
    const kid = header.kid;
    const keys = kid === undefined ? undefined : this._keys.get(kid);
    if (keys === undefined) {
      throw new JwksNoMatchingKeyError(`no trusted key for device ${JSON.stringify(kid ?? null)}`);
    }
    return keys;
  }
}
