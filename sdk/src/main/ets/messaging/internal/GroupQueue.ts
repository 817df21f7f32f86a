import { WriteOp } from '../../platform/store/KeyValueStore';
import { RedDeliveryEvent, RedDeliveryOutcome } from '../../metrics/red/RedEvents';
import { DeadLetter, DeadLetterReason } from '../DeadLetter';
import { QueueEventType } from '../QueueEvents';
import { QueueGroupStats } from '../QueueStats';
import { ResolvedTopicOptions } from '../TopicOptions';
import { CallbackTask } from './CallbackTask';
import { ConsumerRef, LocalTarget } from './ConsumerRef';
import { Deque } from './Deque';
import { DeliveryOutcome, OutcomeKind } from './DeliveryOutcome';
import { EntryOwner, EntryState, GroupEntry, PendingDelivery } from './GroupEntry';
import { PriorityBuckets } from './PriorityBuckets';
import { Pumpable, QueueContext } from './QueueContext';
import { RateMeter } from './RateMeter';
import { encodeDead, encodePending } from './records';
import { padSeq } from './StoreKeys';
import { StoredMessage } from './StoredMessage';

/** What a group needs from its topic. */
export interface GroupHost {
  readonly name: string;
  readonly settings: ResolvedTopicOptions;
  /** One of the message's entries is done (acked, dead-lettered or dropped). */
  entryDone(entry: GroupEntry, now: number): void;
  /** Keeps a new dead letter. */
  keepDeadLetter(letter: DeadLetter): void;
  /** The group has had no consumer for its expiry time. */
  groupExpired(group: GroupQueue, now: number): void;
}

const RATE_WINDOW_S = 10;

/** An entry's state, read afresh (no narrowing across the handler call that may change it). */
const stateOf = (entry: GroupEntry): EntryState => entry.state;

/**
 * One consumer group's queue on the publishing node: priority buckets of ready entries,
 * ordering-key chains, delayed and in-flight entries on the shared scheduler, the group's
 * consumers with their credit, and the state machine of acks, retries and dead letters.
 */
export class GroupQueue implements EntryOwner, Pumpable {
  readonly host: GroupHost;
  readonly name: string;
  readonly ctx: QueueContext;
  /** Forget the group after this long without consumers (Infinity: never). */
  expiryMs: number;
  dirty: boolean = false;
  private readonly _pendingPrefix: string;
  private readonly _ackedPrefix: string;
  private readonly _ready: PriorityBuckets<GroupEntry> = new PriorityBuckets<GroupEntry>();
  private _chains: Map<string, Deque<GroupEntry>> | undefined = undefined;
  private readonly _consumers: Map<string, ConsumerRef> = new Map<string, ConsumerRef>();
  private _list: ConsumerRef[] = [];
  private _rr: number = 0;
  private _pumping: boolean = false;
  private readonly _wake: CallbackTask;
  private readonly _expiry: CallbackTask;
  private _readyCount: number = 0;
  private _delayed: number = 0;
  private _waiting: number = 0;
  private _inFlight: number = 0;
  private _delivered: number = 0;
  private _acked: number = 0;
  private _retried: number = 0;
  private _timedOut: number = 0;
  private _deadLettered: number = 0;
  private _expired: number = 0;
  private readonly _deliverRate: RateMeter = new RateMeter(RATE_WINDOW_S);
  private readonly _ackRate: RateMeter = new RateMeter(RATE_WINDOW_S);

  constructor(host: GroupHost, name: string, ctx: QueueContext, expiryMs: number) {
    this.host = host;
    this.name = name;
    this.ctx = ctx;
    this.expiryMs = expiryMs;
    this._pendingPrefix = `${ctx.keys.prefix}p/${host.name}/${name}/`;
    this._ackedPrefix = `${ctx.keys.prefix}a/${host.name}/${name}/`;
    this._wake = new CallbackTask((now: number): void => this.pump(now));
    this._expiry = new CallbackTask((now: number): void => this.checkExpiry(now));
  }

  /** Entries waiting (ready, delayed or behind their key). */
  get depth(): number {
    return this._readyCount + this._delayed + this._waiting;
  }

  /** Store key of a message's retry record in this group. */
  pendingKey(seq: number): string {
    return this._pendingPrefix + padSeq(seq);
  }

  /** Store key of the marker saying this group is done with a message others still hold. */
  ackedKey(seq: number): string {
    return this._ackedPrefix + padSeq(seq);
  }

