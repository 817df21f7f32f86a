import { ErrorCode } from '../../core/errors/ErrorCode';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { MeshError } from '../../core/errors/MeshError';
import { Disposable } from '../../core/events/Disposable';
import { EventEmitter, Listener } from '../../core/events/EventEmitter';
import { IdGenerator } from '../../core/ids/IdGenerator';
import { JsonValue } from '../../core/json/JsonValue';
import { MeshNode } from '../../mesh/MeshNode';
import { isTransientError } from '../../resilience/errorFilters';
import { checkGroupName, checkTopicName } from '../internal/names';
import { MessageQueue } from '../MessageQueue';
import { MessagingSettings } from '../MessageQueueOptions';
import { QueueDelivery } from '../QueueDelivery';
import { QueueMessage } from '../QueueMessage';
import { QueueSubscription } from '../QueueSubscription';
import {
  BusEvent, CAUSATION_ID_HEADER, CORRELATION_ID_HEADER, EVENT_SOURCE_HEADER, EVENT_TIME_HEADER
} from './BusEvent';
import { BusEventLog, EVENT_LOG_STORE_PREFIX, LogReservation } from './BusEventLog';
import {
  BusEventHandler, BusHandlerError, BusOnOptions, BusReplayOptions, DEFAULT_EVENT_BUS_NAME, DEFAULT_EVENT_GROUP_EXPIRY_MS,
  DEFAULT_EVENT_LOG_MAX_AGE_MS, DEFAULT_EVENT_LOG_MAX_EVENTS, EmitOptions, EventBusOptions
} from './EventBusOptions';

/** One registered handler. */
class HandlerEntry {
  readonly id: number;
  readonly name: string;
  readonly original: Object;
  readonly run: (event: BusEvent<JsonValue>) => Promise<void> | void;

  constructor(id: number, name: string, original: Object, run: (event: BusEvent<JsonValue>) => Promise<void> | void) {
    this.id = id;
    this.name = name;
    this.original = original;
    this.run = run;
  }
}

/** The handlers of one (type, group) on this device, behind one queue subscription. */
class TypeGroup {
  readonly type: string;
  readonly group: string;
  handlers: HandlerEntry[] = [];
  subscription: QueueSubscription | undefined = undefined;

  constructor(type: string, group: string) {
    this.type = type;
    this.group = group;
  }
}

/** Handlers that already succeeded for an event (so a retry runs only the failed ones). Bounded. */
const MAX_REMEMBERED_PARTIAL = 10000;

const GROUP_UNSAFE = /[^A-Za-z0-9._:@~-]/g;

/**
 * Typed domain events over the message queue: `emit(type, data)` publishes on topic
 * `<bus>.<type>` (durably, with correlation and causation ids in the headers); `on(type, handler)`
 * receives them from every device. By default each device is its own consumer group, so every
 * device with a handler gets every event; pass `group` for competing consumers. Handlers of one
 * event are isolated: one failing does not stop the others, and the retry runs only the failed
 * ones. Every event emitted or received here is kept in a retained log, readable and replayable
 * from a position or a time.
 *
 * @example
 * const bus = EventBus.attach(node);
 * bus.on<OrderPlaced>('order.placed', async (e) => ship(e.data.orderId));
 * const placed = await bus.emit('order.placed', { orderId: 42 });
 * await bus.emit('order.shipped', { orderId: 42 }, { cause: placed });   // same correlation id
 * await bus.replay({ fromPosition: 1 }, (e) => projection.apply(e));     // event sourcing
 */
export class EventBus {
  readonly name: string;
  readonly queue: MessageQueue;
  /** The retained log (undefined with `log: false`). */
  readonly log: BusEventLog | undefined;
  readonly defaultGroup: string;
  private readonly _groupExpiryMs: number;
  private readonly _ids: IdGenerator;
  private readonly _groups: Map<string, TypeGroup> = new Map<string, TypeGroup>();
  private readonly _partial: Map<string, Set<number>> = new Map<string, Set<number>>();
  private readonly _errors: EventEmitter<BusHandlerError>;
  private _nextHandler: number = 1;

