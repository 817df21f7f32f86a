/** What an instrument measures and how its series aggregate. */
export enum InstrumentKind {
  /** A monotonic sum: requests, bytes sent. */
  COUNTER = 'counter',
  /** A sum that goes up and down: in-flight calls, queue depth kept by events. */
  UP_DOWN_COUNTER = 'up_down_counter',
  /** The last value set: breaker state, members alive. */
  GAUGE = 'gauge',
  /** A distribution: latencies, sizes (quantile sketch plus explicit buckets). */
  HISTOGRAM = 'histogram',
  /** A monotonic sum read by a callback at collection (a total kept elsewhere). */
  OBSERVABLE_COUNTER = 'observable_counter',
  /** A non-monotonic sum read by a callback at collection. */
  OBSERVABLE_UP_DOWN_COUNTER = 'observable_up_down_counter',
  /** A value read by a callback at collection: queue depth, age of the oldest message. */
  OBSERVABLE_GAUGE = 'observable_gauge'
}

/** Whether values are integers (truncated on record, exported as `asInt`) or doubles. */
export enum MetricValueType {
  INT = 'int',
  DOUBLE = 'double'
}

/** Whether a collected sum or histogram covers everything since the series started, or only the last interval. */
export enum AggregationTemporality {
  /** Since the previous collection by the same reader. */
  DELTA = 'delta',
  /** Since the series was created. */
  CUMULATIVE = 'cumulative'
}

/** True for the kinds whose points carry a sum (counters and up-down counters, synchronous or observed). */
export const isSumKind = (kind: InstrumentKind): boolean => {
  return kind === InstrumentKind.COUNTER || kind === InstrumentKind.UP_DOWN_COUNTER ||
    kind === InstrumentKind.OBSERVABLE_COUNTER || kind === InstrumentKind.OBSERVABLE_UP_DOWN_COUNTER;
};

/** True for the kinds whose sums only grow. */
export const isMonotonicKind = (kind: InstrumentKind): boolean => {
  return kind === InstrumentKind.COUNTER || kind === InstrumentKind.OBSERVABLE_COUNTER;
};

/** True for the last-value kinds. */
export const isGaugeKind = (kind: InstrumentKind): boolean => {
  return kind === InstrumentKind.GAUGE || kind === InstrumentKind.OBSERVABLE_GAUGE;
};
