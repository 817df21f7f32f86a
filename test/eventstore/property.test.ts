import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsonValue } from '../../sdk/src/main/ets/core/index';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { AggregateRepository, DomainEvent, EventStore, ReadDirection, StreamReadStatus } from '../../sdk/src/main/ets/eventstore/index';
import { BatchFault, FaultyStore, settle } from './fixtures';
import { Ledger } from './Ledger';

type Change = ['Deposited' | 'Withdrawn' | 'Renamed', number];
type Op =
  | { kind: 'save'; agg: number; changes: Change[] }
  | { kind: 'failedSave'; agg: number; changes: Change[]; fault: BatchFault }
  | { kind: 'snapshot'; agg: number }
  | { kind: 'truncate'; agg: number }
  | { kind: 'restart' }
  | { kind: 'read'; agg: number };

const change: fc.Arbitrary<Change> = fc.tuple(fc.constantFrom<Change[0]>('Deposited', 'Withdrawn', 'Renamed'), fc.integer({ min: 0, max: 1000 }));
const agg = fc.integer({ min: 0, max: 2 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('save' as const), agg, changes: fc.array(change, { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('failedSave' as const), agg, changes: fc.array(change, { minLength: 1, maxLength: 3 }), fault: fc.constantFrom(BatchFault.FAIL, BatchFault.FAIL_AFTER_WRITE, BatchFault.HANG_AFTER_WRITE) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('snapshot' as const), agg }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), agg }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), agg }) },
);

const apply = (l: Ledger, c: Change): void => {
  if (c[0] === 'Deposited') l.deposit(c[1]);
  else if (c[0] === 'Withdrawn') l.withdraw(c[1]);
  else l.rename(`n${c[1]}`);
};

/** The state from folding every event ever saved, through the aggregate's own `when`. */
const replayAll = (id: string, events: DomainEvent[]): Ledger => {
  const l = new Ledger(id);
  for (const e of events) (l as unknown as { when(e: DomainEvent): void }).when(e);
  return l;
};

describe('property: snapshot + tail always equals a full replay', () => {
  it('holds over random appends, snapshots, truncations, failed writes, restarts and reads', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(op, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 5 }), fc.boolean(), fc.integer(),
      async (ops, snapshotEvery, truncate, seed) => {
        const clock = new VirtualClock({ startTime: 0 });
        const kv = new FaultyStore();
        let life = 0;
        const open = (): { store: EventStore; repo: AggregateRepository<Ledger> } => {
          const store = new EventStore({ store: kv, clock, random: new SeededRandom(`${seed}/${life++}`) });
          return { store, repo: new AggregateRepository<Ledger>(store, {
            category: 'ledger', create: (id) => new Ledger(id), snapshotEvery, truncateOnSnapshot: truncate && snapshotEvery > 0,
          }) };
        };
        let { store, repo } = open();
        const model = new Map<string, DomainEvent[]>();
        const truncated = new Set<string>();
        const id = (n: number): string => `acct${n}`;

        const check = async (n: number): Promise<void> => {
          const expected = replayAll(id(n), model.get(id(n)) ?? []);
          const loaded = await repo.load(id(n));
          expect(loaded.state()).toEqual(expected.state());
          expect(loaded.version).toBe((model.get(id(n)) ?? []).length - 1);
          if (!truncated.has(id(n))) {
            // Also the plain way: every stored event of the stream, folded from scratch.
            const slice = await store.readStream(`ledger-${id(n)}`, { maxCount: 10_000 });
            const events = slice.status === StreamReadStatus.OK ? slice.events : [];
            expect(replayAll(id(n), events).state()).toEqual(expected.state());
          }
        };

        for (const o of ops) {
          kv.hold = false;
          if (o.kind === 'save' || o.kind === 'failedSave') {
            const l = await repo.load(id(o.agg));
            for (const c of o.changes) apply(l, c);
            const pending = l.pendingEvents.map((e): DomainEvent => ({ type: e.type, data: e.data as JsonValue }));
            if (o.kind === 'failedSave') kv.faults = [o.fault];
            if (o.kind === 'save') {
              await repo.save(l);
            } else if (o.fault === BatchFault.HANG_AFTER_WRITE) {
              let settled = false;
              repo.save(l).then(() => { settled = true; }, () => { settled = true; });
              await settle(50);
              expect(settled).toBe(false);
            } else {
              await expect(repo.save(l)).rejects.toMatchObject({ code: 'ERR_STORE' });
            }
            const written = o.kind === 'save' || o.fault !== BatchFault.FAIL;
            if (written) model.set(id(o.agg), [...(model.get(id(o.agg)) ?? []), ...pending]);
            // A hung write means the process is gone: what follows is a restart.
            if (o.kind === 'failedSave' && o.fault === BatchFault.HANG_AFTER_WRITE) ({ store, repo } = open());
          } else if (o.kind === 'snapshot') {
            const l = await repo.load(id(o.agg));
            if (l.version >= 0) await store.saveSnapshot(`ledger-${id(o.agg)}`, l.version, { state: l.snapshotState() });
          } else if (o.kind === 'truncate') {
            const snap = await store.loadSnapshot(`ledger-${id(o.agg)}`);
            if (snap !== undefined && snap.version >= 0) {
              await store.truncateBefore(`ledger-${id(o.agg)}`, snap.version + 1);
              truncated.add(id(o.agg));
            }
          } else if (o.kind === 'restart') {
            ({ store, repo } = open());
          } else {
            await check(o.agg);
          }
          if (truncate && snapshotEvery > 0 && o.kind !== 'read') {
            for (let n = 0; n < 3; n++) {
              const info = await store.streamInfo(`ledger-${id(n)}`);
              if (info.truncateBefore > 0) truncated.add(id(n));
            }
          }
        }
        ({ store, repo } = open());
        for (let n = 0; n < 3; n++) await check(n);
        // The global log holds every event not truncated, once, in an order consistent with each stream.
        const log = (await store.readAll({ maxCount: 100_000 })).events;
        expect(new Set(log.map((e) => e.id)).size).toBe(log.length);
        const back = (await store.readAll({ direction: ReadDirection.BACKWARDS, maxCount: 100_000 })).events;
        expect(back.map((e) => e.position)).toEqual(log.map((e) => e.position).reverse());
        for (let n = 0; n < 3; n++) {
          const versions = log.filter((e) => e.streamId === `ledger-${id(n)}`).map((e) => e.version);
          expect(versions).toEqual([...versions].sort((a, b) => a - b));
          if (!truncated.has(id(n))) expect(versions.length).toBe((model.get(id(n)) ?? []).length);
        }
      },
    ), { numRuns: 150 });
  }, 60_000);
});