  /** A bus over `queue`. Throws InvalidArgumentError naming the field. */
  constructor(queue: MessageQueue, options?: EventBusOptions) {
    if (queue === undefined || queue === null || !(queue instanceof MessageQueue)) {
      throw new InvalidArgumentError('queue', 'must be a MessageQueue');
    }
    const o = options ?? {};
    this.queue = queue;
    this.name = checkTopicName(o.name ?? DEFAULT_EVENT_BUS_NAME, 'options.name');
    const maxEvents = o.logMaxEvents ?? DEFAULT_EVENT_LOG_MAX_EVENTS;
    if (!Number.isInteger(maxEvents) || maxEvents < 1) {
      throw new InvalidArgumentError('options.logMaxEvents', 'must be an integer >= 1');
    }
    const maxAge = o.logMaxAgeMs ?? DEFAULT_EVENT_LOG_MAX_AGE_MS;
    if (typeof maxAge !== 'number' || Number.isNaN(maxAge) || maxAge <= 0) {
      throw new InvalidArgumentError('options.logMaxAgeMs', 'must be a number > 0 (Infinity allowed)');
    }
    this._groupExpiryMs = o.groupExpiryMs ?? DEFAULT_EVENT_GROUP_EXPIRY_MS;
    if (typeof this._groupExpiryMs !== 'number' || Number.isNaN(this._groupExpiryMs) || this._groupExpiryMs <= 0) {
      throw new InvalidArgumentError('options.groupExpiryMs', 'must be a number > 0 (Infinity allowed)');
    }
    this.defaultGroup = checkGroupName(o.defaultGroup ?? `${this.name}@${queue.deviceId}`.replace(GROUP_UNSAFE, '_').substring(0, 100),
      'options.defaultGroup');
    this.log = (o.log ?? true)
      ? new BusEventLog(queue.store, `${EVENT_LOG_STORE_PREFIX}${queue.deviceId}/${this.name}/`, queue.clock, queue.logger,
        queue.durable, maxEvents, maxAge)
      : undefined;
    this._ids = new IdGenerator(queue.random);
    this._errors = new EventEmitter<BusHandlerError>((e: Error): void =>
      queue.logger.warn('event bus: error listener failed', { 'error': e.message }));
  }

  /** A bus on a mesh node, with its own MessageQueue (`MessageQueue.attach(node, settings)`). */
  static attach(node: MeshNode, options?: EventBusOptions, settings?: MessagingSettings): EventBus {
    return new EventBus(MessageQueue.attach(node, settings), options);
  }

  /** Resolves once the log and the queue have loaded what the store holds. */
  get ready(): Promise<void> {
    const log = this.log;
    return log === undefined ? this.queue.ready : Promise.all([log.ready, this.queue.ready]).then((): void => {});
  }

  /** The queue topic of an event type (`<bus>.<type>`). Throws InvalidArgumentError for a bad type. */
  topicOf(type: string): string {
    if (typeof type !== 'string' || type.length === 0) {
      throw new InvalidArgumentError('type', 'must be a non-empty string');
    }
    return checkTopicName(`${this.name}.${type}`, 'type');
  }

  /**
   * Emits an event: it is logged here and published durably in one atomic write (a duplicate id
   * within the dedup window publishes nothing and resolves with the first event's position).
   * Resolves with the event, its position in this node's log included. Rejects like
   * `MessageQueue.publish` (InvalidArgumentError, QueueFullError, ERR_STORE, ERR_STOPPED).
   */
  async emit<T>(type: string, data: T, options?: EmitOptions): Promise<BusEvent<T>> {
    const topic = this.topicOf(type);
    const o = options ?? {};
    await this.ready;
    const id = o.id ?? this._ids.uuid();
    const cause = o.cause;
    const correlationId = o.correlationId ?? (cause !== undefined ? cause.correlationId : id);
    const causationId = o.causationId ?? (cause !== undefined ? cause.id : undefined);
    const now = this.queue.clock.now();
    const headers: Record<string, string> = {};
    const extra = o.headers;
    if (extra !== undefined) {
      for (const k of Object.keys(extra)) {
        headers[k.toLowerCase()] = extra[k];
      }
    }
    headers[CORRELATION_ID_HEADER] = correlationId;
    if (causationId !== undefined) {
      headers[CAUSATION_ID_HEADER] = causationId;
    }
    headers[EVENT_TIME_HEADER] = String(now);
    headers[EVENT_SOURCE_HEADER] = this.queue.deviceId;
    const payload = data as JsonValue;
    const base = new BusEvent<JsonValue>(id, type, payload, now, this.queue.deviceId, correlationId, causationId, headers, -1);
    const log = this.log;
    const reservation: LogReservation | undefined = log === undefined ? undefined : log.reserve(base);
    const writes = o.writes === undefined ? [] : o.writes.slice();
    if (reservation !== undefined && reservation.op !== undefined) {
      writes.push(reservation.op);
    }
    let duplicate = false;
    try {
      const receipt = await this.queue.publish(topic, payload, {
        messageId: id, headers: headers, priority: o.priority, delayMs: o.delayMs, ttlMs: o.ttlMs, orderingKey: o.orderingKey,
        writes: writes.length > 0 ? writes : undefined, parent: o.parent
      });
      duplicate = receipt.duplicate;
    } catch (e) {
      if (log !== undefined && reservation !== undefined) {
        log.cancel(reservation);
      }
      throw e as Error;
    }
    if (log === undefined || reservation === undefined) {
      return base.withData<T>(data);
    }
    if (duplicate) {
      log.cancel(reservation);
      const known = log.positionOf(id);
      return base.at(known ?? -1).withData<T>(data);
    }
    return log.confirm(reservation).withData<T>(data);
  }

