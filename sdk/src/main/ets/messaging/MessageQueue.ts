import { ErrorCode } from '../core/errors/ErrorCode';
import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { MeshError } from '../core/errors/MeshError';
import { Disposable } from '../core/events/Disposable';
import { Listener } from '../core/events/EventEmitter';
import { Headers } from '../core/headers/Headers';
import { JsonValue } from '../core/json/JsonValue';
import { MeshNode } from '../mesh/MeshNode';
import { RedQueueState } from '../metrics/red/RedEvents';
import { Clock } from '../platform/Clock';
import { Random } from '../platform/Random';
import { Logger } from '../platform/logging/Logger';
import { NoopLogger } from '../platform/logging/NoopLogger';
import { KeyValueStore } from '../platform/store/KeyValueStore';
import { MemoryStore } from '../platform/store/MemoryStore';
import { ErrorPredicate } from '../resilience/CircuitBreakerOptions';
import { isTransientError } from '../resilience/errorFilters';
import { DeadLetter, DeadLetterFilter } from './DeadLetter';
import { Broker, PublishPlan } from './internal/Broker';
import { LocalSubscription } from './internal/LocalSubscription';
import { MeshBinding } from './internal/MeshBinding';
import { checkGroupName, checkMessageKey, checkTopicName } from './internal/names';
import { QueueContext } from './internal/QueueContext';
import { StoredMessage } from './internal/StoredMessage';
import { StoreWriter } from './internal/StoreWriter';
import {
  checkDelay, DEFAULT_BUSY_RETRY_MS, DEFAULT_UNREACHABLE_RETRY_MS, MessageQueueOptions, MessagingSettings
} from './MessageQueueOptions';
import { PublishOptions, PublishReceipt } from './PublishOptions';
import { BackpressureEvent, QueueEvent } from './QueueEvents';
import { DEFAULT_MESSAGE_PRIORITY, QueueMessage } from './QueueMessage';
import { QueueTopicStats } from './QueueStats';
import { QueueSubscription } from './QueueSubscription';
import {
  AckMode, DEFAULT_CONCURRENCY, DEFAULT_CONSUMER_GROUP, MAX_PREFETCH, QueueHandler, SubscribeOptions
} from './SubscribeOptions';
import { ResolvedTopicOptions, TopicOptions } from './TopicOptions';

/** The headers of messages published without any: shared, so treat message headers as read-only. */
const NO_HEADERS: Record<string, string> = {};

const checkCount = (v: number | undefined, d: number, field: string): number => {
  if (v === undefined) {
    return d;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_PREFETCH) {
    throw new InvalidArgumentError(field, `must be an integer in 1..${MAX_PREFETCH}`);
  }
  return v;
};

/**
 * A durable, mesh-wide message queue with consumer groups, priorities, delays, TTLs, per-key
 * ordering, retries with back-off, dead letters and back-pressure.
 *
 * Every node runs one. A node keeps the messages it publishes (in its KeyValueStore) until every
 * target consumer group has acked them, and pushes them to the groups' consumers on whichever
 * devices they live; within a group each message goes to one consumer, every group gets every
 * message. Delivery is at least once: a redelivered or duplicated message keeps its id.
 *
 * @example
 * const queue = MessageQueue.attach(node);                       // node.store, node.clock, node.transport
 * queue.subscribe('orders.created', async (d) => bill(d.message.payload), { group: 'billing' });
 * const receipt = await queue.publish('orders.created', { 'order': 42 }, { priority: MessagePriority.HIGH });
 */
export class MessageQueue {
  readonly deviceId: string;
  readonly clock: Clock;
  readonly random: Random;
  /** The store durable messages live in (the node's store when attached). */
  readonly store: KeyValueStore;
  readonly logger: Logger;
  private readonly _broker: Broker;
  private readonly _metricsSub: Disposable | undefined;
  private readonly _scratch: PublishPlan = new PublishPlan();
  private _closed: boolean = false;

