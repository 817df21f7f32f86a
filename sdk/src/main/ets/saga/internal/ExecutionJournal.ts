import { SagaStatus } from '../SagaStatus';
import { SagaErrorInfo, SagaTransition, SagaTransitionType } from '../SagaTransition';
import { ExecutionState } from './ExecutionState';
import { LogInterrupt } from './LogInterrupt';
import { SagaEngine } from './SagaEngine';

/**
 * Writes one execution's transitions to the saga log, in order, one atomic batch each, and emits
 * each transition once it is durable. The caller changes the state first, then records: the
 * batch holds the whole state as of that moment. Writes are chained, so concurrent steps of a
 * parallel group never interleave a batch. After a failed write the journal refuses further
 * writes: a later record must never be durable without an earlier one.
 */
export class ExecutionJournal {
  readonly state: ExecutionState;
  private readonly _engine: SagaEngine;
  private _persisted: SagaStatus | undefined;
  private _tail: Promise<void> = Promise.resolve();
  private _broken: Error | undefined = undefined;
  /** The whole history (the stored part, then what this journal wrote), when the caller loaded it. */
  readonly history: SagaTransition[] | undefined;

  /**
   * `persisted` is the status stored so far (undefined for a new execution); `history` the stored
   * history (empty for a new execution), kept up to date so waiters need not read it back.
   */
  constructor(engine: SagaEngine, state: ExecutionState, persisted: SagaStatus | undefined, history?: SagaTransition[]) {
    this._engine = engine;
    this.state = state;
    this._persisted = persisted;
    this.history = history;
  }

  /**
   * Records a transition of the (already updated) state. Resolves with the entry once it is
   * durable and emitted; rejects with a {@link LogInterrupt} when halted or when the store fails.
   */
  record(type: SagaTransitionType, step?: string, attempt?: number, error?: SagaErrorInfo, delayMs?: number,
    note?: string): Promise<SagaTransition> {
    const engine = this._engine;
    const broken = this._broken;
    if (broken !== undefined) {
      return Promise.reject(broken);
    }
    if (engine.halted) {
      return Promise.reject(LogInterrupt.halted());
    }
    const s = this.state;
    s.seq++;
    s.updatedAt = engine.clock.now();
    const entry = new SagaTransition(s.id, s.sagaName, s.sagaVersion, s.seq, type, s.updatedAt, s.status, step, attempt, error,
      delayMs, note);
    const ops = engine.log.opsFor(s, entry, this._persisted);
    this._persisted = s.status;
    const write = this._tail.then((): Promise<void> => {
      const failed = this._broken;
      if (failed !== undefined) {
        return Promise.reject(failed);
      }
      if (engine.halted) {
        return Promise.reject(LogInterrupt.halted());
      }
      return engine.log.store.batch(ops).catch((e: Error): void => {
        const interrupt = LogInterrupt.store(e instanceof Error ? e : new Error(String(e)));
        this._broken = interrupt as Error;
        throw interrupt as Error;
      });
    });
    this._tail = write.catch((e: Error): void => {});
    return write.then((): SagaTransition => {
      if (engine.halted) {
        // Durable, but a halted orchestrator is dead: it tells nobody and does nothing more.
        throw LogInterrupt.halted() as Error;
      }
      const history = this.history;
      if (history !== undefined) {
        history.push(entry);
      }
      engine.transitions.emit(entry);
      if (type === SagaTransitionType.SAGA_STUCK) {
        engine.stuck.emit(entry);
      }
      return entry;
    });
  }
}
