// The event store against a naive event store over the same MemoryStore: one that serialises
// appends behind a promise chain, reads the head, checks the version and writes the stream copy,
// the log copy, the head and the position in one batch per append (no group commit, no type index,
// no ids or metadata: it does less per event than ArkMesh). Reads: a stream page by parallel gets
// against a prefix listing; an aggregate load with snapshots against a full replay (the same
// repository ignoring the snapshots); a catch-up subscription over 10,000 events against parsing a
// listing of the whole log.
import { JsonValue } from '../../sdk/src/main/ets/core/index';
import { MemoryStore, SeededRandom, VirtualClock, WriteOp } from '../../sdk/src/main/ets/platform/index';
import { Aggregate, AggregateRepository, DomainEvent, EventStore, NewEvent, RecordedEvent } from '../../sdk/src/main/ets/eventstore/index';
import { defineBench } from './harness';

const clock = new VirtualClock({ startTime: 0 });
const pad = (n: number): string => String(n).padStart(16, '0');

class NaiveEventStore {
  kv = new MemoryStore();
  private lock: Promise<void> = Promise.resolve();
  private position = 0;

  append(sid: string, events: NewEvent[], expected: number): Promise<number> {
    const run = async (): Promise<number> => {
      const head = await this.kv.get(`h/${sid}`);
      const version = head === undefined ? -1 : Number(head);
      if (expected >= -1 && expected !== version) throw new Error('conflict');
      const ops: WriteOp[] = [];
      let v = version;
      for (const e of events) {
        v++;
        this.position++;
        const text = JSON.stringify({ s: sid, v, p: this.position, t: e.type, d: e.data });
        ops.push(WriteOp.set(`s/${sid}/${pad(v)}`, text), WriteOp.set(`g/${pad(this.position)}`, text));
      }
      ops.push(WriteOp.set(`h/${sid}`, String(v)), WriteOp.set('meta', String(this.position)));
      await this.kv.batch(ops);
      return v;
    };
    const p = this.lock.then(run);
    this.lock = p.then(() => {}, () => {});
    return p;
  }

  async readStream(sid: string): Promise<unknown[]> {
    return (await this.kv.entries(`s/${sid}/`)).map((e) => JSON.parse(e.value));
  }
}

class Counter extends Aggregate {
  total = 0;
  schema = 1;
  get stateVersion(): number { return this.schema; }
  add(n: number): void { this.raise('Added', n); }
  protected when(e: DomainEvent): void { if (e.type === 'Added') this.total += e.data as number; }
  snapshotState(): JsonValue { return this.total; }
  restoreState(s: JsonValue): void { this.total = s as number; }
}

const newStore = (kv = new MemoryStore()): EventStore => new EventStore({ store: kv, clock, random: new SeededRandom('bench') });
const one = (i: number): NewEvent[] => [{ type: 'ItemAdded', data: { sku: `sku-${i % 50}`, qty: 1 + (i % 3) } as Record<string, JsonValue> }];
const RESET_EVERY = 20_000;

// Appends: both sides start over on a fresh store every RESET_EVERY appends (memory stays flat).
let es = newStore();
let naive = new NaiveEventStore();
let esCount = 0;
let naiveCount = 0;
const esNext = (): EventStore => { if (++esCount % RESET_EVERY === 0) es = newStore(); return es; };
const naiveNext = (): NaiveEventStore => { if (++naiveCount % RESET_EVERY === 0) naive = new NaiveEventStore(); return naive; };

// Reads and loads: prepared once.
const readEs = newStore();
const readNaive = new NaiveEventStore();
const snapStore = newStore();
const snapped = new AggregateRepository<Counter>(snapStore, { category: 'counter', create: (id) => new Counter(id), snapshotEvery: 100 });
// Same stream, but its aggregate's state schema differs from the stored snapshots': every load replays all 1,000 events.
const unsnapped = new AggregateRepository<Counter>(snapStore, {
  category: 'counter', snapshotEvery: 0, create: (id) => { const c = new Counter(id); c.schema = 2; return c; },
});
const logStore = newStore();
const logNaive = new NaiveEventStore();
let sink = 0;