  // Deletes the entry's retry record, if it wrote one.
  private dropRecord(entry: GroupEntry): void {
    if (entry.hasRecord) {
      entry.hasRecord = false;
      const w = this.ctx.writer;
      if (w !== undefined) {
        w.append(WriteOp.delete(this.pendingKey(entry.message.seq)));
      }
    }
  }

  get inFlight(): number {
    return this._inFlight;
  }

  get consumerCount(): number {
    return this._list.length;
  }

  // ---- consumers ----

  /** Adds or updates a consumer of the group (`target`: this device's endpoint, undefined for another device). */
  upsertConsumer(deviceId: string, target: LocalTarget | undefined, prefetch: number, visibilityTimeoutMs: number): void {
    let c = this._consumers.get(deviceId);
    if (c === undefined || c.removed) {
      c = new ConsumerRef(deviceId, target, prefetch, visibilityTimeoutMs);
      this._consumers.set(deviceId, c);
      this._list = Array.from(this._consumers.values());
    } else {
      c.prefetch = prefetch;
      c.visibilityTimeoutMs = visibilityTimeoutMs;
      c.target = target;
      c.unavailableUntil = 0;
    }
    this.ctx.scheduler.cancel(this._expiry);
    this.ctx.markDirty(this);
  }

  /** Removes a consumer (its outstanding deliveries still settle). */
  removeConsumer(deviceId: string): void {
    const c = this._consumers.get(deviceId);
    if (c === undefined) {
      return;
    }
    c.removed = true;
    this._consumers.delete(deviceId);
    this._list = Array.from(this._consumers.values());
    if (this._list.length === 0 && Number.isFinite(this.expiryMs)) {
      this.ctx.scheduler.schedule(this._expiry, this.ctx.clock.now() + this.expiryMs);
    }
  }

  /** Device ids of the group's consumers. */
  consumerIds(): string[] {
    return Array.from(this._consumers.keys());
  }

  /** Starts the expiry countdown when the group has no consumer (after recovery). */
  armExpiry(now: number): void {
    if (this._list.length === 0 && Number.isFinite(this.expiryMs) && !this._expiry.scheduled) {
      this.ctx.scheduler.schedule(this._expiry, now + this.expiryMs);
    }
  }

  private checkExpiry(now: number): void {
    if (this._list.length === 0) {
      this.host.groupExpired(this, now);
    }
  }

  // ---- entries ----

  /** A committed message joins the group. */
  add(entry: GroupEntry, now: number): void {
    if (entry.state !== EntryState.NEW) {
      return;
    }
    const key = entry.message.orderingKey;
    if (key !== undefined) {
      let chains = this._chains;
      if (chains === undefined) {
        chains = new Map<string, Deque<GroupEntry>>();
        this._chains = chains;
      }
      let chain = chains.get(key);
      if (chain === undefined) {
        chain = new Deque<GroupEntry>(4);
        chains.set(key, chain);
      }
      chain.push(entry);
      if (chain.size > 1) {
        entry.state = EntryState.WAITING;
        this._waiting++;
        return;
      }
    }
    this.activate(entry, now);
  }

  private activate(entry: GroupEntry, now: number): void {
    const m = entry.message;
    const at = m.availableAt > entry.retryAt ? m.availableAt : entry.retryAt;
    if (at > now) {
      entry.state = EntryState.DELAYED;
      this._delayed++;
      this.ctx.scheduler.schedule(entry, at);
    } else {
      this.makeReady(entry, entry.attempts > 0);
    }
  }

  private makeReady(entry: GroupEntry, front: boolean): void {
    entry.state = EntryState.READY;
    this._readyCount++;
    if (front) {
      this._ready.pushFront(entry, entry.message.priority);
    } else {
      this._ready.push(entry, entry.message.priority);
    }
    if (!this._pumping) {
      this.ctx.markDirty(this);
    }
  }

  /** Takes an entry out of its current state's bookkeeping (not out of a key chain). */
  private leave(entry: GroupEntry): void {
    switch (entry.state) {
      case EntryState.WAITING:
        this._waiting--;
        break;
      case EntryState.DELAYED:
        this._delayed--;
        this.ctx.scheduler.cancel(entry);
        break;
      case EntryState.READY:
        // Left in its bucket; pump skips entries that are no longer READY.
        this._readyCount--;
        break;
      case EntryState.IN_FLIGHT: {
        this._inFlight--;
        this.ctx.scheduler.cancel(entry);
        const d = entry.delivery;
        if (d !== undefined && !d.settled) {
          d.settled = true;
          d.consumer.inFlight--;
        }
        entry.delivery = undefined;
        break;
      }
      default:
        break;
    }
  }

