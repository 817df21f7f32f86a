import { ServiceInstance } from '../ServiceInstance';
import { LoadBalancer, PickContext } from './LoadBalancer';

/**
 * Prefers nearby instances, wrapping any balancer: candidates on the calling device first (no
 * network at all), else those in the caller's zone, else those on the same device type, else
 * all; the inner balancer picks within the first non-empty tier. Tiers are cached per candidate
 * array, so the call path does not allocate while the service is unchanged.
 */
export class LocalityAwareBalancer implements LoadBalancer {
  readonly name: string;
  readonly inner: LoadBalancer;
  private _cachedFor: ReadonlyArray<ServiceInstance> | undefined = undefined;
  private _cachedDevice: string = '';
  private _tier: ReadonlyArray<ServiceInstance> = [];

  constructor(inner: LoadBalancer) {
    this.inner = inner;
    this.name = `locality(${inner.name})`;
  }

  pick(candidates: ReadonlyArray<ServiceInstance>, ctx: PickContext): ServiceInstance | undefined {
    if (candidates.length <= 1) {
      return candidates.length === 1 ? candidates[0] : undefined;
    }
    if (candidates !== this._cachedFor || ctx.localDeviceId !== this._cachedDevice) {
      this._tier = LocalityAwareBalancer.nearest(candidates, ctx);
      this._cachedFor = candidates;
      this._cachedDevice = ctx.localDeviceId;
    }
    return this.inner.pick(this._tier, ctx);
  }

  onCallStart(instance: ServiceInstance): void {
    this.inner.onCallStart(instance);
  }

  onCallEnd(instance: ServiceInstance, latencyMs: number, ok: boolean): void {
    this.inner.onCallEnd(instance, latencyMs, ok);
  }

  /** The first non-empty tier: same device, same zone, same device type, all. */
  static nearest(candidates: ReadonlyArray<ServiceInstance>, ctx: PickContext): ReadonlyArray<ServiceInstance> {
    const device = candidates.filter((c: ServiceInstance): boolean => c.deviceId === ctx.localDeviceId);
    if (device.length > 0) {
      return device;
    }
    const zone = ctx.localZone;
    if (zone !== undefined) {
      const sameZone = candidates.filter((c: ServiceInstance): boolean => c.zone === zone);
      if (sameZone.length > 0) {
        return sameZone;
      }
    }
    const type = candidates.filter((c: ServiceInstance): boolean => c.deviceType === ctx.localDeviceType);
    return type.length > 0 ? type : candidates;
  }
}
