import { WriteOp } from '../../platform/store/KeyValueStore';
import { RecordedEvent } from '../RecordedEvent';
import { StoreState } from './StoreState';
import { StreamHead } from './StreamHead';

/**
 * The writes of several commands that go to the store in one atomic batch (group commit). It
 * overlays the committed state: a command sees the heads, records and position left by the
 * commands before it in the group. A command adds its writes with one synchronous `add`, after all
 * its checks passed, so a rejected command leaves the group untouched.
 */
export class WriteGroup {
  readonly state: StoreState;
  readonly ops: WriteOp[] = [];
  readonly heads: Map<string, StreamHead> = new Map<string, StreamHead>();
  /** Log entries written by this group, in position order. */
  readonly events: RecordedEvent[] = [];
  private _records: Map<string, RecordedEvent> | undefined = undefined;
  private _position: number;

  constructor(state: StoreState) {
    this.state = state;
    this._position = state.position;
  }

  /** The last global position allocated, including this group's. */
  get position(): number {
    return this._position;
  }

  /** True when some command allocated positions (the meta record must be written). */
  get allocated(): boolean {
    return this._position > this.state.position;
  }

  head(streamId: string): Promise<StreamHead> {
    const own = this.heads.get(streamId);
    return own !== undefined ? Promise.resolve(own) : this.state.loadHead(streamId);
  }

  /** A stream's event as of this group: written by an earlier command of the group, or stored. */
  record(streamId: string, version: number): Promise<RecordedEvent | undefined> {
    const key = this.state.keys.event(streamId, version);
    const own = this._records !== undefined ? this._records.get(key) : undefined;
    return own !== undefined ? Promise.resolve(own) : this.state.readRecord(key);
  }

  /**
   * Adds one command's writes: its store ops, the stream's new head, the events it put in the
   * stream (`streamEvents`, for later commands' idempotency checks) and in the log (`logEvents`).
   */
  add(ops: WriteOp[], streamId: string, head: StreamHead | undefined, streamEvents: RecordedEvent[], logEvents: RecordedEvent[]): void {
    for (let i = 0; i < ops.length; i++) {
      this.ops.push(ops[i]);
    }
    if (head !== undefined) {
      this.heads.set(streamId, head);
    }
    if (streamEvents.length > 0) {
      let records = this._records;
      if (records === undefined) {
        records = new Map<string, RecordedEvent>();
        this._records = records;
      }
      for (const e of streamEvents) {
        records.set(this.state.keys.event(streamId, e.version), e);
      }
    }
    for (const e of logEvents) {
      this.events.push(e);
      if (e.position > this._position) {
        this._position = e.position;
      }
    }
  }

  /** Every op of the group: the commands' ops, each changed stream head, the meta record when positions were allocated. */
  batch(): WriteOp[] {
    const all = this.ops.slice();
    const keys = this.state.keys;
    this.heads.forEach((head: StreamHead, streamId: string): void => {
      all.push(WriteOp.set(keys.head(streamId), head.encode()));
    });
    if (this.allocated) {
      all.push(this.state.metaOp(this._position));
    }
    return all;
  }
}
