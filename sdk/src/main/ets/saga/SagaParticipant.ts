import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { JsonObject, JsonValue } from '../core/json/JsonValue';
import { Clock } from '../platform/Clock';
import { KeyValueStore, WriteOp } from '../platform/store/KeyValueStore';
import { MeshRequest } from '../transport/MeshRequest';
import { asJsonObject } from './SagaContext';
import { SAGA_IDEMPOTENCY_HEADER } from './SagaStepContext';
import { SagaErrorInfo } from './SagaTransition';
import { SagaStepRejectedError } from './errors/SagaStepRejectedError';

/** What a participant's action or undo did: its result and the writes that make it durable. */
export class SagaParticipantEffect {
  readonly result: JsonValue;
  readonly writes: WriteOp[];

  constructor(result: JsonValue, writes?: WriteOp[]) {
    this.result = result;
    this.writes = writes ?? [];
  }
}

/** Applies an action; throw {@link SagaStepRejectedError} to refuse it for good. */
export type SagaParticipantApply = () => Promise<SagaParticipantEffect>;

/** Undoes an applied action, given its result. */
export type SagaParticipantUndo = (result: JsonValue) => Promise<SagaParticipantEffect>;

/** Where one idempotency key stands at a participant. */
export enum SagaLedgerState {
  /** The action took effect. */
  APPLIED = 'applied',
  /** The action was refused (the same refusal is repeated to retries). */
  REJECTED = 'rejected',
  /** The action was undone. */
  COMPENSATED = 'compensated',
  /** The compensation arrived first (or the action had been refused): a late action is refused. */
  CANCELLED = 'cancelled'
}

/** One key's ledger entry. */
export class SagaLedgerEntry {
  readonly key: string;
  readonly state: SagaLedgerState;
  /** The action's result (APPLIED, COMPENSATED), else null. */
  readonly result: JsonValue;
  /** The refusal (REJECTED). */
  readonly error: SagaErrorInfo | undefined;
  readonly at: number;

  constructor(key: string, state: SagaLedgerState, result: JsonValue, error: SagaErrorInfo | undefined, at: number) {
    this.key = key;
    this.state = state;
    this.result = result;
    this.error = error;
    this.at = at;
  }
}

const STATES: SagaLedgerState[] = [SagaLedgerState.APPLIED, SagaLedgerState.REJECTED, SagaLedgerState.COMPENSATED,
  SagaLedgerState.CANCELLED];

const encodeEntry = (e: SagaLedgerEntry): string => {
  const o: Record<string, JsonValue> = { 'state': e.state, 'result': e.result, 'at': e.at };
  const err = e.error;
  if (err !== undefined) {
    const eo: Record<string, JsonValue> = { 'code': err.code, 'message': err.message };
    o['error'] = eo as JsonObject;
  }
  return JSON.stringify(o);
};

const decodeEntry = (key: string, text: string): SagaLedgerEntry | undefined => {
  let o: JsonObject | undefined = undefined;
  try {
    o = asJsonObject(JSON.parse(text) as JsonValue);
  } catch (e) {
    return undefined;
  }
  if (o === undefined) {
    return undefined;
  }
  let state: SagaLedgerState | undefined = undefined;
  for (const s of STATES) {
    if (s === o['state']) {
      state = s;
    }
  }
  const at = o['at'];
  if (state === undefined || typeof at !== 'number') {
    return undefined;
  }
  const eo = asJsonObject(o['error']);
  let error: SagaErrorInfo | undefined = undefined;
  if (eo !== undefined && typeof eo['code'] === 'string' && typeof eo['message'] === 'string') {
    error = new SagaErrorInfo(eo['code'] as string, eo['message'] as string);
  }
  const result = o['result'];
  return new SagaLedgerEntry(key, state, result === undefined ? null : result, error, at);
};

/**
 * The participant side of sagas: makes a service's actions and compensations idempotent and
 * order-independent with a durable ledger keyed by the step's idempotency key. An action runs at
 * most once per key (a retry gets the first result, or the same refusal); a compensation undoes
 * an applied action once; a compensation that arrives before its action (the action's request was
 * delayed, the orchestrator gave up on it) leaves a tombstone so the late action is refused. The
 * effect's writes and the ledger entry are one atomic batch, so a crash never separates them.
 *
 * @example
 * const ledger = new SagaParticipant(store, 'inventory', clock);
 * node.provide('inventory', async (req) => {
 *   const key = SagaParticipant.keyOf(req) ?? '';
 *   const result = req.path === '/reserve'
 *     ? await ledger.action(key, async () => new SagaParticipantEffect({ 'reserved': 1 }, [WriteOp.set('stock/tv', '4')]))
 *     : await ledger.compensate(key, async (r) => new SagaParticipantEffect(null, [WriteOp.set('stock/tv', '5')]));
 *   return MeshResponse.json(result);
 * });
 */
export class SagaParticipant {
  readonly store: KeyValueStore;
  readonly name: string;
  readonly prefix: string;
  private readonly _clock: Clock | undefined;
  private readonly _locks: Map<string, Promise<void>> = new Map<string, Promise<void>>();

