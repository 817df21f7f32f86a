import { JsonValue } from '../../core/json/JsonValue';
import { DomainEvent, NewEvent } from '../DomainEvent';
import { EventMetadataInit } from '../EventMetadata';
import { RecordedEvent } from '../RecordedEvent';
import { StreamSnapshot } from '../StreamSnapshot';

/**
 * The base of an event-sourced aggregate: its state is the fold of its events. A subclass keeps
 * its state in fields, changes it only in `when` (a switch on the event type), and exposes command
 * methods that check the state and `raise` new events. `AggregateRepository` loads it (snapshot
 * plus the events after it) and saves its pending events with the right expected version.
 *
 * @example
 * class Counter extends Aggregate {
 *   count: number = 0;
 *   increment(by: number): void { this.raise('Incremented', by); }
 *   protected when(event: DomainEvent): void { if (event.type === 'Incremented') this.count += event.data as number; }
 *   snapshotState(): JsonValue { return this.count; }
 *   restoreState(state: JsonValue): void { this.count = state as number; }
 * }
 */
export abstract class Aggregate {
  /** The aggregate's id (its stream is `<category>-<id>`). */
  readonly id: string;
  private _version: number = -1;
  private _pending: NewEvent[] = [];
  private _sinceSnapshot: number = 0;
  private _snapshotVersion: number = -1;

  constructor(id: string) {
    this.id = id;
  }

  /** The stream version this aggregate was loaded at or last saved to; -1 for a new aggregate. */
  get version(): number {
    return this._version;
  }

  /** Events raised since the last load or save, in order (a copy). */
  get pendingEvents(): NewEvent[] {
    return this._pending.slice();
  }

  /** True when there are events to save. */
  get hasChanges(): boolean {
    return this._pending.length > 0;
  }

  /** Events folded into the state since the snapshot it was loaded from (or last saved with), pending ones included. */
  get eventsSinceSnapshot(): number {
    return this._sinceSnapshot;
  }

  /** The version of the snapshot it was loaded from or last saved with; -1 when none. */
  get snapshotVersion(): number {
    return this._snapshotVersion;
  }

  /**
   * The version of the shape of `snapshotState()`. Bump it when that shape changes: snapshots of
   * another schema version are ignored, and the aggregate is rebuilt from its events. Default 1.
   */
  get stateVersion(): number {
    return 1;
  }

  /** Folds one event into the state: a switch on `event.type`. Unknown types should be ignored. */
  protected abstract when(event: DomainEvent): void;

  /** The state as JSON, for a snapshot. */
  abstract snapshotState(): JsonValue;

  /** Restores the state from `snapshotState()`'s output (of the current `stateVersion`). */
  abstract restoreState(state: JsonValue): void;

  /** Records a new event: applies it to the state now; the next save appends it. */
  protected raise(type: string, data: JsonValue, metadata?: EventMetadataInit): void {
    const event: NewEvent = metadata === undefined ? { type: type, data: data } : { type: type, data: data, metadata: metadata };
    this.when(event);
    this._pending.push(event);
    this._sinceSnapshot++;
  }

  /** Folds a stored event (used by AggregateRepository while loading). */
  replay(event: RecordedEvent): void {
    this.when(event);
    this._version = event.version;
    this._sinceSnapshot++;
  }

  /** Restores from a snapshot (used by AggregateRepository while loading). */
  restoreSnapshot(snapshot: StreamSnapshot): void {
    this.restoreState(snapshot.state);
    this._version = snapshot.version;
    this._snapshotVersion = snapshot.version;
    this._sinceSnapshot = 0;
  }

  /** Marks the pending events saved at `version` (used by AggregateRepository). */
  markSaved(version: number, snapshotTaken: boolean): void {
    this._pending = [];
    this._version = version;
    if (snapshotTaken) {
      this._snapshotVersion = version;
      this._sinceSnapshot = 0;
    }
  }
}
