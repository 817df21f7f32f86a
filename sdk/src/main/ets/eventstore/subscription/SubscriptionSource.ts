import { Disposable } from '../../core/events/Disposable';
import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { EventFilter } from '../EventFilter';
import { CommitNotice } from '../internal/CommitNotice';
import { LogSlice } from '../ReadResults';

/** What a catch-up subscription needs from its event store (implemented by the store). */
export interface SubscriptionSource {
  readonly clock: Clock;
  readonly logger: Logger;
  /** The last committed global position. */
  readonly headPosition: number;
  /** A forwards page of the global log starting at `fromPosition`. */
  readLog(fromPosition: number, maxCount: number, filter: EventFilter): Promise<LogSlice>;
  /** Calls `listener` after every durable write that grew the log (with the entries written). */
  onCommitted(listener: (notice: CommitNotice) => void): Disposable;
}
