import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { Span } from '../../tracing/api/Span';
import { SpanStatusCode } from '../../tracing/api/SpanStatus';
import { startDeliverySpan } from '../../tracing/instrumentation/messagingSpans';
import { RecordHeaderCarrier } from '../../tracing/propagation/RecordHeaderCarrier';
import { Tracer } from '../../tracing/sdk/Tracer';
import { QueueDelivery } from '../QueueDelivery';
import { QueueMessage } from '../QueueMessage';
import { AckMode } from '../SubscribeOptions';
import { CallbackTask } from './CallbackTask';
import { LocalTarget } from './ConsumerRef';
import { Deque } from './Deque';
import { DeliveryOutcome, OutcomeKind } from './DeliveryOutcome';
import { LocalSubscription } from './LocalSubscription';
import { TaskScheduler } from './TaskScheduler';

/** A delivery waiting on the consumer for a free handler slot. */
class Buffered {
  readonly message: QueueMessage;
  readonly count: number;
  readonly deadline: number;
  readonly resolve: (o: DeliveryOutcome | Promise<DeliveryOutcome>) => void;

  constructor(message: QueueMessage, count: number, deadline: number, resolve: (o: DeliveryOutcome | Promise<DeliveryOutcome>) => void) {
    this.message = message;
    this.count = count;
    this.deadline = deadline;
    this.resolve = resolve;
  }
}

/** What this device advertises for one (topic, group): its credit and settings. */
export class GroupAdvert {
  readonly topic: string;
  readonly group: string;
  readonly prefetch: number;
  readonly visibilityTimeoutMs: number;
  readonly groupExpiryMs: number;
  /** Where this device's deliveries go. */
  readonly target: LocalTarget;

  constructor(topic: string, group: string, prefetch: number, visibilityTimeoutMs: number, groupExpiryMs: number,
    target: LocalTarget) {
    this.topic = topic;
    this.group = group;
    this.prefetch = prefetch;
    this.visibilityTimeoutMs = visibilityTimeoutMs;
    this.groupExpiryMs = groupExpiryMs;
    this.target = target;
  }
}

/** The subscriptions of one (topic, group) on this device. */
class GroupEndpoint implements LocalTarget {
  readonly owner: ConsumerEndpoint;
  readonly topic: string;
  readonly group: string;
  subs: LocalSubscription[] = [];
  rr: number = 0;
  readonly buffer: Deque<Buffered> = new Deque<Buffered>(8);
  running: number = 0;

  constructor(owner: ConsumerEndpoint, topic: string, group: string) {
    this.owner = owner;
    this.topic = topic;
    this.group = group;
  }

  accept(message: QueueMessage, count: number, deadline: number): DeliveryOutcome | Promise<DeliveryOutcome> {
    return this.owner.acceptIn(this, message, count, deadline);
  }

  get capacity(): number {
    let c = 0;
    for (const s of this.subs) {
      c += s.prefetch;
    }
    return c;
  }

  /** A subscription with a free handler slot, round robin. */
  free(): LocalSubscription | undefined {
    const n = this.subs.length;
    for (let i = 0; i < n; i++) {
      const idx = (this.rr + i) % n;
      const s = this.subs[idx];
      if (s.running < s.concurrency) {
        this.rr = idx + 1;
        return s;
      }
    }
    return undefined;
  }

  advert(): GroupAdvert {
    let visibility = 0;
    let expiry = 0;
    for (const s of this.subs) {
      visibility = Math.max(visibility, s.visibilityTimeoutMs);
      expiry = Math.max(expiry, s.groupExpiryMs);
    }
    return new GroupAdvert(this.topic, this.group, this.capacity, visibility, expiry, this);
  }
}

/**
 * The consuming side of a device: runs handlers for deliveries from any publisher (this device's
 * or another's), at most `concurrency` at once per subscription, buffers up to the group's
 * credit, and turns each handler's outcome into an ack, a retry or a rejection.
 */
