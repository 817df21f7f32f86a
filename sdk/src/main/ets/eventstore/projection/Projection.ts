import { EventFilterOptions } from '../EventFilter';
import { RecordedEvent } from '../RecordedEvent';

/**
 * A read model fed by the store's global log (a table of orders by customer, a counter, a search
 * index...). A {@link ProjectionRunner} feeds it every matching event, at least once, in global
 * order, and can rebuild it from zero: `reset()` clears it, then every stored event is fed again.
 * `handle` must therefore be idempotent (an event's `position` tells a redelivery apart: skip
 * events at or below the last position applied to the model).
 */
export abstract class Projection {
  /** Unique among the store's projections: the checkpoint's name is `projection/<name>`. */
  readonly name: string;

  constructor(name: string) {
    this.name = name;
  }

  /** Which events the projection needs. Default: every event (system events included). */
  get filter(): EventFilterOptions | undefined {
    return undefined;
  }

  /** Applies one event to the read model. A rejection is retried, then stops the projection. */
  abstract handle(event: RecordedEvent): Promise<void>;

  /** Clears the read model (called by `ProjectionRunner.rebuild` before replaying from the start). */
  abstract reset(): Promise<void>;
}
