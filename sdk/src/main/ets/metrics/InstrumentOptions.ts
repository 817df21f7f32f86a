import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { InstrumentKind, MetricValueType } from './InstrumentKind';
import { DEFAULT_SKETCH_MAX_BUCKETS, DEFAULT_SKETCH_SCALE } from './sketch/QuantileSketch';
import { MAX_SKETCH_SCALE, MIN_SKETCH_SCALE } from './sketch/ExponentialMapping';

/** Default series per instrument, the overflow series included (OpenTelemetry's default). */
export const DEFAULT_CARDINALITY_LIMIT = 2000;
/** Default explicit histogram boundaries (OpenTelemetry's defaults; read as milliseconds for latencies). */
export const DEFAULT_HISTOGRAM_BOUNDARIES: number[] = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];
/** Default number of sub-windows a sliding window is made of. */
export const DEFAULT_WINDOW_SLOTS = 10;
/** Most sub-windows a sliding window may have. */
export const MAX_WINDOW_SLOTS = 1000;

/** Options every instrument takes. */
export interface InstrumentOptions {
  /** What the instrument measures (Prometheus HELP, OTLP description). Default ''. */
  description?: string;
  /** UCUM unit, e.g. 'ms', 'By', '{request}'. Default ''. */
  unit?: string;
  /** INT truncates recorded values to integers. Default DOUBLE. */
  valueType?: MetricValueType;
  /**
   * The label keys the instrument keeps, in order; others are ignored (like an OpenTelemetry view's
   * attribute allowlist, or prom-client's labelNames). Declaring them enables the fastest unbound
   * path. Default: undefined (keep every key).
   */
  labelKeys?: string[];
  /** Most series, the overflow series included. Default: the provider's (DEFAULT_CARDINALITY_LIMIT). */
  cardinalityLimit?: number;
}

/** Options of counters and up-down counters. */
export interface CounterOptions extends InstrumentOptions {
  /** Keeps a sliding window of this many ms per series ("last N seconds" views). Default 0 (none). */
  windowMs?: number;
  /** Sub-windows of the sliding window. Default {@link DEFAULT_WINDOW_SLOTS}. */
  windowSlots?: number;
}

/** Options of histograms. */
export interface HistogramOptions extends CounterOptions {
  /** Explicit bucket upper bounds (Prometheus `le`, OTLP explicitBounds), increasing. Default {@link DEFAULT_HISTOGRAM_BOUNDARIES}. */
  boundaries?: number[];
  /** Quantile sketch scale (2^scale buckets per power of two). Default {@link DEFAULT_SKETCH_SCALE}. */
  scale?: number;
  /** Quantile sketch buckets kept per sign. Default {@link DEFAULT_SKETCH_MAX_BUCKETS}. */
  maxBuckets?: number;
}

const NAME_PATTERN = new RegExp('^[A-Za-z][A-Za-z0-9_.\\-/]{0,254}$');

/** Copies the options every instrument takes into the widest options type. */
export const widenOptions = (o: InstrumentOptions | undefined): HistogramOptions => {
  if (o === undefined) {
    return {};
  }
  return { description: o.description, unit: o.unit, valueType: o.valueType, labelKeys: o.labelKeys, cardinalityLimit: o.cardinalityLimit };
};

/** Copies counter options into the widest options type. */
export const widenCounterOptions = (o: CounterOptions | undefined): HistogramOptions => {
  const out = widenOptions(o);
  if (o !== undefined) {
    out.windowMs = o.windowMs;
    out.windowSlots = o.windowSlots;
  }
  return out;
};

/** An instrument's identity and resolved options (every default filled in). */
export class InstrumentDescriptor {
  readonly name: string;
  readonly kind: InstrumentKind;
  readonly description: string;
  readonly unit: string;
  readonly valueType: MetricValueType;
  readonly labelKeys: string[] | undefined;
  readonly cardinalityLimit: number;
  readonly boundaries: number[];
  readonly scale: number;
  readonly maxBuckets: number;
  /** 0 when the instrument keeps no sliding window. */
  readonly windowMs: number;
  readonly windowSlots: number;

