import { KeyValueStore, WriteOp } from '../../platform/store/KeyValueStore';
import { SagaStatus, isFinalSagaStatus } from '../SagaStatus';
import { SagaTransition } from '../SagaTransition';
import { ExecutionState } from './ExecutionState';
import { decodeExecution, decodeTransition, encodeExecution, encodeTransition } from './executionCodec';

/** Default key prefix of the saga log in a KeyValueStore. */
export const DEFAULT_SAGA_KEY_PREFIX = 'arkmesh/saga/';

const SEQ_DIGITS = 10;

const pad = (n: number): string => {
  const s = String(n);
  return s.length >= SEQ_DIGITS ? s : '0000000000'.substring(0, SEQ_DIGITS - s.length) + s;
};

/**
 * The durable saga log in a {@link KeyValueStore}. Each transition is one atomic batch: the
 * execution's record (its whole state, rewritten), the new history entry, and the index entries
 * that change with the status. Layout under the prefix (default `arkmesh/saga/`):
 *
 * | key | value |
 * | --- | --- |
 * | `x/<id>` | the execution record (JSON) |
 * | `h/<id>/<seq, 10 digits>` | one history entry (JSON) |
 * | `o/<id>` | present while the execution is not final (RUNNING, COMPENSATING, STUCK): what `recover()` scans |
 * | `s/<status>/<id>` | status index: what `list(status)` scans |
 * | `k/<idempotency key>` | the execution started with that key |
 *
 * The orchestrator is its only writer; reading it directly (tools, the simulator's storage view)
 * is fine.
 */
export class SagaLog {
  readonly store: KeyValueStore;
  readonly prefix: string;

  constructor(store: KeyValueStore, prefix?: string) {
    this.store = store;
    this.prefix = prefix ?? DEFAULT_SAGA_KEY_PREFIX;
  }

  recordKey(id: string): string {
    return `${this.prefix}x/${id}`;
  }

  historyPrefix(id: string): string {
    return `${this.prefix}h/${id}/`;
  }

  historyKey(id: string, seq: number): string {
    return `${this.historyPrefix(id)}${pad(seq)}`;
  }

  openKey(id: string): string {
    return `${this.prefix}o/${id}`;
  }

  statusPrefix(status: SagaStatus): string {
    return `${this.prefix}s/${status}/`;
  }

  idempotencyKey(key: string): string {
    return `${this.prefix}k/${key}`;
  }

  /**
   * The writes of one transition: the record, the history entry, and the index changes from
   * `previous` (undefined for the first transition) to the state's current status.
   */
  opsFor(state: ExecutionState, entry: SagaTransition, previous: SagaStatus | undefined): WriteOp[] {
    const id = state.id;
    const ops: WriteOp[] = [
      WriteOp.set(this.recordKey(id), encodeExecution(state)),
      WriteOp.set(this.historyKey(id, entry.seq), encodeTransition(entry))
    ];
    if (previous !== state.status) {
      if (previous !== undefined) {
        ops.push(WriteOp.delete(`${this.statusPrefix(previous)}${id}`));
      }
      ops.push(WriteOp.set(`${this.statusPrefix(state.status)}${id}`, ''));
      if (isFinalSagaStatus(state.status)) {
        ops.push(WriteOp.delete(this.openKey(id)));
      } else if (previous === undefined) {
        ops.push(WriteOp.set(this.openKey(id), ''));
      }
    }
    if (previous === undefined && state.idempotencyKey !== undefined) {
      ops.push(WriteOp.set(this.idempotencyKey(state.idempotencyKey), id));
    }
    return ops;
  }

  /** The stored state of execution `id`, undefined when absent; throws `ERR_STORE` when corrupt. */
  async load(id: string): Promise<ExecutionState | undefined> {
    const text = await this.store.get(this.recordKey(id));
    return text === undefined ? undefined : decodeExecution(text);
  }

  /** The history of execution `id`, oldest first (`sagaName`/`sagaVersion` fill the entries). */
  async history(id: string, sagaName: string, sagaVersion: number): Promise<SagaTransition[]> {
    const entries = await this.store.entries(this.historyPrefix(id));
    const out: SagaTransition[] = [];
    for (const e of entries) {
      out.push(decodeTransition(e.value, id, sagaName, sagaVersion));
    }
    return out;
  }

  /** Ids of the executions that are not final (RUNNING, COMPENSATING, STUCK), ascending. */
  async openIds(): Promise<string[]> {
    return this.idsUnder(`${this.prefix}o/`);
  }

  /** Ids of the executions with `status`, ascending. */
  async idsByStatus(status: SagaStatus): Promise<string[]> {
    return this.idsUnder(this.statusPrefix(status));
  }

  /** Ids of every execution in the log, ascending. */
  async allIds(): Promise<string[]> {
    return this.idsUnder(`${this.prefix}x/`);
  }

  /** The execution started with idempotency key `key`, or undefined. */
  async findByIdempotencyKey(key: string): Promise<string | undefined> {
    return this.store.get(this.idempotencyKey(key));
  }

  /**
   * Deletes a final execution (record, history, indexes) in one batch. Resolves false when it
   * is absent or not final (open executions are never deleted).
   */
  async remove(id: string): Promise<boolean> {
    const state = await this.load(id);
    if (state === undefined || !isFinalSagaStatus(state.status)) {
      return false;
    }
    const ops: WriteOp[] = [WriteOp.delete(this.recordKey(id)), WriteOp.delete(`${this.statusPrefix(state.status)}${id}`)];
    for (const key of await this.store.keys(this.historyPrefix(id))) {
      ops.push(WriteOp.delete(key));
    }
    if (state.idempotencyKey !== undefined) {
      ops.push(WriteOp.delete(this.idempotencyKey(state.idempotencyKey)));
    }
    await this.store.batch(ops);
    return true;
  }

  private async idsUnder(prefix: string): Promise<string[]> {
    const keys = await this.store.keys(prefix);
    const out: string[] = [];
    for (const k of keys) {
      out.push(k.substring(prefix.length));
    }
    return out;
  }
}
