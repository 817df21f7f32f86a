import { WriteOp } from '../../platform/store/KeyValueStore';
import { DeadLetter, DeadLetterFilter, DeadLetterReason, UNROUTED_GROUP } from '../DeadLetter';
import { BackpressureEvent, BackpressureLevel, QueueEventType } from '../QueueEvents';
import { QueueGroupStats, QueueTopicStats } from '../QueueStats';
import { ResolvedTopicOptions } from '../TopicOptions';
import { Deque } from './Deque';
import { EntryState, GroupEntry } from './GroupEntry';
import { GroupHost, GroupQueue } from './GroupQueue';
import { QueueContext } from './QueueContext';
import { RateMeter } from './RateMeter';
import { ACKED_MARKER, encodeDead, encodeGroup, encodeMessage, payloadText } from './records';
import { padSeq } from './StoreKeys';
import { StoredMessage } from './StoredMessage';
import { CallbackTask } from './CallbackTask';

/** A message id remembered for idempotent publishing. */
export class DedupEntry {
  readonly id: string;
  readonly seq: number;
  readonly at: number;
  /** The publication's groups once known. */
  groups: ReadonlyArray<string> = [];
  /** Settles with the first publication. */
  done: Promise<void> | undefined = undefined;

  constructor(id: string, seq: number, at: number) {
    this.id = id;
    this.seq = seq;
    this.at = at;
  }
}

/**
 * One topic on the publishing node: its settings, known groups, held messages in publication
 * order (for overflow and stats), messages held until a group is known, the dedup window and
 * the dead letters.
 */
export class TopicState implements GroupHost {
  readonly name: string;
  readonly ctx: QueueContext;
  settings: ResolvedTopicOptions;
  readonly groups: Map<string, GroupQueue> = new Map<string, GroupQueue>();
  private _targets: GroupQueue[] = [];
  private _targetNames: string[] = [];
  /** Store key prefix of the topic's messages. */
  readonly messageKeyPrefix: string;
  // Held messages in publication order, as an intrusive doubly linked list: O(1) release in any order.
  private _first: StoredMessage | undefined = undefined;
  private _last: StoredMessage | undefined = undefined;
  private _heldCount: number = 0;
  private _unrouted: StoredMessage[] = [];
  private readonly _dedup: Map<string, DedupEntry> = new Map<string, DedupEntry>();
  private readonly _dedupOrder: Deque<DedupEntry> = new Deque<DedupEntry>(16);
  private readonly _dead: Map<string, DeadLetter> = new Map<string, DeadLetter>();
  private _published: number = 0;
  private _duplicates: number = 0;
  private _rejected: number = 0;
  private _high: boolean = false;
  private _writable: (() => void)[] = [];
  private readonly _publishRate: RateMeter = new RateMeter(10);

  constructor(name: string, ctx: QueueContext, settings: ResolvedTopicOptions) {
    this.name = name;
    this.ctx = ctx;
    this.settings = settings;
    this.messageKeyPrefix = `${ctx.keys.prefix}m/${name}/`;
    for (const g of settings.groups) {
      this.knowGroup(g, Infinity, false);
    }
  }

  /** Messages held. */
  get depth(): number {
    return this._heldCount;
  }

  get isFull(): boolean {
    return this._heldCount >= this.settings.maxLength;
  }

  /** The groups a message published now targets. */
  get targets(): ReadonlyArray<GroupQueue> {
    return this._targets;
  }

  /** Their names (shared, read-only). */
  get targetNames(): ReadonlyArray<string> {
    return this._targetNames;
  }

  private setTargets(): void {
    this._targets = Array.from(this.groups.values());
    this._targetNames = this._targets.map((g: GroupQueue): string => g.name);
  }

  // ---- groups ----

  /** Makes `group` a target of the topic (persisting it when `persist`); routes held unrouted messages. */
  knowGroup(group: string, expiryMs: number, persist: boolean): GroupQueue {
    let g = this.groups.get(group);
    if (g === undefined) {
      g = new GroupQueue(this, group, this.ctx, expiryMs);
      this.groups.set(group, g);
      this.setTargets();
      if (persist) {
        this.persistGroup(g);
      }
      if (this._unrouted.length > 0) {
        this.routeUnrouted();
      }
    } else if (g.expiryMs !== expiryMs && persist) {
      g.expiryMs = expiryMs;
      this.persistGroup(g);
    }
    return g;
  }

  private persistGroup(g: GroupQueue): void {
    const w = this.ctx.writer;
    if (w !== undefined) {
      w.append(WriteOp.set(this.ctx.keys.group(this.name, g.name), encodeGroup(g.expiryMs)));
    }
  }

