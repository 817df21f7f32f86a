import { EventEmitter } from '../../core/events/EventEmitter';
import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { RedMetrics } from '../../metrics/red/RedMetrics';
import { Tracer } from '../../tracing/sdk/Tracer';
import { BackpressureEvent, QueueEvent, QueueEventType } from '../QueueEvents';
import { ConsumerRef } from './ConsumerRef';
import { DeliveryOutcome } from './DeliveryOutcome';
import { StoreKeys } from './StoreKeys';
import { StoreWriter } from './StoreWriter';
import { StoredMessage } from './StoredMessage';
import { TaskScheduler } from './TaskScheduler';

/** Something the dispatcher pumps. */
export interface Pumpable {
  dirty: boolean;
  pump(now: number): void;
}

/** Sends one delivery to a consumer: a synchronous outcome for local handlers that finished at once. */
export type DeliverFn = (consumer: ConsumerRef, message: StoredMessage, group: string, deliveryCount: number,
  deadline: number) => DeliveryOutcome | Promise<DeliveryOutcome>;

/**
 * What every topic and group of one MessageQueue shares: ports, the one scheduler, the store
 * writer, event emitters, telemetry, and the dispatcher that pumps dirty groups once per turn.
 */
export class QueueContext {
  readonly deviceId: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly scheduler: TaskScheduler;
  /** Undefined for a non-durable queue. */
  readonly writer: StoreWriter | undefined;
  readonly keys: StoreKeys;
  readonly events: EventEmitter<QueueEvent>;
  readonly backpressure: EventEmitter<BackpressureEvent>;
  readonly metrics: RedMetrics | undefined;
  readonly tracer: Tracer | undefined;
  /** How long a busy consumer is skipped, ms. */
  readonly busyRetryMs: number;
  /** How long an unreachable or vanished consumer is skipped, ms. */
  readonly goneRetryMs: number;
  running: boolean = true;
  deliver: DeliverFn;
  private _dirty: Pumpable[] = [];
  private _scheduled: boolean = false;
  private _time: number = 0;
  private _timeCached: boolean = false;
  private readonly _forgetTime: () => void = (): void => {
    this._timeCached = false;
  };

  constructor(deviceId: string, clock: Clock, logger: Logger, writer: StoreWriter | undefined, metrics: RedMetrics | undefined,
    tracer: Tracer | undefined, busyRetryMs: number, goneRetryMs: number) {
    this.deviceId = deviceId;
    this.clock = clock;
    this.logger = logger;
    this.scheduler = new TaskScheduler(clock, logger);
    this.writer = writer;
    this.keys = new StoreKeys(deviceId);
    this.events = new EventEmitter<QueueEvent>((e: Error): void => logger.warn('messaging: event listener failed', { 'error': e.message }));
    this.backpressure = new EventEmitter<BackpressureEvent>((e: Error): void =>
      logger.warn('messaging: back-pressure listener failed', { 'error': e.message }));
    this.metrics = metrics;
    this.tracer = tracer;
    this.busyRetryMs = busyRetryMs;
    this.goneRetryMs = goneRetryMs;
    this.deliver = (): DeliveryOutcome => DeliveryOutcome.GONE;
  }

  /**
   * The Clock's time, read once per turn of the event loop: a burst of publishes or acks in one
   * synchronous run shares one reading (time cannot move under a VirtualClock within a turn, and
   * under a SystemClock a turn is short). Saves a clock read per message on the hot path.
   */
  turnNow(): number {
    if (!this._timeCached) {
      this._time = this.clock.now();
      this._timeCached = true;
      Promise.resolve().then(this._forgetTime);
    }
    return this._time;
  }

  /** Pumps `p` later in this turn (once, however often it is marked). */
  markDirty(p: Pumpable): void {
    if (p.dirty || !this.running) {
      return;
    }
    p.dirty = true;
    this._dirty.push(p);
    if (!this._scheduled) {
      this._scheduled = true;
      Promise.resolve().then((): void => this.flush());
    }
  }

  /** Emits a queue event (the event is only built when someone listens). */
  emit(type: QueueEventType, topic: string, group: string, m: StoredMessage, attempt: number, consumer: string,
    reason: string, delayMs: number): void {
    if (this.events.size === 0) {
      return;
    }
    const e: QueueEvent = {
      type: type, topic: topic, group: group, messageId: m.id, seq: m.seq, attempt: attempt, consumer: consumer,
      reason: reason, delayMs: delayMs, at: this.clock.now()
    };
    this.events.emit(e);
  }

  private flush(): void {
    this._scheduled = false;
    const list = this._dirty;
    this._dirty = [];
    if (!this.running) {
      return;
    }
    const now = this.turnNow();
    for (let i = 0; i < list.length; i++) {
      const p = list[i];
      p.dirty = false;
      try {
        p.pump(now);
      } catch (e) {
        this.logger.error('messaging: dispatch failed', { 'error': (e as Error).message });
      }
    }
  }
}