  /**
   * A queue on explicit ports (in-process use, or attach it later with `connect`). Recovery of a
   * durable store starts at once (`ready`). Throws InvalidArgumentError naming the field.
   */
  constructor(options: MessageQueueOptions) {
    if (options === undefined || options === null) {
      throw new InvalidArgumentError('options', 'is required');
    }
    if (typeof options.deviceId !== 'string' || options.deviceId.length === 0 || options.deviceId.length > 128) {
      throw new InvalidArgumentError('options.deviceId', 'must be a string of 1..128 characters');
    }
    if (options.clock === undefined || typeof options.clock.now !== 'function') {
      throw new InvalidArgumentError('options.clock', 'is required');
    }
    if (options.random === undefined || typeof options.random.next !== 'function') {
      throw new InvalidArgumentError('options.random', 'is required');
    }
    this.deviceId = options.deviceId;
    const logger = options.logger ?? new NoopLogger();
    const durable = options.durable ?? true;
    const store = options.store ?? new MemoryStore();
    this.clock = options.clock;
    this.random = options.random;
    this.store = store;
    this.logger = logger;
    const defaults = ResolvedTopicOptions.from(options.defaults, undefined, 'options.defaults');
    const perTopic = new Map<string, ResolvedTopicOptions>();
    const topics = options.topics;
    if (topics !== undefined) {
      for (const name of Object.keys(topics)) {
        checkTopicName(name, `options.topics.${name}`);
        perTopic.set(name, ResolvedTopicOptions.from(topics[name], defaults, `options.topics.${name}`));
      }
    }
    const busy = checkDelay(options.busyRetryMs, DEFAULT_BUSY_RETRY_MS, 'options.busyRetryMs');
    const gone = checkDelay(options.unreachableRetryMs, DEFAULT_UNREACHABLE_RETRY_MS, 'options.unreachableRetryMs');
    const writer = durable ? new StoreWriter(store, logger) : undefined;
    const ctx = new QueueContext(options.deviceId, options.clock, logger, writer, options.metrics, options.tracer, busy, gone);
    this._broker = new Broker(ctx, store, durable, options.random, defaults, perTopic);
    const metrics = options.metrics;
    this._metricsSub = metrics === undefined ? undefined
      : metrics.observeQueues((): RedQueueState[] => this._broker.queueStates());
    this._broker.start().catch((e: Error): void => {
      logger.error('messaging: recovery failed', { 'error': e.message });
    });
  }

  /**
   * A queue for a mesh node: its device id, clock, random, store and logger, deliveries over its
   * transport (topic `mq.deliver`), consumers advertised in its registry (service `mq.<topic>`).
   * Closes when the node stops or crashes; build a new one for the restarted node (same store) and
   * it resumes what was pending.
   */
  static attach(node: MeshNode, settings?: MessagingSettings): MessageQueue {
    const s = settings ?? {};
    const queue = new MessageQueue({
      deviceId: node.deviceId, clock: node.clock, random: node.random, store: node.store, logger: node.logger,
      durable: s.durable, tracer: s.tracer, metrics: s.metrics, defaults: s.defaults, topics: s.topics,
      busyRetryMs: s.busyRetryMs, unreachableRetryMs: s.unreachableRetryMs
    });
    queue.connect(node);
    return queue;
  }

  /** Connects a standalone queue to a node (once). Its device id must be the node's. */
  connect(node: MeshNode): void {
    if (node.deviceId !== this.deviceId) {
      throw new InvalidArgumentError('node', `is ${node.deviceId}, the queue is ${this.deviceId}`);
    }
    if (this._broker.binding !== undefined) {
      throw new MeshError(ErrorCode.INVALID_STATE, 'the queue is already connected to a node');
    }
    const b = this._broker;
    b.bind(new MeshBinding(node.transport, node.registry, node.deviceId, node.deviceType, b, b.ctx.logger,
      (): number => b.ctx.clock.now()));
    if (node.transport.closed) {
      b.halt(true);
    }
  }

