import { WriteOp } from '../../platform/store/KeyValueStore';
import { ConcurrencyConflictError } from '../errors/ConcurrencyConflictError';
import { StreamDeletedError } from '../errors/StreamDeletedError';
import { StreamNotFoundError } from '../errors/StreamNotFoundError';
import { EventMetadata, EventMetadataInit } from '../EventMetadata';
import { ExpectedVersion } from '../ExpectedVersion';
import { RecordedEvent } from '../RecordedEvent';
import { satisfiesExpected } from './expectations';
import { purgeOps } from './purge';
import { RecordCodec } from './RecordCodec';
import { StreamHead } from './StreamHead';
import { WriteCommand } from './WriteCommand';
import { WriteGroup } from './WriteGroup';

/** The type of the system event written to the global log when a stream is deleted. */
export const STREAM_DELETED_EVENT_TYPE = '$streamDeleted';

/**
 * Deletes a stream. Soft: the stream reads as missing and may be recreated (its versions continue);
 * its events stay in the global log. Hard: every stored event of the stream is purged (stream copy,
 * log copy, type index) and the stream is tombstoned for good. Both drop the snapshot and write a
 * `$streamDeleted` system event (data `{ hard }`) to the log, so projections learn of it.
 */
export class DeleteStreamCommand extends WriteCommand<RecordedEvent> {
  private readonly _streamId: string;
  private readonly _hard: boolean;
  private readonly _expected: number;
  private readonly _metadata: EventMetadataInit | undefined;
  private _event: RecordedEvent | undefined = undefined;

  constructor(streamId: string, hard: boolean, expected: number, metadata: EventMetadataInit | undefined) {
    super(true);
    this._streamId = streamId;
    this._hard = hard;
    this._expected = expected;
    this._metadata = metadata;
  }

  async prepare(group: WriteGroup): Promise<void> {
    const sid = this._streamId;
    const head = await group.head(sid);
    if (head.hardDeleted) {
      throw new StreamDeletedError(sid);
    }
    // A soft-deleted stream may still be hard-deleted (to purge it); nothing else deletes a missing stream.
    if (!head.exists && !(this._hard && head.softDeleted)) {
      throw new StreamNotFoundError(sid);
    }
    if (this._expected !== ExpectedVersion.ANY && !satisfiesExpected(head, this._expected)) {
      throw new ConcurrencyConflictError(sid, this._expected, head.visibleVersion);
    }
    const state = group.state;
    const keys = state.keys;
    const ops: WriteOp[] = this._hard ? await purgeOps(group, sid, head.firstStored, head.version) : [];
    ops.push(WriteOp.delete(keys.snapshot(sid)));
    const now = state.clock.now();
    const id = state.ids.uuid();
    const position = group.position + 1;
    const metadata = EventMetadata.resolve(id, undefined, this._metadata);
    const dataText = this._hard ? '{"hard":true}' : '{"hard":false}';
    const text = RecordCodec.encode(id, sid, STREAM_DELETED_EVENT_TYPE, head.version, position, now, metadata, dataText);
    ops.push(WriteOp.set(keys.log(position), text));
    ops.push(WriteOp.set(keys.typeEntry(STREAM_DELETED_EVENT_TYPE, position), String(position)));
    const event = new RecordedEvent(id, sid, STREAM_DELETED_EVENT_TYPE, head.version, position, undefined, metadata, now,
      dataText);
    const next = this._hard
      ? new StreamHead(head.version, head.version + 1, head.version + 1, head.version + 1, false, true)
      : new StreamHead(head.version, head.version + 1, head.firstStored, head.version + 1, true, false);
    group.add(ops, sid, next, [], [event]);
    this._event = event;
  }

  protected result(): RecordedEvent {
    return this._event as RecordedEvent;
  }
}