  onEntryTimer(entry: GroupEntry, now: number): void {
    if (entry.state === EntryState.DELAYED) {
      this._delayed--;
      this.makeReady(entry, entry.attempts > 0);
    } else if (entry.state === EntryState.IN_FLIGHT) {
      const d = entry.delivery;
      if (d !== undefined) {
        this._timedOut++;
        this.settle(d, DeliveryOutcome.TIMEOUT);
      }
    }
  }

  // ---- dispatch ----

  /** Delivers ready entries while some consumer has credit. */
  pump(now: number): void {
    if (this._pumping || !this.ctx.running) {
      return;
    }
    this._pumping = true;
    try {
      while (this._readyCount > 0) {
        const consumer = this.pick(now);
        if (consumer === undefined) {
          break;
        }
        const entry = this._ready.pop();
        if (entry === undefined) {
          break;
        }
        if (entry.state !== EntryState.READY) {
          continue;
        }
        if (entry.message.expiresAt <= now) {
          this.deadLetter(entry, DeadLetterReason.EXPIRED, entry.lastCode, entry.lastMessage, now);
          continue;
        }
        this._readyCount--;
        this.deliver(entry, consumer, now);
      }
    } finally {
      this._pumping = false;
    }
  }

  private pick(now: number): ConsumerRef | undefined {
    const list = this._list;
    const n = list.length;
    let wakeAt = Infinity;
    for (let i = 0; i < n; i++) {
      const idx = (this._rr + i) % n;
      const c = list[idx];
      if (c.canTake(now)) {
        this._rr = idx + 1;
        return c;
      }
      if (c.inFlight < c.prefetch && c.unavailableUntil > now && c.unavailableUntil < wakeAt) {
        wakeAt = c.unavailableUntil;
      }
    }
    if (wakeAt < Infinity) {
      this.ctx.scheduler.schedule(this._wake, wakeAt);
    }
    return undefined;
  }

  private deliver(entry: GroupEntry, consumer: ConsumerRef, now: number): void {
    entry.state = EntryState.IN_FLIGHT;
    this._inFlight++;
    consumer.inFlight++;
    this._delivered++;
    this._deliverRate.mark(now, 1);
    const m = entry.message;
    const count = entry.attempts + 1;
    const ctx = this.ctx;
    if (ctx.events.size > 0) {
      ctx.emit(QueueEventType.DELIVERED, this.host.name, this.name, m, count, consumer.deviceId, '', 0);
    }
    if (ctx.metrics !== undefined) {
      this.record(RedDeliveryOutcome.DELIVERED, -1);
    }
    const deadline = now + (consumer.visibilityTimeoutMs > 0 ? consumer.visibilityTimeoutMs : this.host.settings.visibilityTimeoutMs);
    let r: DeliveryOutcome | Promise<DeliveryOutcome>;
    try {
      const target = consumer.target;
      r = target !== undefined ? target.accept(m, count, deadline) : ctx.deliver(consumer, m, this.name, count, deadline);
    } catch (e) {
      r = DeliveryOutcome.failure(OutcomeKind.RETRY, e as Error, -1);
    }
    if (r instanceof DeliveryOutcome) {
      // Settled at once (a local handler that finished synchronously): no timer, no bookkeeping object.
      consumer.inFlight--;
      // The handler ran in between: the entry may have been evicted or expired meanwhile.
      const state = stateOf(entry);
      if (state === EntryState.IN_FLIGHT && entry.delivery === undefined) {
        this.apply(entry, consumer, r, now);
      } else if (r.kind === OutcomeKind.ACK && state !== EntryState.DONE && state !== EntryState.NEW) {
        this.ack(entry, consumer.deviceId, now);
      }
      return;
    }
    const d = new PendingDelivery(entry, consumer, now);
    entry.delivery = d;
    ctx.scheduler.schedule(entry, deadline);
    r.then((o: DeliveryOutcome): void => this.settle(d, o), (e: Error): void => {
      this.settle(d, DeliveryOutcome.failure(OutcomeKind.GONE, e, -1));
    });
  }