  /** Resolves once a durable queue has loaded what its store holds (publishes wait for it anyway). */
  get ready(): Promise<void> {
    return this._broker.ready;
  }

  get durable(): boolean {
    return this._broker.durable;
  }

  /** False once closed, or once its node stopped or crashed. */
  get running(): boolean {
    return !this._broker.halted;
  }

  /**
   * Publishes `payload` (a JSON value; treat it as immutable afterwards) to `topic`. Resolves once
   * the message is written to the store (at once when not durable) with a receipt carrying the
   * message id, target groups and the topic's depth. Rejects with InvalidArgumentError naming the
   * field, QueueFullError (ERR_QUEUE_FULL) when the topic is full and its overflow policy is
   * `reject`, MeshError ERR_STORE when the store failed (nothing was accepted), ERR_STOPPED once
   * closed.
   */
  publish(topic: string, payload: JsonValue, options?: PublishOptions): Promise<PublishReceipt> {
    let plan: PublishPlan;
    try {
      plan = this.plan(topic, payload, options);
    } catch (e) {
      return Promise.reject(e as Error);
    }
    const b = this._broker;
    if (b.recovered) {
      return b.publish(plan);
    }
    return b.ready.then((): Promise<PublishReceipt> => {
      plan.now = b.ctx.clock.now();
      return b.publish(plan);
    });
  }

