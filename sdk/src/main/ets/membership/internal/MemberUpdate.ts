import { JsonArray, JsonObject, JsonValue } from '../../core/json/JsonValue';
import { MemberState } from '../MemberState';

/** Longest member id or device type accepted from the wire. */
const MAX_NAME = 256;

/** A claim about one member, as gossiped: "member `id` is `state` at `incarnation`". */
export class MemberUpdate {
  readonly id: string;
  readonly deviceType: string;
  readonly incarnation: number;
  readonly state: MemberState;
  /** Metadata, carried by ALIVE updates only. */
  readonly meta: JsonObject | undefined;

  constructor(id: string, deviceType: string, incarnation: number, state: MemberState, meta: JsonObject | undefined) {
    this.id = id;
    this.deviceType = deviceType;
    this.incarnation = incarnation;
    this.state = state;
    this.meta = state === MemberState.ALIVE ? meta : undefined;
  }

  /** Wire form: `{ i, t, n, s, m? }`. */
  toJson(): JsonObject {
    const o: Record<string, JsonValue> = {
      'i': this.id, 't': this.deviceType, 'n': this.incarnation, 's': stateCode(this.state)
    };
    if (this.meta !== undefined) {
      o['m'] = this.meta;
    }
    return o as JsonObject;
  }

  /** Parses the wire form; undefined for anything invalid (the caller counts and skips it). */
  static fromJson(v: JsonValue): MemberUpdate | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      return undefined;
    }
    const o = v as JsonObject;
    const id = o['i'];
    const type = o['t'];
    const inc = o['n'];
    const s = o['s'];
    const m = o['m'];
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_NAME || typeof type !== 'string' ||
      type.length > MAX_NAME || typeof inc !== 'number' || !Number.isSafeInteger(inc) || inc < 0 || typeof s !== 'string') {
      return undefined;
    }
    const state = parseState(s);
    if (state === undefined) {
      return undefined;
    }
    let meta: JsonObject | undefined = undefined;
    if (m !== undefined) {
      if (typeof m !== 'object' || m === null || Array.isArray(m)) {
        return undefined;
      }
      meta = m as JsonObject;
    }
    return new MemberUpdate(id, type, inc, state, meta);
  }
}

const stateCode = (state: MemberState): string => {
  switch (state) {
    case MemberState.ALIVE:
      return 'a';
    case MemberState.SUSPECT:
      return 's';
    case MemberState.DEAD:
      return 'd';
    default:
      return 'l';
  }
};

const parseState = (code: string): MemberState | undefined => {
  switch (code) {
    case 'a':
      return MemberState.ALIVE;
    case 's':
      return MemberState.SUSPECT;
    case 'd':
      return MemberState.DEAD;
    case 'l':
      return MemberState.LEFT;
    default:
      return undefined;
  }
};

/** Encodes updates as a JSON array. */
export const encodeUpdates = (updates: MemberUpdate[]): JsonArray => {
  const out: JsonArray = [];
  for (const u of updates) {
    out.push(u.toJson());
  }
  return out;
};

/** Decodes a JSON array of updates, skipping invalid entries; `invalid` counts them. */
export class DecodedUpdates {
  readonly updates: MemberUpdate[] = [];
  invalid: number = 0;

  static from(v: JsonValue | undefined): DecodedUpdates {
    const out = new DecodedUpdates();
    if (v === undefined) {
      return out;
    }
    if (!Array.isArray(v)) {
      out.invalid++;
      return out;
    }
    const a = v as JsonArray;
    for (let i = 0; i < a.length; i++) {
      const u = MemberUpdate.fromJson(a[i]);
      if (u === undefined) {
        out.invalid++;
      } else {
        out.updates.push(u);
      }
    }
    return out;
  }
}
