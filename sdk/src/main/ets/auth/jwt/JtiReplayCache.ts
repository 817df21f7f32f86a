import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';

/**
 * Remembers token ids (`jti`, scoped by issuer) that have been accepted, to reject replays.
 * Implement it over shared storage to detect replays across processes; {@link JtiReplayCache} is
 * the bounded in-memory implementation.
 */
export interface ReplayCache {
  /**
   * Records `id` as used until `expiresAtMs` and returns true, or returns false when `id` is
   * already recorded and its record has not expired at `nowMs` (a replay).
   */
  checkAndRemember(id: string, expiresAtMs: number, nowMs: number): boolean;
}

/** Options of a {@link JtiReplayCache}. */
export interface JtiReplayCacheOptions {
  /** Most ids kept. Default {@link DEFAULT_REPLAY_CACHE_SIZE} (10000). */
  maxEntries?: number;
}

/** Default `maxEntries` of a JtiReplayCache. */
export const DEFAULT_REPLAY_CACHE_SIZE = 10000;

/**
 * A bounded in-memory {@link ReplayCache}. Each id is kept until its token expires. When full,
 * expired ids are dropped from the oldest end first; if every id is still live, the oldest is
 * evicted (counted in `evictedLive`: size the cache above token rate x token lifetime so that
 * this never happens, since an evicted id could be replayed).
 */
export class JtiReplayCache implements ReplayCache {
  private readonly _entries: Map<string, number> = new Map<string, number>();
  private readonly _max: number;
  private _evictedLive: number = 0;

  constructor(options?: JtiReplayCacheOptions) {
    const max = options?.maxEntries ?? DEFAULT_REPLAY_CACHE_SIZE;
    if (!Number.isInteger(max) || max < 1) {
      throw new InvalidArgumentError('options.maxEntries', 'must be an integer >= 1');
    }
    this._max = max;
  }

  checkAndRemember(id: string, expiresAtMs: number, nowMs: number): boolean {
    const seen = this._entries.get(id);
    if (seen !== undefined) {
      if (seen > nowMs) {
        return false;
      }
      this._entries.delete(id);
    }
    if (this._entries.size >= this._max) {
      this.makeRoom(nowMs);
    }
    this._entries.set(id, expiresAtMs);
    return true;
  }

  /** Ids currently remembered. */
  get size(): number {
    return this._entries.size;
  }

  /** Ids evicted before they expired because the cache was full. */
  get evictedLive(): number {
    return this._evictedLive;
  }

  /** Forgets every id. */
  clear(): void {
    this._entries.clear();
  }

  private makeRoom(nowMs: number): void {
    // Insertion order approximates expiry order: drop expired ids from the front.
    for (const entry of this._entries) {
      if (entry[1] > nowMs) {
        break;
      }
      this._entries.delete(entry[0]);
    }
    if (this._entries.size >= this._max) {
      const oldest = this._entries.keys().next();
      if (!oldest.done) {
        this._entries.delete(oldest.value);
        this._evictedLive++;
      }
    }
  }
}
