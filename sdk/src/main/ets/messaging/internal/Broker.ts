import { ErrorCode } from '../../core/errors/ErrorCode';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { MeshError } from '../../core/errors/MeshError';
import { IdGenerator } from '../../core/ids/IdGenerator';
import { JsonValue } from '../../core/json/JsonValue';
import { RedQueueState } from '../../metrics/red/RedEvents';
import { Random } from '../../platform/Random';
import { KeyValueStore, WriteOp } from '../../platform/store/KeyValueStore';
import { Span } from '../../tracing/api/Span';
import { SpanContext } from '../../tracing/api/SpanContext';
import { SpanStatusCode } from '../../tracing/api/SpanStatus';
import { startPublishSpan } from '../../tracing/instrumentation/messagingSpans';
import { RecordHeaderCarrier } from '../../tracing/propagation/RecordHeaderCarrier';
import { DeadLetter, DeadLetterFilter, UNROUTED_GROUP } from '../DeadLetter';
import { QueueFullError } from '../errors/QueueFullError';
import { PublishReceipt } from '../PublishOptions';
import { QueueEventType } from '../QueueEvents';
import { QueueTopicStats } from '../QueueStats';
import { OverflowPolicy, ResolvedTopicOptions } from '../TopicOptions';
import { ConsumerEndpoint, GroupAdvert } from './ConsumerEndpoint';
import { ConsumerRef } from './ConsumerRef';
import { DeliveryOutcome } from './DeliveryOutcome';
import { WireDelivery } from './deliveryWire';
import { GroupQueue } from './GroupQueue';
import { BindingHost, MeshBinding } from './MeshBinding';
import { QueueContext } from './QueueContext';
import { encodeDedup, encodeMessage, payloadText } from './records';
import { recoverQueue } from './recoverQueue';
import { padSeq } from './StoreKeys';
import { StoredMessage } from './StoredMessage';
import { CommitListener } from './StoreWriter';
import { DedupEntry, TopicState } from './TopicState';

/** A publish after validation. */
export class PublishPlan {
  topic: string = '';
  payload: JsonValue = null;
  priority: number = 4;
  availableAt: number = 0;
  ttlMs: number = Infinity;
  messageId: string | undefined = undefined;
  orderingKey: string | undefined = undefined;
  headers: Record<string, string> = {};
  writes: WriteOp[] | undefined = undefined;
  parent: SpanContext | undefined = undefined;
  /** Clock time of the publish call. */
  now: number = 0;
}

/** A publish waiting for its store batch. */
export class PendingPublish implements CommitListener {
  readonly broker: Broker;
  readonly topic: TopicState;
  readonly message: StoredMessage;
  readonly receipt: PublishReceipt;
  readonly span: Span | undefined;
  readonly dedup: DedupEntry | undefined;
  readonly resolve: (r: PublishReceipt) => void;
  readonly reject: (e: Error) => void;

  constructor(broker: Broker, topic: TopicState, message: StoredMessage, receipt: PublishReceipt, span: Span | undefined,
    dedup: DedupEntry | undefined, resolve: (r: PublishReceipt) => void, reject: (e: Error) => void) {
    this.broker = broker;
    this.topic = topic;
    this.message = message;
    this.receipt = receipt;
    this.span = span;
    this.dedup = dedup;
    this.resolve = resolve;
    this.reject = reject;
  }

  committed(): void {
    this.broker.committed(this);
  }

  failed(error: Error): void {
    this.broker.failed(this, error);
  }
}

/**
 * The engine behind MessageQueue: the publisher side (topics, groups, store, scheduler), the
 * consumer side (the endpoint running handlers) and, once attached, the mesh binding.
 */
export class Broker implements BindingHost {
  readonly ctx: QueueContext;
  readonly endpoint: ConsumerEndpoint;
  readonly store: KeyValueStore;
  readonly durable: boolean;
  readonly defaults: ResolvedTopicOptions;
  private readonly _topicOptions: Map<string, ResolvedTopicOptions>;
  private readonly _topics: Map<string, TopicState> = new Map<string, TopicState>();
  private _binding: MeshBinding | undefined = undefined;
  private _seq: number = 0;
  private readonly _idPrefix: string;
  private _ready: Promise<void> = Promise.resolve();
  private _recovered: boolean = false;
  private _halted: boolean = false;
  private readonly _refreshing: Set<string> = new Set<string>();
  private _refreshScheduled: boolean = false;
  private _lastTopic: TopicState | undefined = undefined;

