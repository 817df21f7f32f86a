import { Disposable } from '../../core/events/Disposable';
import { EventEmitter, Listener } from '../../core/events/EventEmitter';
import { JsonValue } from '../../core/json/JsonValue';
import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { KeyValueStore, WriteOp } from '../../platform/store/KeyValueStore';
import { padSeq } from '../internal/StoreKeys';
import { StoreWriter } from '../internal/StoreWriter';
import { BusEvent } from './BusEvent';
import { BusReplayOptions } from './EventBusOptions';

/** Store key prefix of event logs: `arkmesh/bus/<deviceId>/<bus>/`. */
export const EVENT_LOG_STORE_PREFIX = 'arkmesh/bus/';

/** A log position taken by an event whose write is pending. */
export class LogReservation {
  readonly event: BusEvent<JsonValue>;
  /** The write that stores it (for the emitter's atomic batch); undefined when the log is not durable. */
  readonly op: WriteOp | undefined;

  constructor(event: BusEvent<JsonValue>, op: WriteOp | undefined) {
    this.event = event;
    this.op = op;
  }
}

const encode = (e: BusEvent<JsonValue>): string => {
  const r: Record<string, JsonValue> = {
    'i': e.id, 't': e.type, 'd': e.data, 'tm': e.time, 's': e.source, 'c': e.correlationId,
    'k': e.causationId === undefined ? null : e.causationId, 'h': e.headers as Record<string, JsonValue>
  };
  return JSON.stringify(r);
};

const decode = (text: string, position: number): BusEvent<JsonValue> | undefined => {
  try {
    const v = JSON.parse(text) as JsonValue;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      return undefined;
    }
    const r = v as Record<string, JsonValue>;
    const i = r['i'];
    const t = r['t'];
    const d = r['d'];
    const tm = r['tm'];
    const s = r['s'];
    const c = r['c'];
    const k = r['k'];
    const h = r['h'];
    if (typeof i !== 'string' || typeof t !== 'string' || d === undefined || typeof tm !== 'number' || typeof s !== 'string' ||
      typeof c !== 'string' || (k !== null && typeof k !== 'string') || h === null || typeof h !== 'object' || Array.isArray(h)) {
      return undefined;
    }
    const hr = h as Record<string, JsonValue>;
    const headers: Record<string, string> = {};
    for (const name of Object.keys(hr)) {
      const hv = hr[name];
      if (typeof hv === 'string') {
        headers[name] = hv;
      }
    }
    return new BusEvent<JsonValue>(i, t, d, tm, s, c, k === null ? undefined : k as string, headers, position);
  } catch (e) {
    return undefined;
  }
};

/**
 * The retained event log of a bus on one node: every event emitted or received here, in the order
 * this node logged it, each with a position (increasing; a cancelled emit leaves a gap). Durable
 * in the store when the queue is; trimmed to `maxEvents` and `maxAgeMs`. Replay reads it from a
 * position or a time.
 */
export class BusEventLog {
  private readonly _store: KeyValueStore;
  private readonly _prefix: string;
  private readonly _clock: Clock;
  private readonly _logger: Logger;
  private readonly _writer: StoreWriter | undefined;
  private readonly _maxEvents: number;
  private readonly _maxAgeMs: number;
  private _events: BusEvent<JsonValue>[] = [];
  private _head: number = 0;
  private readonly _ids: Map<string, number> = new Map<string, number>();
  private _next: number = 1;
  private _ready: Promise<void> = Promise.resolve();
  private readonly _appended: EventEmitter<BusEvent<JsonValue>>;

  constructor(store: KeyValueStore, prefix: string, clock: Clock, logger: Logger, durable: boolean, maxEvents: number,
    maxAgeMs: number) {
    this._store = store;
    this._prefix = prefix;
    this._clock = clock;
    this._logger = logger;
    this._writer = durable ? new StoreWriter(store, logger) : undefined;
    this._maxEvents = maxEvents;
    this._maxAgeMs = maxAgeMs;
    this._appended = new EventEmitter<BusEvent<JsonValue>>((e: Error): void =>
      logger.warn('event bus: log listener failed', { 'error': e.message }));
    if (durable) {
      this._ready = this.load();
    }
  }

  /** Resolves once the stored log is loaded. */
  get ready(): Promise<void> {
    return this._ready;
  }

  get durable(): boolean {
    return this._writer !== undefined;
  }

  /** Events retained. */
  get size(): number {
    return this._events.length - this._head;
  }

