import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { Clock } from '../platform/Clock';
import { Logger } from '../platform/logging/Logger';
import { NoopLogger } from '../platform/logging/NoopLogger';
import { KeyValueStore, WriteOp } from '../platform/store/KeyValueStore';
import { Deque } from './internal/Deque';
import { OutcomeKind } from './internal/DeliveryOutcome';
import { QueueDelivery } from './QueueDelivery';
import { QueueMessage } from './QueueMessage';
import { QueueHandler } from './SubscribeOptions';

/** Options of an IdempotentConsumer. */
export interface IdempotentConsumerOptions {
  clock: Clock;
  /** Remember processed ids durably here (they survive a restart). Default: in memory only. */
  store?: KeyValueStore;
  /** Store key prefix (keys are `<prefix><id>`). Default {@link DEFAULT_IDEMPOTENCY_PREFIX}. */
  prefix?: string;
  /** How long a processed id is remembered, ms. Default {@link DEFAULT_IDEMPOTENCY_WINDOW_MS} (24 h). */
  windowMs?: number;
  /** Most ids remembered (oldest forgotten first). Default {@link DEFAULT_IDEMPOTENCY_MAX_ENTRIES}. */
  maxEntries?: number;
  /** The deduplication key of a message. Default: its id. */
  keyOf?: (message: QueueMessage) => string;
  logger?: Logger;
}

/** Default store key prefix of processed ids. */
export const DEFAULT_IDEMPOTENCY_PREFIX = 'arkmesh/mq-seen/';
/** Default memory of processed ids: 24 h. */
export const DEFAULT_IDEMPOTENCY_WINDOW_MS = 86400000;
/** Default most processed ids remembered. */
export const DEFAULT_IDEMPOTENCY_MAX_ENTRIES = 100000;

/** A processed id and when. */
class Seen {
  readonly key: string;
  readonly at: number;

  constructor(key: string, at: number) {
    this.key = key;
    this.at = at;
  }
}

/**
 * The idempotent-consumer pattern for at-least-once delivery: `wrap(handler)` runs the handler
 * once per message id (within the window); a duplicate — a redelivery after a lost ack, a
 * publisher's retry — is acked without running it. Concurrent duplicates wait for the first:
 * if it succeeds they are skipped, if it fails one of them runs. The id is recorded (durably with
 * a store) right after the handler succeeds and before the ack; a crash in between is the one
 * case where the handler can run twice. Meant for AUTO acknowledgement; in MANUAL mode the id is
 * recorded when the handler returns without having nacked.
 *
 * @example
 * const once = new IdempotentConsumer({ clock, store });
 * queue.subscribe('payments', once.wrap(async (d) => charge(d.message.payload)), { group: 'billing' });
 */
export class IdempotentConsumer {
  private readonly _clock: Clock;
  private readonly _store: KeyValueStore | undefined;
  private readonly _prefix: string;
  private readonly _windowMs: number;
  private readonly _maxEntries: number;
  private readonly _keyOf: (message: QueueMessage) => string;
  private readonly _logger: Logger;
  private readonly _seen: Map<string, Seen> = new Map<string, Seen>();
  private readonly _order: Deque<Seen> = new Deque<Seen>(64);
  private readonly _running: Map<string, Promise<boolean>> = new Map<string, Promise<boolean>>();
  private readonly _ready: Promise<void>;
  private _skipped: number = 0;

  /** Throws InvalidArgumentError naming the field. */
  constructor(options: IdempotentConsumerOptions) {
    if (options === undefined || options.clock === undefined || typeof options.clock.now !== 'function') {
      throw new InvalidArgumentError('options.clock', 'is required');
    }
    this._clock = options.clock;
    this._store = options.store;
    this._prefix = options.prefix ?? DEFAULT_IDEMPOTENCY_PREFIX;
    this._windowMs = options.windowMs ?? DEFAULT_IDEMPOTENCY_WINDOW_MS;
    if (typeof this._windowMs !== 'number' || Number.isNaN(this._windowMs) || this._windowMs <= 0) {
      throw new InvalidArgumentError('options.windowMs', 'must be a number > 0 (Infinity allowed)');
    }
    this._maxEntries = options.maxEntries ?? DEFAULT_IDEMPOTENCY_MAX_ENTRIES;
    if (!Number.isInteger(this._maxEntries) || this._maxEntries < 1) {
      throw new InvalidArgumentError('options.maxEntries', 'must be an integer >= 1');
    }
    this._keyOf = options.keyOf ?? ((m: QueueMessage): string => m.id);
    this._logger = options.logger ?? new NoopLogger();
    this._ready = this._store === undefined ? Promise.resolve() : this.load(this._store);
  }

