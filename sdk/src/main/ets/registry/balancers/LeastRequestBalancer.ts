import { Random } from '../../platform/Random';
import { ServiceInstance } from '../ServiceInstance';
import { LoadBalancer, PickContext } from './LoadBalancer';

/**
 * Least request with the power of two choices: two distinct random candidates, the one with
 * fewer calls in flight per unit of weight wins. Almost as good as scanning for the least
 * loaded, without herding every caller onto the same instance.
 */
export class LeastRequestBalancer implements LoadBalancer {
  readonly name: string = 'least-request';
  private readonly _random: Random;
  private readonly _inflight: Map<string, number> = new Map<string, number>();

  constructor(random: Random) {
    this._random = random;
  }

  /** Calls in flight to an instance. */
  inflight(instanceId: string): number {
    return this._inflight.get(instanceId) ?? 0;
  }

  pick(candidates: ReadonlyArray<ServiceInstance>, ctx: PickContext): ServiceInstance | undefined {
    const n = candidates.length;
    if (n <= 1) {
      return n === 1 ? candidates[0] : undefined;
    }
    const i = this._random.nextInt(n);
    let j = this._random.nextInt(n - 1);
    if (j >= i) {
      j++;
    }
    const a = candidates[i];
    const b = candidates[j];
    const la = (this.inflight(a.id) + 1) / a.weight;
    const lb = (this.inflight(b.id) + 1) / b.weight;
    return lb < la ? b : a;
  }

  onCallStart(instance: ServiceInstance): void {
    this._inflight.set(instance.id, this.inflight(instance.id) + 1);
  }

  onCallEnd(instance: ServiceInstance, latencyMs: number, ok: boolean): void {
    const n = this.inflight(instance.id) - 1;
    if (n <= 0) {
      this._inflight.delete(instance.id);
    } else {
      this._inflight.set(instance.id, n);
    }
  }
}
