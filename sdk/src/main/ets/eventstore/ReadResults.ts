import { EventFilterOptions } from './EventFilter';
import { RecordedEvent } from './RecordedEvent';

/** Which way a read goes. */
export enum ReadDirection {
  FORWARDS = 'forwards',
  BACKWARDS = 'backwards'
}

/** How a stream read ended. */
export enum StreamReadStatus {
  /** The stream exists: `events` holds what was asked for (possibly nothing past its end). */
  OK = 'ok',
  /** The stream has no events, or was soft-deleted. */
  NOT_FOUND = 'not_found',
  /** The stream was hard-deleted. */
  DELETED = 'deleted'
}

/** Options of `EventStore.readStream`. */
export interface ReadStreamOptions {
  /** Default FORWARDS. */
  direction?: ReadDirection;
  /**
   * The first version to read (inclusive). Default: the start of the stream forwards, its last
   * event backwards. Versions before the stream's truncation point are skipped.
   */
  fromVersion?: number;
  /** At most this many events. Default {@link DEFAULT_READ_MAX_COUNT}. */
  maxCount?: number;
}

/** Options of `EventStore.readAll` (the global log). */
export interface ReadAllOptions {
  /** Default FORWARDS. */
  direction?: ReadDirection;
  /** The first position to read (inclusive). Default: 1 forwards, the last position backwards. */
  fromPosition?: number;
  /** At most this many events. Default {@link DEFAULT_READ_MAX_COUNT}. */
  maxCount?: number;
  /** Which events to return; the others are skipped (and `nextPosition` moves past them). */
  filter?: EventFilterOptions;
}

/** Options of `EventStore.readByType`. */
export interface ReadByTypeOptions {
  /** Default FORWARDS. */
  direction?: ReadDirection;
  /** The first global position to consider (inclusive). Default: the start (forwards) or the end (backwards). */
  fromPosition?: number;
  /** At most this many events. Default {@link DEFAULT_READ_MAX_COUNT}. */
  maxCount?: number;
}

/** Default page size of reads. */
export const DEFAULT_READ_MAX_COUNT = 1000;

/** A page of one stream. */
export class StreamSlice {
  readonly streamId: string;
  readonly status: StreamReadStatus;
  readonly direction: ReadDirection;
  /** The events read, in the direction of the read. */
  readonly events: RecordedEvent[];
  /** The stream's version (its last event's), -1 when it does not exist. */
  readonly lastVersion: number;
  /** Where the next page starts (`fromVersion` of the next read in the same direction). */
  readonly nextVersion: number;
  /** True when no event is left in this direction. */
  readonly isEnd: boolean;

  constructor(
    streamId: string,
    status: StreamReadStatus,
    direction: ReadDirection,
    events: RecordedEvent[],
    lastVersion: number,
    nextVersion: number,
    isEnd: boolean
  ) {
    this.streamId = streamId;
    this.status = status;
    this.direction = direction;
    this.events = events;
    this.lastVersion = lastVersion;
    this.nextVersion = nextVersion;
    this.isEnd = isEnd;
  }
}

/** A page of the global log (or of the by-type index). */
export class LogSlice {
  readonly direction: ReadDirection;
  /** The matching events, in the direction of the read. */
  readonly events: RecordedEvent[];
  /** Where the next page starts (`fromPosition` of the next read); past every examined position. */
  readonly nextPosition: number;
  /** The last committed position of the store when the page was read. */
  readonly headPosition: number;
  /** True when no position is left to examine in this direction. */
  readonly isEnd: boolean;

  constructor(direction: ReadDirection, events: RecordedEvent[], nextPosition: number, headPosition: number, isEnd: boolean) {
    this.direction = direction;
    this.events = events;
    this.nextPosition = nextPosition;
    this.headPosition = headPosition;
    this.isEnd = isEnd;
  }
}

/** What is known about a stream. */
export class StreamInfo {
  readonly streamId: string;
  /** True when the stream has events and is not deleted. */
  readonly exists: boolean;
  /** The version of its last event (kept after a soft delete: a recreated stream continues from it); -1 when never written. */
  readonly lastVersion: number;
  /** The first readable version (events before it were truncated, or hidden by a soft delete). */
  readonly truncateBefore: number;
  /** The version the stream's current life began at: 0, or the version after its last soft delete. */
  readonly startVersion: number;
  readonly softDeleted: boolean;
  readonly hardDeleted: boolean;

  constructor(
    streamId: string,
    exists: boolean,
    lastVersion: number,
    truncateBefore: number,
    startVersion: number,
    softDeleted: boolean,
    hardDeleted: boolean
  ) {
    this.streamId = streamId;
    this.exists = exists;
    this.lastVersion = lastVersion;
    this.truncateBefore = truncateBefore;
    this.startVersion = startVersion;
    this.softDeleted = softDeleted;
    this.hardDeleted = hardDeleted;
  }
}
