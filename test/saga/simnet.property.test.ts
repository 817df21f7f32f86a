// Crash-recovery property on a SimNetwork: the order saga runs from a phone against inventory
// (tablet), payment (watch) and shipping (pc). Across many seeds the phone crashes at a step
// boundary (right before or after a saga-log write) or mid-step (at a random time, calls in
// flight), sometimes again while recovering, and a participant crashes too; each comes back later
// as a new MeshNode on the same store and the phone runs recover(). Every execution must end
// COMPLETED, COMPENSATED or STUCK with an onStuck event, never half-done: the participants'
// ledgers (keyed by idempotency key) show no action without its compensation on the compensated
// path, and stock and balances add up.
import { describe, expect, it } from 'vitest';
import { SeededRandom, type KeyValueStore } from '../../sdk/src/main/ets/platform/index';
import { UniformLatency } from '../../sdk/src/main/ets/transport/index';
import {
  SagaLedgerState, SagaStatus, orderSagaInput, sagaIdempotencyKey, type SagaExecution,
} from '../../sdk/src/main/ets/saga/index';
import { FaultyStore } from './harness';
import { OrderMesh, PARTICIPANTS } from './sagaMesh';

/** Seeds of the random property (each a different mesh, workload and crash plan). */
const SEEDS = 64;
const ORDERS = 3;
const SKU = 'tv-55';
const PRICE = 49900;

interface Plan {
  phoneCrash: { kind: 'write'; at: number; mode: 'apply-then-crash' | 'drop' } | { kind: 'time'; at: number } | undefined;
  phoneDownMs: number;
  secondCrashAtWrite: number | undefined;
  participant: { id: string; at: number; downMs: number } | undefined;
  stock: number;
  balance: number;
  lossy: boolean;
  startAt: number[];
}

const makePlan = (seed: number): Plan => {
  const r = new SeededRandom(`plan-${seed}`);
  const pick = (lo: number, hi: number) => lo + r.nextInt(hi - lo + 1);
  const crashKind = r.nextInt(10);
  return {
    phoneCrash: crashKind < 5 ? { kind: 'write', at: pick(1, 27), mode: r.nextInt(2) === 0 ? 'drop' : 'apply-then-crash' }
      : crashKind < 9 ? { kind: 'time', at: pick(0, 350) } : undefined,
    phoneDownMs: pick(200, 6000),
    secondCrashAtWrite: r.nextInt(3) === 0 ? pick(1, 12) : undefined,
    // Now and then an outage longer than the compensation's retries: those executions end STUCK.
    participant: r.nextInt(2) === 0 ? { id: PARTICIPANTS[r.nextInt(3)], at: pick(0, 350), downMs: r.nextInt(4) === 0 ? pick(60000, 120000) : pick(500, 9000) } : undefined,
    stock: pick(1, 4),
    balance: PRICE * pick(1, 4),
    lossy: r.nextInt(3) === 0,
    startAt: Array.from({ length: ORDERS }, () => pick(0, 200)).sort((a, b) => a - b),
  };
};

interface Outcome { statuses: SagaStatus[]; crashes: number; midSaga: number; writes: number }

const ledgerState = async (m: OrderMesh, service: 'inventory' | 'payment' | 'shipping', key: string) => {
  const svc = service === 'inventory' ? m.inventory : service === 'payment' ? m.payment : m.shipping;
  return (await svc.ledger.entry(key))?.state;
};