export class ConsumerEndpoint {
  private readonly _clock: Clock;
  private readonly _logger: Logger;
  private readonly _scheduler: TaskScheduler;
  private readonly _tracer: Tracer | undefined;
  private readonly _groups: Map<string, GroupEndpoint> = new Map<string, GroupEndpoint>();
  private _nextId: number = 1;
  /** Called when what this device advertises for a (topic, group) changes (undefined: no subscription left). */
  onChange: (topic: string, group: string, advert: GroupAdvert | undefined) => void;
  running: boolean = true;

  constructor(clock: Clock, logger: Logger, scheduler: TaskScheduler, tracer: Tracer | undefined) {
    this._clock = clock;
    this._logger = logger;
    this._scheduler = scheduler;
    this._tracer = tracer;
    this.onChange = (): void => {};
  }

  nextId(): number {
    return this._nextId++;
  }

  /** Adverts of every (topic, group) with subscriptions. */
  adverts(): GroupAdvert[] {
    const out: GroupAdvert[] = [];
    for (const g of this._groups.values()) {
      out.push(g.advert());
    }
    return out;
  }

  /** The advert of one (topic, group), undefined when this device has no subscription there. */
  advertOf(topic: string, group: string): GroupAdvert | undefined {
    const g = this._groups.get(`${topic} ${group}`);
    return g === undefined ? undefined : g.advert();
  }

  add(sub: LocalSubscription): void {
    const key = `${sub.topic} ${sub.group}`;
    let g = this._groups.get(key);
    if (g === undefined) {
      g = new GroupEndpoint(this, sub.topic, sub.group);
      this._groups.set(key, g);
    }
    g.subs = g.subs.concat([sub]);
    this.onChange(sub.topic, sub.group, g.advert());
  }

  remove(sub: LocalSubscription): void {
    sub.active = false;
    const key = `${sub.topic} ${sub.group}`;
    const g = this._groups.get(key);
    if (g === undefined) {
      return;
    }
    g.subs = g.subs.filter((s: LocalSubscription): boolean => s !== sub);
    if (g.subs.length === 0) {
      this._groups.delete(key);
      while (!g.buffer.isEmpty) {
        (g.buffer.shift() as Buffered).resolve(DeliveryOutcome.GONE);
      }
      this.onChange(sub.topic, sub.group, undefined);
    } else {
      this.onChange(sub.topic, sub.group, g.advert());
    }
  }

  /** Takes a delivery for (message.topic, group). */
  accept(message: QueueMessage, group: string, count: number, deadline: number): DeliveryOutcome | Promise<DeliveryOutcome> {
    const g = this._groups.get(`${message.topic} ${group}`);
    if (g === undefined) {
      return DeliveryOutcome.GONE;
    }
    return this.acceptIn(g, message, count, deadline);
  }

  /** Takes a delivery for a group endpoint (the local fast path: no lookup). */
  acceptIn(g: GroupEndpoint, message: QueueMessage, count: number, deadline: number): DeliveryOutcome | Promise<DeliveryOutcome> {
    if (!this.running || g.subs.length === 0) {
      return DeliveryOutcome.GONE;
    }
    const sub = g.free();
    if (sub !== undefined) {
      return this.run(g, sub, message, count, deadline);
    }
    if (g.running + g.buffer.size >= g.capacity) {
      return DeliveryOutcome.BUSY;
    }
    return new Promise<DeliveryOutcome>((resolve: (o: DeliveryOutcome | Promise<DeliveryOutcome>) => void): void => {
      g.buffer.push(new Buffered(message, count, deadline, resolve));
    });
  }