  /** Resolves once the remembered ids are loaded from the store. */
  get ready(): Promise<void> {
    return this._ready;
  }

  /** Ids remembered. */
  get size(): number {
    return this._seen.size;
  }

  /** Duplicates acked without running the handler. */
  get skipped(): number {
    return this._skipped;
  }

  /** True when `key` was processed within the window. */
  has(key: string): boolean {
    const s = this._seen.get(key);
    return s !== undefined && s.at + this._windowMs > this._clock.now();
  }

  /** The handler, run at most once per message key. */
  wrap(handler: QueueHandler): QueueHandler {
    if (typeof handler !== 'function') {
      throw new InvalidArgumentError('handler', 'must be a function');
    }
    return (d: QueueDelivery): Promise<void> => this.handle(handler, d);
  }

  private async handle(handler: QueueHandler, d: QueueDelivery): Promise<void> {
    await this._ready;
    const key = this._keyOf(d.message);
    for (;;) {
      if (this.has(key)) {
        this._skipped++;
        d.ack();
        return;
      }
      const first = this._running.get(key);
      if (first === undefined) {
        break;
      }
      await first.catch((): boolean => false);
    }
    let finish: (ok: boolean) => void = (): void => {};
    const running = new Promise<boolean>((resolve: (ok: boolean) => void): void => {
      finish = resolve;
    });
    this._running.set(key, running);
    let ok = false;
    try {
      const r = handler(d);
      if (r instanceof Promise) {
        await r;
      }
      const outcome = d.outcome;
      ok = outcome === undefined || outcome.kind === OutcomeKind.ACK;
      if (ok) {
        await this.remember(key);
      }
    } finally {
      this._running.delete(key);
      finish(ok);
    }
  }

  /** Records `key` as processed now (durably with a store). */
  async remember(key: string): Promise<void> {
    const now = this._clock.now();
    this.sweep(now);
    const s = new Seen(key, now);
    this._seen.set(key, s);
    this._order.push(s);
    const store = this._store;
    if (store !== undefined) {
      await store.set(this._prefix + key, String(now));
    }
  }

  /** Forgets `key` (it will be processed again). */
  async forget(key: string): Promise<void> {
    this._seen.delete(key);
    const store = this._store;
    if (store !== undefined) {
      await store.delete(this._prefix + key);
    }
  }

  private sweep(now: number): void {
    const order = this._order;
    const deletes: WriteOp[] = [];
    while (!order.isEmpty) {
      const s = order.peek() as Seen;
      if (s.at + this._windowMs > now && this._seen.size < this._maxEntries) {
        break;
      }
      order.shift();
      if (this._seen.get(s.key) === s) {
        this._seen.delete(s.key);
        deletes.push(WriteOp.delete(this._prefix + s.key));
      }
    }
    const store = this._store;
    if (store !== undefined && deletes.length > 0) {
      store.batch(deletes).catch((e: Error): void => this._logger.warn('idempotent consumer: could not forget ids', { 'error': e.message }));
    }
  }

  private async load(store: KeyValueStore): Promise<void> {
    const entries = await store.entries(this._prefix);
    const loaded: Seen[] = [];
    for (const e of entries) {
      const at = Number(e.value);
      if (Number.isFinite(at)) {
        loaded.push(new Seen(e.key.substring(this._prefix.length), at));
      }
    }
    loaded.sort((a: Seen, b: Seen): number => a.at - b.at);
    for (const s of loaded) {
      this._seen.set(s.key, s);
      this._order.push(s);
    }
    this.sweep(this._clock.now());
  }
}