  constructor(ctx: QueueContext, store: KeyValueStore, durable: boolean, random: Random, defaults: ResolvedTopicOptions,
    topicOptions: Map<string, ResolvedTopicOptions>) {
    this.ctx = ctx;
    this.store = store;
    this.durable = durable;
    this.defaults = defaults;
    this._topicOptions = topicOptions;
    this._idPrefix = new IdGenerator(random).hex(6);
    this.endpoint = new ConsumerEndpoint(ctx.clock, ctx.logger, ctx.scheduler, ctx.tracer);
    this.endpoint.onChange = (topic: string, group: string, advert: GroupAdvert | undefined): void =>
      this.localChanged(topic, group, advert);
    ctx.deliver = (consumer: ConsumerRef, m: StoredMessage, group: string, count: number,
      deadline: number): DeliveryOutcome | Promise<DeliveryOutcome> => this.deliver(consumer, m, group, count, deadline);
  }

  get ready(): Promise<void> {
    return this._ready;
  }

  get recovered(): boolean {
    return this._recovered;
  }

  get halted(): boolean {
    return this._halted;
  }

  get binding(): MeshBinding | undefined {
    return this._binding;
  }

  /** Loads what the store holds (durable queues); publishes wait for it. */
  start(): Promise<void> {
    if (!this.durable) {
      this._recovered = true;
      return this._ready;
    }
    this._ready = recoverQueue(this).then((maxSeq: number): void => {
      this._seq = Math.max(this._seq, maxSeq);
      this._recovered = true;
    });
    return this._ready;
  }

  /** Connects to a mesh node's transport and registry. */
  bind(binding: MeshBinding): void {
    this._binding = binding;
    binding.start();
    for (const a of this.endpoint.adverts()) {
      binding.advertise(a.topic, a.group, a);
    }
    for (const t of this._topics.values()) {
      binding.watch(t.name);
      this.refresh(t);
    }
  }

  settingsOf(topic: string): ResolvedTopicOptions {
    return this._topicOptions.get(topic) ?? this.defaults;
  }

  configure(topic: string, settings: ResolvedTopicOptions): void {
    this._topicOptions.set(topic, settings);
    const t = this._topics.get(topic);
    if (t !== undefined) {
      t.settings = settings;
      for (const g of settings.groups) {
        t.knowGroup(g, Infinity, this.durable);
      }
    }
  }

  /** True when `name` is a topic this queue already has (so it is a valid name). */
  hasTopic(name: string): boolean {
    const last = this._lastTopic;
    return (last !== undefined && last.name === name) || this._topics.has(name);
  }

  existingTopic(name: string): TopicState | undefined {
    return this._topics.get(name);
  }

  topicNames(): string[] {
    return Array.from(this._topics.keys());
  }

  /** The topic's state, created on first use (seeded with the consumers known now). */
  topic(name: string): TopicState {
    const last = this._lastTopic;
    if (last !== undefined && last.name === name) {
      return last;
    }
    let t = this._topics.get(name);
    if (t === undefined) {
      t = new TopicState(name, this.ctx, this.settingsOf(name));
      this._topics.set(name, t);
      for (const a of this.endpoint.adverts()) {
        if (a.topic === name) {
          t.knowGroup(a.group, a.groupExpiryMs, this.durable).upsertConsumer(this.ctx.deviceId, a.target, a.prefetch, a.visibilityTimeoutMs);
        }
      }
      const b = this._binding;
      if (b !== undefined) {
        b.watch(name);
        this.refresh(t);
      }
    }
    this._lastTopic = t;
    return t;
  }

  /** Sets the sequence high-water mark (recovery). */
  raiseSeq(seq: number): void {
    if (seq > this._seq) {
      this._seq = seq;
    }
  }

  // ---- publishing ----

