import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Clock } from '../../platform/Clock';
import { Random } from '../../platform/Random';
import { ServiceInstance } from '../ServiceInstance';
import { LoadBalancer, PickContext } from './LoadBalancer';

/** Time constant of the latency average: 10 s. */
export const DEFAULT_EWMA_DECAY_MS = 10000;
/** Cost of an instance with calls in flight and no latency sample yet (it is being tried). */
const PENALTY = 1e6;

class EwmaState {
  cost: number = 0;
  stamp: number = 0;
  inflight: number = 0;
}

/** Options of a P2cEwmaBalancer. */
export interface P2cEwmaOptions {
  /** Time constant of the moving average. Default {@link DEFAULT_EWMA_DECAY_MS}. */
  decayMs?: number;
}

/**
 * Power of two choices over peak-EWMA latency (Finagle, Linkerd): each instance's cost is its
 * moving-average latency, jumping up at once on a slower sample and decaying towards zero while
 * it is not used (so a slow instance is retried now and then), times its calls in flight + 1.
 * Of two random candidates the cheaper wins, which steers traffic away from slow instances.
 */
export class P2cEwmaBalancer implements LoadBalancer {
  readonly name: string = 'p2c-ewma';
  private readonly _random: Random;
  private readonly _clock: Clock;
  private readonly _decayMs: number;
  private readonly _states: Map<string, EwmaState> = new Map<string, EwmaState>();

  constructor(random: Random, clock: Clock, options?: P2cEwmaOptions) {
    this._random = random;
    this._clock = clock;
    this._decayMs = options?.decayMs ?? DEFAULT_EWMA_DECAY_MS;
    if (!Number.isFinite(this._decayMs) || this._decayMs <= 0) {
      throw new InvalidArgumentError('options.decayMs', 'must be a number > 0');
    }
  }

  /** The current cost of an instance (decayed average latency x (in flight + 1)). */
  cost(instanceId: string): number {
    const s = this._states.get(instanceId);
    if (s === undefined) {
      return 0;
    }
    const age = this._clock.now() - s.stamp;
    // Most picks happen in the same instant as the last update: no decay to compute then.
    const decayed = age <= 0 ? s.cost : s.cost * Math.exp(-age / this._decayMs);
    if (decayed === 0 && s.inflight > 0) {
      return PENALTY + s.inflight;
    }
    return decayed * (s.inflight + 1);
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
    return this.cost(b.id) / b.weight < this.cost(a.id) / a.weight ? b : a;
  }

  onCallStart(instance: ServiceInstance): void {
    this.state(instance.id).inflight++;
  }

  onCallEnd(instance: ServiceInstance, latencyMs: number, ok: boolean): void {
    const s = this.state(instance.id);
    if (s.inflight > 0) {
      s.inflight--;
    }
    const now = this._clock.now();
    const rtt = Math.max(0, latencyMs);
    if (rtt > s.cost) {
      s.cost = rtt;
    } else {
      const w = Math.exp(-Math.max(0, now - s.stamp) / this._decayMs);
      s.cost = s.cost * w + rtt * (1 - w);
    }
    s.stamp = now;
  }

  private state(id: string): EwmaState {
    let s = this._states.get(id);
    if (s === undefined) {
      s = new EwmaState();
      s.stamp = this._clock.now();
      this._states.set(id, s);
    }
    return s;
  }
}
