import { Random } from '../../platform/Random';
import { ServiceInstance } from '../ServiceInstance';
import { LoadBalancer, PickContext } from './LoadBalancer';

/** A random candidate, with probability proportional to its weight. */
export class RandomBalancer implements LoadBalancer {
  readonly name: string = 'random';
  private readonly _random: Random;

  constructor(random: Random) {
    this._random = random;
  }

  pick(candidates: ReadonlyArray<ServiceInstance>, ctx: PickContext): ServiceInstance | undefined {
    const n = candidates.length;
    if (n <= 1) {
      return n === 1 ? candidates[0] : undefined;
    }
    let total = 0;
    let uniform = true;
    for (let i = 0; i < n; i++) {
      total += candidates[i].weight;
      if (candidates[i].weight !== candidates[0].weight) {
        uniform = false;
      }
    }
    if (uniform) {
      return candidates[this._random.nextInt(n)];
    }
    let r = this._random.next() * total;
    for (let i = 0; i < n; i++) {
      r -= candidates[i].weight;
      if (r < 0) {
        return candidates[i];
      }
    }
    return candidates[n - 1];
  }

  onCallStart(instance: ServiceInstance): void {}

  onCallEnd(instance: ServiceInstance, latencyMs: number, ok: boolean): void {}
}
