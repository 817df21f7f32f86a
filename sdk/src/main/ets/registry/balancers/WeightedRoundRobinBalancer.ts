import { ServiceInstance } from '../ServiceInstance';
import { LoadBalancer, PickContext } from './LoadBalancer';

/**
 * Smooth weighted round robin (nginx): every pick adds each candidate's weight to its running
 * score, picks the highest and subtracts the total from it. Weights are honoured exactly over
 * each cycle of sum(weights) picks, and heavy instances are interleaved, not bunched.
 */
export class WeightedRoundRobinBalancer implements LoadBalancer {
  readonly name: string = 'weighted-round-robin';
  private _scores: Map<string, number> = new Map<string, number>();

  pick(candidates: ReadonlyArray<ServiceInstance>, ctx: PickContext): ServiceInstance | undefined {
    const n = candidates.length;
    if (n <= 1) {
      return n === 1 ? candidates[0] : undefined;
    }
    const scores = this._scores;
    if (scores.size > 2 * n + 16) {
      this.prune(candidates);
    }
    let total = 0;
    let best: ServiceInstance | undefined = undefined;
    let bestScore = -Infinity;
    for (let i = 0; i < n; i++) {
      const c = candidates[i];
      const s = (scores.get(c.id) ?? 0) + c.weight;
      scores.set(c.id, s);
      total += c.weight;
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    const chosen = best as ServiceInstance;
    scores.set(chosen.id, bestScore - total);
    return chosen;
  }

  onCallStart(instance: ServiceInstance): void {}

  onCallEnd(instance: ServiceInstance, latencyMs: number, ok: boolean): void {}

  private prune(candidates: ReadonlyArray<ServiceInstance>): void {
    const next = new Map<string, number>();
    for (const c of candidates) {
      const s = this._scores.get(c.id);
      if (s !== undefined) {
        next.set(c.id, s);
      }
    }
    this._scores = next;
  }
}