  /** `name` scopes the ledger in the store (`arkmesh/saga-participant/<name>/`); `clock` stamps entries. */
  constructor(store: KeyValueStore, name: string, clock?: Clock) {
    if (typeof name !== 'string' || name.length === 0 || name.length > 128) {
      throw new InvalidArgumentError('name', 'must be a string of 1-128 characters');
    }
    this.store = store;
    this.name = name;
    this.prefix = `arkmesh/saga-participant/${name}/`;
    this._clock = clock;
  }

  /** The idempotency key a saga call carries (`idempotency-key` header), or undefined. */
  static keyOf(request: MeshRequest): string | undefined {
    const key = request.headers.get(SAGA_IDEMPOTENCY_HEADER);
    return key === undefined || key.length === 0 ? undefined : key;
  }

  /**
   * Runs `apply` once for `key`. Repeats resolve with the first result; after a refusal they
   * reject with the same {@link SagaStepRejectedError}; after a compensation (or a tombstone)
   * they are refused. Other errors thrown by `apply` record nothing (the orchestrator retries).
   */
  action(key: string, apply: SagaParticipantApply): Promise<JsonValue> {
    return this.locked<JsonValue>(key, async (): Promise<JsonValue> => {
      const entry = await this.entry(key);
      if (entry !== undefined) {
        if (entry.state === SagaLedgerState.APPLIED) {
          return entry.result;
        }
        if (entry.state === SagaLedgerState.REJECTED) {
          throw new SagaStepRejectedError(entry.error?.message ?? 'refused', 409);
        }
        throw new SagaStepRejectedError(`${this.name}: ${key} was already compensated`, 409);
      }
      let effect: SagaParticipantEffect;
      try {
        effect = await apply();
      } catch (e) {
        if (e instanceof SagaStepRejectedError) {
          await this.store.set(this.keyFor(key),
            encodeEntry(new SagaLedgerEntry(key, SagaLedgerState.REJECTED, null, SagaErrorInfo.of(e as Error), this.now())));
        }
        throw e as Error;
      }
      const ops = effect.writes.slice();
      ops.push(WriteOp.set(this.keyFor(key), encodeEntry(new SagaLedgerEntry(key, SagaLedgerState.APPLIED, effect.result, undefined,
        this.now()))));
      await this.store.batch(ops);
      return effect.result;
    });
  }

  /**
   * Undoes the action of `key` once: `undo` runs only when the action was applied. Without an
   * applied action a tombstone is written (a late action is then refused) and null returned.
   * Repeats resolve with the undo's first result.
   */
  compensate(key: string, undo: SagaParticipantUndo): Promise<JsonValue> {
    return this.locked<JsonValue>(key, async (): Promise<JsonValue> => {
      const entry = await this.entry(key);
      if (entry === undefined || entry.state === SagaLedgerState.REJECTED) {
        await this.store.set(this.keyFor(key), encodeEntry(new SagaLedgerEntry(key, SagaLedgerState.CANCELLED, null, entry?.error,
          this.now())));
        return null;
      }
      if (entry.state !== SagaLedgerState.APPLIED) {
        return entry.state === SagaLedgerState.COMPENSATED ? entry.result : null;
      }
      const effect = await undo(entry.result);
      const ops = effect.writes.slice();
      ops.push(WriteOp.set(this.keyFor(key), encodeEntry(new SagaLedgerEntry(key, SagaLedgerState.COMPENSATED, effect.result,
        undefined, this.now()))));
      await this.store.batch(ops);
      return effect.result;
    });
  }

  /** The ledger entry of `key`, or undefined. */
  async entry(key: string): Promise<SagaLedgerEntry | undefined> {
    const text = await this.store.get(this.keyFor(key));
    return text === undefined ? undefined : decodeEntry(key, text);
  }

  /** Every ledger entry, in key order. */
  async entries(): Promise<SagaLedgerEntry[]> {
    const out: SagaLedgerEntry[] = [];
    for (const e of await this.store.entries(this.prefix)) {
      const entry = decodeEntry(e.key.substring(this.prefix.length), e.value);
      if (entry !== undefined) {
        out.push(entry);
      }
    }
    return out;
  }

  private keyFor(key: string): string {
    if (typeof key !== 'string' || key.length === 0 || key.length > 512) {
      throw new SagaStepRejectedError(`${this.name}: a saga call needs an idempotency key (1-512 characters)`, 400);
    }
    return `${this.prefix}${key}`;
  }

  private now(): number {
    const clock = this._clock;
    return clock === undefined ? 0 : clock.now();
  }

  /** Runs `op` after every earlier operation on the same key (duplicate deliveries race otherwise). */
  private locked<T>(key: string, op: () => Promise<T>): Promise<T> {
    const previous = this._locks.get(key) ?? Promise.resolve();
    const run = previous.then((): Promise<T> => op());
    const tail = run.then((v: T): void => {}, (e: Error): void => {});
    this._locks.set(key, tail);
    tail.then((): void => {
      if (this._locks.get(key) === tail) {
        this._locks.delete(key);
      }
    });
    return run;
  }
}
