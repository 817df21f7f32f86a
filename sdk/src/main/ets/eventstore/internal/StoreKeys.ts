const ZEROS = '0000000000000000';

/** Digits of a padded version or position: enough for every safe integer, so key order is numeric order. */
export const NUMBER_KEY_DIGITS = 16;

/** A non-negative safe integer as 16 decimal digits. */
export const padNumber = (n: number): string => {
  const s = String(n);
  return s.length >= NUMBER_KEY_DIGITS ? s : ZEROS.substring(s.length) + s;
};

/** Escapes `%` and `/` so that a stream id or event type is one key segment. */
export const escapeSegment = (s: string): string => {
  if (s.indexOf('%') < 0 && s.indexOf('/') < 0) {
    return s;
  }
  return s.replace(/%/g, '%25').replace(/\//g, '%2F');
};

/**
 * The key layout of an event store inside a KeyValueStore, all under one prefix:
 *
 * - `meta`                       the last global position allocated (written with every append)
 * - `h/<stream>`                 a stream's head: version, truncation point, deletion flags
 * - `s/<stream>/<version>`       a stream's events (the stream's copy)
 * - `g/<position>`               the global log (the log's copy; a small marker once purged)
 * - `t/<type>/<position>`        the by-type index (value: the position)
 * - `n/<stream>`                 the stream's latest snapshot
 * - `c/<name>`                   subscription checkpoints
 *
 * Versions and positions are 16 zero-padded digits, so `keys(prefix)` lists them in order.
 */
export class StoreKeys {
  readonly prefix: string;
  readonly meta: string;
  private readonly _head: string;
  private readonly _stream: string;
  private readonly _log: string;
  private readonly _type: string;
  private readonly _snapshot: string;
  private readonly _checkpoint: string;

  constructor(prefix: string) {
    this.prefix = prefix;
    this.meta = prefix + 'meta';
    this._head = prefix + 'h/';
    this._stream = prefix + 's/';
    this._log = prefix + 'g/';
    this._type = prefix + 't/';
    this._snapshot = prefix + 'n/';
    this._checkpoint = prefix + 'c/';
  }

  head(streamId: string): string {
    return this._head + escapeSegment(streamId);
  }

  // Keys are joined, not concatenated: a flat string hashes without flattening and keeps no rope
  // pieces alive in the store's map (measured: appends are markedly faster).
  event(streamId: string, version: number): string {
    return [this._stream, escapeSegment(streamId), '/', padNumber(version)].join('');
  }

  log(position: number): string {
    return [this._log, padNumber(position)].join('');
  }

  typePrefix(type: string): string {
    return this._type + escapeSegment(type) + '/';
  }

  typeEntry(type: string, position: number): string {
    return [this._type, escapeSegment(type), '/', padNumber(position)].join('');
  }

  snapshot(streamId: string): string {
    return this._snapshot + escapeSegment(streamId);
  }

  checkpoint(name: string): string {
    return this._checkpoint + escapeSegment(name);
  }

  /** The prefix of every head key (for listing streams). */
  get headPrefix(): string {
    return this._head;
  }

  /** The stream id of a head key. */
  streamIdOfHead(key: string): string {
    const seg = key.substring(this._head.length);
    return seg.indexOf('%') < 0 ? seg : seg.replace(/%2F/g, '/').replace(/%25/g, '%');
  }
}
