import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../sdk/src/main/ets/core/index';
import { MeshError } from '../../sdk/src/main/ets/core/index';
import {
  SagaDefinitionBuilder, SagaLedgerState, SagaStatus, SagaStepStatus, SagaTransitionType, sagaIdempotencyKey,
  type SagaDefinition, type SagaTransition,
} from '../../sdk/src/main/ets/saga/index';
import { drive, FaultyStore, pass, rig, types } from './harness';
import { LedgerWorld, type Script } from './ledgerSteps';

const build = (w: LedgerWorld, failAt: number | undefined, n = 3): SagaDefinition => {
  const b = new SagaDefinitionBuilder('three', 1);
  for (let i = 0; i < n; i++) {
    const script: Script = i === failAt ? ['reject'] : ['ok'];
    b.step({ name: `s${i}`, action: w.action(`s${i}`, script), compensation: w.compensation(`s${i}`) });
  }
  return b.build();
};

/** Batches an uninterrupted run writes (every transition is one batch). */
const batchesOf = async (failAt: number | undefined): Promise<number> => {
  const r = rig();
  const w = new LedgerWorld(r.clock);
  const faulty = new FaultyStore(r.store);
  r.restart({ store: faulty });
  const id = await drive(r.clock, r.orch.start(build(w, failAt), null));
  await drive(r.clock, r.orch.wait(id));
  return faulty.batches;
};

