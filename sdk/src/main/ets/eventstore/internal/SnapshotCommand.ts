import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { WriteOp } from '../../platform/store/KeyValueStore';
import { StreamDeletedError } from '../errors/StreamDeletedError';
import { StreamNotFoundError } from '../errors/StreamNotFoundError';
import { StreamSnapshot } from '../StreamSnapshot';
import { PreparedSnapshot } from './PreparedSnapshot';
import { WriteCommand } from './WriteCommand';
import { WriteGroup } from './WriteGroup';

/** Stores a stream's snapshot at a version it has reached (replacing the previous snapshot). */
export class SnapshotCommand extends WriteCommand<StreamSnapshot> {
  private readonly _streamId: string;
  private readonly _version: number;
  private readonly _snapshot: PreparedSnapshot;
  private _result: StreamSnapshot | undefined = undefined;

  constructor(streamId: string, version: number, snapshot: PreparedSnapshot) {
    super(false);
    this._streamId = streamId;
    this._version = version;
    this._snapshot = snapshot;
  }

  async prepare(group: WriteGroup): Promise<void> {
    const sid = this._streamId;
    const head = await group.head(sid);
    if (head.hardDeleted) {
      throw new StreamDeletedError(sid);
    }
    if (!head.exists) {
      throw new StreamNotFoundError(sid);
    }
    if (this._version > head.version || this._version < head.truncateBefore - 1) {
      throw new InvalidArgumentError('version',
        `must be between ${head.truncateBefore - 1} and the stream's version ${head.version}`);
    }
    const now = group.state.clock.now();
    const s = this._snapshot;
    const text = StreamSnapshot.encode(sid, this._version, s.schemaVersion, now, s.stateText);
    group.add([WriteOp.set(group.state.keys.snapshot(sid), text)], sid, undefined, [], []);
    this._result = StreamSnapshot.decode(text) as StreamSnapshot;
  }

  protected result(): StreamSnapshot {
    return this._result as StreamSnapshot;
  }
}
