/** Wall time and a timer, for paced runs (the simulation itself only ever uses virtual time). */
export interface WallClock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  schedule(fn: () => void, ms: number): () => void;
}

/** performance.now() and setTimeout: available in Node, Electron and browsers alike. */
export const SYSTEM_WALL_CLOCK: WallClock = {
  now: (): number => performance.now(),
  schedule: (fn: () => void, ms: number): (() => void) => {
    const handle = setTimeout(fn, ms);
    return (): void => clearTimeout(handle);
  },
};

/** A wall clock moved by hand (tests of paced runs): `advance(ms)` runs the timers that fall due. */
export class ManualWallClock implements WallClock {
  private _now = 0;
  private _timers: { at: number; fn: () => void; seq: number }[] = [];
  private _seq = 0;

  now(): number {
    return this._now;
  }

  schedule(fn: () => void, ms: number): () => void {
    const timer = { at: this._now + Math.max(0, ms), fn, seq: this._seq++ };
    this._timers.push(timer);
    return (): void => {
      this._timers = this._timers.filter((t) => t !== timer);
    };
  }

  /** Moves wall time forward, running due timers in order. */
  advance(ms: number): void {
    const end = this._now + ms;
    for (;;) {
      const due = this._timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this._timers = this._timers.filter((t) => t !== due);
      this._now = Math.max(this._now, due.at);
      due.fn();
    }
    this._now = end;
  }

  get pending(): number {
    return this._timers.length;
  }
}