  publish(p: PublishPlan): Promise<PublishReceipt> {
    if (this._halted) {
      return Promise.reject(new MeshError(ErrorCode.STOPPED, 'the queue is closed') as Error);
    }
    const ctx = this.ctx;
    const now = p.now;
    const t = this.topic(p.topic);
    const id = p.messageId;
    // Read the plan now: user code may run below (event and back-pressure listeners) and publish
    // again, reusing the caller's scratch plan.
    const payload = p.payload;
    let headers = p.headers;
    const priority = p.priority;
    const orderingKey = p.orderingKey;
    const availableAt = p.availableAt;
    const ttlMs = p.ttlMs;
    const parent = p.parent;
    const writes = p.writes;
    if (id !== undefined) {
      const hit = t.dedupLookup(id, now);
      if (hit !== undefined) {
        return this.duplicate(t, hit);
      }
    }
    if (t.isFull) {
      if (t.settings.overflow === OverflowPolicy.REJECT) {
        return this.reject(t, p, now);
      }
      t.evictOldest(now);
    }
    const seq = ++this._seq;
    const messageId = id ?? this._idPrefix + String(seq);
    let span: Span | undefined = undefined;
    const tracer = ctx.tracer;
    if (tracer !== undefined) {
      // The trace context goes into the message's own headers (copied: the caller's may be shared).
      const own: Record<string, string> = {};
      for (const k of Object.keys(headers)) {
        own[k] = headers[k];
      }
      headers = own;
      span = startPublishSpan(tracer, t.name, new RecordHeaderCarrier(headers), { messageId: messageId, parent: parent });
    }
    const ttl = ttlMs < Infinity ? ttlMs : t.settings.ttlMs;
    const m = new StoredMessage(seq, messageId, t.name, payload, headers, priority, orderingKey, now,
      availableAt > now ? availableAt : now, ttl < Infinity ? now + ttl : Infinity, id !== undefined, ctx.deviceId);
    const writer = ctx.writer;
    let record: WriteOp | undefined = undefined;
    let extra: WriteOp[] | undefined = undefined;
    const groups = t.targetNames;
    if (writer !== undefined) {
      let text: string;
      try {
        text = payloadText(m.payload);
      } catch (e) {
        if (span !== undefined) {
          span.end();
        }
        return Promise.reject(new InvalidArgumentError('payload', `must be a JSON value (${(e as Error).message})`) as Error);
      }
      m.storeKey = t.messageKeyPrefix + padSeq(seq);
      record = WriteOp.set(m.storeKey, encodeMessage(m, text, groups));
    }
    t.accept(m);
    let dedup: DedupEntry | undefined = undefined;
    if (id !== undefined) {
      dedup = new DedupEntry(id, seq, now);
      dedup.groups = groups;
      t.remember(dedup);
      if (record !== undefined) {
        extra = [WriteOp.set(ctx.keys.dedup(t.name, id), encodeDedup(seq, now))];
      }
    }
    if (writes !== undefined && record !== undefined) {
      extra = extra === undefined ? writes.slice() : extra.concat(writes);
    }
    const metrics = ctx.metrics;
    if (metrics !== undefined) {
      metrics.recordPublished(t.name);
    }
    const receipt = new PublishReceipt(messageId, t.name, seq, groups, false, t.depth, t.settings.maxLength, now);
    if (writer === undefined || record === undefined) {
      t.commit(m, now);
      this.published(t, m, span);
      return Promise.resolve(receipt);
    }
    const op = record;
    const more = extra;
    const done = new Promise<PublishReceipt>((resolve: (r: PublishReceipt) => void, reject: (e: Error) => void): void => {
      const pp = new PendingPublish(this, t, m, receipt, span, dedup, resolve, reject);
      if (more === undefined) {
        writer.commitOne(op, pp);
      } else {
        more.unshift(op);
        writer.commitWith(more, pp);
      }
    });
    if (dedup !== undefined) {
      dedup.done = done.then((): void => {}, (): void => {});
    }
    return done;
  }

  /** A publish's batch is stored: the message joins its groups. */
  committed(pp: PendingPublish): void {
    pp.topic.commit(pp.message, this.ctx.turnNow());
    this.published(pp.topic, pp.message, pp.span);
    pp.resolve(pp.receipt);
  }

