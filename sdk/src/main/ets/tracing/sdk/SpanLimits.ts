import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';

/** Default most attributes per span (OpenTelemetry's default). */
export const DEFAULT_ATTRIBUTE_COUNT_LIMIT = 128;
/** Default longest string attribute value, in UTF-16 code units; longer strings are truncated. */
export const DEFAULT_ATTRIBUTE_VALUE_LENGTH_LIMIT = 4096;
/** Default most events per span; the oldest are dropped first. */
export const DEFAULT_EVENT_COUNT_LIMIT = 128;
/** Default most links per span. */
export const DEFAULT_LINK_COUNT_LIMIT = 128;
/** Default most attributes per event and per link. */
export const DEFAULT_ATTRIBUTE_PER_EVENT_COUNT_LIMIT = 128;

/** Limits that keep one span from growing without bound. Every field is optional. */
export interface SpanLimitsOptions {
  /** Most attributes per span; more are dropped and counted. Default {@link DEFAULT_ATTRIBUTE_COUNT_LIMIT}. */
  attributeCountLimit?: number;
  /** Longest string value (also each string in an array); longer ones are truncated. Default {@link DEFAULT_ATTRIBUTE_VALUE_LENGTH_LIMIT}. */
  attributeValueLengthLimit?: number;
  /** Most events per span; the oldest are dropped and counted. Default {@link DEFAULT_EVENT_COUNT_LIMIT}. */
  eventCountLimit?: number;
  /** Most links per span; more are dropped and counted. Default {@link DEFAULT_LINK_COUNT_LIMIT}. */
  linkCountLimit?: number;
  /** Most attributes per event and per link. Default {@link DEFAULT_ATTRIBUTE_PER_EVENT_COUNT_LIMIT}. */
  attributePerEventCountLimit?: number;
}

const limit = (value: number | undefined, fallback: number, field: string): number => {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(`limits.${field}`, 'must be an integer >= 0');
  }
  return value;
};

/** SpanLimitsOptions with every default filled in. */
export class SpanLimits {
  readonly attributeCountLimit: number;
  readonly attributeValueLengthLimit: number;
  readonly eventCountLimit: number;
  readonly linkCountLimit: number;
  readonly attributePerEventCountLimit: number;

  private constructor(options: SpanLimitsOptions) {
    this.attributeCountLimit = limit(options.attributeCountLimit, DEFAULT_ATTRIBUTE_COUNT_LIMIT, 'attributeCountLimit');
    this.attributeValueLengthLimit = limit(options.attributeValueLengthLimit, DEFAULT_ATTRIBUTE_VALUE_LENGTH_LIMIT, 'attributeValueLengthLimit');
    this.eventCountLimit = limit(options.eventCountLimit, DEFAULT_EVENT_COUNT_LIMIT, 'eventCountLimit');
    this.linkCountLimit = limit(options.linkCountLimit, DEFAULT_LINK_COUNT_LIMIT, 'linkCountLimit');
    this.attributePerEventCountLimit = limit(options.attributePerEventCountLimit, DEFAULT_ATTRIBUTE_PER_EVENT_COUNT_LIMIT, 'attributePerEventCountLimit');
  }

  /**
   * Resolves options against the defaults.
   * @throws InvalidArgumentError (ERR_INVALID_ARGUMENT) for a negative or fractional limit.
   */
  static from(options?: SpanLimitsOptions): SpanLimits {
    return new SpanLimits(options ?? {});
  }
}