  /** Acts on a delivery's outcome (once; a late ack of a redelivered entry still acks it). */
  settle(d: PendingDelivery, outcome: DeliveryOutcome): void {
    const entry = d.entry;
    if (d.settled) {
      if (outcome.kind === OutcomeKind.ACK && entry.state !== EntryState.DONE && entry.state !== EntryState.NEW && this.ctx.running) {
        this.ack(entry, d.consumer.deviceId, this.ctx.clock.now());
      }
      return;
    }
    d.settled = true;
    d.consumer.inFlight--;
    if (!this.ctx.running) {
      return;
    }
    const now = this.ctx.turnNow();
    if (entry.delivery !== d || entry.state !== EntryState.IN_FLIGHT) {
      if (outcome.kind === OutcomeKind.ACK && entry.state !== EntryState.DONE) {
        this.ack(entry, d.consumer.deviceId, now);
      }
    } else {
      this.apply(entry, d.consumer, outcome, now);
    }
    this.wakeUp();
  }

  private apply(entry: GroupEntry, consumer: ConsumerRef, outcome: DeliveryOutcome, now: number): void {
    switch (outcome.kind) {
      case OutcomeKind.ACK:
        this.ack(entry, consumer.deviceId, now);
        break;
      case OutcomeKind.BUSY:
      case OutcomeKind.GONE:
        consumer.unavailableUntil = now + (outcome.kind === OutcomeKind.BUSY ? this.ctx.busyRetryMs : this.ctx.goneRetryMs);
        this.leave(entry);
        this.makeReady(entry, true);
        break;
      case OutcomeKind.DEAD:
        entry.lastCode = outcome.code;
        entry.lastMessage = outcome.message;
        entry.attempts++;
        this.deadLetter(entry, DeadLetterReason.REJECTED, outcome.code, outcome.message, now);
        break;
      default:
        this.fail(entry, outcome, now);
        break;
    }
  }

  private wakeUp(): void {
    if (!this._pumping && this._readyCount > 0) {
      this.ctx.markDirty(this);
    }
  }

  private ack(entry: GroupEntry, consumer: string, now: number): void {
    this.leave(entry);
    entry.state = EntryState.DONE;
    this._acked++;
    this._ackRate.mark(now, 1);
    const m = entry.message;
    this.dropRecord(entry);
    const ctx = this.ctx;
    if (ctx.events.size > 0) {
      ctx.emit(QueueEventType.ACKED, this.host.name, this.name, m, entry.attempts + 1, consumer, '', 0);
    }
    if (ctx.metrics !== undefined) {
      this.record(RedDeliveryOutcome.ACKED, now - m.publishedAt);
    }
    this.finish(entry, now);
  }

  private fail(entry: GroupEntry, outcome: DeliveryOutcome, now: number): void {
    entry.attempts++;
    entry.lastCode = outcome.code;
    entry.lastMessage = outcome.message;
    const m = entry.message;
    const settings = this.host.settings;
    if (m.expiresAt <= now) {
      this.deadLetter(entry, DeadLetterReason.EXPIRED, outcome.code, outcome.message, now);
      return;
    }
    if (entry.attempts >= settings.maxAttempts) {
      this.deadLetter(entry, DeadLetterReason.MAX_ATTEMPTS, outcome.code, outcome.message, now);
      return;
    }
    let delay = outcome.delayMs;
    if (delay < 0) {
      delay = outcome.kind === OutcomeKind.TIMEOUT ? 0 : settings.backoff.delayMs(entry.attempts, entry.lastDelayMs);
    }
    if (!Number.isFinite(delay) || delay < 0) {
      delay = 0;
    }
    entry.lastDelayMs = delay;
    entry.retryAt = now + delay;
    this._retried++;
    const w = this.ctx.writer;
    if (w !== undefined) {
      w.append(WriteOp.set(this.pendingKey(m.seq), encodePending(entry.attempts, entry.retryAt, outcome.code, outcome.message)));
      entry.hasRecord = true;
    }
    this.ctx.emit(QueueEventType.RETRY, this.host.name, this.name, m, entry.attempts, '', outcome.code, delay);
    this.record(RedDeliveryOutcome.RETRIED, -1);
    this.leave(entry);
    if (delay > 0) {
      entry.state = EntryState.DELAYED;
      this._delayed++;
      this.ctx.scheduler.schedule(entry, entry.retryAt);
    } else {
      this.makeReady(entry, true);
    }
  }

