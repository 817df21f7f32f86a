import { JsonObject, JsonValue } from '../../core/json/JsonValue';

/** The stored format version of stream heads. */
export const HEAD_FORMAT = 1;

/**
 * A stream's head: the version of its last event (-1 before the first), the first version readers
 * see (`truncateBefore`: raised by truncation and by a soft delete), the first version still stored
 * (`firstStored`: raised only by truncation, which purges), the version the stream's current life
 * began at (`startVersion`: 0, or the version after a soft delete, since a recreated stream
 * continues the numbering), and its deletion flags. A soft delete hides events without removing
 * them; truncation and a hard delete remove them. Immutable.
 */
export class StreamHead {
  readonly version: number;
  readonly truncateBefore: number;
  readonly firstStored: number;
  readonly startVersion: number;
  readonly softDeleted: boolean;
  readonly hardDeleted: boolean;

  constructor(
    version: number,
    truncateBefore: number,
    firstStored: number,
    startVersion: number,
    softDeleted: boolean,
    hardDeleted: boolean
  ) {
    this.version = version;
    this.truncateBefore = truncateBefore;
    this.firstStored = firstStored;
    this.startVersion = startVersion;
    this.softDeleted = softDeleted;
    this.hardDeleted = hardDeleted;
  }

  /** The head of a stream that was never written. */
  static readonly NONE: StreamHead = new StreamHead(-1, 0, 0, 0, false, false);

  /** True when the stream has events and is not deleted. */
  get exists(): boolean {
    return this.version >= 0 && !this.softDeleted && !this.hardDeleted;
  }

  /** True when anything was ever written for the stream (the head key exists). */
  get known(): boolean {
    return this.version >= 0 || this.softDeleted || this.hardDeleted;
  }

  /** The version a reader sees: -1 for a missing or deleted stream. */
  get visibleVersion(): number {
    return this.exists ? this.version : -1;
  }

  encode(): string {
    // Built directly: one head is written per stream per batch.
    let text = '{"f":' + String(HEAD_FORMAT) + ',"v":' + String(this.version) + ',"tb":' + String(this.truncateBefore) +
      ',"fs":' + String(this.firstStored) + ',"sv":' + String(this.startVersion);
    if (this.softDeleted) {
      text += ',"sd":true';
    }
    if (this.hardDeleted) {
      text += ',"hd":true';
    }
    return text + '}';
  }

  /** Parses a stored head; undefined when the text is not one. */
  static decode(text: string): StreamHead | undefined {
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
    const v = o['v'];
    const tb = o['tb'];
    const fs = o['fs'];
    const sv = o['sv'];
    if (o['f'] !== HEAD_FORMAT || typeof v !== 'number' || typeof tb !== 'number' || typeof fs !== 'number' ||
      typeof sv !== 'number' || !Number.isSafeInteger(v) || !Number.isSafeInteger(tb) || !Number.isSafeInteger(fs) ||
      !Number.isSafeInteger(sv) || v < -1 || fs < 0 || tb < fs || sv < 0) {
      return undefined;
    }
    return new StreamHead(v, tb, fs, sv, o['sd'] === true, o['hd'] === true);
  }
}
