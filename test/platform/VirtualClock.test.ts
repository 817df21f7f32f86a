import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError, InvalidStateError } from '../../sdk/src/main/ets/core/index';
import { DEFAULT_VIRTUAL_EPOCH, SystemClock, VirtualClock } from '../../sdk/src/main/ets/platform/index';

describe('VirtualClock', () => {
  it('starts at a fixed epoch and only moves when advanced', async () => {
    const clock = new VirtualClock();
    expect(clock.now()).toBe(DEFAULT_VIRTUAL_EPOCH);
    await clock.advance(250);
    expect(clock.now()).toBe(DEFAULT_VIRTUAL_EPOCH + 250);
    expect(new VirtualClock({ startTime: 5 }).now()).toBe(5);
  });

  it('fires timers in deadline order, ties in creation order, at their deadlines', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const log: string[] = [];
    clock.setTimer(30, () => log.push(`c@${clock.now()}`));
    clock.setTimer(10, () => log.push(`a@${clock.now()}`));
    clock.setTimer(10, () => log.push(`b@${clock.now()}`));
    clock.setTimer(0, () => log.push(`z@${clock.now()}`));
    await clock.advance(20);
    expect(log).toEqual(['z@0', 'a@10', 'b@10']);
    expect(clock.now()).toBe(20);
    await clock.advance(10);
    expect(log).toEqual(['z@0', 'a@10', 'b@10', 'c@30']);
  });

  it('fires timers scheduled by timers within the same advance', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const log: number[] = [];
    const tick = (): void => {
      log.push(clock.now());
      if (log.length < 5) clock.setTimer(10, tick);
    };
    clock.setTimer(10, tick);
    await clock.advance(100);
    expect(log).toEqual([10, 20, 30, 40, 50]);
  });

  it('lets promise chains settle between timers', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const log: string[] = [];
    clock.setTimer(10, () => {
      void (async () => {
        await Promise.resolve();
        await Promise.resolve();
        log.push(`async-after-first@${clock.now()}`);
        clock.setTimer(5, () => log.push(`second@${clock.now()}`));
      })();
    });
    await clock.advance(20);
    expect(log).toEqual(['async-after-first@10', 'second@15']);
  });

  it('cancels timers, counts pending ones and reports the next deadline', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    let fired = 0;
    const id = clock.setTimer(10, () => fired++);
    clock.setTimer(20, () => fired++);
    expect(clock.pendingTimers).toBe(2);
    clock.clearTimer(id);
    clock.clearTimer(999);
    expect(clock.nextDeadline()).toBe(20);
    await clock.advance(30);
    expect(fired).toBe(1);
    expect(clock.pendingTimers).toBe(0);
    expect(clock.nextDeadline()).toBeUndefined();
  });

  it('runNext jumps to the next deadline; runUntilIdle drains and guards against periodic timers', async () => {
    const clock = new VirtualClock({ startTime: 0, idleLimit: 50 });
    clock.setTimer(1000, () => undefined);
    expect(await clock.runNext()).toBe(true);
    expect(clock.now()).toBe(1000);
    expect(await clock.runNext()).toBe(false);
    clock.setTimer(5, () => undefined);
    clock.setTimer(7, () => undefined);
    expect(await clock.runUntilIdle()).toBe(2);
    const periodic = (): void => { clock.setTimer(1, periodic); };
    periodic();
    await expect(clock.runUntilIdle()).rejects.toBeInstanceOf(InvalidStateError);
  });

  it('survives a throwing callback and reports it', async () => {
    const errors: string[] = [];
    const clock = new VirtualClock({ startTime: 0, onTimerError: (e) => errors.push(e.message) });
    let after = false;
    clock.setTimer(1, () => { throw new Error('bad timer'); });
    clock.setTimer(2, () => { after = true; });
    await clock.advance(5);
    expect(errors).toEqual(['bad timer']);
    expect(after).toBe(true);
    const quiet = new VirtualClock();
    quiet.setTimer(1, () => { throw new Error('kept'); });
    await quiet.advance(1);
    expect(quiet.lastTimerError?.message).toBe('kept');
  });

  it('rejects bad arguments and overlapping advances', async () => {
    const clock = new VirtualClock({ startTime: 100 });
    await expect(clock.advance(-1)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(clock.advanceTo(50)).rejects.toThrow(/cannot go back/);
    expect(() => new VirtualClock({ startTime: Number.NaN })).toThrow(InvalidArgumentError);
    const first = clock.advance(10);
    await expect(clock.advance(10)).rejects.toBeInstanceOf(InvalidStateError);
    await first;
  });

  it('property: any schedule fires in (deadline, creation) order', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 40 }), async (delays) => {
      const clock = new VirtualClock({ startTime: 0 });
      const fired: number[] = [];
      delays.forEach((d, i) => clock.setTimer(d, () => fired.push(i)));
      await clock.advance(100);
      const expected = delays.map((d, i) => [d, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((p) => p[1]);
      expect(fired).toEqual(expected);
    }));
  });
});

describe('SystemClock', () => {
  it('reads real time and runs and cancels real timers', async () => {
    const clock = new SystemClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1000);
    let fired = false;
    const cancelled = clock.setTimer(0, () => { throw new Error('must not fire'); });
    clock.clearTimer(cancelled);
    await new Promise<void>((resolve) => clock.setTimer(0, () => { fired = true; resolve(); }));
    expect(fired).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });
});