export default defineBench({
  name: 'eventstore',
  setup: async () => {
    for (let i = 0; i < 100; i++) {
      await readEs.append('order-1', one(i));
      await readNaive.append('order-1', one(i), -2);
    }
    // 1,000 events in batches of 10; the snapshot-every-100 repository snapshots along the way.
    for (let i = 0; i < 100; i++) {
      const c = await snapped.load('c');
      for (let k = 0; k < 10; k++) c.add(k);
      await snapped.save(c);
    }
    for (let i = 0; i < 10_000; i += 100) {
      const batch = Array.from({ length: 100 }, (_, k) => one(i + k)[0]);
      await logStore.append(`s-${i % 700}`, batch);
      await logNaive.append(`s-${i % 700}`, batch, -2);
    }
  },
  cases: [
    {
      op: 'append 1 event (awaited one by one)',
      arkmesh: async () => { const s = esNext(); sink += (await s.append(`s-${esCount % 100}`, one(esCount))).version; },
      peers: [{ name: 'naive KV store', fn: async () => { const s = naiveNext(); sink += await s.append(`s-${naiveCount % 100}`, one(naiveCount), -2); } }],
    },
    {
      op: 'append 1 event x 64 concurrent (64 streams)',
      batch: 64,
      arkmesh: async () => {
        const all: Promise<unknown>[] = [];
        for (let k = 0; k < 64; k++) { const s = esNext(); all.push(s.append(`c-${k}`, one(k))); }
        await Promise.all(all);
      },
      peers: [{ name: 'naive KV store', fn: async () => {
        const all: Promise<unknown>[] = [];
        for (let k = 0; k < 64; k++) { const s = naiveNext(); all.push(s.append(`c-${k}`, one(k), -2)); }
        await Promise.all(all);
      } }],
    },
    {
      op: 'append 10 events, expected version checked',
      batch: 10,
      arkmesh: async () => {
        const s = esNext();
        esCount += 9;
        const info = await s.streamInfo('x');
        await s.append('x', Array.from({ length: 10 }, (_, k) => one(k)[0]), { expectedVersion: info.exists ? info.lastVersion : -1 });
      },
      peers: [{ name: 'naive KV store', fn: async () => {
        const s = naiveNext();
        naiveCount += 9;
        const head = await s.kv.get('h/x');
        await s.append('x', Array.from({ length: 10 }, (_, k) => one(k)[0]), head === undefined ? -1 : Number(head));
      } }],
    },
    {
      op: 'read a 100-event stream',
      batch: 100,
      arkmesh: async () => { sink += (await readEs.readStream('order-1')).events.length; },
      peers: [{ name: 'naive prefix listing', fn: async () => { sink += (await readNaive.readStream('order-1')).length; } }],
    },
    {
      op: 'load an aggregate of 1,000 events (snapshot every 100)',
      arkmesh: async () => { sink += (await snapped.load('c')).total; },
      peers: [{ name: 'full replay (no snapshot)', fn: async () => { sink += (await unsnapped.load('c')).total; } }],
    },
    {
      op: 'catch-up subscription over 10,000 events',
      batch: 10_000,
      arkmesh: async () => {
        let n = 0;
        const sub = logStore.subscribe(async (e: RecordedEvent) => { n += e.version; }, { batchSize: 500 });
        await sub.caughtUp();
        await sub.stop();
        sink += n;
      },
      peers: [{ name: 'parse a listing of the log', fn: async () => {
        let n = 0;
        for (const e of await logNaive.kv.entries('g/')) n += (JSON.parse(e.value) as { v: number }).v;
        sink += n;
      } }],
    },
  ],
});
