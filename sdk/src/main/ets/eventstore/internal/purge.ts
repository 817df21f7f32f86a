import { WriteOp } from '../../platform/store/KeyValueStore';
import { PURGED_MARKER } from './RecordCodec';
import { WriteGroup } from './WriteGroup';

/**
 * The writes that remove a stream's stored events `from..to` (inclusive) everywhere: the stream
 * copy, the log copy (replaced by a small marker, so log positions stay dense for readers) and the
 * type-index entry. Reads each event first, to learn its position and type; missing ones are skipped.
 */
export const purgeOps = async (group: WriteGroup, streamId: string, from: number, to: number): Promise<WriteOp[]> => {
  const keys = group.state.keys;
  const ops: WriteOp[] = [];
  for (let v = from; v <= to; v++) {
    const rec = await group.record(streamId, v);
    ops.push(WriteOp.delete(keys.event(streamId, v)));
    if (rec !== undefined) {
      ops.push(WriteOp.set(keys.log(rec.position), PURGED_MARKER));
      ops.push(WriteOp.delete(keys.typeEntry(rec.type, rec.position)));
    }
  }
  return ops;
};
