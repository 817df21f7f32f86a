import { describe, expect, it } from 'vitest';
import { CancellationSource, ErrorCode, InvalidArgumentError, MeshError } from '../../sdk/src/main/ets/core/index';
import { ConstantBackoff } from '../../sdk/src/main/ets/resilience/index';
import {
  SagaAction, SagaDefinitionBuilder, SagaInvalidStateError, SagaNotFoundError, SagaStatus, SagaStepKind, SagaStepStatus,
  SagaTransitionType, sagaIdempotencyKey, type SagaTransition,
} from '../../sdk/src/main/ets/saga/index';
import { drive, rig, runSaga, scripted, types, type Behaviour, type Rig } from './harness';

/** A saga of compensable steps named s0..s(n-1), each with a scripted action and compensation. */
const chain = (r: Rig, scripts: Behaviour[][], undo: Behaviour[][] = []) => {
  const b = new SagaDefinitionBuilder('chain', 1);
  scripts.forEach((script, i) => {
    b.step({ name: `s${i}`, action: scripted(r.rec, r.clock, `s${i}`, script), compensation: scripted(r.rec, r.clock, `s${i}`, undo[i] ?? ['ok'], true) });
  });
  return b.build();
};

describe('SagaOrchestrator: forward', () => {
  it('runs every step in order, logs each transition before the next action, and completes', async () => {
    const r = rig();
    const def = new SagaDefinitionBuilder('trip', 1)
      .step({ name: 'flight', action: scripted(r.rec, r.clock, 'flight', ['ok'], false, () => ({ seat: '12A' })) })
      .step({
        name: 'hotel',
        action: scripted(r.rec, r.clock, 'hotel', ['ok'], false, (ctx) => ({ near: ctx.saga.requireOutputString('flight', 'seat'), city: ctx.saga.requireInputString('city') })),
      })
      .build();
    const e = await runSaga(r, r.orch.start(def, { city: 'Oslo' }));
    expect(e.status).toBe(SagaStatus.COMPLETED);
    expect(e.outputs).toEqual({ flight: { seat: '12A' }, hotel: { near: '12A', city: 'Oslo' } });
    expect(types(e)).toEqual([
      'saga-started', 'step-started:flight', 'step-succeeded:flight', 'step-started:hotel', 'step-succeeded:hotel', 'saga-completed',
    ]);
    expect(e.history.map((t) => t.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    // Events are the history, in the same order, emitted once durable.
    expect(r.transitions.map((t) => `${t.seq}:${t.type}`)).toEqual(e.history.map((t) => `${t.seq}:${t.type}`));
    expect(e.steps.map((s) => [s.name, s.status, s.attempts])).toEqual([['flight', 'succeeded', 1], ['hotel', 'succeeded', 1]]);
    expect(r.rec.keys).toEqual([sagaIdempotencyKey(e.id, 'flight'), sagaIdempotencyKey(e.id, 'hotel')]);
    expect(e.finishedAt).toBe(0);
    expect(e.context.outputString('hotel', 'city')).toBe('Oslo');
  });

  it('writes the SAGA_STARTED record before start() resolves, and STEP_STARTED before the action runs', async () => {
    const r = rig();
    let seenBeforeAction: string | undefined;
    const def = new SagaDefinitionBuilder('probe', 1)
      .step({
        name: 'only',
        action: SagaAction.local(async (ctx) => {
          const stored = await r.orch.get(ctx.executionId);
          seenBeforeAction = stored!.history.at(-1)!.type;
          expect(stored!.step('only')!.status).toBe(SagaStepStatus.RUNNING);
          return null;
        }),
      })
      .build();
    const id = await r.orch.start(def, null);
    const stored = await r.orch.get(id);
    expect(stored!.history[0].type).toBe(SagaTransitionType.SAGA_STARTED);
    await drive(r.clock, r.orch.wait(id));
    expect(seenBeforeAction).toBe(SagaTransitionType.STEP_STARTED);
  });

  it('retries a failing step with the backoff, logging each attempt, and keeps one idempotency key', async () => {
    const r = rig();
    const def = chain(r, [['ok'], ['fail', 'fail', 'ok']]);
    const e = await runSaga(r, r.orch.start(def, null));
    expect(e.status).toBe(SagaStatus.COMPLETED);
    expect(r.rec.did('s1')).toEqual(['do:s1#1', 'do:s1#2', 'do:s1#3']);
    const started = e.history.filter((t) => t.type === SagaTransitionType.STEP_STARTED && t.step === 's1');
    expect(started.map((t) => [t.attempt, t.at])).toEqual([[1, 0], [2, 100], [3, 200]]);
    const failed = e.history.filter((t) => t.type === SagaTransitionType.STEP_ATTEMPT_FAILED);
    expect(failed.map((t) => [t.attempt, t.delayMs, t.error?.code])).toEqual([[1, 100, 'ERR_UPSTREAM'], [2, 100, 'ERR_UPSTREAM']]);
    expect(new Set(r.rec.keys.slice(1)).size).toBe(1);
    expect(e.step('s1')!.attempts).toBe(3);
    expect(e.step('s1')!.error).toBeUndefined();
  });

  it('does not retry a refusal (ERR_SAGA_STEP_REJECTED) or bad input', async () => {
    const r = rig();
    const e = await runSaga(r, r.orch.start(chain(r, [['reject']]), null));
    expect(r.rec.did('s0')).toEqual(['do:s0#1']);
    expect(e.error?.code).toBe(ErrorCode.SAGA_STEP_REJECTED);
    const r2 = rig();
    const bad = new SagaDefinitionBuilder('bad', 1)
      .step({ name: 'x', action: SagaAction.local(async (ctx) => ctx.saga.requireInputNumber('amount')) })
      .build();
    const e2 = await runSaga(r2, r2.orch.start(bad, { amount: 'ten' }));
    expect(e2.status).toBe(SagaStatus.COMPENSATED);
    expect(e2.error?.code).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(e2.step('x')!.attempts).toBe(1);
  });

  it('times out a hanging attempt after the step timeout and retries it', async () => {
    const r = rig();
    const def = new SagaDefinitionBuilder('slow', 1)
      .step({ name: 'a', action: scripted(r.rec, r.clock, 'a'), compensation: scripted(r.rec, r.clock, 'a', ['ok'], true) })
      .step({
        name: 'b', action: scripted(r.rec, r.clock, 'b', ['hang']), compensation: scripted(r.rec, r.clock, 'b', ['ok'], true),
        timeoutMs: 500, retry: { maxAttempts: 2, backoff: new ConstantBackoff(100) },
      })
      .build();
    const e = await runSaga(r, r.orch.start(def, null));
    expect(e.status).toBe(SagaStatus.COMPENSATED);
    expect(e.error?.code).toBe(ErrorCode.TIMEOUT);
    expect(e.step('b')!.attempts).toBe(2);
    const failedAt = e.history.find((t) => t.type === SagaTransitionType.STEP_FAILED)!.at;
    expect(failedAt).toBe(1100);
    // The hung step may have taken effect: it is compensated too, before the step before it.
    expect(r.rec.undoOrder()).toEqual(['b', 'a']);
  });

  it('passes outputs and the attempt deadline to actions; non-JSON outputs fail the attempt', async () => {
    const r = rig();
    let deadline = 0;
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const def = new SagaDefinitionBuilder('d', 1)
      .step({ name: 'a', action: SagaAction.local(async (ctx) => { deadline = ctx.deadline; return { n: 1 }; }), timeoutMs: 700 })
      .step({ name: 'b', action: SagaAction.local(async () => cyclic as never), retry: { maxAttempts: 1 } })
      .build();
    const e = await runSaga(r, r.orch.start(def, null, { timeoutMs: 5000 }));
    expect(deadline).toBe(700);
    expect(e.status).toBe(SagaStatus.COMPENSATED);
    expect(e.step('b')!.error?.code).toBe(ErrorCode.INVALID_ARGUMENT);
  });
});

describe('SagaOrchestrator: compensation', () => {
  for (const failing of [0, 1, 2, 3]) {
    it(`compensates in reverse when step ${failing} of 4 fails`, async () => {
      const r = rig();
      const scripts: Behaviour[][] = [['ok'], ['ok'], ['ok'], ['ok']];
      scripts[failing] = ['reject'];
      const e = await runSaga(r, r.orch.start(chain(r, scripts), null));
      expect(e.status).toBe(SagaStatus.COMPENSATED);
      const started = Array.from({ length: failing + 1 }, (_, i) => `s${i}`);
      expect(r.rec.undoOrder()).toEqual(started.slice().reverse());
      for (let i = 0; i < 4; i++) {
        const s = e.step(`s${i}`)!;
        expect(s.status).toBe(i <= failing ? SagaStepStatus.COMPENSATED : SagaStepStatus.PENDING);
        expect(s.attempts).toBe(i <= failing ? 1 : 0);
      }
      expect(e.error?.code).toBe(ErrorCode.SAGA_STEP_REJECTED);
      const h = types(e);
      expect(h.indexOf(`saga-compensating:s${failing}`)).toBe(h.indexOf(`step-failed:s${failing}`) + 1);
      expect(h.at(-1)).toBe('saga-compensated');
      // Each compensation receives the step's own output (undefined for the failed one).
      const undos = r.rec.contexts.filter((c) => c.compensation);
      for (const c of undos) expect(c.output === undefined).toBe(c.step === `s${failing}`);
    });
  }

  it('skips steps without a compensation (nothing to undo) and retries failing compensations with backoff', async () => {
    const r = rig();
    const def = new SagaDefinitionBuilder('mixed', 1)
      .step({ name: 'read', action: scripted(r.rec, r.clock, 'read') })
      .step({ name: 'write', action: scripted(r.rec, r.clock, 'write'), compensation: scripted(r.rec, r.clock, 'write', ['fail', 'ok'], true) })
      .step({ name: 'boom', action: scripted(r.rec, r.clock, 'boom', ['reject']) })
      .build();
    const e = await runSaga(r, r.orch.start(def, null));
    expect(e.status).toBe(SagaStatus.COMPENSATED);
    expect(r.rec.undid('write')).toEqual(['undo:write#1', 'undo:write#2']);
    expect(e.step('read')!.status).toBe(SagaStepStatus.SUCCEEDED);
    expect(e.step('boom')!.status).toBe(SagaStepStatus.FAILED);
    const attempts = e.history.filter((t) => t.step === 'write' && t.type === SagaTransitionType.COMPENSATION_STARTED);
    expect(attempts.map((t) => t.at)).toEqual([0, 100]);
    expect(e.history.some((t) => t.type === SagaTransitionType.COMPENSATION_ATTEMPT_FAILED && t.delayMs === 100)).toBe(true);
  });

  it('becomes STUCK with an event when a compensation keeps failing; an operator retries, then it compensates', async () => {
    const r = rig();
    let broken = true;
    const def = new SagaDefinitionBuilder('refund', 1)
      .step({
        name: 'pay', action: scripted(r.rec, r.clock, 'pay'),
        compensation: SagaAction.local(async (ctx) => {
          r.rec.calls.push(`undo:pay#${ctx.attempt}`);
          if (broken) throw new MeshError(ErrorCode.UPSTREAM, 'bank down');
          return { refunded: true };
        }),
      })
      .step({ name: 'ship', action: scripted(r.rec, r.clock, 'ship', ['reject']) })
      .build();
    const stuck: SagaTransition[] = [];
    r.orch.onStuck((t) => stuck.push(t));
    const e = await runSaga(r, r.orch.start(def, null));
    expect(e.status).toBe(SagaStatus.STUCK);
    expect(e.stuckStep).toBe('pay');
    expect(e.stuckPhase).toBe(SagaStatus.COMPENSATING);
    expect(e.stuckError?.message).toBe('bank down');
    expect(e.error?.code).toBe(ErrorCode.SAGA_STEP_REJECTED);
    expect(e.step('pay')!.status).toBe(SagaStepStatus.COMPENSATION_FAILED);
    expect(e.step('pay')!.compensationAttempts).toBe(3);
    expect(stuck.map((t) => [t.executionId, t.type, t.step])).toEqual([[e.id, SagaTransitionType.SAGA_STUCK, 'pay']]);
    expect((await r.orch.list(SagaStatus.STUCK)).map((x) => x.id)).toEqual([e.id]);
    // Still broken: retried, stuck again, attempts keep counting.
    await drive(r.clock, r.orch.retry(e.id, 'bank says it is back'));
    const again = await drive(r.clock, r.orch.wait(e.id));
    expect(again.status).toBe(SagaStatus.STUCK);
    expect(again.step('pay')!.compensationAttempts).toBe(6);
    broken = false;
    await drive(r.clock, r.orch.retry(e.id, 'really back'));
    const done = await drive(r.clock, r.orch.wait(e.id));
    expect(done.status).toBe(SagaStatus.COMPENSATED);
    expect(done.note).toBe('really back');
    expect(types(done).filter((t) => t === 'saga-retried')).toHaveLength(2);
    expect(stuck).toHaveLength(2);
    await expect(r.orch.retry(e.id)).rejects.toBeInstanceOf(SagaInvalidStateError);
  });

  it('lets an operator mark a STUCK execution resolved', async () => {
    const r = rig();
    const def = chain(r, [['ok'], ['reject']], [['fail']]);
    const e = await runSaga(r, r.orch.start(def, null));
    expect(e.status).toBe(SagaStatus.STUCK);
    await expect(r.orch.resolve(e.id, '')).rejects.toBeInstanceOf(InvalidArgumentError);
    await drive(r.clock, r.orch.resolve(e.id, 'refunded by hand'));
    const resolved = await r.orch.get(e.id);
    expect(resolved!.status).toBe(SagaStatus.RESOLVED);
    expect(resolved!.note).toBe('refunded by hand');
    expect(resolved!.history.at(-1)!.type).toBe(SagaTransitionType.SAGA_RESOLVED);
    expect(await r.orch.list(SagaStatus.STUCK)).toHaveLength(0);
    expect((await r.orch.recover()).restarted).toBe(0);
    await expect(r.orch.resolve(e.id, 'again')).rejects.toBeInstanceOf(SagaInvalidStateError);
  });
});

describe('SagaOrchestrator: pivot and retriable steps', () => {
  const pivoted = (r: Rig, after: Behaviour[]) => new SagaDefinitionBuilder('pivoted', 1)
    .step({ name: 'reserve', action: scripted(r.rec, r.clock, 'reserve'), compensation: scripted(r.rec, r.clock, 'reserve', ['ok'], true) })
    .pivot({ name: 'charge', action: scripted(r.rec, r.clock, 'charge'), compensation: scripted(r.rec, r.clock, 'charge', ['ok'], true) })
    .step({ name: 'ship', action: scripted(r.rec, r.clock, 'ship', after) })
    .build();

  it('commits at the pivot and goes STUCK forward when a retriable step keeps failing; a retry finishes it', async () => {
    const r = rig();
    let shipScript: Behaviour[] = ['fail'];
    const def = new SagaDefinitionBuilder('pivoted', 1)
      .step({ name: 'reserve', action: scripted(r.rec, r.clock, 'reserve'), compensation: scripted(r.rec, r.clock, 'reserve', ['ok'], true) })
      .pivot({ name: 'charge', action: scripted(r.rec, r.clock, 'charge') })
      .step({ name: 'ship', action: SagaAction.local(async (ctx) => { r.rec.calls.push(`do:ship#${ctx.attempt}`); if (shipScript[0] === 'fail') throw new MeshError(ErrorCode.UPSTREAM, 'no trucks'); return 'shipped'; }), retry: { maxAttempts: 2 } })
      .build();
    expect(def.steps.map((s) => s.kind)).toEqual([SagaStepKind.COMPENSABLE, SagaStepKind.PIVOT, SagaStepKind.RETRIABLE]);
    const e = await runSaga(r, r.orch.start(def, null));
    expect(e.status).toBe(SagaStatus.STUCK);
    expect(e.stuckPhase).toBe(SagaStatus.RUNNING);
    expect(e.committed).toBe(true);
    expect(r.rec.undoOrder()).toEqual([]);
    expect(types(e)).toContain('saga-committed');
    shipScript = ['ok'];
    await drive(r.clock, r.orch.retry(e.id));
    const done = await drive(r.clock, r.orch.wait(e.id));
    expect(done.status).toBe(SagaStatus.COMPLETED);
    expect(done.step('ship')!.attempts).toBe(3);
    expect(done.outputs.ship).toBe('shipped');
  });

  it('compensates the steps before a failed pivot, and the pivot itself (its outcome may be unknown)', async () => {
    const r = rig();
    const def = new SagaDefinitionBuilder('p', 1)
      .step({ name: 'reserve', action: scripted(r.rec, r.clock, 'reserve'), compensation: scripted(r.rec, r.clock, 'reserve', ['ok'], true) })
      .pivot({ name: 'charge', action: scripted(r.rec, r.clock, 'charge', ['fail']), compensation: scripted(r.rec, r.clock, 'charge', ['ok'], true) })
      .step({ name: 'ship', action: scripted(r.rec, r.clock, 'ship') })
      .build();
    const e = await runSaga(r, r.orch.start(def, null));
    expect(e.status).toBe(SagaStatus.COMPENSATED);
    expect(r.rec.undoOrder()).toEqual(['charge', 'reserve']);
    expect(r.rec.did('ship')).toEqual([]);
  });

  it('refuses cancellation once the pivot succeeded, and ignores the deadline after it', async () => {
    const r = rig();
    const def = new SagaDefinitionBuilder('late', 1)
      .step({ name: 'reserve', action: scripted(r.rec, r.clock, 'reserve'), compensation: scripted(r.rec, r.clock, 'reserve', ['ok'], true) })
      .pivot({ name: 'charge', action: scripted(r.rec, r.clock, 'charge') })
      .step({ name: 'ship', action: scripted(r.rec, r.clock, 'ship', [{ delayMs: 3000 }]) })
      .timeout(1000)
      .build();
    const id = await drive(r.clock, r.orch.start(def, null));
    await r.clock.advance(500);
    expect(await r.orch.cancel(id)).toBe(false);
    const e = await drive(r.clock, r.orch.wait(id));
    expect(e.status).toBe(SagaStatus.COMPLETED);
    expect(e.finishedAt).toBe(3000);
    expect(e.cancelRequested).toBe(false);
  });

  it('uses more attempts for retriable steps by default', async () => {
    const r = rig();
    const e = await runSaga(r, r.orch.start(pivoted(r, ['fail', 'fail', 'fail', 'fail', 'ok']), null));
    expect(e.status).toBe(SagaStatus.COMPLETED);
    expect(e.step('ship')!.attempts).toBe(5);
    const r2 = rig();
    const stuck = await runSaga(r2, r2.orch.start(pivoted(r2, ['fail']), null));
    expect(stuck.status).toBe(SagaStatus.STUCK);
    expect(stuck.step('ship')!.attempts).toBe(10);
    expect(stuck.step('reserve')!.compensationAttempts).toBe(0);
  });
});

describe('SagaOrchestrator: deadline and cancellation', () => {
  const slow = (r: Rig) => new SagaDefinitionBuilder('slow', 1)
    .step({ name: 'a', action: scripted(r.rec, r.clock, 'a'), compensation: scripted(r.rec, r.clock, 'a', ['ok'], true) })
    .step({ name: 'b', action: scripted(r.rec, r.clock, 'b', [{ delayMs: 5000 }]), compensation: scripted(r.rec, r.clock, 'b', ['ok'], true) })
    .step({ name: 'c', action: scripted(r.rec, r.clock, 'c'), compensation: scripted(r.rec, r.clock, 'c', ['ok'], true) })
    .build();

  it('compensates when the whole-saga deadline passes mid-step', async () => {
    const r = rig();
    const e = await runSaga(r, r.orch.start(slow(r), null, { timeoutMs: 1000 }));
    expect(e.status).toBe(SagaStatus.COMPENSATED);
    expect(e.error?.code).toBe(ErrorCode.TIMEOUT);
    expect(e.deadline).toBe(1000);
    expect(e.history.find((t) => t.type === SagaTransitionType.SAGA_COMPENSATING)!.at).toBe(1000);
    expect(r.rec.undoOrder()).toEqual(['b', 'a']);
    expect(r.rec.did('c')).toEqual([]);
  });

  it('compensates when the caller cancels (cancel(id) or its token) and records why', async () => {
    for (const via of ['cancel', 'token'] as const) {
      const r = rig();
      const source = new CancellationSource();
      const id = await drive(r.clock, r.orch.start(slow(r), null, { token: source.token }));
      await r.clock.advance(500);
      if (via === 'cancel') expect(await r.orch.cancel(id, 'user closed the app')).toBe(true);
      else source.cancel(new MeshError(ErrorCode.CANCELLED, 'user closed the app'));
      const e = await drive(r.clock, r.orch.wait(id));
      expect(e.status).toBe(SagaStatus.COMPENSATED);
      expect(e.error?.code).toBe(ErrorCode.SAGA_CANCELLED);
      expect(e.cancelRequested).toBe(true);
      const h = types(e);
      expect(h.indexOf('cancel-requested')).toBeGreaterThan(0);
      expect(h.indexOf('cancel-requested')).toBeLessThan(h.findIndex((t) => t.startsWith('saga-compensating')));
      expect(e.history.find((t) => t.type === SagaTransitionType.CANCEL_REQUESTED)!.note).toBe('user closed the app');
      expect(r.rec.undoOrder()).toEqual(['b', 'a']);
      expect(e.finishedAt).toBe(500);
      expect(await r.orch.cancel(id)).toBe(false);
    }
  });

  it('cancel of an unknown execution throws SagaNotFoundError', async () => {
    const r = rig();
    await expect(r.orch.cancel('nope')).rejects.toBeInstanceOf(SagaNotFoundError);
    await expect(r.orch.wait('nope')).rejects.toBeInstanceOf(SagaNotFoundError);
  });
});

describe('SagaOrchestrator: parallel groups', () => {
  it('runs a group concurrently and continues when all succeed', async () => {
    const r = rig();
    const def = new SagaDefinitionBuilder('par', 1)
      .parallel([
        { name: 'x', action: scripted(r.rec, r.clock, 'x', [{ delayMs: 300 }]) },
        { name: 'y', action: scripted(r.rec, r.clock, 'y', [{ delayMs: 200 }]) },
      ])
      .step({ name: 'z', action: scripted(r.rec, r.clock, 'z') })
      .build();
    const e = await runSaga(r, r.orch.start(def, null));
    expect(e.status).toBe(SagaStatus.COMPLETED);
    const zStart = e.history.find((t) => t.type === SagaTransitionType.STEP_STARTED && t.step === 'z')!.at;
    expect(zStart).toBe(300);
    expect(e.history.filter((t) => t.type === SagaTransitionType.STEP_STARTED && t.at === 0).map((t) => t.step)).toEqual(['x', 'y']);
  });

  it('cancels the siblings of a failed step and compensates the whole group before earlier steps', async () => {
    const r = rig();
    const def = new SagaDefinitionBuilder('par', 1)
      .step({ name: 'a', action: scripted(r.rec, r.clock, 'a'), compensation: scripted(r.rec, r.clock, 'a', [{ delayMs: 10 }], true) })
      .parallel([
        { name: 'x', action: scripted(r.rec, r.clock, 'x', [{ delayMs: 300 }]), compensation: scripted(r.rec, r.clock, 'x', [{ delayMs: 50 }], true) },
        { name: 'y', action: scripted(r.rec, r.clock, 'y', [{ delayMs: 100, then: 'fail' }]), compensation: scripted(r.rec, r.clock, 'y', [{ delayMs: 50 }], true), retry: { maxAttempts: 1 } },
      ])
      .build();
    const e = await runSaga(r, r.orch.start(def, null));
    expect(e.status).toBe(SagaStatus.COMPENSATED);
    expect(e.error?.code).toBe(ErrorCode.UPSTREAM);
    expect(e.step('x')!.error?.code).toBe(ErrorCode.CANCELLED);
    const comp = e.history.filter((t) => t.type === SagaTransitionType.COMPENSATION_STARTED);
    expect(comp.map((t) => [t.step, t.at])).toEqual([['x', 100], ['y', 100], ['a', 150]]);
    expect(r.rec.undoOrder().at(-1)).toBe('a');
  });
});

describe('SagaOrchestrator: idempotent start, queries', () => {
  it('returns the same execution for the same idempotency key, concurrently and later', async () => {
    const r = rig();
    const def = chain(r, [['ok']]);
    const [a, b] = await drive(r.clock, Promise.all([
      r.orch.start(def, { n: 1 }, { idempotencyKey: 'order-1' }), r.orch.start(def, { n: 2 }, { idempotencyKey: 'order-1' }),
    ]));
    expect(a).toBe(b);
    await drive(r.clock, r.orch.wait(a));
    expect(await r.orch.start(def, { n: 3 }, { idempotencyKey: 'order-1' })).toBe(a);
    expect(r.rec.did('s0')).toHaveLength(1);
    expect((await r.orch.list()).length).toBe(1);
    const other = new SagaDefinitionBuilder('other', 1).step({ name: 'o', action: scripted(r.rec, r.clock, 'o') }).build();
    await expect(r.orch.start(other, null, { idempotencyKey: 'order-1' })).rejects.toBeInstanceOf(InvalidArgumentError);
    const restarted = r.restart();
    expect(await restarted.start(def, null, { idempotencyKey: 'order-1' })).toBe(a);
  });

  it('lists by status, counts, gets with history, forgets final executions', async () => {
    const r = rig();
    const ok = chain(r, [['ok']]);
    const bad = new SagaDefinitionBuilder('bad', 1).step({ name: 'b', action: scripted(r.rec, r.clock, 'b', ['reject']) }).build();
    const ids = [await r.orch.start(ok, null, { executionId: 'e1' }), await r.orch.start(bad, null, { executionId: 'e2' }), await r.orch.start(ok, null, { executionId: 'e3' })];
    expect(ids).toEqual(['e1', 'e2', 'e3']);
    for (const id of ids) await drive(r.clock, r.orch.wait(id));
    expect((await r.orch.list(SagaStatus.COMPLETED)).map((e) => e.id)).toEqual(['e1', 'e3']);
    expect((await r.orch.list(SagaStatus.COMPENSATED)).map((e) => e.id)).toEqual(['e2']);
    expect((await r.orch.list(undefined, 2)).map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(await r.orch.counts()).toEqual({ running: 0, compensating: 0, completed: 2, compensated: 1, stuck: 0, resolved: 0 });
    const e2 = await r.orch.get('e2');
    expect(e2!.history.length).toBeGreaterThan(3);
    expect((await r.orch.history('e2')).map((t) => t.type)).toEqual(e2!.history.map((t) => t.type));
    expect(await r.orch.get('missing')).toBeUndefined();
    await expect(r.orch.start(ok, null, { executionId: 'e1' })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(await r.orch.forget('e1')).toBe(true);
    expect(await r.orch.get('e1')).toBeUndefined();
    expect(await r.orch.forget('e1')).toBe(false);
    expect((await r.store.keys('arkmesh/saga/')).some((k) => k.includes('e1'))).toBe(false);
    await expect(r.orch.list('bogus' as SagaStatus)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('rejects bad input and options', async () => {
    const r = rig();
    const def = chain(r, [['ok']]);
    const cyclic: Record<string, unknown> = {};
    cyclic.me = cyclic;
    await expect(r.orch.start(def, cyclic as never)).rejects.toMatchObject({ field: 'input' });
    await expect(r.orch.start(def, null, { idempotencyKey: '' })).rejects.toMatchObject({ field: 'options.idempotencyKey' });
    await expect(r.orch.start(def, null, { executionId: 'a/b' })).rejects.toMatchObject({ field: 'options.executionId' });
    await expect(r.orch.start(def, null, { timeoutMs: -1 })).rejects.toMatchObject({ field: 'options.timeoutMs' });
    const twin = chain(r, [['ok']]);
    await expect(r.orch.start(twin, null)).rejects.toMatchObject({ field: 'definition' });
  });
});
