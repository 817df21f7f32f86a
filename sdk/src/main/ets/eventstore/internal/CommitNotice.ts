import { RecordedEvent } from '../RecordedEvent';

/** Sent after a write became durable: the global log grew from `previousPosition` to `position`. */
export class CommitNotice {
  readonly previousPosition: number;
  readonly position: number;
  /** The log entries written, in position order (appended events and system events). */
  readonly events: RecordedEvent[];

  constructor(previousPosition: number, position: number, events: RecordedEvent[]) {
    this.previousPosition = previousPosition;
    this.position = position;
    this.events = events;
  }
}
