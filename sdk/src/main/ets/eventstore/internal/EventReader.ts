import { EventFilter } from '../EventFilter';
import { RecordedEvent } from '../RecordedEvent';
import { LogSlice, ReadDirection, StreamReadStatus, StreamSlice } from '../ReadResults';
import { RecordCodec } from './RecordCodec';
import { StoreState } from './StoreState';

/** Log positions read per round trip while scanning with a filter. */
const SCAN_CHUNK = 128;
/** A filtered log read examines at most max(this, 4 * maxCount) positions per call. */
const MIN_SCAN_LIMIT = 1024;

/**
 * Reads streams, the global log and the by-type index. Reads never wait for the writer: they see
 * what is committed (the log up to the last committed position; a stream up to its head), by
 * direct key lookups (versions and positions are dense), fetched in parallel.
 */
export class EventReader {
  private readonly _state: StoreState;

  constructor(state: StoreState) {
    this._state = state;
  }

  async readStream(streamId: string, direction: ReadDirection, fromVersion: number | undefined, maxCount: number): Promise<StreamSlice> {
    const head = await this._state.peekHead(streamId);
    if (head.hardDeleted) {
      return new StreamSlice(streamId, StreamReadStatus.DELETED, direction, [], -1, -1, true);
    }
    if (!head.exists) {
      return new StreamSlice(streamId, StreamReadStatus.NOT_FOUND, direction, [], -1, -1, true);
    }
    const last = head.version;
    const first = head.truncateBefore;
    const keys = this._state.keys;
    const wanted: string[] = [];
    let next: number;
    let isEnd: boolean;
    if (direction === ReadDirection.FORWARDS) {
      const from = Math.max(fromVersion ?? 0, first);
      const to = Math.min(last, from + maxCount - 1);
      for (let v = from; v <= to; v++) {
        wanted.push(keys.event(streamId, v));
      }
      next = Math.max(from, to + 1);
      isEnd = next > last;
    } else {
      const from = Math.min(fromVersion ?? last, last);
      const to = Math.max(first, from - maxCount + 1);
      for (let v = from; v >= to; v--) {
        wanted.push(keys.event(streamId, v));
      }
      next = Math.min(from, to - 1);
      isEnd = next < first;
    }
    const events = await this.fetch(wanted, EventFilter.ALL, wanted.length);
    return new StreamSlice(streamId, StreamReadStatus.OK, direction, events, last, next, isEnd);
  }

  async readAll(direction: ReadDirection, fromPosition: number | undefined, maxCount: number, filter: EventFilter): Promise<LogSlice> {
    await this._state.ensureOpen();
    const head = this._state.position;
    const forwards = direction === ReadDirection.FORWARDS;
    let pos = forwards ? Math.max(fromPosition ?? 1, 1) : Math.min(fromPosition ?? head, head);
    const scanLimit = filter.all ? Number.MAX_SAFE_INTEGER : Math.max(MIN_SCAN_LIMIT, 4 * maxCount);
    const events: RecordedEvent[] = [];
    let scanned = 0;
    while ((forwards ? pos <= head : pos >= 1) && events.length < maxCount && scanned < scanLimit) {
      const remaining = forwards ? head - pos + 1 : pos;
      const chunk = Math.min(remaining, filter.all ? maxCount - events.length : SCAN_CHUNK);
      const wanted: string[] = [];
      for (let i = 0; i < chunk; i++) {
        wanted.push(this._state.keys.log(forwards ? pos + i : pos - i));
      }
      const found = await this.fetch(wanted, filter, maxCount - events.length);
      for (const e of found) {
        events.push(e);
      }
      if (events.length >= maxCount && found.length > 0) {
        // Stop right after the last event taken: the rest of the chunk is the next page's.
        const lastTaken = found[found.length - 1].position;
        pos = forwards ? lastTaken + 1 : lastTaken - 1;
      } else {
        pos = forwards ? pos + chunk : pos - chunk;
      }
      scanned += chunk;
    }
    const isEnd = forwards ? pos > head : pos < 1;
    return new LogSlice(direction, events, pos, head, isEnd);
  }

  async readByType(type: string, direction: ReadDirection, fromPosition: number | undefined, maxCount: number): Promise<LogSlice> {
    await this._state.ensureOpen();
    const head = this._state.position;
    const keys = this._state.keys;
    const prefix = keys.typePrefix(type);
    const listed = await this._state.store.keys(prefix);
    const forwards = direction === ReadDirection.FORWARDS;
    const from = forwards ? Math.max(fromPosition ?? 1, 1) : Math.min(fromPosition ?? head, head);
    const positions: number[] = [];
    for (const k of listed) {
      const p = Number(k.substring(prefix.length));
      if (Number.isSafeInteger(p) && p <= head && (forwards ? p >= from : p <= from)) {
        positions.push(p);
      }
    }
    if (!forwards) {
      positions.reverse();
    }
    const taken = positions.length > maxCount ? positions.slice(0, maxCount) : positions;
    const wanted: string[] = [];
    for (const p of taken) {
      wanted.push(keys.log(p));
    }
    const events = await this.fetch(wanted, EventFilter.ALL, wanted.length);
    const isEnd = taken.length === positions.length;
    let next: number;
    if (isEnd) {
      next = forwards ? Math.max(from, head + 1) : 0;
    } else {
      const lastTaken = taken[taken.length - 1];
      next = forwards ? lastTaken + 1 : lastTaken - 1;
    }
    return new LogSlice(direction, events, next, head, isEnd);
  }

  /** The records at `keys`, in order, skipping missing and purged ones and those the filter refuses; at most `max`. */
  private async fetch(keys: string[], filter: EventFilter, max: number): Promise<RecordedEvent[]> {
    const store = this._state.store;
    const pending: Promise<string | undefined>[] = [];
    for (const k of keys) {
      pending.push(store.get(k));
    }
    const texts = await Promise.all(pending);
    const out: RecordedEvent[] = [];
    for (let i = 0; i < texts.length && out.length < max; i++) {
      const text = texts[i];
      if (text === undefined) {
        continue;
      }
      const e = RecordCodec.decode(text, keys[i]);
      if (e !== undefined && filter.matches(e)) {
        out.push(e);
      }
    }
    return out;
  }
}
