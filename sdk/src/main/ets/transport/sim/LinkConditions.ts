import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { FixedLatency, LatencyModel } from './LatencyModel';

/** Default one-way latency of a simulated link: 5 ms fixed. */
export const DEFAULT_SIM_LATENCY_MS = 5;
/** Extra delay a reordered envelope gets when `reorderDelayMs` is not given. */
export const DEFAULT_REORDER_DELAY_MS = 20;

/** Conditions of a simulated link; every field optional (see LinkConditions for defaults). */
export interface LinkConditionsInit {
  /** Latency distribution. Default: the base conditions' (FixedLatency(5) for the network default). */
  latency?: LatencyModel;
  /** Extra uniform delay in [0, jitterMs). Default 0. */
  jitterMs?: number;
  /** Probability in [0, 1] that an envelope is lost. Default 0. */
  loss?: number;
  /** Probability in [0, 1] that an envelope is delivered twice. Default 0. */
  duplicate?: number;
  /** Probability in [0, 1] that an envelope is held back by `reorderDelayMs`, overtaken by later ones. Default 0. */
  reorder?: number;
  /** Hold-back of a reordered envelope. Default {@link DEFAULT_REORDER_DELAY_MS}. */
  reorderDelayMs?: number;
  /** Link capacity in bytes per second; 0 means unlimited (the default). Envelopes queue behind each other. */
  bandwidthBytesPerSec?: number;
}

const probability = (value: number | undefined, fallback: number, field: string): number => {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0 || v > 1) {
    throw new InvalidArgumentError(field, 'must be a probability in [0, 1]');
  }
  return v;
};

const nonNegative = (value: number | undefined, fallback: number, field: string): number => {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0) {
    throw new InvalidArgumentError(field, 'must be a finite number >= 0');
  }
  return v;
};

/** Fully resolved, validated link conditions (immutable). */
export class LinkConditions {
  readonly latency: LatencyModel;
  readonly jitterMs: number;
  readonly loss: number;
  readonly duplicate: number;
  readonly reorder: number;
  readonly reorderDelayMs: number;
  readonly bandwidthBytesPerSec: number;

  private constructor(latency: LatencyModel, jitterMs: number, loss: number, duplicate: number, reorder: number,
    reorderDelayMs: number, bandwidth: number) {
    this.latency = latency;
    this.jitterMs = jitterMs;
    this.loss = loss;
    this.duplicate = duplicate;
    this.reorder = reorder;
    this.reorderDelayMs = reorderDelayMs;
    this.bandwidthBytesPerSec = bandwidth;
  }

  /** A perfect link with {@link DEFAULT_SIM_LATENCY_MS} latency. */
  static readonly DEFAULT: LinkConditions = new LinkConditions(new FixedLatency(DEFAULT_SIM_LATENCY_MS), 0, 0, 0, 0,
    DEFAULT_REORDER_DELAY_MS, 0);

  /**
   * Resolves `init` over `base`: fields not given keep the base's values. Throws
   * InvalidArgumentError naming the field (`conditions.loss`, ...) for a bad value.
   */
  static resolve(init: LinkConditionsInit | undefined, base?: LinkConditions): LinkConditions {
    const b = base ?? LinkConditions.DEFAULT;
    if (init === undefined) {
      return b;
    }
    return new LinkConditions(
      init.latency ?? b.latency,
      nonNegative(init.jitterMs, b.jitterMs, 'conditions.jitterMs'),
      probability(init.loss, b.loss, 'conditions.loss'),
      probability(init.duplicate, b.duplicate, 'conditions.duplicate'),
      probability(init.reorder, b.reorder, 'conditions.reorder'),
      nonNegative(init.reorderDelayMs, b.reorderDelayMs, 'conditions.reorderDelayMs'),
      nonNegative(init.bandwidthBytesPerSec, b.bandwidthBytesPerSec, 'conditions.bandwidthBytesPerSec'));
  }

  describe(): string {
    return `${this.latency.describe()} jitter ${this.jitterMs} ms loss ${this.loss} dup ${this.duplicate} ` +
      `reorder ${this.reorder} bw ${this.bandwidthBytesPerSec === 0 ? 'unlimited' : this.bandwidthBytesPerSec + ' B/s'}`;
  }
}