  /** A publish's batch failed: it was never accepted. */
  failed(pp: PendingPublish, e: Error): void {
    pp.topic.abort(pp.message);
    const dedup = pp.dedup;
    if (dedup !== undefined) {
      pp.topic.forget(dedup);
    }
    const span = pp.span;
    if (span !== undefined) {
      span.setStatus(SpanStatusCode.ERROR, e.message);
      span.end();
    }
    pp.reject(e);
  }

  private reject(t: TopicState, p: PublishPlan, now: number): Promise<PublishReceipt> {
    t.countRejected();
    const ctx = this.ctx;
    if (ctx.events.size > 0) {
      ctx.emit(QueueEventType.REJECTED, t.name, '', new StoredMessage(0, p.messageId ?? '', t.name, null, {}, p.priority,
        p.orderingKey, now, now, Infinity, p.messageId !== undefined, ctx.deviceId), 0, '', ErrorCode.QUEUE_FULL, 0);
    }
    return Promise.reject(new QueueFullError(t.name, t.depth, t.settings.maxLength) as Error);
  }

  private published(t: TopicState, m: StoredMessage, span: Span | undefined): void {
    if (span !== undefined) {
      span.end();
    }
    this.ctx.emit(QueueEventType.PUBLISHED, t.name, '', m, 0, '', '', 0);
  }

  private duplicate(t: TopicState, hit: DedupEntry): Promise<PublishReceipt> {
    t.countDuplicate();
    const ctx = this.ctx;
    if (ctx.events.size > 0) {
      ctx.emit(QueueEventType.DUPLICATE, t.name, '', new StoredMessage(hit.seq, hit.id, t.name, null, {}, 0, undefined, hit.at,
        hit.at, Infinity, true, ctx.deviceId), 0, '', '', 0);
    }
    const make = (): PublishReceipt => new PublishReceipt(hit.id, t.name, hit.seq, hit.groups, true, t.depth, t.settings.maxLength, hit.at);
    const done = hit.done;
    return done === undefined ? Promise.resolve(make()) : done.then(make);
  }

  // ---- delivery ----

  private deliver(consumer: ConsumerRef, m: StoredMessage, group: string, count: number,
    deadline: number): DeliveryOutcome | Promise<DeliveryOutcome> {
    const b = this._binding;
    return b === undefined ? DeliveryOutcome.GONE : b.send(consumer.deviceId, m, group, count, deadline);
  }

  acceptRemote(d: WireDelivery, deadline: number): DeliveryOutcome | Promise<DeliveryOutcome> {
    return this.endpoint.accept(d.message, d.group, d.count, deadline);
  }

  private localChanged(topic: string, group: string, advert: GroupAdvert | undefined): void {
    const t = this._topics.get(topic);
    if (t !== undefined && !this._halted) {
      if (advert !== undefined) {
        t.knowGroup(group, advert.groupExpiryMs, this.durable)
          .upsertConsumer(this.ctx.deviceId, advert.target, advert.prefetch, advert.visibilityTimeoutMs);
      } else {
        const g = t.groups.get(group);
        if (g !== undefined) {
          g.removeConsumer(this.ctx.deviceId);
        }
      }
    }
    const b = this._binding;
    if (b !== undefined) {
      b.advertise(topic, group, advert);
    }
  }

  remoteConsumersChanged(topic: string): void {
    this._refreshing.add(topic);
    if (this._refreshScheduled) {
      return;
    }
    this._refreshScheduled = true;
    // Coalesce a burst of registry events (a device's whole metadata arriving) into one refresh.
    Promise.resolve().then((): void => {
      this._refreshScheduled = false;
      const topics = Array.from(this._refreshing);
      this._refreshing.clear();
      for (const name of topics) {
        const t = this._topics.get(name);
        if (t !== undefined) {
          this.refresh(t);
        }
      }
    });
  }

  private refresh(t: TopicState): void {
    const b = this._binding;
    if (b === undefined || this._halted) {
      return;
    }
    const remote = b.consumersOf(t.name);
    const seen = new Set<string>();
    for (const rc of remote) {
      seen.add(`${rc.group} ${rc.deviceId}`);
      t.knowGroup(rc.group, rc.groupExpiryMs, this.durable).upsertConsumer(rc.deviceId, undefined, rc.prefetch, rc.visibilityTimeoutMs);
    }
    for (const g of t.groups.values()) {
      for (const id of g.consumerIds()) {
        if (id !== this.ctx.deviceId && !seen.has(`${g.name} ${id}`)) {
          g.removeConsumer(id);
        }
      }
    }
  }

