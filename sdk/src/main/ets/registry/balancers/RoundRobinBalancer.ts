import { ServiceInstance } from '../ServiceInstance';
import { LoadBalancer, PickContext } from './LoadBalancer';

/** Each candidate in turn, ignoring weights. */
export class RoundRobinBalancer implements LoadBalancer {
  readonly name: string = 'round-robin';
  private _next: number = 0;

  pick(candidates: ReadonlyArray<ServiceInstance>, ctx: PickContext): ServiceInstance | undefined {
    const n = candidates.length;
    if (n === 0) {
      return undefined;
    }
    const i = this._next % n;
    this._next = (i + 1) % 1073741824;
    return candidates[i];
  }

  onCallStart(instance: ServiceInstance): void {}

  onCallEnd(instance: ServiceInstance, latencyMs: number, ok: boolean): void {}
}