/** Runs one seed to quiescence and checks the invariants; returns what happened. */
const runSeed = async (seed: number, plan: Plan, forcedWrite?: { at: number; mode: 'apply-then-crash' | 'drop' }): Promise<Outcome> => {
  const m = new OrderMesh(`sim-${seed}`, { stepTimeoutMs: 1500 }, plan.lossy ? { latency: new UniformLatency(5, 40), loss: 0.02 } : { latency: new UniformLatency(5, 40) });
  let crashes = 0;
  let firstLifeWrites: FaultyStore | undefined;
  let phoneUpAt: number | undefined;
  let life = 0;
  const writeCrash = forcedWrite ?? (plan.phoneCrash?.kind === 'write' ? plan.phoneCrash : undefined);
  m.wrapStore = (s: KeyValueStore) => {
    const faulty = new FaultyStore(s);
    const thisLife = life++;
    if (thisLife === 0) firstLifeWrites = faulty;
    const at = thisLife === 0 ? writeCrash?.at : thisLife === 1 && !forcedWrite ? plan.secondCrashAtWrite : undefined;
    const mode = thisLife === 0 ? (writeCrash?.mode ?? 'drop') : 'apply-then-crash';
    if (at !== undefined) {
      faulty.onBatch = (k) => (k === at ? mode : 'apply');
      faulty.onCrash = () => crashPhone();
    }
    return faulty;
  };
  let midSaga = 0;
  const crashPhone = () => {
    if (!m.cluster.net.isUp('phone')) return;
    crashes++;
    if (m.orch.running > 0) midSaga++;
    m.crash('phone');
    phoneUpAt = m.clock.now() + plan.phoneDownMs;
  };
  await m.boot();
  await m.inventory.setStock(SKU, plan.stock);
  await m.payment.setBalance('alice', plan.balance);
  const t0 = m.clock.now();
  const started: Promise<string | undefined>[] = [];
  let nextOrder = 0;
  let settledStarts = 0;
  let participantDown = false;
  let participantUpAt: number | undefined;
  const deadline = t0 + 400000;
  for (;;) {
    const now = m.clock.now() - t0;
    while (nextOrder < ORDERS && plan.startAt[nextOrder] <= now && m.cluster.net.isUp('phone')) {
      const input = orderSagaInput(`o-${seed}-${nextOrder}`, SKU, 1, 'alice', PRICE, 'Main St 1');
      started.push(m.orch.start(m.def, input, { idempotencyKey: `o-${seed}-${nextOrder}` }).catch(() => undefined).finally(() => { settledStarts++; }));
      nextOrder++;
    }
    if (!forcedWrite && plan.phoneCrash?.kind === 'time' && now >= plan.phoneCrash.at && life === 1 && crashes === 0) crashPhone();
    if (phoneUpAt !== undefined && m.clock.now() >= phoneUpAt) {
      phoneUpAt = undefined;
      await m.restart('phone');
    }
    const p = forcedWrite ? undefined : plan.participant;
    if (p && !participantDown && participantUpAt === undefined && now >= p.at) {
      participantDown = true;
      crashes++;
      if (m.orch.running > 0) midSaga++;
      m.crash(p.id);
      participantUpAt = m.clock.now() + p.downMs;
    }
    if (p && participantDown && participantUpAt !== undefined && m.clock.now() >= participantUpAt) {
      participantDown = false;
      await m.restart(p.id);
    }
    const quiet = nextOrder === ORDERS && settledStarts === ORDERS && phoneUpAt === undefined && !participantDown && m.cluster.net.isUp('phone');
    if (quiet && m.orch.running === 0) {
      const open = (await m.orch.list()).filter((e) => !e.settled);
      if (open.length === 0) break;
    }
    if (m.clock.now() > deadline) throw new Error(`seed ${seed}: not quiescent after 400 s`);
    await m.clock.advance(50);
  }
  await Promise.all(started);
  const executions: SagaExecution[] = [];
  for (const e of await m.orch.list()) executions.push((await m.orch.get(e.id))!);
  // Invariants per execution.
  let reservedUnits = 0;
  let charged = 0;
  for (const e of executions) {
    const why = `seed ${seed} ${e.id} ${e.status}`;
    expect([SagaStatus.COMPLETED, SagaStatus.COMPENSATED, SagaStatus.STUCK], why).toContain(e.status);
    if (e.status === SagaStatus.STUCK) expect(m.stuck.has(e.id), `${why}: stuck without an event`).toBe(true);
    expect(e.history.map((t) => t.seq), why).toEqual(e.history.map((_, i) => i + 1));
    const inv = await ledgerState(m, 'inventory', sagaIdempotencyKey(e.id, 'reserve-stock'));
    const pay = await ledgerState(m, 'payment', sagaIdempotencyKey(e.id, 'charge-card'));
    const ship = await ledgerState(m, 'shipping', sagaIdempotencyKey(e.id, 'ship-order'));
    if (inv === SagaLedgerState.APPLIED) reservedUnits++;
    if (pay === SagaLedgerState.APPLIED) charged += PRICE;
    if (e.status === SagaStatus.COMPLETED) {
      expect([inv, pay, ship], why).toEqual([SagaLedgerState.APPLIED, SagaLedgerState.APPLIED, SagaLedgerState.APPLIED]);
    } else if (e.status === SagaStatus.COMPENSATED) {
      // No action without its compensation: nothing this execution did remains applied.
      expect(inv, why).not.toBe(SagaLedgerState.APPLIED);
      expect(pay, why).not.toBe(SagaLedgerState.APPLIED);
      expect(ship, why).toBeUndefined();
    } else if (e.stuckPhase === SagaStatus.RUNNING) {
      expect([inv, pay], why).toEqual([SagaLedgerState.APPLIED, SagaLedgerState.APPLIED]);
      expect(ship, why).not.toBe(SagaLedgerState.APPLIED);
    } else {
      expect(e.committed, why).toBe(false);
      expect(ship, why).toBeUndefined();
      if (e.stuckStep === 'reserve-stock') expect(pay, why).not.toBe(SagaLedgerState.APPLIED);
    }
  }
  // Nothing was applied for an execution the log does not know (a start lost in a crash did nothing).
  const known = new Set(executions.map((e) => e.id));
  for (const svc of [m.inventory, m.payment, m.shipping]) {
    for (const entry of await svc.ledger.entries()) expect(known.has(entry.key.split('/')[0]), `seed ${seed}: orphan ${entry.key}`).toBe(true);
  }
  // Stock and money add up.
  expect(await m.inventory.stock(SKU), `seed ${seed}: stock`).toBe(plan.stock - reservedUnits);
  expect(await m.payment.balance('alice'), `seed ${seed}: balance`).toBe(plan.balance - charged);
  expect(await m.shipping.shipments()).toBe(executions.filter((e) => e.status === SagaStatus.COMPLETED).length);
  return { statuses: executions.map((e) => e.status), crashes, midSaga, writes: firstLifeWrites?.batches ?? 0 };
};