  /**
   * Handles events of `type` (from every device). Returns a Disposable that removes the handler
   * (`off` does the same). Throws InvalidArgumentError naming the field.
   */
  on<T>(type: string, handler: BusEventHandler<T>, options?: BusOnOptions<T>): Disposable {
    const topic = this.topicOf(type);
    if (typeof handler !== 'function') {
      throw new InvalidArgumentError('handler', 'must be a function');
    }
    const o = options ?? {};
    const group = checkGroupName(o.group ?? this.defaultGroup, 'options.group');
    const id = this._nextHandler++;
    const name = o.name ?? `handler-${id}`;
    const decode = o.decode;
    const run = decode === undefined
      ? (e: BusEvent<JsonValue>): Promise<void> | void => handler(e as Object as BusEvent<T>)
      : (e: BusEvent<JsonValue>): Promise<void> | void => {
        let decoded: T;
        try {
          decoded = decode(e.data);
        } catch (x) {
          throw new MeshError(ErrorCode.MESSAGE_INVALID, `event ${e.id} (${e.type}) rejected by the decoder: ${(x as Error).message}`);
        }
        return handler(e.withData<T>(decoded));
      };
    const entry = new HandlerEntry(id, name, handler as Object, run);
    const key = `${type} ${group}`;
    let tg = this._groups.get(key);
    if (tg === undefined) {
      tg = new TypeGroup(type, group);
      this._groups.set(key, tg);
      const typeGroup = tg;
      tg.subscription = this.queue.subscribe(topic, (d: QueueDelivery): Promise<void> => this.dispatch(typeGroup, d), {
        group: group, concurrency: o.concurrency,
        groupExpiryMs: group === this.defaultGroup ? this._groupExpiryMs : undefined,
        retryOn: (e: Error): boolean => isTransientError(e) && !MeshError.hasCode(e, ErrorCode.MESSAGE_INVALID)
      });
    }
    tg.handlers = tg.handlers.concat([entry]);
    return new Disposable((): void => this.remove(key, entry));
  }

  /** Removes `handler` from `type` (every group). Returns how many registrations were removed. */
  off<T>(type: string, handler: BusEventHandler<T>): number {
    let n = 0;
    for (const key of Array.from(this._groups.keys())) {
      const tg = this._groups.get(key) as TypeGroup;
      if (tg.type !== type) {
        continue;
      }
      for (const h of tg.handlers) {
        if (h.original === (handler as Object)) {
          this.remove(key, h);
          n++;
        }
      }
    }
    return n;
  }

  private remove(key: string, entry: HandlerEntry): void {
    const tg = this._groups.get(key);
    if (tg === undefined || tg.handlers.indexOf(entry) < 0) {
      return;
    }
    tg.handlers = tg.handlers.filter((h: HandlerEntry): boolean => h !== entry);
    if (tg.handlers.length === 0) {
      this._groups.delete(key);
      const sub = tg.subscription;
      if (sub !== undefined) {
        sub.dispose();
      }
    }
  }

  /** Handlers registered on this device for `type` (all groups). */
  handlerCount(type: string): number {
    let n = 0;
    for (const tg of this._groups.values()) {
      if (tg.type === type) {
        n += tg.handlers.length;
      }
    }
    return n;
  }

