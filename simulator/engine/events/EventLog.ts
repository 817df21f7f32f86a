import { SIM_EVENT_TYPES } from './SimEvent';
import type { SimEvent, SimEventInit, SimEventType } from './SimEvent';

export type SimEventListener = (event: SimEvent) => void;

/** A fixed-capacity ring that keeps the most recent items. */
class Ring<T> {
  private readonly _items: T[] = [];
  private _next = 0;

  constructor(private readonly _capacity: number) {}

  push(item: T): void {
    if (this._items.length < this._capacity) {
      this._items.push(item);
    } else {
      this._items[this._next] = item;
      this._next = (this._next + 1) % this._capacity;
    }
  }

  /** Oldest first. */
  toArray(): T[] {
    return this._items.length < this._capacity ? this._items.slice() : [...this._items.slice(this._next), ...this._items.slice(0, this._next)];
  }

  get size(): number {
    return this._items.length;
  }
}

const FNV_PRIME = 0x01000193;

/**
 * The run's event log: numbers events, fans them out to subscribers, keeps the most recent
 * `maxRetained` of each type (bounded memory on long runs: counts and the hash cover every event)
 * and folds every event into a running hash. Two runs of the same scenario and seed produce the
 * same hash, which is how determinism is tested.
 */
export class EventLog {
  private readonly _rings = new Map<SimEventType, Ring<SimEvent>>();
  private readonly _counts = new Map<SimEventType, number>();
  private readonly _listeners: { listener: SimEventListener; types: ReadonlySet<SimEventType> | undefined }[] = [];
  private _seq = 0;
  private _h1 = 0x811c9dc5;
  private _h2 = 0x050c5d1f;
  private _listenerErrors = 0;

  constructor(readonly maxRetained: number) {
    for (const type of SIM_EVENT_TYPES) {
      this._rings.set(type, new Ring<SimEvent>(maxRetained));
      this._counts.set(type, 0);
    }
  }

  /** Numbers `init`, records it and hands it to every subscriber. Returns the event. */
  emit<E extends SimEvent>(init: SimEventInit<E>): E {
    const event = init as unknown as E;
    event.seq = ++this._seq;
    this.fold(JSON.stringify(event));
    this._rings.get(event.type)!.push(event);
    this._counts.set(event.type, this._counts.get(event.type)! + 1);
    for (let i = 0; i < this._listeners.length; i++) {
      const l = this._listeners[i];
      if (l.types === undefined || l.types.has(event.type)) {
        try {
          l.listener(event);
        } catch {
          // A subscriber's bug must not stop the simulation; it is counted.
          this._listenerErrors++;
        }
      }
    }
    return event;
  }

  /**
   * Calls `listener` with every event from now on (of the given types only, when given). Returns
   * the unsubscribe function.
   */
  subscribe(listener: SimEventListener, types?: readonly SimEventType[]): () => void {
    const entry = { listener, types: types === undefined ? undefined : new Set(types) };
    this._listeners.push(entry);
    return (): void => {
      const i = this._listeners.indexOf(entry);
      if (i >= 0) this._listeners.splice(i, 1);
    };
  }

  /** The retained events of one type, or of every type merged in log order; oldest first. */
  recent(type?: SimEventType): SimEvent[] {
    if (type !== undefined) {
      return this._rings.get(type)!.toArray();
    }
    const all: SimEvent[] = [];
    for (const ring of this._rings.values()) all.push(...ring.toArray());
    return all.sort((a, b) => a.seq - b.seq);
  }

  /** Events emitted so far (all of them, retained or not). */
  get total(): number {
    return this._seq;
  }

  /** Events emitted per type. */
  counts(): Record<SimEventType, number> {
    const out = {} as Record<SimEventType, number>;
    for (const [type, n] of this._counts) out[type] = n;
    return out;
  }

  /** Exceptions thrown by subscribers (swallowed). */
  get listenerErrors(): number {
    return this._listenerErrors;
  }

  /** A 64-bit hash (16 hex digits) of every event emitted so far, in order. */
  hash(): string {
    return (this._h1 >>> 0).toString(16).padStart(8, '0') + (this._h2 >>> 0).toString(16).padStart(8, '0');
  }

  private fold(line: string): void {
    let h1 = this._h1;
    let h2 = this._h2;
    for (let i = 0; i < line.length; i++) {
      const ch = line.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, FNV_PRIME);
      h2 = Math.imul(h2 ^ ch, 0x5bd1e995) ^ (h2 >>> 15);
    }
    // Event separator, so that ["ab","c"] and ["a","bc"] differ.
    this._h1 = Math.imul(h1 ^ 0x0a, FNV_PRIME);
    this._h2 = Math.imul(h2 ^ 0x0a, 0x5bd1e995) ^ (h2 >>> 15);
  }
}
