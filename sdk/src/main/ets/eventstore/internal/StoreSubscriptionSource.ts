import { Disposable } from '../../core/events/Disposable';
import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { EventFilter } from '../EventFilter';
import { LogSlice, ReadDirection } from '../ReadResults';
import { SubscriptionSource } from '../subscription/SubscriptionSource';
import { CommitNotice } from './CommitNotice';
import { EventReader } from './EventReader';
import { StoreState } from './StoreState';

/** An event store as its subscriptions see it. */
export class StoreSubscriptionSource implements SubscriptionSource {
  private readonly _state: StoreState;
  private readonly _reader: EventReader;

  constructor(state: StoreState, reader: EventReader) {
    this._state = state;
    this._reader = reader;
  }

  get clock(): Clock {
    return this._state.clock;
  }

  get logger(): Logger {
    return this._state.logger;
  }

  get headPosition(): number {
    return this._state.position;
  }

  readLog(fromPosition: number, maxCount: number, filter: EventFilter): Promise<LogSlice> {
    return this._reader.readAll(ReadDirection.FORWARDS, fromPosition, maxCount, filter);
  }

  onCommitted(listener: (notice: CommitNotice) => void): Disposable {
    return this._state.committed.on(listener);
  }
}
