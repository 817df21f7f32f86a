import { WriteOp } from '../../platform/store/KeyValueStore';
import { AppendResult } from '../AppendResult';
import { ConcurrencyConflictError } from '../errors/ConcurrencyConflictError';
import { StreamDeletedError } from '../errors/StreamDeletedError';
import { EventMetadata, EventMetadataInit } from '../EventMetadata';
import { ExpectedVersion } from '../ExpectedVersion';
import { RecordedEvent } from '../RecordedEvent';
import { StreamSnapshot } from '../StreamSnapshot';
import { satisfiesExpected } from './expectations';
import { PreparedEvent } from './PreparedEvent';
import { PreparedSnapshot } from './PreparedSnapshot';
import { RecordCodec } from './RecordCodec';
import { StreamHead } from './StreamHead';
import { WriteCommand } from './WriteCommand';
import { WriteGroup } from './WriteGroup';

/**
 * Appends a batch to one stream: checks the expected version against the stream's head as of the
 * group, then writes every event's stream copy, log copy and type-index entry, the new head and
 * (optionally) a snapshot, all in the group's one batch.
 */
export class AppendCommand extends WriteCommand<AppendResult> {
  private readonly _streamId: string;
  private readonly _events: PreparedEvent[];
  private readonly _expected: number;
  private readonly _metadata: EventMetadataInit | undefined;
  private readonly _snapshot: PreparedSnapshot | undefined;
  private _result: AppendResult | undefined = undefined;

  constructor(
    streamId: string,
    events: PreparedEvent[],
    expected: number,
    metadata: EventMetadataInit | undefined,
    snapshot: PreparedSnapshot | undefined
  ) {
    super(false);
    this._streamId = streamId;
    this._events = events;
    this._expected = expected;
    this._metadata = metadata;
    this._snapshot = snapshot;
  }

  /** True when the append was a retry of one already stored (known after `prepare`). */
  get idempotent(): boolean {
    return this._result !== undefined && this._result.idempotent;
  }

  async prepare(group: WriteGroup): Promise<void> {
    const sid = this._streamId;
    const head = await group.head(sid);
    if (head.hardDeleted) {
      throw new StreamDeletedError(sid);
    }
    const ok = satisfiesExpected(head, this._expected);
    if (!ok || this._expected === ExpectedVersion.ANY) {
      const earlier = await this.earlierAppend(group, head);
      if (earlier !== undefined) {
        const last = earlier[earlier.length - 1];
        this._result = new AppendResult(sid, last.version, last.position, earlier, true);
        return;
      }
      if (!ok) {
        throw new ConcurrencyConflictError(sid, this._expected, head.visibleVersion);
      }
    }
    if (this._events.length === 0) {
      this._result = new AppendResult(sid, head.visibleVersion, group.position, [], false);
      return;
    }
    const state = group.state;
    const keys = state.keys;
    const now = state.clock.now();
    const ops: WriteOp[] = [];
    const recorded: RecordedEvent[] = [];
    let version = head.version;
    let position = group.position;
    for (const pe of this._events) {
      version++;
      position++;
      const id = pe.id ?? state.ids.uuid();
      const metadata = EventMetadata.resolve(id, pe.metadata, this._metadata);
      const text = RecordCodec.encode(id, sid, pe.type, version, position, now, metadata, pe.dataText);
      ops.push(WriteOp.set(keys.event(sid, version), text));
      ops.push(WriteOp.set(keys.log(position), text));
      ops.push(WriteOp.set(keys.typeEntry(pe.type, position), String(position)));
      // Data from its JSON text (parsed when first read): what subscribers see live is exactly what
      // a later read returns, and later changes to the caller's object do not leak in.
      recorded.push(new RecordedEvent(id, sid, pe.type, version, position, undefined, metadata, now, pe.dataText));
    }
    const snapshot = this._snapshot;
    if (snapshot !== undefined) {
      ops.push(WriteOp.set(keys.snapshot(sid),
        StreamSnapshot.encode(sid, version, snapshot.schemaVersion, now, snapshot.stateText)));
    }
    const next = new StreamHead(version, head.truncateBefore, head.firstStored, head.startVersion, false, false);
    group.add(ops, sid, next, recorded, recorded);
    this._result = new AppendResult(sid, version, position, recorded, false);
  }

  protected result(): AppendResult {
    return this._result as AppendResult;
  }

  /**
   * The events of an earlier append of this very batch (every event has an id, and the stream
   * holds the same ids where this batch would have gone), or undefined. Where it would have gone:
   * after the expected version; at the start of the stream for NO_STREAM; at the end for ANY.
   */
  private async earlierAppend(group: WriteGroup, head: StreamHead): Promise<RecordedEvent[] | undefined> {
    const n = this._events.length;
    if (n === 0 || !head.exists) {
      return undefined;
    }
    for (const e of this._events) {
      if (e.id === undefined) {
        return undefined;
      }
    }
    let first: number;
    if (this._expected >= 0) {
      first = this._expected + 1;
    } else if (this._expected === ExpectedVersion.NO_STREAM) {
      first = head.startVersion;
    } else if (this._expected === ExpectedVersion.ANY) {
      first = head.version - n + 1;
    } else {
      return undefined;
    }
    if (first < head.truncateBefore || first + n - 1 > head.version) {
      return undefined;
    }
    const found: RecordedEvent[] = [];
    for (let i = 0; i < n; i++) {
      const rec = await group.record(this._streamId, first + i);
      if (rec === undefined || rec.id !== this._events[i].id) {
        return undefined;
      }
      found.push(rec);
    }
    return found;
  }
}
