import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { AttemptContext } from '../../mesh/CallContext';
import { MeshNode } from '../../mesh/MeshNode';
import { MeshPlugin } from '../../mesh/MeshPlugin';
import { ServiceContext } from '../../mesh/ServiceContext';
import { MeshResponse } from '../../transport/MeshResponse';
import { JtiReplayCache } from '../jwt/JtiReplayCache';
import { JwtVerifier } from '../jwt/JwtVerifier';
import { JwtVerifyResult } from '../jwt/JwtVerifyResult';
import { KeySource } from '../keys/KeySource';
import { DEFAULT_DEVICE_TOKEN_TTL_SECONDS, DEVICE_TOKEN_TYP, DeviceIdentity, DeviceIdentityError } from './DeviceIdentity';

/** Envelope (request) header carrying the caller's device token. */
export const DEFAULT_DEVICE_TOKEN_HEADER = 'x-mesh-device-token';
/** `ServiceContext.attributes` key of the verified caller device id (a string). */
export const DEVICE_ATTRIBUTE = 'auth.device';
/** Default allowed clock skew between devices, in seconds. */
export const DEFAULT_DEVICE_CLOCK_TOLERANCE_SECONDS = 5;
/** Default algorithms accepted for device tokens. */
export const DEFAULT_DEVICE_ALGORITHMS: string[] = ['ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** Options of a {@link DeviceIdentityPlugin}. */
export interface DeviceIdentityOptions {
  /** This node's identity (its device id must be the node's). Required. */
  identity: DeviceIdentity;
  /** The keys of the devices this node trusts (a DeviceKeyRegistry, or any KeySource keyed by `kid`). Required. */
  trust: KeySource;
  /** Refuse calls from other devices that carry no device token. Default true. */
  requireInbound?: boolean;
  /** Attach a token to calls to other devices. Default true. */
  signOutbound?: boolean;
  /** Also check calls from this very device (which never cross the network). Default false. */
  verifyLocal?: boolean;
  /** Header name. Default {@link DEFAULT_DEVICE_TOKEN_HEADER}. */
  header?: string;
  /** Lifetime of minted tokens, in seconds. Default {@link DEFAULT_DEVICE_TOKEN_TTL_SECONDS} (60). */
  tokenTtlSeconds?: number;
  /** Allowed skew between device clocks. Default {@link DEFAULT_DEVICE_CLOCK_TOLERANCE_SECONDS} (5). */
  clockToleranceSeconds?: number;
  /** Accepted algorithms. Default {@link DEFAULT_DEVICE_ALGORITHMS}. */
  algorithms?: string[];
  /** Token ids remembered against replays. Default 10000. */
  replayCacheSize?: number;
}

/**
 * Device identity for MeshNode calls. Outbound: every call attempt to another device carries a
 * short-lived token signed with this device's key (`aud` = the target device, `svc` = the service,
 * a fresh `jti`). Inbound: calls from other devices must carry a valid token from a trusted key
 * whose device id equals the envelope's `from` (so a device cannot pose as another), addressed to
 * this device and this service, not expired, and never seen before (replays are refused).
 * Rejections fail the call with `ERR_DEVICE_IDENTITY` (the verification error is the cause).
 *
 * @example
 * const registry = new DeviceKeyRegistry(crypto);   // provisioned with every device's publicJwk
 * MeshNode.create({ ..., plugins: [new DeviceIdentityPlugin({ identity, trust: registry })] });
 */
export class DeviceIdentityPlugin implements MeshPlugin {
  readonly name: string = 'device-identity';
  readonly install: (node: MeshNode) => void;
  private readonly _identity: DeviceIdentity;
  private readonly _trust: KeySource;
  private readonly _requireInbound: boolean;
  private readonly _signOutbound: boolean;
  private readonly _verifyLocal: boolean;
  private readonly _header: string;
  private readonly _ttl: number;
  private readonly _tolerance: number;
  private readonly _algorithms: string[];
  private readonly _replay: JtiReplayCache;
  private _verifier: JwtVerifier | undefined = undefined;
  private _accepted: number = 0;
  private _rejected: number = 0;
  private _signed: number = 0;

  constructor(options: DeviceIdentityOptions) {
    if (options === undefined || options === null || !(options.identity instanceof DeviceIdentity)) {
      throw new InvalidArgumentError('options.identity', 'must be a DeviceIdentity');
    }
    if (options.trust === undefined || options.trust === null) {
      throw new InvalidArgumentError('options.trust', 'is required (the trusted device keys)');
    }
    const ttl = options.tokenTtlSeconds ?? DEFAULT_DEVICE_TOKEN_TTL_SECONDS;
    if (!Number.isFinite(ttl) || ttl <= 0) {
      throw new InvalidArgumentError('options.tokenTtlSeconds', 'must be a number > 0');
    }
    this._identity = options.identity;
    this._trust = options.trust;
    this._requireInbound = options.requireInbound ?? true;
    this._signOutbound = options.signOutbound ?? true;
    this._verifyLocal = options.verifyLocal ?? false;
    this._header = (options.header ?? DEFAULT_DEVICE_TOKEN_HEADER).toLowerCase();
    this._ttl = ttl;
    this._tolerance = options.clockToleranceSeconds ?? DEFAULT_DEVICE_CLOCK_TOLERANCE_SECONDS;
    this._algorithms = (options.algorithms ?? DEFAULT_DEVICE_ALGORITHMS).slice();
    this._replay = new JtiReplayCache({ maxEntries: options.replayCacheSize });
    this.install = (node: MeshNode): void => this.attach(node);
  }

  /** Inbound calls whose device token verified. */
  get accepted(): number {
    return this._accepted;
  }

  /** Inbound calls refused (no token, bad token, spoofed sender, replay). */
  get rejected(): number {
    return this._rejected;
  }

  /** Tokens minted for outbound attempts. */
  get signed(): number {
    return this._signed;
  }

  private attach(node: MeshNode): void {
    if (node.deviceId !== this._identity.deviceId) {
      throw new InvalidArgumentError('options.identity', `belongs to ${this._identity.deviceId}, not to node ${node.deviceId}`);
    }
    this._verifier = new JwtVerifier(this._trust, {
      algorithms: this._algorithms, audience: node.deviceId, typ: DEVICE_TOKEN_TYP, clock: node.clock,
      clockToleranceSeconds: this._tolerance, maxTokenAgeSeconds: this._ttl, requiredClaims: ['iss', 'sub', 'exp'],
      replayCache: this._replay
    });
    if (this._signOutbound) {
      node.useAttempt((ctx: AttemptContext, next: () => Promise<MeshResponse>): Promise<MeshResponse> => {
        if (ctx.local) {
          return next();
        }
        return this._identity.issue(ctx.instance.deviceId, ctx.serviceName, node.clock, node.random, this._ttl)
          .then((token: string): Promise<MeshResponse> => {
            this._signed++;
            ctx.request.headers.set(this._header, token);
            return next();
          });
      });
    }
    node.useInbound((ctx: ServiceContext, next: () => Promise<MeshResponse>): Promise<MeshResponse> =>
      this.checkInbound(ctx, next));
  }

  private checkInbound(ctx: ServiceContext, next: () => Promise<MeshResponse>): Promise<MeshResponse> {
    if (ctx.local && !this._verifyLocal) {
      return next();
    }
    const from = ctx.callerDeviceId;
    const token = ctx.request.headers.get(this._header);
    const verifier = this._verifier as JwtVerifier;
    if (token === undefined) {
      if (!this._requireInbound) {
        return next();
      }
      this._rejected++;
      return Promise.reject<MeshResponse>(new DeviceIdentityError(from, `call from ${from} carries no device token`));
    }
    return verifier.verify(token).then((r: JwtVerifyResult): Promise<MeshResponse> => {
      const sub = r.payload.sub;
      if (sub !== from || r.payload.iss !== from || r.key.kid !== from) {
        this._rejected++;
        throw new DeviceIdentityError(from, `the device token speaks for ${sub ?? 'nobody'}, but the call came from ${from}`);
      }
      const svc = r.payload.getString('svc');
      if (svc !== undefined && svc !== ctx.serviceName) {
        this._rejected++;
        throw new DeviceIdentityError(from, `the device token is for service ${svc}, not ${ctx.serviceName}`);
      }
      this._accepted++;
      ctx.attributes.set(DEVICE_ATTRIBUTE, from);
      return next();
    }, (e: Error): Promise<MeshResponse> => {
      this._rejected++;
      throw new DeviceIdentityError(from, `device token of ${from} rejected: ${e.message}`, e);
    });
  }
}