describe('recover() after a crash at every transition', () => {
  for (const failAt of [undefined, 2]) {
    for (const mode of ['apply-then-crash', 'drop'] as const) {
      it(`${failAt === undefined ? 'success' : 'failure'} path, crash ${mode === 'drop' ? 'before' : 'after'} each write`, async () => {
        const total = await batchesOf(failAt);
        expect(total).toBeGreaterThanOrEqual(8);
        for (let at = 1; at <= total; at++) {
          const r = rig();
          const w = new LedgerWorld(r.clock);
          const def = build(w, failAt);
          const faulty = new FaultyStore(r.store);
          faulty.onBatch = (k) => (k === at ? mode : 'apply');
          const crashed = r.restart({ store: faulty });
          faulty.onCrash = () => crashed.halt();
          const started = crashed.start(def, { order: at });
          const id = await drive(r.clock, started).catch(() => undefined);
          await pass(r.clock, 5000);
          expect(crashed.halted, `crash at write ${at} of ${total}`).toBe(true);
          // A halted orchestrator writes nothing more.
          const frozen = JSON.stringify(r.store.dump());
          await pass(r.clock, 60000, 100);
          expect(JSON.stringify(r.store.dump())).toBe(frozen);
          const fresh = r.restart({ store: r.store, definitions: [def] });
          const ids = await fresh.list();
          const report = await drive(r.clock, fresh.recover());
          if (id === undefined && at === 1 && mode === 'drop') {
            expect(ids).toHaveLength(0); // the start itself was lost: nothing happened anywhere
            expect(await w.counter('s0')).toBe(0);
            continue;
          }
          expect(ids).toHaveLength(1);
          const execId = ids[0].id;
          expect(report.restarted).toBe(ids[0].final ? 0 : 1);
          const e = await drive(r.clock, fresh.wait(execId));
          const expected = failAt === undefined ? SagaStatus.COMPLETED : SagaStatus.COMPENSATED;
          expect(e.status, `crash at write ${at}`).toBe(expected);
          for (let i = 0; i < 3; i++) {
            const key = sagaIdempotencyKey(execId, `s${i}`);
            const state = await w.ledger(key);
            if (expected === SagaStatus.COMPLETED) {
              expect(await w.counter(`s${i}`)).toBe(1);
              expect(state).toBe(SagaLedgerState.APPLIED);
            } else {
              expect(await w.counter(`s${i}`), `s${i} after crash at ${at}`).toBe(0);
              expect(state).not.toBe(SagaLedgerState.APPLIED);
            }
          }
          // The history is gap-free and ends with the outcome; it says where recovery resumed.
          expect(e.history.map((t) => t.seq)).toEqual(e.history.map((_, i) => i + 1));
          if (!types(e).includes('saga-recovered')) expect(at).toBeGreaterThanOrEqual(total - 1);
        }
      });
    }
  }

  it('re-runs the interrupted step with the same idempotency key (the participant applies it once)', async () => {
    const r = rig();
    const w = new LedgerWorld(r.clock);
    const def = new SagaDefinitionBuilder('one', 1)
      .step({ name: 'pay', action: w.action('pay', ['slow']), compensation: w.compensation('pay') })
      .build();
    const id = await drive(r.clock, r.orch.start(def, null));
    await r.clock.advance(100); // the action is in flight at the participant
    r.orch.halt();
    await r.clock.advance(1000); // ... and completes there, but nobody logs it
    expect(await w.counter('pay')).toBe(1);
    const fresh = r.restart({ definitions: [def] });
    const report = await drive(r.clock, fresh.recover());
    expect(report.resumed).toEqual([id]);
    const e = await drive(r.clock, fresh.wait(id));
    expect(e.status).toBe(SagaStatus.COMPLETED);
    expect(await w.counter('pay')).toBe(1);
    expect(e.step('pay')!.attempts).toBe(2);
    expect(types(e)).toContain('saga-recovered');
  });

  it('continues a compensation in reverse order after a restart', async () => {
    const r = rig();
    const w = new LedgerWorld(r.clock);
    const def = new SagaDefinitionBuilder('comp', 1)
      .step({ name: 'a', action: w.action('a', ['ok']), compensation: w.compensation('a') })
      .step({ name: 'b', action: w.action('b', ['ok']), compensation: w.compensation('b', ['fail', 'fail', 'fail', 'ok']) })
      .step({ name: 'c', action: w.action('c', ['reject']) })
      .build();
    const id = await drive(r.clock, r.orch.start(def, null));
    await r.clock.advance(150); // b's compensation is failing and retrying
    const before = await r.orch.get(id);
    expect(before!.status).toBe(SagaStatus.COMPENSATING);
    const fresh = r.restart({ definitions: [def] });
    const report = await drive(r.clock, fresh.recover());
    expect(report.compensating).toEqual([id]);
    const e = await drive(r.clock, fresh.wait(id));
    expect(e.status).toBe(SagaStatus.COMPENSATED);
    const order = e.history.filter((t) => t.type === SagaTransitionType.STEP_COMPENSATED).map((t) => t.step);
    expect(order).toEqual(['b', 'a']);
    expect(await w.counter('a')).toBe(0);
    expect(await w.counter('b')).toBe(0);
  });

  it('makes executions of an unregistered definition STUCK with an event; register + retry resumes them', async () => {
    const r = rig();
    const w = new LedgerWorld(r.clock);
    const def = build(w, undefined);
    const faulty = new FaultyStore(r.store);
    faulty.onBatch = (k) => (k === 3 ? 'apply-then-crash' : 'apply');
    const crashed = r.restart({ store: faulty });
    faulty.onCrash = () => crashed.halt();
    const id = await drive(r.clock, crashed.start(def, null));
    await r.clock.advance(100);
    const stuck: SagaTransition[] = [];
    const fresh = r.restart({ store: r.store });
    fresh.onStuck((t) => stuck.push(t));
    const report = await drive(r.clock, fresh.recover());
    expect(report.unknownDefinition).toEqual([id]);
    expect(stuck.map((t) => t.error?.code)).toEqual([ErrorCode.SAGA_DEFINITION]);
    const e = await fresh.get(id);
    expect(e!.status).toBe(SagaStatus.STUCK);
    expect(e!.stuckPhase).toBe(SagaStatus.RUNNING);
    await expect(fresh.retry(id)).rejects.toMatchObject({ code: ErrorCode.SAGA_DEFINITION });
    fresh.register(def);
    await drive(r.clock, fresh.retry(id, 'deployed v1 again'));
    const done = await drive(r.clock, fresh.wait(id));
    expect(done.status).toBe(SagaStatus.COMPLETED);
    expect((await drive(r.clock, fresh.recover())).restarted).toBe(0);
  });

  it('compensates after a restart when the deadline passed while the node was down', async () => {
    const r = rig();
    const w = new LedgerWorld(r.clock);
    const def = new SagaDefinitionBuilder('dl', 1)
      .step({ name: 'a', action: w.action('a', ['ok']), compensation: w.compensation('a') })
      .step({ name: 'b', action: w.action('b', ['slow']), compensation: w.compensation('b') })
      .timeout(2000)
      .build();
    const id = await drive(r.clock, r.orch.start(def, null));
    await r.clock.advance(100);
    r.orch.halt();
    await r.clock.advance(10000);
    const fresh = r.restart({ definitions: [def] });
    await drive(r.clock, fresh.recover());
    const e = await drive(r.clock, fresh.wait(id));
    expect(e.status).toBe(SagaStatus.COMPENSATED);
    expect(e.error?.code).toBe(ErrorCode.TIMEOUT);
    expect(await w.counter('a')).toBe(0);
    expect(await w.counter('b')).toBe(0);
    expect(e.step('b')!.status).toBe(SagaStepStatus.COMPENSATED);
  });

  it('records a cancellation for an execution nobody drives; recovery compensates it', async () => {
    const r = rig();
    const w = new LedgerWorld(r.clock);
    const def = new SagaDefinitionBuilder('c', 1)
      .step({ name: 'a', action: w.action('a', ['ok']), compensation: w.compensation('a') })
      .step({ name: 'b', action: w.action('b', ['slow']), compensation: w.compensation('b') })
      .build();
    const id = await drive(r.clock, r.orch.start(def, null));
    await r.clock.advance(100);
    const fresh = r.restart({ definitions: [def] });
    expect(await fresh.cancel(id, 'changed my mind')).toBe(true);
    expect(await fresh.cancel(id)).toBe(false);
    await drive(r.clock, fresh.recover());
    const e = await drive(r.clock, fresh.wait(id));
    expect(e.status).toBe(SagaStatus.COMPENSATED);
    expect(e.error?.code).toBe(ErrorCode.SAGA_CANCELLED);
  });

  it('stops a runner whose log write fails (ERR_STORE); wait() rejects; recover() resumes it later', async () => {
    const r = rig();
    const w = new LedgerWorld(r.clock);
    const def = new SagaDefinitionBuilder('three', 1)
      .step({ name: 's0', action: w.action('s0', ['ok']), compensation: w.compensation('s0') })
      .step({ name: 's1', action: w.action('s1', ['slow']), compensation: w.compensation('s1') })
      .build();
    const faulty = new FaultyStore(r.store);
    faulty.onBatch = (k) => (k === 5 ? 'fail' : 'apply'); // STEP_SUCCEEDED of the slow step
    const orch = r.restart({ store: faulty });
    const id = await orch.start(def, null);
    await expect(drive(r.clock, orch.wait(id))).rejects.toMatchObject({ code: ErrorCode.STORE });
    expect(orch.running).toBe(0);
    const open = await orch.get(id);
    expect(open!.status).toBe(SagaStatus.RUNNING);
    expect(open!.step('s1')!.status).toBe(SagaStepStatus.RUNNING);
    const report = await drive(r.clock, orch.recover());
    expect(report.resumed).toEqual([id]);
    const e = await drive(r.clock, orch.wait(id));
    expect(e.status).toBe(SagaStatus.COMPLETED);
    expect(await w.counter('s1')).toBe(1);
  });

  it('reports and skips corrupt records', async () => {
    const r = rig();
    await r.store.set('arkmesh/saga/o/broken', '');
    await r.store.set('arkmesh/saga/x/broken', '{"format":1,"id":"broken"');
    await r.store.set('arkmesh/saga/s/running/broken', '');
    const report = await drive(r.clock, r.orch.recover());
    expect(report.corrupt).toEqual(['broken']);
    await expect(r.orch.get('broken')).rejects.toBeInstanceOf(MeshError);
    expect(await r.orch.list()).toEqual([]);
  });
});
