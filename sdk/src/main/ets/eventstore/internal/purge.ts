import { WriteOp } from '../../platform/store/KeyValueStore';
import { RecordedEvent } from '../RecordedEvent';
import { PURGED_MARKER } from './RecordCodec';
import { WriteGroup } from './WriteGroup';

/**
 * The writes that remove a stream's stored events `from..to` (inclusive) everywhere: the stream
 * copy, the log copy (replaced by a small marker, so log positions stay dense for readers) and the
 * type-index entry. Reads the events first (in parallel), to learn their positions and types;
 * missing ones are skipped.
 */
export const purgeOps = async (group: WriteGroup, streamId: string, from: number, to: number): Promise<WriteOp[]> => {
  const keys = group.state.keys;
  const reads: Promise<RecordedEvent | undefined>[] = [];
  for (let v = from; v <= to; v++) {
    reads.push(group.record(streamId, v));
  }
  const records = await Promise.all(reads);
  const ops: WriteOp[] = [];
  for (let i = 0; i < records.length; i++) {
    ops.push(WriteOp.delete(keys.event(streamId, from + i)));
    const rec = records[i];
    if (rec !== undefined) {
      ops.push(WriteOp.set(keys.log(rec.position), PURGED_MARKER));
      ops.push(WriteOp.delete(keys.typeEntry(rec.type, rec.position)));
    }
  }
  return ops;
};
