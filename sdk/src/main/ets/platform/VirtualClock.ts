import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { InvalidStateError } from '../core/errors/InvalidStateError';
import { Clock, TimerCallback, TimerId } from './Clock';
import { TimerEntry, TimerHeap } from './internal/TimerHeap';

/** Lets pending promise callbacks run between two timers. Resolves when they have had their turn. */
export type Settle = () => Promise<void>;

/** Options of a VirtualClock. */
export interface VirtualClockOptions {
  /** Initial `now()` in epoch milliseconds. Default {@link DEFAULT_VIRTUAL_EPOCH}. */
  startTime?: number;
  /**
   * How pending promise callbacks are flushed after each timer. Default: {@link microtaskSettle}
   * with {@link DEFAULT_SETTLE_TURNS} turns (portable, deterministic). Hosts may pass a full drain
   * (Node `setImmediate`, a browser MessageChannel) for long promise chains.
   */
  settle?: Settle;
  /** Timers `runUntilIdle()` fires before it gives up (periodic timers never idle). Default 1,000,000. */
  idleLimit?: number;
  /** Receives errors thrown by timer callbacks (they never stop virtual time). Default: kept as `lastTimerError`. */
  onTimerError?: (error: Error) => void;
}

/** 2024-01-01T00:00:00Z: a fixed start so that virtual runs print the same timestamps every time. */
export const DEFAULT_VIRTUAL_EPOCH = 1704067200000;
/** Promise turns `microtaskSettle` yields by default. */
export const DEFAULT_SETTLE_TURNS = 64;

/** A Settle that yields `turns` microtask turns: enough for promise chains of that depth. */
export const microtaskSettle = (turns: number): Settle => {
  return async (): Promise<void> => {
    for (let i = 0; i < turns; i++) {
      await Promise.resolve();
    }
  };
};

/**
 * Virtual time for tests and the simulator. Time only moves when told to: `advance(ms)` fires the
 * due timers in deadline order (ties in creation order), letting promise callbacks settle after
 * each one, so code that awaits between timers behaves as it would in real time. No real time is
 * used, so hours of simulated time run in milliseconds and every run replays identically.
 */
export class VirtualClock implements Clock {
  private _now: number;
  private _seq: number = 0;
  private _nextId: number = 1;
  private readonly _heap: TimerHeap = new TimerHeap();
  private readonly _live: Set<number> = new Set<number>();
  private readonly _settle: Settle;
  private readonly _idleLimit: number;
  private _running: boolean = false;
  private _fired: number = 0;
  private readonly _onTimerError: ((error: Error) => void) | undefined;
  private _lastTimerError: Error | undefined = undefined;

  constructor(options?: VirtualClockOptions) {
    const start = options?.startTime ?? DEFAULT_VIRTUAL_EPOCH;
    if (!Number.isFinite(start)) {
      throw new InvalidArgumentError('options.startTime', 'must be a finite number');
    }
    this._now = start;
    this._settle = options?.settle ?? microtaskSettle(DEFAULT_SETTLE_TURNS);
    this._idleLimit = options?.idleLimit ?? 1000000;
    this._onTimerError = options?.onTimerError;
  }

  /** The last error a timer callback threw, when no `onTimerError` handler was given. */
  get lastTimerError(): Error | undefined {
    return this._lastTimerError;
  }

  now(): number {
    return this._now;
  }

  setTimer(delayMs: number, callback: TimerCallback): TimerId {
    const delay = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    const id = this._nextId++;
    this._heap.push(new TimerEntry(id, this._now + delay, this._seq++, callback));
    this._live.add(id);
    return id;
  }

  clearTimer(id: TimerId): void {
    // Lazy deletion: the heap entry stays until it surfaces and is skipped.
    this._live.delete(id);
  }

  /** Timers scheduled and not yet fired or cleared. */
  get pendingTimers(): number {
    return this._live.size;
  }

  /** Timers fired since creation. */
  get firedTimers(): number {
    return this._fired;
  }

  /** Deadline of the next live timer, or undefined when none is pending. */
  nextDeadline(): number | undefined {
    const next = this.peekLive();
    return next === undefined ? undefined : next.deadline;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new InvalidArgumentError('ms', 'must be a finite number >= 0');
    }
    await this.advanceTo(this._now + ms);
  }

  /** Moves time forward to `time` (epoch ms), firing due timers in order. */
  async advanceTo(time: number): Promise<void> {
    if (time < this._now) {
      throw new InvalidArgumentError('time', `cannot go back from ${this._now} to ${time}`);
    }
    this.enter();
    try {
      await this._settle();
      for (;;) {
        const next = this.peekLive();
        if (next === undefined || next.deadline > time) {
          break;
        }
        await this.fire(next);
      }
      this._now = time;
    } finally {
      this._running = false;
    }
  }

  /** Fires the next live timer, jumping time to its deadline. False when no timer is pending. */
  async runNext(): Promise<boolean> {
    this.enter();
    try {
      await this._settle();
      const next = this.peekLive();
      if (next === undefined) {
        return false;
      }
      await this.fire(next);
      return true;
    } finally {
      this._running = false;
    }
  }

  /**
   * Fires timers until none is pending. Rejects with ERR_INVALID_STATE after `idleLimit` timers
   * (periodic work such as membership probes never idles: use `advance` for it).
   */
  async runUntilIdle(): Promise<number> {
    this.enter();
    let count = 0;
    try {
      await this._settle();
      for (;;) {
        const next = this.peekLive();
        if (next === undefined) {
          return count;
        }
        if (count >= this._idleLimit) {
          throw new InvalidStateError(`runUntilIdle: still busy after ${count} timers (a periodic timer?)`);
        }
        await this.fire(next);
        count++;
      }
    } finally {
      this._running = false;
    }
  }

  private enter(): void {
    if (this._running) {
      throw new InvalidStateError('VirtualClock is already advancing: await the previous advance first');
    }
    this._running = true;
  }

  private peekLive(): TimerEntry | undefined {
    for (;;) {
      const top = this._heap.peek();
      if (top === undefined || this._live.has(top.id)) {
        return top;
      }
      this._heap.pop();
    }
  }

  private async fire(entry: TimerEntry): Promise<void> {
    this._heap.pop();
    this._live.delete(entry.id);
    if (entry.deadline > this._now) {
      this._now = entry.deadline;
    }
    this._fired++;
    try {
      entry.callback();
    } catch (e) {
      // A throwing timer callback is the callback's bug; it must not stop virtual time.
      const error = e instanceof Error ? e : new Error(String(e));
      if (this._onTimerError !== undefined) {
        this._onTimerError(error);
      } else {
        this._lastTimerError = error;
      }
    }
    await this._settle();
  }
}
