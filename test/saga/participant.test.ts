import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import { MemoryStore, VirtualClock, WriteOp } from '../../sdk/src/main/ets/platform/index';
import { MeshRequest } from '../../sdk/src/main/ets/transport/index';
import {
  SagaLedgerState, SagaParticipant, SagaParticipantEffect, SagaStepRejectedError,
} from '../../sdk/src/main/ets/saga/index';

const setup = () => {
  const store = new MemoryStore();
  const clock = new VirtualClock({ startTime: 1000 });
  const p = new SagaParticipant(store, 'stock', clock);
  let applies = 0;
  let undos = 0;
  const stock = async (): Promise<number> => Number((await store.get('stock')) ?? '10');
  const take = () => p.action('k1', async () => {
    applies++;
    const s = await stock();
    if (s <= 0) throw new SagaStepRejectedError('out of stock');
    return new SagaParticipantEffect({ left: s - 1 }, [WriteOp.set('stock', String(s - 1))]);
  });
  const give = () => p.compensate('k1', async (result) => {
    undos++;
    const s = await stock();
    return new SagaParticipantEffect({ back: s + 1, was: result }, [WriteOp.set('stock', String(s + 1))]);
  });
  return { store, p, take, give, stock, counts: () => [applies, undos] };
};

describe('SagaParticipant', () => {
  it('applies an action once per key and repeats its result', async () => {
    const s = setup();
    expect(await s.take()).toEqual({ left: 9 });
    expect(await s.take()).toEqual({ left: 9 });
    expect(await s.stock()).toBe(9);
    expect(s.counts()).toEqual([1, 0]);
    const e = await s.p.entry('k1');
    expect([e?.state, e?.at, e?.result]).toEqual([SagaLedgerState.APPLIED, 1000, { left: 9 }]);
  });

  it('undoes an applied action once, then refuses the action for that key', async () => {
    const s = setup();
    await s.take();
    expect(await s.give()).toEqual({ back: 10, was: { left: 9 } });
    expect(await s.give()).toEqual({ back: 10, was: { left: 9 } });
    expect(await s.stock()).toBe(10);
    expect(s.counts()).toEqual([1, 1]);
    await expect(s.take()).rejects.toBeInstanceOf(SagaStepRejectedError);
    expect(await s.stock()).toBe(10);
  });

  it('leaves a tombstone when the compensation arrives first: the late action is refused', async () => {
    const s = setup();
    expect(await s.give()).toBeNull();
    expect((await s.p.entry('k1'))?.state).toBe(SagaLedgerState.CANCELLED);
    await expect(s.take()).rejects.toMatchObject({ code: ErrorCode.SAGA_STEP_REJECTED });
    expect(s.counts()).toEqual([0, 0]);
    expect(await s.stock()).toBe(10);
  });

  it('remembers a refusal (same answer to retries) and records nothing for transient errors', async () => {
    const s = setup();
    await s.store.set('stock', '0');
    await expect(s.take()).rejects.toThrow('out of stock');
    await expect(s.take()).rejects.toThrow('out of stock');
    expect(s.counts()).toEqual([1, 0]);
    expect((await s.p.entry('k1'))?.state).toBe(SagaLedgerState.REJECTED);
    expect(await s.give()).toBeNull();
    expect((await s.p.entry('k1'))?.state).toBe(SagaLedgerState.CANCELLED);
    let n = 0;
    const flaky = () => s.p.action('k2', async () => {
      if (++n === 1) throw new MeshError(ErrorCode.UPSTREAM, 'disk busy');
      return new SagaParticipantEffect('ok');
    });
    await expect(flaky()).rejects.toMatchObject({ code: ErrorCode.UPSTREAM });
    expect(await s.p.entry('k2')).toBeUndefined();
    expect(await flaky()).toBe('ok');
  });

  it('serialises concurrent deliveries of the same key', async () => {
    const s = setup();
    const results = await Promise.all([s.take(), s.take(), s.give(), s.take().catch((e: Error) => e.message)]);
    expect(results[0]).toEqual({ left: 9 });
    expect(results[1]).toEqual({ left: 9 });
    expect(results[3]).toBe('stock: k1 was already compensated');
    expect(s.counts()).toEqual([1, 1]);
    expect(await s.stock()).toBe(10);
  });

  it('reads keys from requests and lists entries; rejects missing keys', async () => {
    const s = setup();
    expect(SagaParticipant.keyOf(new MeshRequest({ headers: { 'idempotency-key': 'abc/step' } }))).toBe('abc/step');
    expect(SagaParticipant.keyOf(new MeshRequest())).toBeUndefined();
    await s.take();
    await s.p.action('k0', async () => new SagaParticipantEffect(1));
    expect((await s.p.entries()).map((e) => [e.key, e.state])).toEqual([['k0', 'applied'], ['k1', 'applied']]);
    await expect(s.p.action('', async () => new SagaParticipantEffect(1))).rejects.toMatchObject({ status: 400 });
    expect(() => new SagaParticipant(s.store, '')).toThrow(expect.objectContaining({ field: 'name' }));
  });

  it('property: any interleaving of actions and compensations leaves stock = initial - applied keys', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ key: fc.integer({ min: 0, max: 4 }), undo: fc.boolean() }), { maxLength: 30 }),
      async (ops) => {
        const store = new MemoryStore();
        const p = new SagaParticipant(store, 'prop');
        const stock = async (): Promise<number> => Number((await store.get('stock')) ?? '100');
        const runs = ops.map((op) => () => (op.undo
          ? p.compensate(`k${op.key}`, async () => { const v = await stock(); return new SagaParticipantEffect(null, [WriteOp.set('stock', String(v + 1))]); })
          : p.action(`k${op.key}`, async () => { const v = await stock(); return new SagaParticipantEffect(null, [WriteOp.set('stock', String(v - 1))]); })
        ).catch(() => undefined));
        // Sequential per key; different keys race on the counter, so run them one after another.
        for (const r of runs) await r();
        const entries = await p.entries();
        const applied = entries.filter((e) => e.state === SagaLedgerState.APPLIED).length;
        expect(await stock()).toBe(100 - applied);
        for (const e of entries) {
          const first = ops.find((o) => `k${o.key}` === e.key)!;
          if (first.undo) expect(e.state).toBe(SagaLedgerState.CANCELLED);
        }
      },
    ), { numRuns: 200 });
  });
});