  private constructor(name: string, kind: InstrumentKind, options: HistogramOptions, defaultLimit: number) {
    this.name = name;
    this.kind = kind;
    this.description = options.description ?? '';
    this.unit = options.unit ?? '';
    this.valueType = options.valueType ?? MetricValueType.DOUBLE;
    this.labelKeys = options.labelKeys !== undefined ? options.labelKeys.slice() : undefined;
    this.cardinalityLimit = options.cardinalityLimit ?? defaultLimit;
    this.boundaries = (options.boundaries ?? DEFAULT_HISTOGRAM_BOUNDARIES).slice();
    this.scale = options.scale ?? DEFAULT_SKETCH_SCALE;
    this.maxBuckets = options.maxBuckets ?? DEFAULT_SKETCH_MAX_BUCKETS;
    this.windowMs = options.windowMs ?? 0;
    this.windowSlots = options.windowSlots ?? DEFAULT_WINDOW_SLOTS;
  }

  /** Validates and resolves the options of a new instrument; throws ERR_INVALID_ARGUMENT naming the bad field. */
  static resolve(name: string, kind: InstrumentKind, options: HistogramOptions | undefined, defaultLimit: number): InstrumentDescriptor {
    if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
      throw new InvalidArgumentError('name', 'must start with a letter and hold at most 255 of [A-Za-z0-9_.-/]');
    }
    const d = new InstrumentDescriptor(name, kind, options ?? {}, defaultLimit);
    if (d.unit.length > 63) {
      throw new InvalidArgumentError('options.unit', 'must be at most 63 characters');
    }
    if (d.valueType !== MetricValueType.INT && d.valueType !== MetricValueType.DOUBLE) {
      throw new InvalidArgumentError('options.valueType', 'must be a MetricValueType');
    }
    InstrumentDescriptor.checkLabelKeys(d.labelKeys);
    if (!Number.isInteger(d.cardinalityLimit) || d.cardinalityLimit < 1) {
      throw new InvalidArgumentError('options.cardinalityLimit', 'must be a positive integer');
    }
    for (let i = 0; i < d.boundaries.length; i++) {
      const b = d.boundaries[i];
      if (typeof b !== 'number' || !Number.isFinite(b) || (i > 0 && b <= d.boundaries[i - 1])) {
        throw new InvalidArgumentError('options.boundaries', 'must be finite and strictly increasing');
      }
    }
    if (!Number.isInteger(d.scale) || d.scale < MIN_SKETCH_SCALE || d.scale > MAX_SKETCH_SCALE) {
      throw new InvalidArgumentError('options.scale', `must be an integer in [${MIN_SKETCH_SCALE}, ${MAX_SKETCH_SCALE}]`);
    }
    if (!Number.isInteger(d.maxBuckets) || d.maxBuckets < 1 || d.maxBuckets > 1 << 20) {
      throw new InvalidArgumentError('options.maxBuckets', 'must be an integer in [1, 1048576]');
    }
    if (typeof d.windowMs !== 'number' || !Number.isFinite(d.windowMs) || d.windowMs < 0) {
      throw new InvalidArgumentError('options.windowMs', 'must be a finite number >= 0');
    }
    if (!Number.isInteger(d.windowSlots) || d.windowSlots < 1 || d.windowSlots > MAX_WINDOW_SLOTS) {
      throw new InvalidArgumentError('options.windowSlots', `must be an integer in [1, ${MAX_WINDOW_SLOTS}]`);
    }
    return d;
  }

  /** True when `other` would create the same instrument (a repeated registration). */
  sameAs(other: InstrumentDescriptor): boolean {
    return this.kind === other.kind && this.unit === other.unit && this.description === other.description &&
      this.valueType === other.valueType && this.windowMs === other.windowMs &&
      this.windowSlots === other.windowSlots && this.scale === other.scale && this.maxBuckets === other.maxBuckets &&
      this.cardinalityLimit === other.cardinalityLimit &&
      InstrumentDescriptor.sameNumbers(this.boundaries, other.boundaries) &&
      InstrumentDescriptor.sameKeys(this.labelKeys, other.labelKeys);
  }

  private static checkLabelKeys(keys: string[] | undefined): void {
    if (keys === undefined) {
      return;
    }
    if (!Array.isArray(keys)) {
      throw new InvalidArgumentError('options.labelKeys', 'must be an array of strings');
    }
    const seen = new Set<string>();
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (typeof k !== 'string' || k.length === 0 || seen.has(k)) {
        throw new InvalidArgumentError('options.labelKeys', 'must hold distinct non-empty strings');
      }
      seen.add(k);
    }
  }

  private static sameNumbers(a: number[], b: number[]): boolean {
    if (a.length !== b.length) {
      return false;
    }
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        return false;
      }
    }
    return true;
  }

  private static sameKeys(a: string[] | undefined, b: string[] | undefined): boolean {
    if (a === undefined || b === undefined) {
      return a === b;
    }
    return a.join('\u0000') === b.join('\u0000');
  }
}