  /** Position of the oldest retained event (0 when empty). */
  get firstPosition(): number {
    return this.size === 0 ? 0 : this._events[this._head].position;
  }

  /** Position of the newest retained event (0 when empty). */
  get lastPosition(): number {
    return this.size === 0 ? 0 : this._events[this._events.length - 1].position;
  }

  /** The position of a logged (or being logged) event id. */
  positionOf(id: string): number | undefined {
    return this._ids.get(id);
  }

  /** Every event the log takes (emitted or received), in order. */
  onAppend(listener: Listener<BusEvent<JsonValue>>): Disposable {
    return this._appended.on(listener);
  }

  /** Takes the next position for `event`; the caller commits the write and then calls `confirm` (or `cancel`). */
  reserve(event: BusEvent<JsonValue>): LogReservation {
    const positioned = event.at(this._next++);
    if (!this._ids.has(positioned.id)) {
      this._ids.set(positioned.id, positioned.position);
    }
    const op = this._writer === undefined ? undefined
      : WriteOp.set(`${this._prefix}${padSeq(positioned.position)}`, encode(positioned));
    return new LogReservation(positioned, op);
  }

  /** The reserved event is stored: it joins the log. */
  confirm(r: LogReservation): BusEvent<JsonValue> {
    this.insert(r.event);
    return r.event;
  }

  /** The reserved event was not stored. */
  cancel(r: LogReservation): void {
    if (this._ids.get(r.event.id) === r.event.position) {
      this._ids.delete(r.event.id);
    }
  }

  /** Logs an event (received): resolves with it at its position once stored. Already logged: its position. */
  async append(event: BusEvent<JsonValue>): Promise<BusEvent<JsonValue>> {
    const known = this._ids.get(event.id);
    if (known !== undefined) {
      return event.at(known);
    }
    const r = this.reserve(event);
    const w = this._writer;
    if (w !== undefined && r.op !== undefined) {
      try {
        await w.commit([r.op]);
      } catch (e) {
        this.cancel(r);
        throw e as Error;
      }
    }
    return this.confirm(r);
  }

  /** Retained events matching `options`, in log order. */
  read(options?: BusReplayOptions): BusEvent<JsonValue>[] {
    const out: BusEvent<JsonValue>[] = [];
    const from = options?.fromPosition ?? 0;
    const since = options?.fromTime ?? -Infinity;
    const types = options?.types;
    const limit = options?.limit ?? Infinity;
    const events = this._events;
    // Positions increase along the array: binary search the first one >= from.
    let lo = this._head;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (events[mid].position < from) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (let i = lo; i < events.length && out.length < limit; i++) {
      const e = events[i];
      if (e.time >= since && (types === undefined || types.indexOf(e.type) >= 0)) {
        out.push(e);
      }
    }
    return out;
  }

  private insert(e: BusEvent<JsonValue>): void {
    const events = this._events;
    let i = events.length;
    // Appends arrive almost always in position order; a late confirm slides back a little.
    while (i > this._head && events[i - 1].position > e.position) {
      i--;
    }
    if (i === events.length) {
      events.push(e);
    } else {
      events.splice(i, 0, e);
    }
    this.trim();
    this._appended.emit(e);
  }

  private trim(): void {
    const events = this._events;
    const oldest = this._clock.now() - this._maxAgeMs;
    const w = this._writer;
    while (this.size > 0 && (this.size > this._maxEvents || events[this._head].time < oldest)) {
      const e = events[this._head];
      this._head++;
      if (this._ids.get(e.id) === e.position) {
        this._ids.delete(e.id);
      }
      if (w !== undefined) {
        w.append(WriteOp.delete(`${this._prefix}${padSeq(e.position)}`));
      }
    }
    if (this._head > 1024 && this._head * 2 > events.length) {
      this._events = events.slice(this._head);
      this._head = 0;
    }
  }

  private async load(): Promise<void> {
    const entries = await this._store.entries(this._prefix);
    let bad = 0;
    for (const entry of entries) {
      const position = Number(entry.key.substring(this._prefix.length));
      const e = Number.isSafeInteger(position) && position > 0 ? decode(entry.value, position) : undefined;
      if (e === undefined) {
        bad++;
        continue;
      }
      this._events.push(e);
      this._ids.set(e.id, position);
      if (position >= this._next) {
        this._next = position + 1;
      }
    }
    if (bad > 0) {
      this._logger.warn('event bus: skipped malformed log records', { 'count': bad });
    }
    this.trim();
  }
}
