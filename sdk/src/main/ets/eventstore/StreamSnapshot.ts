import { JsonObject, JsonValue } from '../core/json/JsonValue';

/**
 * The format version of stored snapshots (the envelope around the state). A snapshot written in
 * another format is ignored on load: the aggregate is rebuilt from its events instead.
 */
export const SNAPSHOT_FORMAT_VERSION = 1;

/** A snapshot to store with an append: the state after the appended events. */
export interface SnapshotInit {
  /** The state as JSON. */
  state: JsonValue;
  /**
   * The version of the state's shape, chosen by the aggregate (default 1). Loading ignores a
   * snapshot whose schema version is not the aggregate's current one.
   */
  schemaVersion?: number;
}

/**
 * A stream's snapshot: the state of its aggregate after the event at `version`, so loading reads
 * the snapshot plus the events after it. One snapshot per stream (the latest) is kept.
 */
export class StreamSnapshot {
  readonly streamId: string;
  /** The version of the last event folded into `state`. */
  readonly version: number;
  /** The version of the state's shape (the aggregate's `stateVersion` when it was taken). */
  readonly schemaVersion: number;
  readonly state: JsonValue;
  /** When it was taken (`Clock.now()`). */
  readonly takenAt: number;

  constructor(streamId: string, version: number, schemaVersion: number, state: JsonValue, takenAt: number) {
    this.streamId = streamId;
    this.version = version;
    this.schemaVersion = schemaVersion;
    this.state = state;
    this.takenAt = takenAt;
  }

  /** The stored text: `{ f, s, v, sv, at, st }`, the state given as JSON text. */
  static encode(streamId: string, version: number, schemaVersion: number, takenAt: number, stateText: string): string {
    return '{"f":' + String(SNAPSHOT_FORMAT_VERSION) + ',"s":' + JSON.stringify(streamId) + ',"v":' + String(version) +
      ',"sv":' + String(schemaVersion) + ',"at":' + String(takenAt) + ',"st":' + stateText + '}';
  }

  /** Parses stored text; undefined when it is not a snapshot in this format. */
  static decode(text: string): StreamSnapshot | undefined {
    let parsed: JsonValue;
    try {
      parsed = JSON.parse(text) as JsonValue;
    } catch (e) {
      return undefined;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return undefined;
    }
    const o = parsed as JsonObject;
    const s = o['s'];
    const v = o['v'];
    const sv = o['sv'];
    const at = o['at'];
    const st = o['st'];
    if (o['f'] !== SNAPSHOT_FORMAT_VERSION || typeof s !== 'string' || typeof v !== 'number' || typeof sv !== 'number' ||
      typeof at !== 'number' || st === undefined) {
      return undefined;
    }
    return new StreamSnapshot(s, v, sv, st, at);
  }
}