  /** A handler failed (the event is retried for the failed handlers only, then dead-lettered). */
  onHandlerError(listener: Listener<BusHandlerError>): Disposable {
    return this._errors.on(listener);
  }

  /** Every event this node logs (emitted here or received), live. Nothing without a log. */
  onLogged(listener: Listener<BusEvent<JsonValue>>): Disposable {
    const log = this.log;
    return log === undefined ? Disposable.none() : log.onAppend(listener);
  }

  /** Retained events matching `options`, in log order. Without a log: none. */
  async read(options?: BusReplayOptions): Promise<BusEvent<JsonValue>[]> {
    const log = this.log;
    if (log === undefined) {
      return [];
    }
    await log.ready;
    return log.read(options);
  }

  /**
   * Feeds retained events matching `options` to `handler`, one at a time in log order (event
   * sourcing: rebuild a projection from a position or a time). Rejects with the handler's error,
   * stopping there. Resolves with how many were handled.
   */
  async replay(options: BusReplayOptions, handler: BusEventHandler<JsonValue>): Promise<number> {
    const events = await this.read(options);
    let n = 0;
    for (const e of events) {
      const r = handler(e);
      if (r instanceof Promise) {
        await r;
      }
      n++;
    }
    return n;
  }

  private toEvent(type: string, m: QueueMessage): BusEvent<JsonValue> {
    const h = m.headers;
    const time = Number(h[EVENT_TIME_HEADER]);
    return new BusEvent<JsonValue>(m.id, type, m.payload, Number.isFinite(time) ? time : m.publishedAt,
      h[EVENT_SOURCE_HEADER] ?? m.publisher, h[CORRELATION_ID_HEADER] ?? m.id, h[CAUSATION_ID_HEADER], h, -1);
  }

  private async dispatch(tg: TypeGroup, d: QueueDelivery): Promise<void> {
    let event = this.toEvent(tg.type, d.message);
    const log = this.log;
    if (log !== undefined) {
      await log.ready;
      event = await log.append(event);
    }
    const key = `${tg.group} ${event.id}`;
    const done = this._partial.get(key);
    const pending = done === undefined ? tg.handlers : tg.handlers.filter((h: HandlerEntry): boolean => !done.has(h.id));
    const results = await Promise.all(pending.map((h: HandlerEntry): Promise<Error | undefined> =>
      this.runHandler(h, tg, event, d.deliveryCount)));
    const failures: Error[] = [];
    let succeeded: Set<number> | undefined = done;
    for (let i = 0; i < pending.length; i++) {
      const r = results[i];
      if (r === undefined) {
        if (succeeded === undefined) {
          succeeded = new Set<number>();
        }
        succeeded.add(pending[i].id);
      } else {
        failures.push(r);
      }
    }
    if (failures.length === 0) {
      this._partial.delete(key);
      return;
    }
    if (succeeded !== undefined && succeeded.size > 0) {
      this._partial.delete(key);
      this._partial.set(key, succeeded);
      if (this._partial.size > MAX_REMEMBERED_PARTIAL) {
        this._partial.delete(this._partial.keys().next().value as string);
      }
    }
    if (failures.length === 1) {
      throw failures[0];
    }
    const allInvalid = failures.every((e: Error): boolean => !isTransientError(e) || MeshError.hasCode(e, ErrorCode.MESSAGE_INVALID));
    throw new MeshError(allInvalid ? ErrorCode.MESSAGE_INVALID : ErrorCode.INTERNAL,
      `${failures.length} of ${pending.length} handlers failed: ${failures.map((e: Error): string => e.message).join('; ')}`, failures[0]);
  }

  private async runHandler(h: HandlerEntry, tg: TypeGroup, event: BusEvent<JsonValue>, attempt: number): Promise<Error | undefined> {
    try {
      const r = h.run(event);
      if (r instanceof Promise) {
        await r;
      }
      return undefined;
    } catch (e) {
      const error = e instanceof Error ? e : new MeshError(ErrorCode.INTERNAL, String(e));
      if (this._errors.size > 0) {
        const report: BusHandlerError = { type: tg.type, eventId: event.id, handler: h.name, group: tg.group, error: error, attempt: attempt };
        this._errors.emit(report);
      }
      return error;
    }
  }
}