  private plan(topic: string, payload: JsonValue, o: PublishOptions | undefined): PublishPlan {
    // Once recovered, the broker consumes a plan synchronously: one scratch plan serves every publish.
    const b = this._broker;
    const p = b.recovered ? this._scratch : new PublishPlan();
    p.topic = b.hasTopic(topic) ? topic : checkTopicName(topic, 'topic');
    if (payload === undefined) {
      throw new InvalidArgumentError('payload', 'must be a JSON value');
    }
    p.payload = payload;
    const now = b.ctx.turnNow();
    p.now = now;
    p.priority = DEFAULT_MESSAGE_PRIORITY;
    p.availableAt = 0;
    p.ttlMs = Infinity;
    p.messageId = undefined;
    p.orderingKey = undefined;
    p.headers = NO_HEADERS;
    p.writes = undefined;
    p.parent = undefined;
    if (o === undefined) {
      return p;
    }
    const priority = o.priority ?? DEFAULT_MESSAGE_PRIORITY;
    if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 9) {
      throw new InvalidArgumentError('options.priority', 'must be an integer in 0..9');
    }
    p.priority = priority;
    let at = now + checkDelay(o.delayMs, 0, 'options.delayMs');
    if (o.deliverAt !== undefined) {
      if (typeof o.deliverAt !== 'number' || !Number.isFinite(o.deliverAt)) {
        throw new InvalidArgumentError('options.deliverAt', 'must be a finite Clock time');
      }
      at = Math.max(at, o.deliverAt);
    }
    p.availableAt = at;
    if (o.ttlMs !== undefined) {
      if (typeof o.ttlMs !== 'number' || Number.isNaN(o.ttlMs) || o.ttlMs <= 0) {
        throw new InvalidArgumentError('options.ttlMs', 'must be a number > 0 (Infinity allowed)');
      }
      p.ttlMs = o.ttlMs;
    }
    if (o.messageId !== undefined) {
      p.messageId = checkMessageKey(o.messageId, 'options.messageId');
    }
    if (o.orderingKey !== undefined) {
      p.orderingKey = checkMessageKey(o.orderingKey, 'options.orderingKey');
    }
    const headers = o.headers;
    if (headers !== undefined) {
      // Copied with lower-case names: the caller's record is not kept.
      const out: Record<string, string> = {};
      for (const name of Object.keys(headers)) {
        const value = headers[name];
        if (!Headers.isValidName(name) || typeof value !== 'string' || /[\r\n\0]/.test(value)) {
          throw new InvalidArgumentError(`options.headers.${name}`, 'must be a token name with a string value without CR, LF or NUL');
        }
        out[name.toLowerCase()] = value;
      }
      p.headers = out;
    }
    const writes = o.writes;
    if (writes !== undefined) {
      if (!Array.isArray(writes)) {
        throw new InvalidArgumentError('options.writes', 'must be an array of WriteOp');
      }
      if (!this._broker.durable && writes.length > 0) {
        throw new InvalidArgumentError('options.writes', 'needs a durable queue');
      }
      const prefix = this._broker.ctx.keys.prefix;
      for (let i = 0; i < writes.length; i++) {
        const w = writes[i];
        if (w === undefined || w === null || typeof w.key !== 'string' || w.key.startsWith(prefix)) {
          throw new InvalidArgumentError(`options.writes[${i}]`, `must be a WriteOp outside ${prefix}`);
        }
      }
      p.writes = writes;
    }
    p.parent = o.parent;
    return p;
  }

  /**
   * Subscribes `handler` to `topic` in a consumer group (default `default`). Deliveries come from
   * every publisher in the mesh. Throws InvalidArgumentError naming the field, ERR_STOPPED once
   * closed.
   */
  subscribe(topic: string, handler: QueueHandler, options?: SubscribeOptions): QueueSubscription {
    if (this._broker.halted) {
      throw new MeshError(ErrorCode.STOPPED, 'the queue is closed');
    }
    checkTopicName(topic, 'topic');
    if (typeof handler !== 'function') {
      throw new InvalidArgumentError('handler', 'must be a function');
    }
    const o = options ?? {};
    const group = checkGroupName(o.group ?? DEFAULT_CONSUMER_GROUP, 'options.group');
    const concurrency = checkCount(o.concurrency, DEFAULT_CONCURRENCY, 'options.concurrency');
    const prefetch = checkCount(o.prefetch, Math.min(MAX_PREFETCH, 2 * concurrency), 'options.prefetch');
    const ackMode = o.ackMode ?? AckMode.AUTO;
    if (ackMode !== AckMode.AUTO && ackMode !== AckMode.MANUAL) {
      throw new InvalidArgumentError('options.ackMode', 'must be auto or manual');
    }
    let visibility = 0;
    if (o.visibilityTimeoutMs !== undefined) {
      if (typeof o.visibilityTimeoutMs !== 'number' || !Number.isFinite(o.visibilityTimeoutMs) || o.visibilityTimeoutMs <= 0) {
        throw new InvalidArgumentError('options.visibilityTimeoutMs', 'must be a finite number > 0');
      }
      visibility = o.visibilityTimeoutMs;
    }
    let expiry = Infinity;
    if (o.groupExpiryMs !== undefined) {
      if (typeof o.groupExpiryMs !== 'number' || Number.isNaN(o.groupExpiryMs) || o.groupExpiryMs <= 0) {
        throw new InvalidArgumentError('options.groupExpiryMs', 'must be a number > 0 (Infinity allowed)');
      }
      expiry = o.groupExpiryMs;
    }
    const retryOn: ErrorPredicate = o.retryOn ?? isTransientError;
    if (typeof retryOn !== 'function') {
      throw new InvalidArgumentError('options.retryOn', 'must be a function');
    }
    const endpoint = this._broker.endpoint;
    const sub = new LocalSubscription(endpoint.nextId(), topic, group, handler, concurrency, prefetch, ackMode, visibility,
      expiry, retryOn);
    endpoint.add(sub);
    return new QueueSubscription(sub, (s: LocalSubscription): void => endpoint.remove(s));
  }

  /** Replaces a topic's settings (over the queue's defaults). Throws InvalidArgumentError naming the field. */
  configureTopic(topic: string, options: TopicOptions): void {
    checkTopicName(topic, 'topic');
    this._broker.configure(topic, ResolvedTopicOptions.from(options, this._broker.defaults, 'options'));
  }

  /** A topic's settings in effect. */
  topicSettings(topic: string): ResolvedTopicOptions {
    return this._broker.settingsOf(checkTopicName(topic, 'topic'));
  }

  /** Messages of `topic` this node holds (published here, not yet acked by every group), oldest first. */
  depth(topic: string): number {
    const t = this._broker.existingTopic(topic);
    return t === undefined ? 0 : t.depth;
  }

  /** True when the next publish to `topic` is rejected (or evicts the oldest message). */
  isFull(topic: string): boolean {
    const t = this._broker.existingTopic(topic);
    return t !== undefined && t.isFull;
  }

  /** Resolves when `topic` has room for one more message (back-pressure for publishers that wait). */
  whenWritable(topic: string): Promise<void> {
    const t = this._broker.existingTopic(topic);
    return t === undefined ? Promise.resolve() : t.whenWritable();
  }

  /** The messages of `topic` this node holds, oldest first (for inspection). */
  heldMessages(topic: string): QueueMessage[] {
    const t = this._broker.existingTopic(topic);
    return t === undefined ? [] : t.heldMessages().map((m: StoredMessage): QueueMessage => m.copy());
  }

  /** Dead letters of `topic` kept by this node, oldest first. */
  deadLetters(topic: string, filter?: DeadLetterFilter): DeadLetter[] {
    const t = this._broker.existingTopic(topic);
    return t === undefined ? [] : t.deadLetters(filter);
  }

  /**
   * Puts dead letters back into their group's queue as new deliveries (same message id, fresh
   * attempts and TTL); unrouted ones go to every known group. Resolves with how many.
   */
  replayDeadLetters(topic: string, filter?: DeadLetterFilter): Promise<number> {
    return this._broker.replay(topic, filter);
  }

  /** Deletes dead letters for good. Resolves with how many. */
  purgeDeadLetters(topic: string, filter?: DeadLetterFilter): Promise<number> {
    return this._broker.purge(topic, filter);
  }

  /**
   * Forgets a consumer group of `topic` on this publisher and drops what it holds for it (RabbitMQ's
   * queue.delete). Returns how many messages were dropped. Consumers still subscribed bring it back.
   */
  deleteGroup(topic: string, group: string): number {
    const t = this._broker.existingTopic(topic);
    const g = t === undefined ? undefined : t.groups.get(group);
    if (t === undefined || g === undefined) {
      return 0;
    }
    return t.removeGroup(g, undefined, this._broker.ctx.clock.now());
  }

  /** Statistics per topic this node publishes to (and its groups), or of one topic. */
  stats(topic?: string): QueueTopicStats[] {
    const all = this._broker.stats(this._broker.ctx.clock.now());
    return topic === undefined ? all : all.filter((s: QueueTopicStats): boolean => s.topic === topic);
  }

  /** Every queue event (published, delivered, acked, retry, dead-lettered, ...). */
  onEvent(listener: Listener<QueueEvent>): Disposable {
    return this._broker.ctx.events.on(listener);
  }

  /** A topic's depth crossed its high or low watermark. */
  onBackpressure(listener: Listener<BackpressureEvent>): Disposable {
    return this._broker.ctx.backpressure.on(listener);
  }

  /** Resolves once every store write issued so far is done (acks, retries, dead letters). */
  flush(): Promise<void> {
    const w = this._broker.ctx.writer;
    return w === undefined ? Promise.resolve() : w.flush();
  }

  /** Stops for good: no more deliveries or publishes; what is stored stays for the next queue on this store. */
  close(): void {
    if (this._closed) {
      return;
    }
    this._closed = true;
    if (this._metricsSub !== undefined) {
      this._metricsSub.dispose();
    }
    this._broker.halt(false);
  }
}
