import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { StreamDeletedError } from '../errors/StreamDeletedError';
import { StreamNotFoundError } from '../errors/StreamNotFoundError';
import { purgeOps } from './purge';
import { StreamHead } from './StreamHead';
import { WriteCommand } from './WriteCommand';
import { WriteGroup } from './WriteGroup';

/**
 * Retention: purges a stream's events before `before` (stream copy, log copy, type index) and
 * makes `before` the first readable version. Resolves with the number of events purged.
 */
export class TruncateCommand extends WriteCommand<number> {
  private readonly _streamId: string;
  private readonly _before: number;
  private _purged: number = 0;

  constructor(streamId: string, before: number) {
    super(true);
    this._streamId = streamId;
    this._before = before;
  }

  async prepare(group: WriteGroup): Promise<void> {
    const sid = this._streamId;
    const head = await group.head(sid);
    if (head.hardDeleted) {
      throw new StreamDeletedError(sid);
    }
    if (head.version < 0) {
      throw new StreamNotFoundError(sid);
    }
    if (this._before > head.version + 1) {
      throw new InvalidArgumentError('before', `must be at most ${head.version + 1} (the stream's version + 1)`);
    }
    if (this._before <= head.firstStored) {
      return;
    }
    const ops = await purgeOps(group, sid, head.firstStored, this._before - 1);
    const next = new StreamHead(head.version, Math.max(head.truncateBefore, this._before), this._before,
      head.startVersion, head.softDeleted, false);
    group.add(ops, sid, next, [], []);
    this._purged = this._before - head.firstStored;
  }

  protected result(): number {
    return this._purged;
  }
}
