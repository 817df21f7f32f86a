import { EventMetadataInit } from './EventMetadata';
import { RecordedEvent } from './RecordedEvent';
import { SnapshotInit } from './StreamSnapshot';

/** Options of `EventStore.append`. */
export interface AppendOptions {
  /**
   * What the stream must be at: an exact version (its last event's, 0-based), or
   * `ExpectedVersion.NO_STREAM`, `ANY`, `STREAM_EXISTS`. Default `ExpectedVersion.ANY`.
   */
  expectedVersion?: number;
  /** Metadata for every event of the batch; an event's own metadata wins field by field. */
  metadata?: EventMetadataInit;
  /** A snapshot of the state after this batch, written atomically with it. */
  snapshot?: SnapshotInit;
}

/** The outcome of a successful append. */
export class AppendResult {
  readonly streamId: string;
  /** The stream's version after the append: pass it as `expectedVersion` next time. */
  readonly version: number;
  /** The global position of the last event appended (for an empty append: the store's last position). */
  readonly position: number;
  /** The events as recorded, with their versions and positions. */
  readonly events: RecordedEvent[];
  /** True when the batch had been appended before (same ids at the same versions) and nothing was written. */
  readonly idempotent: boolean;

  constructor(streamId: string, version: number, position: number, events: RecordedEvent[], idempotent: boolean) {
    this.streamId = streamId;
    this.version = version;
    this.position = position;
    this.events = events;
    this.idempotent = idempotent;
  }
}
