/** A timer id returned by a Scheduler. */
export type TimerId = number;

/** A callback run by a Scheduler when its timer fires. */
export type TimerCallback = () => void;

/** Schedules one-shot timers. Periodic work re-arms its timer from the callback. */
export interface Scheduler {
  /** Runs `callback` once after `delayMs` (clamped to >= 0). */
  setTimer(delayMs: number, callback: TimerCallback): TimerId;
  /** Cancels a pending timer; unknown or fired ids are ignored. */
  clearTimer(id: TimerId): void;
}

/**
 * The one source of time in ArkMesh: wall-clock milliseconds plus a scheduler. SystemClock in
 * production, VirtualClock in tests and the simulator. Nothing in the SDK reads `Date` directly.
 */
export interface Clock extends Scheduler {
  /** Milliseconds since the Unix epoch (virtual time under VirtualClock). */
  now(): number;
}
