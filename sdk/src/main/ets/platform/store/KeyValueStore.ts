/** One write in an atomic batch: `value === undefined` deletes the key. */
export class WriteOp {
  readonly key: string;
  readonly value: string | undefined;

  private constructor(key: string, value: string | undefined) {
    this.key = key;
    this.value = value;
  }

  static set(key: string, value: string): WriteOp {
    return new WriteOp(key, value);
  }

  static delete(key: string): WriteOp {
    return new WriteOp(key, undefined);
  }
}

/** A key and its value, as returned by `entries`. */
export interface KeyValueEntry {
  key: string;
  value: string;
}

/**
 * The durable storage port: string keys to string values (JSON, usually). A write has happened
 * when its promise resolves: messaging and sagas rely on that. Keys are non-empty strings of at
 * most 1024 UTF-16 units; listings are in ascending key order. Implementations: MemoryStore
 * (tests, simulator: it outlives a simulated crash), IdbStore (browser), PreferencesStore (HarmonyOS).
 */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /** Resolves true when the key existed. */
  delete(key: string): Promise<boolean>;
  /** Keys starting with `prefix` (all keys when omitted), sorted ascending. */
  keys(prefix?: string): Promise<string[]>;
  /** Entries whose keys start with `prefix`, sorted by key. */
  entries(prefix?: string): Promise<KeyValueEntry[]>;
  /** Applies every write or none of them. */
  batch(ops: WriteOp[]): Promise<void>;
}

/** Longest key a KeyValueStore accepts. */
export const MAX_KEY_LENGTH = 1024;
