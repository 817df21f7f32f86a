import { JsonObject } from '../../core/json/JsonValue';
import { Member } from '../Member';
import { isLiveState, MemberEventType, MemberState, stateRank } from '../MemberState';
import { MemberUpdate } from './MemberUpdate';

/** A node's mutable record of one remote member. */
export class MemberRecord {
  readonly id: string;
  deviceType: string;
  incarnation: number;
  state: MemberState;
  meta: JsonObject | undefined;
  /** Incarnation the metadata came with (-1: none yet). */
  metaIncarnation: number = -1;
  since: number;

  constructor(id: string, deviceType: string, incarnation: number, state: MemberState, since: number) {
    this.id = id;
    this.deviceType = deviceType;
    this.incarnation = incarnation;
    this.state = state;
    this.meta = undefined;
    this.since = since;
  }

  snapshot(): Member {
    return new Member(this.id, this.deviceType, this.incarnation, this.state, this.meta, this.since);
  }

  /** The record as a gossip update (ALIVE ones carry the metadata). */
  toUpdate(): MemberUpdate {
    return new MemberUpdate(this.id, this.deviceType, this.incarnation, this.state, this.meta);
  }
}

/** The result of applying an update that changed something. */
export class MemberChange {
  readonly record: MemberRecord;
  readonly previous: MemberState | undefined;
  /** True when the state or incarnation changed (false: only newer metadata arrived). */
  readonly stateChanged: boolean;
  readonly events: MemberEventType[];

  constructor(record: MemberRecord, previous: MemberState | undefined, stateChanged: boolean, events: MemberEventType[]) {
    this.record = record;
    this.previous = previous;
    this.stateChanged = stateChanged;
    this.events = events;
  }
}

const NO_EVENTS: MemberEventType[] = [];

/**
 * The merge rules of SWIM as a pure state machine over remote members. An update wins when its
 * (incarnation, state rank) is greater than the record's, with ALIVE < SUSPECT < DEAD < LEFT at
 * equal incarnation; metadata is a separate register that only a higher incarnation replaces.
 * Both are joins of a semilattice, so any order of the same updates ends in the same table
 * (no stale resurrection: an old ALIVE never undoes a newer DEAD).
 */
export class MemberTable {
  private readonly _records: Map<string, MemberRecord> = new Map<string, MemberRecord>();
  private _live: number = 0;
  private _version: number = 0;

  /** Remote members currently ALIVE or SUSPECT. */
  get liveCount(): number {
    return this._live;
  }

  /** Bumps on every change of the live set (for caches of live ids). */
  get version(): number {
    return this._version;
  }

  get size(): number {
    return this._records.size;
  }

  get(id: string): MemberRecord | undefined {
    return this._records.get(id);
  }

  records(): MemberRecord[] {
    return Array.from(this._records.values());
  }

  /** Forgets a member (tombstone expiry). */
  remove(id: string): void {
    const r = this._records.get(id);
    if (r !== undefined) {
      if (isLiveState(r.state)) {
        this._live--;
        this._version++;
      }
      this._records.delete(id);
    }
  }

  /** Applies an update; returns what changed, or undefined when it was stale or a repeat. */
  apply(u: MemberUpdate, now: number): MemberChange | undefined {
    let rec = this._records.get(u.id);
    if (rec === undefined) {
      rec = new MemberRecord(u.id, u.deviceType, u.incarnation, u.state, now);
      if (u.meta !== undefined) {
        rec.meta = u.meta;
        rec.metaIncarnation = u.incarnation;
      }
      this._records.set(u.id, rec);
      const events: MemberEventType[] = [];
      if (isLiveState(u.state)) {
        this._live++;
        this._version++;
        events.push(MemberEventType.JOINED);
        if (u.state === MemberState.SUSPECT) {
          events.push(MemberEventType.SUSPECT);
        }
      }
      return new MemberChange(rec, undefined, true, events);
    }
    let metaChanged = false;
    if (u.meta !== undefined && u.incarnation > rec.metaIncarnation) {
      rec.meta = u.meta;
      rec.metaIncarnation = u.incarnation;
      metaChanged = true;
    }
    const newer = u.incarnation > rec.incarnation ||
      (u.incarnation === rec.incarnation && stateRank(u.state) > stateRank(rec.state));
    if (!newer) {
      if (metaChanged && isLiveState(rec.state)) {
        return new MemberChange(rec, rec.state, false, [MemberEventType.UPDATED]);
      }
      return metaChanged ? new MemberChange(rec, rec.state, false, NO_EVENTS) : undefined;
    }
    const prev = rec.state;
    rec.incarnation = u.incarnation;
    if (u.deviceType.length > 0) {
      rec.deviceType = u.deviceType;
    }
    if (prev !== u.state) {
      rec.state = u.state;
      rec.since = now;
    }
    const wasLive = isLiveState(prev);
    const isLive = isLiveState(u.state);
    const events: MemberEventType[] = [];
    if (!wasLive && isLive) {
      this._live++;
      this._version++;
      events.push(MemberEventType.JOINED);
      if (u.state === MemberState.SUSPECT) {
        events.push(MemberEventType.SUSPECT);
      }
    } else if (wasLive && isLive) {
      if (prev === MemberState.ALIVE && u.state === MemberState.SUSPECT) {
        events.push(MemberEventType.SUSPECT);
      } else if (prev === MemberState.SUSPECT && u.state === MemberState.ALIVE) {
        events.push(MemberEventType.ALIVE);
      }
      if (metaChanged) {
        events.push(MemberEventType.UPDATED);
      }
    } else if (wasLive && !isLive) {
      this._live--;
      this._version++;
      events.push(u.state === MemberState.DEAD ? MemberEventType.DEAD : MemberEventType.LEFT);
    }
    return new MemberChange(rec, prev, true, events);
  }
}