describe('crash-recovery property on SimNetwork (order saga, 4 devices)', () => {
  it('crash the phone right before and right after every saga-log write of an order', async () => {
    const plan: Plan = { ...makePlan(0), participant: undefined, secondCrashAtWrite: undefined, phoneDownMs: 1500, stock: 5, balance: PRICE * 5, lossy: false, startAt: [0, 0, 0] };
    const clean = await runSeed(1000, plan, { at: Number.MAX_SAFE_INTEGER, mode: 'drop' });
    expect(clean.crashes).toBe(0);
    expect(clean.writes).toBe(3 * 9); // per order: started, 2 x (step started, succeeded), committed, shipping started, succeeded, completed
    let points = 0;
    for (const mode of ['drop', 'apply-then-crash'] as const) {
      for (let at = 1; at <= clean.writes; at++) {
        const out = await runSeed(1000 + at, plan, { at, mode });
        expect(out.crashes).toBe(1);
        expect(out.statuses.every((s) => s === SagaStatus.COMPLETED)).toBe(true);
        points++;
      }
    }
    expect(points).toBe(2 * clean.writes);
  }, 120000);

  it(`${SEEDS} seeds: phone and participant crashes at step boundaries and mid-step; every execution ends done, undone or stuck-with-event`, async () => {
    const tally = new Map<string, number>();
    let crashes = 0;
    let midSaga = 0;
    for (let seed = Number(process.env.SAGA_SEED_FROM ?? 1); seed <= SEEDS; seed++) {
      const out = await runSeed(seed, makePlan(seed));
      crashes += out.crashes;
      midSaga += out.midSaga;
      for (const s of out.statuses) tally.set(s, (tally.get(s) ?? 0) + 1);
    }
    console.log(`saga crash-recovery property: ${SEEDS} seeds, ${crashes} crashes (${midSaga} with sagas in flight), outcomes ${JSON.stringify(Object.fromEntries(tally))}`);
    expect(tally.get(SagaStatus.COMPLETED)).toBeGreaterThan(10);
    expect(tally.get(SagaStatus.COMPENSATED)).toBeGreaterThan(5);
    expect(tally.get(SagaStatus.STUCK)).toBeGreaterThan(0);
    expect(crashes).toBeGreaterThan(SEEDS);
    expect(midSaga).toBeGreaterThan(SEEDS / 2);
  }, 300000);
});