  // ---- dead letters ----

  async replay(topic: string, filter: DeadLetterFilter | undefined): Promise<number> {
    await this._ready;
    const t = this._topics.get(topic);
    if (t === undefined || this._halted) {
      return 0;
    }
    const letters = t.takeDeadLetters(filter);
    if (letters.length === 0) {
      return 0;
    }
    const ctx = this.ctx;
    const now = ctx.clock.now();
    const ops: WriteOp[] = [];
    const replayed: StoredMessage[] = [];
    for (const d of letters) {
      const q = d.message;
      const seq = ++this._seq;
      const ttl = t.settings.ttlMs;
      const m = new StoredMessage(seq, q.id, t.name, q.payload, q.headers, q.priority, q.orderingKey, now, now,
        ttl < Infinity ? now + ttl : Infinity, false, ctx.deviceId);
      if (d.group === UNROUTED_GROUP) {
        t.accept(m);
      } else {
        const g: GroupQueue = t.groups.get(d.group) ?? t.knowGroup(d.group, Infinity, this.durable);
        const only: GroupQueue[] = [g];
        t.accept(m, only);
      }
      if (ctx.writer !== undefined) {
        m.storeKey = t.messageKeyPrefix + padSeq(seq);
        ops.push(WriteOp.set(m.storeKey, encodeMessage(m, payloadText(m.payload), t.groupsOf(m))));
        ops.push(WriteOp.delete(ctx.keys.dead(t.name, d.group, q.seq)));
      }
      replayed.push(m);
    }
    const writer = ctx.writer;
    if (writer !== undefined) {
      try {
        await writer.commit(ops);
      } catch (e) {
        for (const m of replayed) {
          t.abort(m);
        }
        for (const d of letters) {
          t.keepDeadLetter(d);
        }
        throw e as Error;
      }
    }
    const at = ctx.clock.now();
    for (const m of replayed) {
      t.commit(m, at);
      ctx.emit(QueueEventType.REPLAYED, t.name, '', m, 0, '', '', 0);
    }
    return replayed.length;
  }

  async purge(topic: string, filter: DeadLetterFilter | undefined): Promise<number> {
    await this._ready;
    const t = this._topics.get(topic);
    if (t === undefined) {
      return 0;
    }
    const letters = t.takeDeadLetters(filter);
    const writer = this.ctx.writer;
    if (writer !== undefined && letters.length > 0) {
      const ops: WriteOp[] = letters.map((d: DeadLetter): WriteOp => WriteOp.delete(this.ctx.keys.dead(t.name, d.group, d.message.seq)));
      try {
        await writer.commit(ops);
      } catch (e) {
        for (const d of letters) {
          t.keepDeadLetter(d);
        }
        throw e as Error;
      }
    }
    return letters.length;
  }

  // ---- stats and lifecycle ----

  stats(now: number): QueueTopicStats[] {
    const out: QueueTopicStats[] = [];
    for (const t of this._topics.values()) {
      out.push(t.stats(now));
    }
    return out;
  }

  queueStates(): RedQueueState[] {
    const now = this.ctx.clock.now();
    const out: RedQueueState[] = [];
    for (const s of this.stats(now)) {
      for (const g of s.groups) {
        out.push({ topic: g.topic, group: g.group, depth: g.depth + g.inFlight, oldestAgeMs: g.oldestAgeMs });
      }
    }
    return out;
  }

  halt(crashed: boolean): void {
    if (this._halted) {
      return;
    }
    this._halted = true;
    this.ctx.running = false;
    this.ctx.scheduler.stop();
    const w = this.ctx.writer;
    if (w !== undefined) {
      w.close(crashed);
    }
    this.endpoint.stop();
    for (const t of this._topics.values()) {
      t.stop();
    }
    const b = this._binding;
    if (b !== undefined) {
      b.stop(!crashed);
    }
  }
}