  /** Dead-letters an entry in any live state (NEW included: an evicted, not yet durable message). */
  deadLetter(entry: GroupEntry, reason: DeadLetterReason, code: string, message: string, now: number): void {
    if (entry.state === EntryState.DONE) {
      return;
    }
    const wasNew = entry.state === EntryState.NEW;
    this.leave(entry);
    entry.state = EntryState.DONE;
    this._deadLettered++;
    if (reason === DeadLetterReason.EXPIRED) {
      this._expired++;
    }
    const m = entry.message;
    const letter = new DeadLetter(m.copy(), this.name, reason, entry.attempts, code, message, now);
    this.host.keepDeadLetter(letter);
    const w = this.ctx.writer;
    if (w !== undefined) {
      w.append(WriteOp.set(this.ctx.keys.dead(this.host.name, this.name, m.seq), encodeDead(letter)));
    }
    this.dropRecord(entry);
    this.ctx.emit(QueueEventType.DEAD_LETTERED, this.host.name, this.name, m, entry.attempts, '', reason, 0);
    this.record(RedDeliveryOutcome.DEAD_LETTERED, -1);
    if (wasNew) {
      this.host.entryDone(entry, now);
    } else {
      this.finish(entry, now);
    }
  }

  /** Drops an entry without dead-lettering it (its group is being deleted). */
  drop(entry: GroupEntry, now: number): void {
    if (entry.state === EntryState.DONE) {
      return;
    }
    const wasNew = entry.state === EntryState.NEW;
    this.leave(entry);
    entry.state = EntryState.DONE;
    this.dropRecord(entry);
    if (wasNew) {
      this.host.entryDone(entry, now);
    } else {
      this.finish(entry, now);
    }
  }

  /** TTL: dead-letters the entry unless a consumer has it (its outcome decides then). */
  expire(entry: GroupEntry, now: number): void {
    const s = entry.state;
    if (s === EntryState.WAITING || s === EntryState.DELAYED || s === EntryState.READY) {
      this.deadLetter(entry, DeadLetterReason.EXPIRED, entry.lastCode, entry.lastMessage, now);
    }
  }

  // The entry is done: the next message of its ordering key may go, and the topic may drop the message.
  private finish(entry: GroupEntry, now: number): void {
    const key = entry.message.orderingKey;
    const chains = this._chains;
    if (key !== undefined && chains !== undefined) {
      const chain = chains.get(key);
      if (chain !== undefined) {
        while (!chain.isEmpty && (chain.peek() as GroupEntry).state === EntryState.DONE) {
          chain.shift();
        }
        if (chain.isEmpty) {
          chains.delete(key);
        } else {
          const head = chain.peek() as GroupEntry;
          if (head.state === EntryState.WAITING) {
            this._waiting--;
            this.activate(head, now);
          }
        }
      }
    }
    this.host.entryDone(entry, now);
  }

  private record(outcome: RedDeliveryOutcome, latencyMs: number): void {
    const metrics = this.ctx.metrics;
    if (metrics === undefined) {
      return;
    }
    const e: RedDeliveryEvent = { topic: this.host.name, group: this.name, outcome: outcome };
    if (latencyMs >= 0) {
      e.latencyMs = latencyMs;
    }
    metrics.recordDelivery(e);
  }

  /** Drops every entry without dead-lettering (queue closing or crashing). */
  stop(): void {
    this._ready.clear();
    this._chains = undefined;
    this.ctx.scheduler.cancel(this._wake);
    this.ctx.scheduler.cancel(this._expiry);
  }

  /** Statistics at `now`; `oldestAt` is the publication time of the oldest entry not yet acked (Infinity when none). */
  stats(now: number, oldestAt: number): QueueGroupStats {
    return {
      topic: this.host.name, group: this.name, consumers: this._list.length, depth: this.depth, ready: this._readyCount,
      delayed: this._delayed, inFlight: this._inFlight, delivered: this._delivered, acked: this._acked,
      retried: this._retried, timedOut: this._timedOut, deadLettered: this._deadLettered, expired: this._expired,
      oldestAgeMs: Number.isFinite(oldestAt) ? Math.max(0, now - oldestAt) : 0,
      deliverRate: this._deliverRate.rate(now), ackRate: this._ackRate.rate(now)
    };
  }
}
