// Property: whatever the saga's shape, whatever its steps and compensations do, whenever the
// orchestrator crashes (before or after any log write), and whether the caller cancels or the
// deadline passes, the execution ends COMPLETED, COMPENSATED or STUCK (with an onStuck event),
// never half-done: participants' ledgers and counters agree with the outcome, compensation runs
// in reverse stage order, and nothing after a successful pivot is ever compensated.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConstantBackoff } from '../../sdk/src/main/ets/resilience/index';
import {
  SagaDefinitionBuilder, SagaLedgerState, SagaStatus, SagaStepKind, SagaTransitionType, sagaIdempotencyKey,
  type SagaDefinition, type SagaStepSpec, type SagaExecution,
} from '../../sdk/src/main/ets/saga/index';
import { drive, FaultyStore, pass, rig } from './harness';
import { LedgerWorld, type Script } from './ledgerSteps';

type Act = 'ok' | 'fail' | 'reject' | 'slow';
interface StepPlan { act: Act[]; undo: ('ok' | 'fail')[] }
interface Plan {
  before: StepPlan[][];
  pivot: StepPlan | undefined;
  after: StepPlan[][];
  crashes: { at: number; mode: 'apply-then-crash' | 'drop' }[];
  cancelAt: number | undefined;
  timeoutMs: number | undefined;
}

