import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { Disposable } from '../../core/events/Disposable';
import { EventEmitter, Listener } from '../../core/events/EventEmitter';
import { TimerId } from '../../platform/Clock';
import { CommitNotice } from '../internal/CommitNotice';
import { RecordedEvent } from '../RecordedEvent';
import { LogSlice, ReadDirection } from '../ReadResults';
import { RecordedEventHandler, ResolvedSubscriptionOptions } from './SubscriptionOptions';
import { SubscriptionSource } from './SubscriptionSource';

/** Where a subscription is in its life. */
export enum SubscriptionState {
  /** Loading its checkpoint. */
  STARTING = 'starting',
  /** Reading stored events from its checkpoint onwards. */
  CATCHING_UP = 'catching_up',
  /** Caught up: handling events as they are appended. */
  LIVE = 'live',
  /** Stopped by `stop()`. */
  STOPPED = 'stopped',
  /** Gave up after a handler (or the store) kept failing; its checkpoint is where it stopped. */
  FAILED = 'failed'
}

/** Most live events kept in memory for a subscription before it falls back to reading the store. */
const MAX_LIVE_BUFFER = 4096;

/** A failure inside a subscription, as `onError` reports it. */
export class SubscriptionErrorEvent {
  /** The subscription's name (undefined for a volatile subscription). */
  readonly name: string | undefined;
  /** The event whose handler failed; undefined when reading or checkpointing failed. */
  readonly event: RecordedEvent | undefined;
  readonly error: Error;
  /** 1 for the first failure of this event (or read), 2 for the first retry's failure, ... */
  readonly attempt: number;
  /** False when the subscription gives up (it becomes FAILED) or the failure is not retried. */
  readonly willRetry: boolean;

  constructor(name: string | undefined, event: RecordedEvent | undefined, error: Error, attempt: number, willRetry: boolean) {
    this.name = name;
    this.event = event;
    this.error = error;
    this.attempt = attempt;
    this.willRetry = willRetry;
  }
}

/**
 * A catch-up subscription to the global log: it reads the stored events after its checkpoint,
 * page by page, then turns live and handles new events as they are committed, in global order,
 * one at a time. Delivery is at-least-once: the checkpoint (for a durable, named subscription) is
 * written only after the handler resolved, so after a crash the events since the last checkpoint
 * are delivered again. Handlers should be idempotent (the event id and position identify a
 * delivery).
 */
export class CatchUpSubscription {
  readonly name: string | undefined;
  private readonly _source: SubscriptionSource;
  private readonly _handler: RecordedEventHandler;
  private readonly _options: ResolvedSubscriptionOptions;
  private readonly _onLive: EventEmitter<number> = new EventEmitter<number>();
  private readonly _onError: EventEmitter<SubscriptionErrorEvent> = new EventEmitter<SubscriptionErrorEvent>();
  private readonly _onStateChange: EventEmitter<SubscriptionState> = new EventEmitter<SubscriptionState>();
  private _state: SubscriptionState = SubscriptionState.STARTING;
  private _position: number = 0;
  private _saved: number = -1;
  private _handled: number = 0;
  private _sinceSave: number = 0;
  private _pumping: boolean = false;
  private _again: boolean = false;
  private _stopping: boolean = false;
  private _pumpDone: Promise<void> = Promise.resolve();
  private _listener: Disposable | undefined = undefined;
  private _timer: TimerId | undefined = undefined;
  private _timerWake: (() => void) | undefined = undefined;
  private _idleWaiters: (() => void)[] = [];
  private _liveWaiters: ((error: Error | undefined) => void)[] = [];
  private _started: boolean = false;
  private _begun: Promise<void> = Promise.resolve();
  // Live fast path: events of commits that directly follow `_bufferFrom`, handed over in memory.
  private _buffer: RecordedEvent[] = [];
  private _bufferFrom: number = -1;
  private _bufferTo: number = -1;
  private _positioned: boolean = false;

  constructor(source: SubscriptionSource, handler: RecordedEventHandler, options: ResolvedSubscriptionOptions) {
    this._source = source;
    this._handler = handler;
    this._options = options;
    this.name = options.name;
  }

  get state(): SubscriptionState {
    return this._state;
  }

  /** The global position of the last event handled (or skipped by the filter). */
  get position(): number {
    return this._position;
  }

  /** The last checkpoint written (-1 before the first; always -1 for a volatile subscription). */
  get checkpoint(): number {
    return this._saved;
  }

  /** Events handled so far by this subscription object. */
  get handled(): number {
    return this._handled;
  }

  /** Called with the position each time the subscription catches up (first time: CATCHING_UP -> LIVE). */
  onLive(listener: Listener<number>): Disposable {
    return this._onLive.on(listener);
  }

  /** Called for every failed handler, read or checkpoint write. */
  onError(listener: Listener<SubscriptionErrorEvent>): Disposable {
    return this._onError.on(listener);
  }

