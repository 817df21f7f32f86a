import { createMessageChannelSettle, DEFAULT_SETTLE_TURNS, microtaskSettle, setImmediateSettle } from '../sdk';
import type { Settle } from '../sdk';

/**
 * How the VirtualClock lets promise callbacks run between two timers:
 * - `drain`: until nothing is pending (Node `setImmediate`, a MessageChannel in browsers) — exact
 *   whatever the depth of promise chains, so a run gives the same event log however it is sliced
 *   into advances (headless, paced, stepped, seeked);
 * - `microtask`: a fixed number of microtask turns (`turns`, default 64; no host API needed).
 */
export type SettleMode = 'drain' | 'microtask';

export const DEFAULT_SETTLE_MODE: SettleMode = 'drain';

/** The Settle for a mode; `drain` falls back to microtask turns where the host has neither API. */
export const createSettle = (mode: SettleMode = DEFAULT_SETTLE_MODE, turns: number = DEFAULT_SETTLE_TURNS): Settle => {
  if (mode === 'drain') {
    if (typeof setImmediate === 'function') return setImmediateSettle;
    if (typeof (globalThis as { MessageChannel?: unknown }).MessageChannel === 'function') return createMessageChannelSettle();
  }
  return microtaskSettle(turns);
};
