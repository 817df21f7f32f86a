import { Clock, TimerCallback, TimerId } from './Clock';

/**
 * Real time: `Date.now()` and the global timers every ArkMesh platform provides. Timer handles are
 * numbers on HarmonyOS and browsers but objects on Node, so the clock hands out its own numeric ids.
 */
export class SystemClock implements Clock {
  private readonly _handles: Map<number, Object> = new Map<number, Object>();
  private _nextId: number = 1;

  now(): number {
    return Date.now();
  }

  setTimer(delayMs: number, callback: TimerCallback): TimerId {
    const id = this._nextId++;
    const handle: Object = setTimeout((): void => {
      this._handles.delete(id);
      callback();
    }, delayMs > 0 ? delayMs : 0);
    this._handles.set(id, handle);
    return id;
  }

  clearTimer(id: TimerId): void {
    const handle = this._handles.get(id);
    if (handle !== undefined) {
      this._handles.delete(id);
      clearTimeout(handle as number);
    }
  }

  /** Timers scheduled and not yet fired or cleared. */
  get pendingTimers(): number {
    return this._handles.size;
  }
}
