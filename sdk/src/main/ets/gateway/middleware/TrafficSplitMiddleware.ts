import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Headers } from '../../core/headers/Headers';
import { GatewayAttribute } from '../GatewayAttribute';
import { GatewayContext } from '../GatewayContext';
import { GatewayMiddleware, GatewayNext } from '../GatewayMiddleware';

/** One weighted destination of a split. Omitted fields keep the route's target. */
export interface TrafficSplitEntry {
  /** Relative weight (>= 0); weights need not add up to 100. */
  weight: number;
  service?: string;
  /** Version range of the instances to use, e.g. `2.x`. */
  version?: string;
}

/** A header rule that sends matching requests to a canary, ahead of any weighted split. */
export interface CanaryRule {
  /** The request header to look at. */
  header: string;
  /** The exact value to match; undefined matches any value (the header is present). */
  value?: string;
  service?: string;
  version?: string;
}

/** Options of a {@link TrafficSplitMiddleware}. */
export interface TrafficSplitOptions {
  /** Weighted destinations; empty for canary rules only. */
  splits?: TrafficSplitEntry[];
  /** Canary rules, checked in order before the weighted split. */
  canary?: CanaryRule[];
  /** Give each client the same destination every time (hash of `ctx.clientKey`) instead of a random draw. Default false. */
  sticky?: boolean;
}

// FNV-1a over UTF-16 code units: a stable spread of client keys over [0, 1).
const fraction = (key: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  }
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return ((h ^ (h >>> 12)) >>> 0) / 4294967296;
};

/**
 * Splits a route's traffic across service versions by weight (the gateway's Random draws, or a
 * client-key hash when sticky) and sends requests matching a header rule to a canary first. It sets
 * `ctx.target.service` / `ctx.target.version`, which the upstream (MeshNode) uses to pick instances,
 * and records `canary`, `split` or `default` in the `gateway.split` attribute.
 */
export class TrafficSplitMiddleware implements GatewayMiddleware {
  readonly name: string = 'traffic-split';
  private readonly _splits: TrafficSplitEntry[];
  private readonly _canary: CanaryRule[];
  private readonly _total: number;
  private readonly _sticky: boolean;

  constructor(options: TrafficSplitOptions) {
    const splits = options?.splits ?? [];
    const canary = options?.canary ?? [];
    let total = 0;
    splits.forEach((s: TrafficSplitEntry, i: number): void => {
      if (!Number.isFinite(s.weight) || s.weight < 0) {
        throw new InvalidArgumentError(`options.splits[${i}].weight`, 'must be a finite number >= 0');
      }
      total += s.weight;
    });
    if (splits.length > 0 && total <= 0) {
      throw new InvalidArgumentError('options.splits', 'weights must add up to more than 0');
    }
    canary.forEach((c: CanaryRule, i: number): void => {
      if (typeof c.header !== 'string' || !Headers.isValidName(c.header)) {
        throw new InvalidArgumentError(`options.canary[${i}].header`, 'must be a valid header name');
      }
      if (c.service === undefined && c.version === undefined) {
        throw new InvalidArgumentError(`options.canary[${i}]`, 'must name a service or a version');
      }
    });
    if (splits.length === 0 && canary.length === 0) {
      throw new InvalidArgumentError('options', 'give splits, canary rules or both');
    }
    this._splits = splits.slice();
    this._canary = canary.slice();
    this._total = total;
    this._sticky = options.sticky ?? false;
  }

  async handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    ctx.attributes.set(GatewayAttribute.SPLIT, this.choose(ctx));
    await next();
  }

  /** Applies the canary rules or the split to `ctx.target`; returns `canary`, `split` or `default`. */
  choose(ctx: GatewayContext): string {
    for (const rule of this._canary) {
      const v = ctx.request.headers.get(rule.header);
      if (v !== undefined && (rule.value === undefined || rule.value === v)) {
        this.apply(ctx, rule.service, rule.version);
        return 'canary';
      }
    }
    if (this._splits.length === 0) {
      return 'default';
    }
    const r = (this._sticky ? fraction(ctx.clientKey) : ctx.random.next()) * this._total;
    let acc = 0;
    for (const s of this._splits) {
      acc += s.weight;
      if (r < acc) {
        this.apply(ctx, s.service, s.version);
        return 'split';
      }
    }
    const last = this._splits[this._splits.length - 1];
    this.apply(ctx, last.service, last.version);
    return 'split';
  }

  private apply(ctx: GatewayContext, service: string | undefined, version: string | undefined): void {
    if (service !== undefined) {
      ctx.target.service = service;
    }
    if (version !== undefined) {
      ctx.target.version = version;
    }
  }
}