  /** Forgets a group: what it still holds is dead-lettered with `reason`, or dropped when `reason` is undefined. */
  removeGroup(group: GroupQueue, reason: DeadLetterReason | undefined, now: number): number {
    if (this.groups.get(group.name) !== group) {
      return 0;
    }
    let n = 0;
    const messages = this.heldMessages();
    for (const m of messages) {
      for (const e of m.entries) {
        if (e.owner === group && e.state !== EntryState.DONE) {
          n++;
          if (reason !== undefined) {
            group.deadLetter(e, reason, e.lastCode, e.lastMessage, now);
          } else {
            group.drop(e, now);
          }
        }
      }
    }
    group.stop();
    this.groups.delete(group.name);
    this.setTargets();
    const w = this.ctx.writer;
    if (w !== undefined) {
      w.append(WriteOp.delete(this.ctx.keys.group(this.name, group.name)));
    }
    return n;
  }

  groupExpired(group: GroupQueue, now: number): void {
    this.ctx.logger.info('messaging: consumer group expired', { 'topic': this.name, 'group': group.name });
    this.removeGroup(group, DeadLetterReason.GROUP_EXPIRED, now);
  }

  // ---- publishing ----

  /** The dedup entry of `id` still inside the window at `now`. */
  dedupLookup(id: string, now: number): DedupEntry | undefined {
    this.sweepDedup(now);
    return this._dedup.get(id);
  }

  /** Remembers `id` for the dedup window. */
  remember(entry: DedupEntry): void {
    this._dedup.set(entry.id, entry);
    this._dedupOrder.push(entry);
  }

  /** Forgets `id` (its publication failed). */
  forget(entry: DedupEntry): void {
    if (this._dedup.get(entry.id) === entry) {
      this._dedup.delete(entry.id);
    }
  }

  private sweepDedup(now: number): void {
    const window = this.settings.dedupWindowMs;
    const order = this._dedupOrder;
    const w = this.ctx.writer;
    while (!order.isEmpty && (order.peek() as DedupEntry).at + window <= now) {
      const e = order.shift() as DedupEntry;
      if (this._dedup.get(e.id) === e) {
        this._dedup.delete(e.id);
        if (w !== undefined) {
          w.append(WriteOp.delete(this.ctx.keys.dedup(this.name, e.id)));
        }
      }
    }
  }

  countDuplicate(): void {
    this._duplicates++;
  }

  countRejected(): void {
    this._rejected++;
  }

  /**
   * Takes a new message in (before it is durable): it is held, and gets an entry per target group
   * (or waits for a group). The caller writes its `m` record (with `groupsOf(m)`).
   */
  accept(m: StoredMessage, only?: ReadonlyArray<GroupQueue>): void {
    this.link(m);
    this._heldCount++;
    this._published++;
    this._publishRate.mark(m.publishedAt, 1);
    const targets = only ?? this._targets;
    const n = targets.length;
    if (n === 1) {
      m.entries = [new GroupEntry(m, targets[0])];
    } else if (n > 1) {
      const entries: GroupEntry[] = [];
      for (let i = 0; i < n; i++) {
        entries.push(new GroupEntry(m, targets[i]));
      }
      m.entries = entries;
    }
    m.pending = targets.length;
    if (targets.length === 0) {
      this._unrouted.push(m);
    }
    this.checkHigh(m.publishedAt);
  }

  /** Restores a recovered message with its pending entries (no entries: it waits for a group). */
  restore(m: StoredMessage, entries: GroupEntry[], markers: string[], now: number): void {
    m.markers = markers.length > 0 ? markers : undefined;
    this.link(m);
    this._heldCount++;
    m.entries = entries;
    m.pending = entries.length;
    if (entries.length === 0) {
      this._unrouted.push(m);
    }
    this.commit(m, now);
  }

  /** Routes messages held for want of a group when groups are known (after recovery). */
  routeHeld(): void {
    if (this._unrouted.length > 0 && this._targets.length > 0) {
      this.routeUnrouted();
    }
  }

