/** A counter or up-down counter bound to one label set: `add` records without any lookup. */
export interface BoundCounter {
  /** Adds `value` (counters: finite and >= 0; up-down counters: finite). Bad values are dropped and counted. */
  add(value: number): void;
}

/** A gauge bound to one label set. */
export interface BoundGauge {
  /** Sets the current value (finite; others are dropped and counted). */
  set(value: number): void;
}

/** A histogram bound to one label set. */
export interface BoundHistogram {
  /** Records a value (finite and >= 0; others are dropped and counted). */
  record(value: number): void;
}
