import { Disposable } from '../../core/events/Disposable';
import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { EventFilter } from '../EventFilter';
import { LogSlice } from '../ReadResults';

/** What a catch-up subscription needs from its event store (implemented by the store). */
export interface SubscriptionSource {
  readonly clock: Clock;
  readonly logger: Logger;
  /** The last committed global position. */
  readonly headPosition: number;
  /** A forwards page of the global log starting at `fromPosition`. */
  readLog(fromPosition: number, maxCount: number, filter: EventFilter): Promise<LogSlice>;
  /** Calls `listener` with the new last position after every durable write. */
  onCommitted(listener: (position: number) => void): Disposable;
}
