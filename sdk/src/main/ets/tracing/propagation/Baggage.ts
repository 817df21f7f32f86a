import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Headers } from '../../core/headers/Headers';

/** One baggage value with its optional properties (the raw `;`-separated metadata). */
export class BaggageEntry {
  readonly value: string;
  /** Properties after the value, e.g. `ttl=3` in `user=alice;ttl=3`; undefined when none. */
  readonly metadata: string | undefined;

  constructor(value: string, metadata?: string) {
    this.value = value;
    this.metadata = metadata !== undefined && metadata.length > 0 ? metadata : undefined;
  }
}

/**
 * W3C Baggage: application key/value pairs that travel with a trace across devices (a tenant, a
 * user tier, an experiment). Immutable: `set` and `delete` return a new Baggage. Keys are
 * RFC 9110 tokens; values are any Unicode text (percent-encoded on the wire).
 */
export class Baggage {
  private readonly _entries: Map<string, BaggageEntry>;

  private constructor(entries: Map<string, BaggageEntry>) {
    this._entries = entries;
  }

  /** Empty baggage. */
  static readonly EMPTY: Baggage = new Baggage(new Map<string, BaggageEntry>());

  /**
   * Baggage from a plain record.
   * @throws InvalidArgumentError (ERR_INVALID_ARGUMENT) for a key that is not a token.
   */
  static from(record: Record<string, string>): Baggage {
    const entries = new Map<string, BaggageEntry>();
    for (const k of Object.keys(record)) {
      Baggage.checkKey(k);
      entries.set(k, new BaggageEntry(record[k]));
    }
    return new Baggage(entries);
  }

  /**
   * Baggage from entries already validated (keys are tokens): the propagator's fast path.
   * The map is taken over, not copied.
   */
  static fromValidEntries(entries: Map<string, BaggageEntry>): Baggage {
    return entries.size === 0 ? Baggage.EMPTY : new Baggage(entries);
  }

  private static checkKey(key: string): void {
    if (!Headers.isValidName(key)) {
      throw new InvalidArgumentError('baggage.key', `'${key}' is not a valid baggage key (an RFC 9110 token)`);
    }
  }

  get size(): number {
    return this._entries.size;
  }

  /** The value of `key`, or undefined. */
  get(key: string): string | undefined {
    const e = this._entries.get(key);
    return e !== undefined ? e.value : undefined;
  }

  /** The entry (value and metadata) of `key`, or undefined. */
  getEntry(key: string): BaggageEntry | undefined {
    return this._entries.get(key);
  }

  /** Keys in insertion order. */
  keys(): string[] {
    return Array.from(this._entries.keys());
  }

  /**
   * A copy with `key` set.
   * @throws InvalidArgumentError (ERR_INVALID_ARGUMENT) when `key` is not a token.
   */
  set(key: string, value: string, metadata?: string): Baggage {
    Baggage.checkKey(key);
    const entries = new Map<string, BaggageEntry>(this._entries);
    entries.set(key, new BaggageEntry(value, metadata));
    return new Baggage(entries);
  }

  /** A copy without `key`. */
  delete(key: string): Baggage {
    if (!this._entries.has(key)) {
      return this;
    }
    const entries = new Map<string, BaggageEntry>(this._entries);
    entries.delete(key);
    return new Baggage(entries);
  }

  /** A plain record copy of the values. */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    this._entries.forEach((e: BaggageEntry, k: string): void => {
      out[k] = e.value;
    });
    return out;
  }
}