  onStateChange(listener: Listener<SubscriptionState>): Disposable {
    return this._onStateChange.on(listener);
  }

  /** Starts the subscription (the event store does this); a second call does nothing. */
  start(): void {
    if (this._started) {
      return;
    }
    this._started = true;
    this._begun = this.begin().catch((e: Error): void => {
      this.fail(undefined, e, 1);
    });
  }

  /** Resolves when the subscription is live; rejects when it stops or fails before. */
  caughtUp(): Promise<void> {
    if (this._state === SubscriptionState.LIVE) {
      return Promise.resolve();
    }
    if (this._state === SubscriptionState.STOPPED || this._state === SubscriptionState.FAILED) {
      return Promise.reject(new MeshError(ErrorCode.STOPPED, `subscription is ${this._state}`));
    }
    return new Promise<void>((resolve: () => void, reject: (e: Error) => void): void => {
      this._liveWaiters.push((error: Error | undefined): void => {
        if (error === undefined) {
          resolve();
        } else {
          reject(error);
        }
      });
    });
  }

  /**
   * Resolves when the subscription has handled everything committed so far and is waiting for
   * new events (or has stopped or failed): handy in tests and before shutting down.
   */
  idle(): Promise<void> {
    if (this.isIdle()) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve: () => void): void => {
      this._idleWaiters.push(resolve);
    });
  }

  /** Stops after the event being handled, writes the checkpoint, and resolves. Idempotent. */
  async stop(): Promise<void> {
    if (this._state === SubscriptionState.STOPPED || this._state === SubscriptionState.FAILED) {
      return;
    }
    this._stopping = true;
    this.cancelTimer();
    await this._begun;
    await this._pumpDone;
    if (this._positioned && this._position !== this._saved) {
      await this.saveCheckpoint();
    }
    this.finish(SubscriptionState.STOPPED, new MeshError(ErrorCode.STOPPED, 'subscription stopped') as Error);
  }

  private async begin(): Promise<void> {
    const o = this._options;
    let position = 0;
    if (o.fromPosition !== undefined) {
      position = o.fromPosition;
    } else if (o.checkpoints !== undefined && o.name !== undefined) {
      const stored = await o.checkpoints.load(o.name);
      if (stored !== undefined) {
        position = stored;
        this._saved = stored;
      }
    }
    if (this._stopping) {
      return;
    }
    this._position = position;
    this._positioned = true;
    this.setState(SubscriptionState.CATCHING_UP);
    this._listener = this._source.onCommitted((notice: CommitNotice): void => {
      if (notice.position > this._position) {
        this.keep(notice);
        this.wake();
      }
    });
    this.wake();
  }

  private wake(): void {
    if (this._stopping || this._state === SubscriptionState.FAILED || this._state === SubscriptionState.STOPPED) {
      return;
    }
    if (this._pumping) {
      this._again = true;
      return;
    }
    this._pumping = true;
    this._pumpDone = this.pump().catch((e: Error): void => {
      this.fail(undefined, e, 1);
    });
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        this._again = false;
        const slice = await this.read();
        if (slice === undefined) {
          return;
        }
        for (const e of slice.events) {
          if (this._stopping) {
            return;
          }
          if (!(await this.handle(e))) {
            return;
          }
          this._position = e.position;
          this._handled++;
          this._sinceSave++;
          if (this._sinceSave >= this._options.checkpointEvery) {
            await this.saveCheckpoint();
          }
        }
        if (this._stopping) {
          return;
        }
        // The filter may have skipped positions after the last event handled.
        if (slice.nextPosition - 1 > this._position) {
          this._position = slice.nextPosition - 1;
        }
        if (slice.isEnd) {
          if (this._position !== this._saved) {
            await this.saveCheckpoint();
          }
          if (this._state === SubscriptionState.CATCHING_UP) {
            this.setState(SubscriptionState.LIVE);
            const waiters = this._liveWaiters;
            this._liveWaiters = [];
            for (const w of waiters) {
              w(undefined);
            }
          }
          this._onLive.emit(this._position);
          if (!this._again && this._position >= this._source.headPosition) {
            return;
          }
        }
      }
    } finally {
      this._pumping = false;
      if (this.isIdle()) {
        const waiters = this._idleWaiters;
        this._idleWaiters = [];
        for (const w of waiters) {
          w();
        }
      }
    }
  }

  private isIdle(): boolean {
    if (this._state === SubscriptionState.STOPPED || this._state === SubscriptionState.FAILED) {
      return true;
    }
    return this._state === SubscriptionState.LIVE && !this._pumping && this._position >= this._source.headPosition;
  }

  /**
   * Keeps a live commit's events in memory when they directly follow what is buffered (or, for
   * the first, when the subscription is live), so that the next read needs no store access.
   */
  private keep(notice: CommitNotice): void {
    const contiguous = this._buffer.length === 0 ? this._state === SubscriptionState.LIVE : notice.previousPosition === this._bufferTo;
    if (!contiguous || notice.events.length === 0 || this._buffer.length + notice.events.length > MAX_LIVE_BUFFER) {
      this._buffer = [];
      return;
    }
    if (this._buffer.length === 0) {
      this._bufferFrom = notice.previousPosition;
    }
    for (const e of notice.events) {
      this._buffer.push(e);
    }
    this._bufferTo = notice.position;
  }

  /** The buffered live events as the next page, when they start right after the position. */
  private takeBuffer(): LogSlice | undefined {
    const buffered = this._buffer;
    if (buffered.length === 0) {
      return undefined;
    }
    this._buffer = [];
    if (this._bufferFrom !== this._position) {
      return undefined;
    }
    const filter = this._options.filter;
    let events = buffered;
    if (!filter.all) {
      events = [];
      for (const e of buffered) {
        if (filter.matches(e)) {
          events.push(e);
        }
      }
    }
    const head = this._source.headPosition;
    return new LogSlice(ReadDirection.FORWARDS, events, this._bufferTo + 1, head, this._bufferTo >= head);
  }

  private async read(): Promise<LogSlice | undefined> {
    const buffered = this.takeBuffer();
    if (buffered !== undefined) {
      return buffered;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this._source.readLog(this._position + 1, this._options.batchSize, this._options.filter);
      } catch (e) {
        if (!(await this.retry(undefined, e as Error, attempt))) {
          return undefined;
        }
      }
    }
  }

  private async handle(event: RecordedEvent): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this._handler(event);
        return true;
      } catch (e) {
        if (!(await this.retry(event, e instanceof Error ? e : new Error(String(e)), attempt))) {
          return false;
        }
      }
    }
  }

  /** Reports a failure; waits before the next attempt. False when giving up (the subscription failed or stops). */
  private async retry(event: RecordedEvent | undefined, error: Error, attempt: number): Promise<boolean> {
    const willRetry = attempt <= this._options.maxRetries && !this._stopping;
    if (!willRetry) {
      if (!this._stopping) {
        this.fail(event, error, attempt);
      }
      return false;
    }
    this.report(event, error, attempt, true);
    await this.delay(this._options.retryDelayMs * Math.pow(2, attempt - 1));
    return !this._stopping;
  }

  private async saveCheckpoint(): Promise<void> {
    const o = this._options;
    const position = this._position;
    this._sinceSave = 0;
    if (o.checkpoints === undefined || o.name === undefined) {
      return;
    }
    try {
      await o.checkpoints.save(o.name, position);
      this._saved = position;
    } catch (e) {
      // Not fatal: the events since the last checkpoint will simply be delivered again.
      this.report(undefined, MeshError.from(e as Error, ErrorCode.STORE) as Error, 1, false);
    }
  }

  private delay(ms: number): Promise<void> {
    return new Promise<void>((resolve: () => void): void => {
      this._timerWake = resolve;
      this._timer = this._source.clock.setTimer(ms, (): void => {
        this._timer = undefined;
        this._timerWake = undefined;
        resolve();
      });
    });
  }

  private cancelTimer(): void {
    const t = this._timer;
    const wake = this._timerWake;
    this._timer = undefined;
    this._timerWake = undefined;
    if (t !== undefined) {
      this._source.clock.clearTimer(t);
    }
    if (wake !== undefined) {
      wake();
    }
  }

  private report(event: RecordedEvent | undefined, error: Error, attempt: number, willRetry: boolean): void {
    this._source.logger.warn('event store subscription error', {
      'subscription': this.name ?? '', 'position': event?.position, 'attempt': attempt, 'willRetry': willRetry,
      'error': error.message
    });
    this._onError.emit(new SubscriptionErrorEvent(this.name, event, error, attempt, willRetry));
  }

  private fail(event: RecordedEvent | undefined, error: Error, attempt: number): void {
    if (this._state === SubscriptionState.FAILED || this._state === SubscriptionState.STOPPED) {
      return;
    }
    this.report(event, error, attempt, false);
    this.finish(SubscriptionState.FAILED, new MeshError(ErrorCode.INVALID_STATE, `subscription failed: ${error.message}`, error) as Error);
  }

  private finish(state: SubscriptionState, error: Error): void {
    this._listener?.dispose();
    this._listener = undefined;
    this.setState(state);
    const live = this._liveWaiters;
    this._liveWaiters = [];
    for (const w of live) {
      w(error);
    }
    const idle = this._idleWaiters;
    this._idleWaiters = [];
    for (const w of idle) {
      w();
    }
  }

  private setState(state: SubscriptionState): void {
    if (this._state !== state) {
      this._state = state;
      this._onStateChange.emit(state);
    }
  }
}
