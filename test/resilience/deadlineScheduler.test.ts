import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { DeadlineEntry, DeadlineScheduler } from '../../sdk/src/main/ets/resilience/index';

class Entry extends DeadlineEntry {
  constructor(readonly id: number, deadline: number, private readonly log: string[], private readonly clock: VirtualClock) {
    super();
    this.deadline = deadline;
  }
  expire(now: number): void {
    this.log.push(`${this.id}@${now}/${this.clock.now()}`);
  }
}

describe('DeadlineScheduler', () => {
  it('expires entries in deadline order (ties first-in first-out) with one clock timer', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const s = new DeadlineScheduler(clock);
    const log: string[] = [];
    const add = (id: number, deadline: number): Entry => { const e = new Entry(id, deadline, log, clock); s.add(e); return e; };
    add(1, 30);
    add(2, 10);
    add(3, 10);
    const removed = add(4, 20);
    expect(clock.pendingTimers).toBe(1);
    expect(s.armedAt).toBe(10);
    expect(s.remove(removed)).toBe(true);
    expect(s.remove(removed)).toBe(false);
    await clock.advance(100);
    expect(log).toEqual(['2@10/10', '3@10/10', '1@30/30']);
    expect([s.size, clock.pendingTimers, s.armedAt]).toEqual([0, 0, Infinity]);
  });

  it('re-arms lazily: removing entries never clears the timer; an earlier deadline re-arms it', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const s = new DeadlineScheduler(clock);
    const log: string[] = [];
    const a = new Entry(1, 100, log, clock);
    s.add(a);
    s.remove(a);
    expect(clock.pendingTimers).toBe(1); // still armed for 100
    s.add(new Entry(2, 150, log, clock)); // later: no re-arm
    expect(s.armedAt).toBe(100);
    s.add(new Entry(3, 50, log, clock)); // earlier: re-armed
    expect(s.armedAt).toBe(50);
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(100);
    expect(log).toEqual(['3@50/50']);
    expect(s.armedAt).toBe(150);
    await clock.advance(50);
    expect(log).toEqual(['3@50/50', '2@150/150']);
  });

  it('shares one scheduler per clock', () => {
    const a = new VirtualClock();
    expect(DeadlineScheduler.shared(a)).toBe(DeadlineScheduler.shared(a));
    expect(DeadlineScheduler.shared(a)).not.toBe(DeadlineScheduler.shared(new VirtualClock()));
  });

  it('keeps going when an expiry handler throws', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const s = new DeadlineScheduler(clock);
    const log: string[] = [];
    class Throwing extends DeadlineEntry { expire(): void { throw new Error('bad'); } }
    const t = new Throwing();
    t.deadline = 5;
    s.add(t);
    s.add(new Entry(1, 5, log, clock));
    await clock.advance(5);
    expect(log).toEqual(['1@5/5']);
  });

  it('any sequence of adds, removes and advances expires exactly the live entries, on time and in order', async () => {
    type Op = { op: 'add'; at: number } | { op: 'remove'; index: number } | { op: 'advance'; ms: number };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant<'add'>('add'), at: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ op: fc.constant<'remove'>('remove'), index: fc.nat(50) }),
      fc.record({ op: fc.constant<'advance'>('advance'), ms: fc.integer({ min: 0, max: 60 }) }),
    );
    await fc.assert(fc.asyncProperty(fc.array(opArb, { maxLength: 80 }), async (ops) => {
      const clock = new VirtualClock({ startTime: 0 });
      const s = new DeadlineScheduler(clock);
      const log: string[] = [];
      const entries: Entry[] = [];
      const live = new Map<number, number>(); // id -> deadline
      const expected: string[] = [];
      let id = 0;
      const expireUpTo = (t: number): void => {
        const due = [...live.entries()].filter(([, d]) => d <= t).sort((x, y) => x[1] - y[1] || x[0] - y[0]);
        for (const [i, d] of due) { expected.push(`${i}@${d}/${d}`); live.delete(i); }
      };
      for (const op of ops) {
        if (op.op === 'add') {
          const e = new Entry(id, clock.now() + op.at, log, clock);
          entries.push(e);
          live.set(id++, e.deadline);
          s.add(e);
        } else if (op.op === 'remove') {
          const e = entries[op.index % Math.max(entries.length, 1)];
          if (e !== undefined) expect(s.remove(e)).toBe(live.delete(e.id));
        } else {
          expireUpTo(clock.now() + op.ms);
          await clock.advance(op.ms);
        }
        expect(s.size).toBe(live.size);
        expect(clock.pendingTimers).toBeLessThanOrEqual(1);
      }
      expect(log).toEqual(expected);
    }), { numRuns: 200 });
  });
});