const act = fc.constantFrom<Act>('ok', 'ok', 'ok', 'ok', 'fail', 'reject', 'slow');
const stepPlan = (acts: fc.Arbitrary<Act>): fc.Arbitrary<StepPlan> => fc.record({
  act: fc.array(acts, { minLength: 1, maxLength: 3 }),
  undo: fc.array(fc.constantFrom<'ok' | 'fail'>('ok', 'ok', 'ok', 'fail'), { minLength: 1, maxLength: 3 }),
});
const plan: fc.Arbitrary<Plan> = fc.record({
  before: fc.array(fc.array(stepPlan(act), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  pivot: fc.option(stepPlan(act), { nil: undefined }),
  after: fc.array(fc.array(stepPlan(fc.constantFrom<Act>('ok', 'ok', 'fail', 'slow')), { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
  crashes: fc.array(fc.record({ at: fc.integer({ min: 1, max: 30 }), mode: fc.constantFrom<'apply-then-crash' | 'drop'>('apply-then-crash', 'drop') }), { maxLength: 3 }),
  cancelAt: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined }),
  timeoutMs: fc.option(fc.integer({ min: 200, max: 3000 }), { nil: undefined }),
});

const build = (w: LedgerWorld, p: Plan): SagaDefinition => {
  const b = new SagaDefinitionBuilder('prop', 1);
  let n = 0;
  const spec = (s: StepPlan, compensable: boolean): SagaStepSpec => {
    const name = `s${n++}`;
    return { name, action: w.action(name, s.act as Script), compensation: compensable ? w.compensation(name, s.undo) : undefined };
  };
  const stage = (group: StepPlan[], compensable: boolean): void => {
    const specs = group.map((s) => spec(s, compensable));
    if (specs.length === 1) b.step(specs[0]); else b.parallel(specs);
  };
  for (const g of p.before) stage(g, true);
  if (p.pivot) b.pivot(spec(p.pivot, true));
  for (const g of p.after) {
    const specs = g.map((s) => ({ ...spec(s, false), kind: SagaStepKind.RETRIABLE }));
    if (specs.length === 1) b.step(specs[0]); else b.parallel(specs);
  }
  return b.build();
};

const check = async (w: LedgerWorld, def: SagaDefinition, e: SagaExecution, stuckEvents: Set<string>): Promise<void> => {
  expect([SagaStatus.COMPLETED, SagaStatus.COMPENSATED, SagaStatus.STUCK]).toContain(e.status);
  expect(e.history.map((t) => t.seq)).toEqual(e.history.map((_, i) => i + 1));
  if (e.status === SagaStatus.STUCK) expect(stuckEvents.has(e.id)).toBe(true);
  const applied = async (step: string): Promise<boolean> => (await w.ledger(sagaIdempotencyKey(e.id, step))) === SagaLedgerState.APPLIED;
  // Compensation runs stage by stage in reverse order, and never after the commit point.
  const compStages = e.history.filter((t) => t.type === SagaTransitionType.COMPENSATION_STARTED).map((t) => def.step(t.step!)!.stage);
  for (let i = 1; i < compStages.length; i++) expect(compStages[i]).toBeLessThanOrEqual(compStages[i - 1]);
  if (e.history.some((t) => t.type === SagaTransitionType.SAGA_COMMITTED)) expect(compStages).toEqual([]);
  for (const step of def.steps) {
    const count = await w.counter(step.name);
    expect(count === 0 || count === 1).toBe(true);
    expect(count === 1).toBe(await applied(step.name));
  }
  if (e.status === SagaStatus.COMPLETED) {
    for (const step of def.steps) expect(await w.counter(step.name)).toBe(1);
  } else if (e.status === SagaStatus.COMPENSATED) {
    // No action without its compensation: nothing remains applied.
    for (const step of def.steps) expect(await w.counter(step.name), step.name).toBe(0);
  } else if (e.stuckPhase === SagaStatus.COMPENSATING) {
    const stuckStage = def.step(e.stuckStep!)!.stage;
    for (const step of def.steps) if (step.stage > stuckStage) expect(await w.counter(step.name)).toBe(0);
    expect(e.committed).toBe(false);
  } else {
    expect(e.committed).toBe(true);
    for (const step of def.steps) if (step.stage < def.commitStage) expect(await w.counter(step.name)).toBe(1);
  }
};

describe('crash-recovery property (local participants)', () => {
  it('every execution ends completed, compensated or stuck-with-event, never half-done', async () => {
    let runs = 0;
    const outcomes = new Map<string, number>();
    await fc.assert(fc.asyncProperty(plan, fc.integer({ min: 0, max: 1e6 }), async (p, seed) => {
      runs++;
      const r = rig({ stepTimeoutMs: 300, compensationRetry: { backoff: new ConstantBackoff(100), maxAttempts: 4 } }, `prop-${seed}`);
      const w = new LedgerWorld(r.clock);
      const def = build(w, p);
      const stuckEvents = new Set<string>();
      let id: string | undefined;
      const crashes = p.crashes.slice();
      for (let life = 0; ; life++) {
        const crash = crashes.shift();
        const faulty = new FaultyStore(r.store);
        const orch = r.restart({ store: faulty, definitions: [def] });
        orch.onStuck((t) => stuckEvents.add(t.executionId));
        if (crash) {
          faulty.onBatch = (k) => (k === crash.at ? crash.mode : 'apply');
          faulty.onCrash = () => orch.halt();
        }
        if (life === 0) {
          id = await drive(r.clock, orch.start(def, null, { timeoutMs: p.timeoutMs })).catch(() => undefined);
          if (id === undefined) return; // the start itself was lost: nothing happened
          if (p.cancelAt !== undefined) {
            const at = p.cancelAt;
            r.clock.setTimer(at, () => { if (!orch.halted) orch.cancel(id!).catch(() => {}); });
          }
        } else {
          await drive(r.clock, orch.recover()).catch(() => undefined);
        }
        if (!crash) break;
        await pass(r.clock, 3000, 20);
        if (!orch.halted) {
          // The crash point was never reached: this life settles on its own.
          crashes.length = 0;
          break;
        }
      }
      const e = await drive(r.clock, r.orch.wait(id!), 600000, 50);
      outcomes.set(e.status, (outcomes.get(e.status) ?? 0) + 1);
      await check(w, def, e, stuckEvents);
    }), { numRuns: 250, seed: 8088 });
    expect(runs).toBe(250);
    // The generator reaches every outcome.
    expect(outcomes.get(SagaStatus.COMPLETED)).toBeGreaterThan(10);
    expect(outcomes.get(SagaStatus.COMPENSATED)).toBeGreaterThan(10);
    expect(outcomes.get(SagaStatus.STUCK)).toBeGreaterThan(3);
  }, 120000);
});