  private run(g: GroupEndpoint, sub: LocalSubscription, message: QueueMessage, count: number,
    deadline: number): DeliveryOutcome | Promise<DeliveryOutcome> {
    sub.running++;
    sub.received++;
    g.running++;
    const d = new QueueDelivery(message, g.group, count, sub.ackMode, deadline);
    const tracer = this._tracer;
    let span: Span | undefined = undefined;
    if (tracer !== undefined) {
      span = startDeliverySpan(tracer, message.topic, new RecordHeaderCarrier(message.headers),
        { messageId: message.id, consumerGroup: g.group, deliveryCount: count });
      d.attachSpan(span);
    }
    if (sub.ackMode === AckMode.MANUAL) {
      return this.runManual(g, sub, d, span);
    }
    let r: Promise<void> | void;
    try {
      r = sub.handler(d);
    } catch (e) {
      return this.done(g, sub, d, span, this.classify(sub, e as Error));
    }
    if (r instanceof Promise) {
      return r.then((): DeliveryOutcome => this.done(g, sub, d, span, DeliveryOutcome.ACK),
        (e: Error): DeliveryOutcome => this.done(g, sub, d, span, this.classify(sub, e)));
    }
    return this.done(g, sub, d, span, DeliveryOutcome.ACK);
  }

  private runManual(g: GroupEndpoint, sub: LocalSubscription, d: QueueDelivery, span: Span | undefined): Promise<DeliveryOutcome> {
    const settled = new Promise<DeliveryOutcome>((resolve: (o: DeliveryOutcome) => void): void => {
      d.listen(resolve);
    });
    const timer = new CallbackTask((): void => {
      d.settle(DeliveryOutcome.TIMEOUT);
    });
    this._scheduler.schedule(timer, d.deadline);
    try {
      const r = sub.handler(d);
      if (r instanceof Promise) {
        r.catch((e: Error): void => {
          d.settle(this.classify(sub, e));
        });
      }
    } catch (e) {
      d.settle(this.classify(sub, e as Error));
    }
    return settled.then((o: DeliveryOutcome): DeliveryOutcome => {
      this._scheduler.cancel(timer);
      return this.done(g, sub, d, span, o);
    });
  }

  private classify(sub: LocalSubscription, e: Error): DeliveryOutcome {
    let retry = true;
    try {
      retry = sub.retryOn(e);
    } catch (x) {
      retry = true;
    }
    return DeliveryOutcome.failure(retry ? OutcomeKind.RETRY : OutcomeKind.DEAD, e, -1);
  }

  private done(g: GroupEndpoint, sub: LocalSubscription, d: QueueDelivery, span: Span | undefined,
    fallback: DeliveryOutcome): DeliveryOutcome {
    // The handler's own ack/nack wins over the outcome of its return.
    d.settle(fallback);
    const outcome = d.outcome as DeliveryOutcome;
    sub.running--;
    g.running--;
    if (outcome.kind === OutcomeKind.ACK) {
      sub.acked++;
    } else {
      sub.failed++;
    }
    if (span !== undefined) {
      if (outcome.kind !== OutcomeKind.ACK) {
        span.setStatus(SpanStatusCode.ERROR, outcome.message);
        span.setAttribute('arkmesh.messaging.outcome', outcome.kind);
      }
      span.end();
    }
    if (!g.buffer.isEmpty) {
      this.drain(g);
    }
    return outcome;
  }

  private drain(g: GroupEndpoint): void {
    const now = this._clock.now();
    while (!g.buffer.isEmpty) {
      const sub = g.free();
      if (sub === undefined) {
        return;
      }
      const b = g.buffer.shift() as Buffered;
      if (b.deadline <= now) {
        // The publisher has already given up on it and redelivers.
        b.resolve(DeliveryOutcome.GONE);
        continue;
      }
      try {
        b.resolve(this.run(g, sub, b.message, b.count, b.deadline));
      } catch (e) {
        this._logger.warn('messaging: buffered delivery failed', { 'error': (e as Error).message });
        b.resolve(DeliveryOutcome.GONE);
      }
    }
  }

  /** Stops: buffered deliveries are answered GONE; running handlers finish, their outcomes are dropped by the publisher. */
  stop(): void {
    this.running = false;
    for (const g of this._groups.values()) {
      while (!g.buffer.isEmpty) {
        (g.buffer.shift() as Buffered).resolve(DeliveryOutcome.GONE);
      }
    }
  }

  /** Subscriptions of a (topic, group) on this device. */
  subscriptionsOf(topic: string, group: string): LocalSubscription[] {
    const g = this._groups.get(`${topic} ${group}`);
    return g === undefined ? [] : g.subs.slice();
  }
}
