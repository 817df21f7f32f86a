// Test helpers for the event store: a store factory and a KeyValueStore wrapper that can fail or
// "crash" in the middle of a write, so tests can prove no half-written batch is ever visible.
import { JsonValue } from '../../sdk/src/main/ets/core/index';
import {
  KeyValueEntry, KeyValueStore, MemoryStore, SeededRandom, VirtualClock, WriteOp,
} from '../../sdk/src/main/ets/platform/index';
import { EventStore, EventStoreOptions, NewEvent } from '../../sdk/src/main/ets/eventstore/index';

export const json = (o: Record<string, JsonValue>): Record<string, JsonValue> => o;

export const ev = (type: string, data: JsonValue = null, id?: string): NewEvent => (id === undefined ? { type, data } : { type, data, id });

export interface Rig {
  clock: VirtualClock;
  random: SeededRandom;
  kv: MemoryStore;
  store: EventStore;
  /** A fresh EventStore over the same KeyValueStore: what a restart after a crash sees. */
  reopen: (extra?: Partial<EventStoreOptions>) => EventStore;
}

export const rig = (extra: Partial<EventStoreOptions> = {}, seed = 'es'): Rig => {
  const clock = new VirtualClock({ startTime: 1_000 });
  const random = new SeededRandom(seed);
  const kv = new MemoryStore();
  const make = (more: Partial<EventStoreOptions> = {}): EventStore =>
    new EventStore({ store: kv, clock, random: random.fork(`store-${Math.floor(random.next() * 1e9)}`), ...extra, ...more });
  return { clock, random, kv, store: make(), reopen: make };
};

/** How FaultyStore treats the next batch. */
export enum BatchFault {
  NONE = 'none',
  /** Reject before writing anything (the store refused the batch). */
  FAIL = 'fail',
  /** Write everything, then never resolve (the process died before the write was acknowledged). */
  HANG_AFTER_WRITE = 'hang-after-write',
  /** Write everything, then reject (the acknowledgement was lost). */
  FAIL_AFTER_WRITE = 'fail-after-write',
}

/** A KeyValueStore over a MemoryStore whose batches can be made to fail; records every batch. */
export class FaultyStore implements KeyValueStore {
  readonly inner: MemoryStore;
  readonly batches: WriteOp[][] = [];
  faults: BatchFault[] = [];
  /**
   * Hold batches in flight until `release()`: nothing is applied before (a write still in the
   * device's buffers: lost if the process dies now).
   */
  hold = false;
  private held: (() => void)[] = [];

  constructor(inner = new MemoryStore()) {
    this.inner = inner;
  }

  get(key: string): Promise<string | undefined> { return this.inner.get(key); }
  set(key: string, value: string): Promise<void> { return this.inner.set(key, value); }
  delete(key: string): Promise<boolean> { return this.inner.delete(key); }
  keys(prefix?: string): Promise<string[]> { return this.inner.keys(prefix); }
  entries(prefix?: string): Promise<KeyValueEntry[]> { return this.inner.entries(prefix); }

  async batch(ops: WriteOp[]): Promise<void> {
    this.batches.push(ops);
    const fault = this.faults.shift() ?? BatchFault.NONE;
    if (fault === BatchFault.FAIL) throw new Error('disk full');
    if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
    if (this.dead) return new Promise<void>(() => {});
    await this.inner.batch(ops);
    if (fault === BatchFault.HANG_AFTER_WRITE) return new Promise<void>(() => {});
    if (fault === BatchFault.FAIL_AFTER_WRITE) throw new Error('ack lost');
  }

  /** After `crash()`, held batches are never applied and never resolve (the process is gone). */
  dead = false;

  crash(): void {
    this.dead = true;
    this.release();
  }

  release(): void {
    const h = this.held;
    this.held = [];
    for (const r of h) r();
  }
}

/** Lets pending promise callbacks run (MemoryStore resolves on microtasks). */
export const settle = async (turns = 20): Promise<void> => {
  for (let i = 0; i < turns; i++) await Promise.resolve();
};