  /** Resolves when the topic has room for one more message. */
  whenWritable(): Promise<void> {
    if (this._heldCount < this.settings.maxLength) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve: () => void): void => {
      this._writable.push(resolve);
    });
  }

  /** The message is durable: its entries join their groups, its TTL starts. */
  commit(m: StoredMessage, now: number): void {
    m.committed = true;
    if (!m.held) {
      return;
    }
    for (let i = 0; i < m.entries.length; i++) {
      const e = m.entries[i];
      (e.owner as GroupQueue).add(e, now);
    }
    if (Number.isFinite(m.expiresAt)) {
      const task = new CallbackTask((now: number): void => this.expire(m, now));
      m.ttlTask = task;
      this.ctx.scheduler.schedule(task, m.expiresAt);
    }
  }

  /** The store refused the message: it was never accepted. */
  abort(m: StoredMessage): void {
    if (!m.held) {
      return;
    }
    m.held = false;
    this.unlink(m);
    this._heldCount--;
    this._published--;
    for (const e of m.entries) {
      e.state = EntryState.DONE;
    }
    if (m.unrouted) {
      this._unrouted = this._unrouted.filter((u: StoredMessage): boolean => u !== m);
    }
  }

  /** Names of the groups a message targets. */
  groupsOf(m: StoredMessage): string[] {
    const out: string[] = [];
    for (const e of m.entries) {
      out.push((e.owner as GroupQueue).name);
    }
    return out;
  }

  private routeUnrouted(): void {
    const list = this._unrouted;
    this._unrouted = [];
    const now = this.ctx.clock.now();
    const w = this.ctx.writer;
    const targets = this._targets;
    for (const m of list) {
      if (!m.held) {
        continue;
      }
      m.entries = m.entries.slice();
      for (const g of targets) {
        const e = new GroupEntry(m, g);
        m.entries.push(e);
        m.pending++;
        if (m.committed) {
          g.add(e, now);
        }
      }
      if (w !== undefined) {
        // The message record names its groups: rewrite it with the new ones.
        w.append(WriteOp.set(m.storeKey.length > 0 ? m.storeKey : this.messageKeyPrefix + padSeq(m.seq),
          encodeMessage(m, payloadText(m.payload), this.groupsOf(m))));
      }
      this.ctx.emit(QueueEventType.ROUTED, this.name, '', m, 0, '', '', 0);
    }
  }

  /** Makes room under DEAD_LETTER_OLDEST: the oldest held message leaves every group. */
  evictOldest(now: number): void {
    const m = this._first;
    if (m === undefined) {
      return;
    }
    if (m.unrouted) {
      this.deadLetterUnrouted(m, DeadLetterReason.OVERFLOW, now);
      return;
    }
    const entries = m.entries.slice();
    for (const e of entries) {
      (e.owner as GroupQueue).deadLetter(e, DeadLetterReason.OVERFLOW, e.lastCode, e.lastMessage, now);
    }
  }

  /** TTL of a message reached. */
  expire(m: StoredMessage, now: number): void {
    if (!m.held) {
      return;
    }
    if (m.unrouted) {
      this.deadLetterUnrouted(m, DeadLetterReason.EXPIRED, now);
      return;
    }
    const entries = m.entries.slice();
    for (const e of entries) {
      (e.owner as GroupQueue).expire(e, now);
    }
  }

  private deadLetterUnrouted(m: StoredMessage, reason: DeadLetterReason, now: number): void {
    this._unrouted = this._unrouted.filter((u: StoredMessage): boolean => u !== m);
    const letter = new DeadLetter(m.copy(), UNROUTED_GROUP, reason, 0, '', '', now);
    this.keepDeadLetter(letter);
    const w = this.ctx.writer;
    if (w !== undefined) {
      w.append(WriteOp.set(this.ctx.keys.dead(this.name, UNROUTED_GROUP, m.seq), encodeDead(letter)));
    }
    this.ctx.emit(QueueEventType.DEAD_LETTERED, this.name, UNROUTED_GROUP, m, 0, '', reason, 0);
    this.release(m, now);
  }

  entryDone(entry: GroupEntry, now: number): void {
    const m = entry.message;
    m.pending--;
    if (!m.held) {
      return;
    }
    if (m.pending <= 0) {
      this.release(m, now);
      return;
    }
    const w = this.ctx.writer;
    if (w !== undefined) {
      // Other groups still hold it: remember durably that this one is done.
      w.append(WriteOp.set((entry.owner as GroupQueue).ackedKey(m.seq), ACKED_MARKER));
      entry.marked = true;
    }
  }

  private link(m: StoredMessage): void {
    const last = this._last;
    m.prevHeld = last;
    m.nextHeld = undefined;
    if (last === undefined) {
      this._first = m;
    } else {
      last.nextHeld = m;
    }
    this._last = m;
  }

  private unlink(m: StoredMessage): void {
    const prev = m.prevHeld;
    const next = m.nextHeld;
    if (prev === undefined) {
      if (this._first === m) {
        this._first = next;
      }
    } else {
      prev.nextHeld = next;
    }
    if (next === undefined) {
      if (this._last === m) {
        this._last = prev;
      }
    } else {
      next.prevHeld = prev;
    }
    m.prevHeld = undefined;
    m.nextHeld = undefined;
  }

  private release(m: StoredMessage, now: number): void {
    m.held = false;
    this.unlink(m);
    this._heldCount--;
    const ttl = m.ttlTask;
    if (ttl !== undefined) {
      m.ttlTask = undefined;
      this.ctx.scheduler.cancel(ttl);
    }
    const w = this.ctx.writer;
    if (w !== undefined) {
      w.append(WriteOp.delete(m.storeKey.length > 0 ? m.storeKey : this.messageKeyPrefix + padSeq(m.seq)));
      for (const e of m.entries) {
        if (e.marked) {
          e.marked = false;
          w.append(WriteOp.delete((e.owner as GroupQueue).ackedKey(m.seq)));
        }
      }
      const markers = m.markers;
      if (markers !== undefined) {
        m.markers = undefined;
        for (const g of markers) {
          w.append(WriteOp.delete(this.ctx.keys.acked(this.name, g, m.seq)));
        }
      }
    }
    if (this._writable.length > 0 && this._heldCount < this.settings.maxLength) {
      const waiting = this._writable;
      this._writable = [];
      for (const resolve of waiting) {
        resolve();
      }
    }
    if (this._high && this._heldCount <= this.settings.lowWatermark * this.settings.maxLength) {
      this._high = false;
      this.signal(BackpressureLevel.LOW, now);
    }
  }

  private checkHigh(now: number): void {
    if (!this._high && this._heldCount >= this.settings.highWatermark * this.settings.maxLength) {
      this._high = true;
      this.signal(BackpressureLevel.HIGH, now);
    }
  }

  private signal(level: BackpressureLevel, now: number): void {
    if (this.ctx.backpressure.size === 0) {
      return;
    }
    const e: BackpressureEvent = { topic: this.name, level: level, depth: this._heldCount, maxLength: this.settings.maxLength, at: now };
    this.ctx.backpressure.emit(e);
  }

  // ---- dead letters ----

  keepDeadLetter(letter: DeadLetter): void {
    this._dead.set(`${letter.group}/${letter.message.seq}`, letter);
  }

  /** Dead letters matching `filter`, oldest first. */
  deadLetters(filter: DeadLetterFilter | undefined): DeadLetter[] {
    const out: DeadLetter[] = [];
    for (const d of this._dead.values()) {
      if (matches(d, filter)) {
        out.push(d);
      }
    }
    out.sort((a: DeadLetter, b: DeadLetter): number => a.deadAt - b.deadAt || a.message.seq - b.message.seq);
    return out;
  }

  /** Removes dead letters (from memory; the caller writes the deletions). */
  takeDeadLetters(filter: DeadLetterFilter | undefined): DeadLetter[] {
    const out = this.deadLetters(filter);
    for (const d of out) {
      this._dead.delete(`${d.group}/${d.message.seq}`);
    }
    return out;
  }

  get deadLetterCount(): number {
    return this._dead.size;
  }

  // ---- stats ----

  stats(now: number): QueueTopicStats {
    const groups = Array.from(this.groups.values());
    const oldest = new Map<GroupQueue, number>();
    const messages = this.heldMessages();
    for (const m of messages) {
      if (!m.held) {
        continue;
      }
      for (const e of m.entries) {
        const g = e.owner as GroupQueue;
        if (e.state !== EntryState.DONE && !oldest.has(g)) {
          oldest.set(g, m.publishedAt);
        }
      }
    }
    return {
      topic: this.name, depth: this._heldCount, maxLength: this.settings.maxLength, unrouted: this._unrouted.length,
      published: this._published, duplicates: this._duplicates, rejected: this._rejected, deadLetters: this._dead.size,
      publishRate: this._publishRate.rate(now),
      groups: groups.map((g: GroupQueue): QueueGroupStats => g.stats(now, oldest.get(g) ?? Infinity))
    };
  }

  /** Held messages in publication order. */
  heldMessages(): StoredMessage[] {
    const out: StoredMessage[] = [];
    for (let m = this._first; m !== undefined; m = m.nextHeld) {
      out.push(m);
    }
    return out;
  }

  /** Stops every group (closing or crashing). */
  stop(): void {
    for (const g of this.groups.values()) {
      g.stop();
    }
  }
}

const matches = (d: DeadLetter, f: DeadLetterFilter | undefined): boolean => {
  if (f === undefined) {
    return true;
  }
  if (f.group !== undefined && d.group !== f.group) {
    return false;
  }
  if (f.reason !== undefined && d.reason !== f.reason) {
    return false;
  }
  if (f.messageIds !== undefined && f.messageIds.indexOf(d.message.id) < 0) {
    return false;
  }
  return true;
};
