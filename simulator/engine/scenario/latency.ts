import { FixedLatency, LogNormalLatency, NormalLatency, ParetoLatency, UniformLatency } from '../sdk';
import type { LatencyModel } from '../sdk';
import { Checker, joinPath } from './Checker';
import type { LatencySpec } from './Scenario';

/** z-score of the 99th percentile of a standard normal distribution. */
const Z99 = 2.3263478740408408;

const DISTRIBUTIONS = ['fixed', 'uniform', 'normal', 'lognormal', 'pareto'];

/**
 * Reads a latency: a number of ms (fixed), `{ dist, ... }`, or `{ p50, p99 }` (the log-normal
 * with that median whose 99th percentile is p99). Issues name the field (`latency.p99`).
 */
export const readLatency = (c: Checker, value: unknown, path: string): LatencySpec | undefined => {
  if (typeof value === 'number') {
    const ms = c.numberValue(value, path, { min: 0 });
    return ms === undefined ? undefined : { dist: 'fixed', ms };
  }
  const o = c.object(value, path);
  if (o === undefined) {
    return undefined;
  }
  if (o['dist'] === undefined) {
    c.known(o, path, ['p50', 'p99', 'dist']);
    const p50 = c.number(o, 'p50', path, { required: true, positive: true });
    const p99 = c.number(o, 'p99', path, { required: true, positive: true });
    if (p50 === undefined || p99 === undefined) {
      return undefined;
    }
    if (p99 < p50) {
      return c.fail(joinPath(path, 'p99'), 'must be >= p50');
    }
    return { dist: 'lognormal', median: p50, sigma: Math.log(p99 / p50) / Z99 };
  }
  const dist = c.string(o, 'dist', path, { oneOf: DISTRIBUTIONS });
  switch (dist) {
    case 'fixed': {
      c.known(o, path, ['dist', 'ms']);
      const ms = c.number(o, 'ms', path, { required: true, min: 0 });
      return ms === undefined ? undefined : { dist, ms };
    }
    case 'uniform': {
      c.known(o, path, ['dist', 'min', 'max']);
      const min = c.number(o, 'min', path, { required: true, min: 0 });
      const max = c.number(o, 'max', path, { required: true, min: 0 });
      if (min === undefined || max === undefined) return undefined;
      if (max < min) return c.fail(joinPath(path, 'max'), 'must be >= min');
      return { dist, min, max };
    }
    case 'normal': {
      c.known(o, path, ['dist', 'mean', 'stdDev', 'min']);
      const mean = c.number(o, 'mean', path, { required: true, min: 0 });
      const stdDev = c.number(o, 'stdDev', path, { required: true, min: 0 });
      const min = c.number(o, 'min', path, { min: 0 }) ?? 0;
      return mean === undefined || stdDev === undefined ? undefined : { dist, mean, stdDev, min };
    }
    case 'lognormal': {
      c.known(o, path, ['dist', 'median', 'sigma']);
      const median = c.number(o, 'median', path, { required: true, positive: true });
      const sigma = c.number(o, 'sigma', path, { required: true, min: 0 });
      return median === undefined || sigma === undefined ? undefined : { dist, median, sigma };
    }
    case 'pareto': {
      c.known(o, path, ['dist', 'scale', 'shape', 'max']);
      const scale = c.number(o, 'scale', path, { required: true, positive: true });
      const shape = c.number(o, 'shape', path, { required: true, positive: true });
      const max = c.number(o, 'max', path, { positive: true }) ?? 60000;
      if (scale === undefined || shape === undefined) return undefined;
      if (max < scale) return c.fail(joinPath(path, 'max'), 'must be >= scale');
      return { dist, scale, shape, max };
    }
    default:
      return undefined;
  }
};

/** The SDK latency model of a spec. */
export const latencyModel = (spec: LatencySpec): LatencyModel => {
  switch (spec.dist) {
    case 'fixed':
      return new FixedLatency(spec.ms);
    case 'uniform':
      return new UniformLatency(spec.min, spec.max);
    case 'normal':
      return new NormalLatency(spec.mean, spec.stdDev, spec.min);
    case 'lognormal':
      return new LogNormalLatency(spec.median, spec.sigma);
    case 'pareto':
      return new ParetoLatency(spec.scale, spec.shape, spec.max);
  }
};

/** A short human description (`lognormal(median 10 ms, sigma 0.69)`). */
export const describeLatency = (spec: LatencySpec): string => latencyModel(spec).describe();
