import type { Clock } from '../../sdk/src/main/ets/platform/index';

/** A promise that never settles. */
export const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** Resolves with `value` after `ms` of clock time. */
export const delay = <T>(clock: Clock, ms: number, value: T): Promise<T> =>
  new Promise<T>((resolve) => { clock.setTimer(ms, () => resolve(value)); });

/** Rejects with `error` after `ms` of clock time. */
export const failAfter = <T>(clock: Clock, ms: number, error: Error): Promise<T> =>
  new Promise<T>((_, reject) => { clock.setTimer(ms, () => reject(error)); });

export interface SettleState<T> {
  settled: boolean;
  value: T | undefined;
  error: Error | undefined;
}

/** Tracks a promise's outcome without awaiting it (and marks its rejection handled). */
export const settleState = <T>(p: Promise<T>): SettleState<T> => {
  const s: SettleState<T> = { settled: false, value: undefined, error: undefined };
  p.then((v) => { s.settled = true; s.value = v; }, (e: Error) => { s.settled = true; s.error = e; });
  return s;
};
