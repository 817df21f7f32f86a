import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Random } from '../../platform/Random';
import { ServiceInstance } from '../ServiceInstance';
import { hash32 } from './hash32';
import { LoadBalancer, PickContext } from './LoadBalancer';

/** Request header carrying the affinity key when CallOptions.hashKey is not set. */
export const DEFAULT_HASH_HEADER = 'x-mesh-hash-key';
/** Points each instance of weight 1 gets on the ring. */
export const DEFAULT_RING_REPLICAS = 160;

/** Options of a ConsistentHashBalancer. */
export interface ConsistentHashOptions {
  /** Header read for the key. Default {@link DEFAULT_HASH_HEADER}. */
  header?: string;
  /** Ring points per unit of weight. Default {@link DEFAULT_RING_REPLICAS}. */
  replicas?: number;
}

/**
 * Affinity by consistent hashing on a ring (Karger et al.): each instance owns `replicas x weight`
 * points; a key goes to the owner of the first point at or after its hash. Adding or removing one
 * of N instances moves about 1/N of the keys. The key is the call's hashKey, else the request
 * header; calls without a key are spread at random.
 */
export class ConsistentHashBalancer implements LoadBalancer {
  readonly name: string = 'consistent-hash';
  private readonly _random: Random;
  private readonly _header: string;
  private readonly _replicas: number;
  private _points: Uint32Array = new Uint32Array(0);
  private _owners: ServiceInstance[] = [];
  private _built: ReadonlyArray<ServiceInstance> | undefined = undefined;
  private _builtIds: string = '';

  constructor(random: Random, options?: ConsistentHashOptions) {
    this._random = random;
    this._header = (options?.header ?? DEFAULT_HASH_HEADER).toLowerCase();
    this._replicas = options?.replicas ?? DEFAULT_RING_REPLICAS;
    if (!Number.isInteger(this._replicas) || this._replicas < 1 || this._replicas > 10000) {
      throw new InvalidArgumentError('options.replicas', 'must be an integer in 1..10000');
    }
  }

  pick(candidates: ReadonlyArray<ServiceInstance>, ctx: PickContext): ServiceInstance | undefined {
    const n = candidates.length;
    if (n <= 1) {
      return n === 1 ? candidates[0] : undefined;
    }
    let key = ctx.hashKey;
    if (key === undefined && ctx.request !== undefined) {
      key = ctx.request.headers.get(this._header);
    }
    if (key === undefined) {
      return candidates[this._random.nextInt(n)];
    }
    this.ensureRing(candidates);
    return this.ownerOf(hash32(key));
  }

  /** The instance a key maps to among `candidates` (what `pick` would return for it). */
  lookup(candidates: ReadonlyArray<ServiceInstance>, key: string): ServiceInstance | undefined {
    if (candidates.length <= 1) {
      return candidates.length === 1 ? candidates[0] : undefined;
    }
    this.ensureRing(candidates);
    return this.ownerOf(hash32(key));
  }

  onCallStart(instance: ServiceInstance): void {}

  onCallEnd(instance: ServiceInstance, latencyMs: number, ok: boolean): void {}

  private ownerOf(h: number): ServiceInstance {
    const points = this._points;
    let lo = 0;
    let hi = points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (points[mid] < h) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return this._owners[lo === points.length ? 0 : lo];
  }

  private ensureRing(candidates: ReadonlyArray<ServiceInstance>): void {
    if (candidates === this._built) {
      return;
    }
    // The registry hands out the same array until the service changes; otherwise compare ids.
    let ids = '';
    for (const c of candidates) {
      ids += c.id + '\u0000' + c.weight + '\u0000';
    }
    this._built = candidates;
    if (ids === this._builtIds) {
      return;
    }
    this._builtIds = ids;
    const entries: number[] = [];
    const owners: ServiceInstance[] = [];
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k];
      const count = this._replicas * c.weight;
      for (let r = 0; r < count; r++) {
        entries.push(hash32(`${c.id}#${r}`));
        owners.push(c);
      }
    }
    const order: number[] = [];
    for (let i = 0; i < entries.length; i++) {
      order.push(i);
    }
    // Ties (rare) break by instance id, so the ring does not depend on candidate order.
    order.sort((a: number, b: number): number =>
      entries[a] !== entries[b] ? entries[a] - entries[b] : (owners[a].id < owners[b].id ? -1 : 1));
    const points = new Uint32Array(order.length);
    const sortedOwners: ServiceInstance[] = [];
    for (let i = 0; i < order.length; i++) {
      points[i] = entries[order[i]];
      sortedOwners.push(owners[order[i]]);
    }
    this._points = points;
    this._owners = sortedOwners;
  }
}
