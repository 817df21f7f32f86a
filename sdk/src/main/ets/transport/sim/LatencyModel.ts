import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Random } from '../../platform/Random';

/** A distribution of one-way link latency in milliseconds, sampled per envelope. */
export interface LatencyModel {
  /** One latency sample (>= 0 ms). */
  sample(random: Random): number;
  /** A short description for logs and the simulator UI, e.g. `uniform(2..8 ms)`. */
  describe(): string;
}

const check = (value: number, field: string, min: number): number => {
  if (!Number.isFinite(value) || value < min) {
    throw new InvalidArgumentError(field, `must be a finite number >= ${min}`);
  }
  return value;
};

/** Always the same latency. */
export class FixedLatency implements LatencyModel {
  readonly ms: number;

  constructor(ms: number) {
    this.ms = check(ms, 'latency.ms', 0);
  }

  sample(random: Random): number {
    return this.ms;
  }

  describe(): string {
    return `fixed(${this.ms} ms)`;
  }
}

/** Uniform between `minMs` and `maxMs`. */
export class UniformLatency implements LatencyModel {
  readonly minMs: number;
  readonly maxMs: number;

  constructor(minMs: number, maxMs: number) {
    this.minMs = check(minMs, 'latency.minMs', 0);
    this.maxMs = check(maxMs, 'latency.maxMs', minMs);
  }

  sample(random: Random): number {
    return this.minMs + random.next() * (this.maxMs - this.minMs);
  }

  describe(): string {
    return `uniform(${this.minMs}..${this.maxMs} ms)`;
  }
}

// A standard normal sample (Box-Muller; one of the pair is discarded to keep the draw count fixed).
const gaussian = (random: Random): number => {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};

/** Normal with `meanMs` and `stdDevMs`, truncated at `minMs` (default 0). */
export class NormalLatency implements LatencyModel {
  readonly meanMs: number;
  readonly stdDevMs: number;
  readonly minMs: number;

  constructor(meanMs: number, stdDevMs: number, minMs?: number) {
    this.meanMs = check(meanMs, 'latency.meanMs', 0);
    this.stdDevMs = check(stdDevMs, 'latency.stdDevMs', 0);
    this.minMs = check(minMs ?? 0, 'latency.minMs', 0);
  }

  sample(random: Random): number {
    return Math.max(this.minMs, this.meanMs + this.stdDevMs * gaussian(random));
  }

  describe(): string {
    return `normal(${this.meanMs} ± ${this.stdDevMs} ms)`;
  }
}

/**
 * Log-normal (long tail): the median is `medianMs`, `sigma` the standard deviation of the log.
 * sigma 0.5 puts p99 near 3.2x the median; sigma 1 near 10x.
 */
export class LogNormalLatency implements LatencyModel {
  readonly medianMs: number;
  readonly sigma: number;

  constructor(medianMs: number, sigma: number) {
    this.medianMs = check(medianMs, 'latency.medianMs', 0);
    this.sigma = check(sigma, 'latency.sigma', 0);
  }

  sample(random: Random): number {
    return this.medianMs * Math.exp(this.sigma * gaussian(random));
  }

  describe(): string {
    return `lognormal(median ${this.medianMs} ms, sigma ${this.sigma})`;
  }
}

/**
 * Pareto (heavy tail): never below `scaleMs`; smaller `shape` means a heavier tail (shape 1.5:
 * mean 3x scale, p99 about 21x), capped at `maxMs` (default 60,000) so one sample cannot stall a run.
 */
export class ParetoLatency implements LatencyModel {
  readonly scaleMs: number;
  readonly shape: number;
  readonly maxMs: number;

  constructor(scaleMs: number, shape: number, maxMs?: number) {
    this.scaleMs = check(scaleMs, 'latency.scaleMs', 0);
    this.shape = check(shape, 'latency.shape', 0.0001);
    this.maxMs = check(maxMs ?? 60000, 'latency.maxMs', scaleMs);
  }

  sample(random: Random): number {
    const u = 1 - random.next();
    return Math.min(this.maxMs, this.scaleMs / Math.pow(u, 1 / this.shape));
  }

  describe(): string {
    return `pareto(scale ${this.scaleMs} ms, shape ${this.shape})`;
  }
}
