// Saga orchestration overhead: a 3-step saga of local (already-resolved) actions through
// SagaOrchestrator, on SystemClock and a MemoryStore, against (a) a hand-rolled durable loop doing
// the minimum a durable orchestrator must do (serialize the state and write it with a history
// entry in one batch per transition) and (b) the bare async chain with no log at all. No saga
// library is installed to compare with; these two bound the cost from below. Each run is
// forgotten afterwards (deleted from the store) so the store stays small.
import { type JsonValue } from '../../sdk/src/main/ets/core/index';
import { MemoryStore, SeededRandom, SystemClock, WriteOp } from '../../sdk/src/main/ets/platform/index';
import {
  SagaAction, SagaDefinitionBuilder, SagaOrchestrator, SagaStepRejectedError, SagaStatus,
} from '../../sdk/src/main/ets/saga/index';
import { defineBench } from './harness';

const clock = new SystemClock();
const store = new MemoryStore();
const orch = new SagaOrchestrator({ clock, random: new SeededRandom('bench'), store });
const ok = SagaAction.local(async (): Promise<JsonValue> => 1);
const refuse = SagaAction.local(async (): Promise<JsonValue> => { throw new SagaStepRejectedError('no'); });
const three = new SagaDefinitionBuilder('bench', 1)
  .step({ name: 'a', action: ok, compensation: ok })
  .step({ name: 'b', action: ok, compensation: ok })
  .step({ name: 'c', action: ok, compensation: ok })
  .build();
const failing = new SagaDefinitionBuilder('bench-fail', 1)
  .step({ name: 'a', action: ok, compensation: ok })
  .step({ name: 'b', action: ok, compensation: ok })
  .step({ name: 'c', action: refuse, compensation: ok })
  .build();
const input = { order: 42 } as Record<string, JsonValue>;

let sink = 0;
const viaOrchestrator = async (def: typeof three, expected: SagaStatus): Promise<void> => {
  const e = await orch.run(def, input);
  if (e.status !== expected) throw new Error(`unexpected ${e.status}`);
  sink += e.history.length;
  await orch.forget(e.id);
};

// The hand-rolled durable loop: state as JSON, one batch (record + history entry) per transition.
const plainStore = new MemoryStore();
let seq = 0;
const handRolled = async (fail: boolean): Promise<void> => {
  const id = `h${seq++}`;
  const state: Record<string, JsonValue> = { id, status: 'running', input, outputs: {} as Record<string, JsonValue> };
  let n = 0;
  const keys: string[] = [];
  const log = async (type: string, step?: string): Promise<void> => {
    const hk = `h/${id}/${++n}`;
    keys.push(hk);
    await plainStore.batch([WriteOp.set(`x/${id}`, JSON.stringify(state)), WriteOp.set(hk, JSON.stringify({ type, step, at: clock.now() }))]);
  };
  await log('started');
  const done: string[] = [];
  for (const step of ['a', 'b', 'c']) {
    await log('step-started', step);
    try {
      if (fail && step === 'c') throw new SagaStepRejectedError('no');
      (state.outputs as Record<string, JsonValue>)[step] = await Promise.resolve(1);
      done.push(step);
      await log('step-succeeded', step);
    } catch (e) {
      done.push(step);
      state.status = 'compensating';
      await log('step-failed', step);
      for (const s of done.reverse()) {
        await log('compensation-started', s);
        await Promise.resolve(1);
        await log('compensated', s);
      }
      state.status = 'compensated';
      await log('compensated');
      sink += n;
      await plainStore.batch([WriteOp.delete(`x/${id}`), ...keys.map((k) => WriteOp.delete(k))]);
      return;
    }
  }
  state.status = 'completed';
  await log('completed');
  sink += n;
  await plainStore.batch([WriteOp.delete(`x/${id}`), ...keys.map((k) => WriteOp.delete(k))]);
};

const bare = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) sink += await Promise.resolve(1);
};

export default defineBench({
  name: 'saga',
  cases: [
    {
      op: '3-step saga, all succeed (9 durable transitions)',
      arkmesh: () => viaOrchestrator(three, SagaStatus.COMPLETED),
      peers: [
        { name: 'hand-rolled durable loop', fn: () => handRolled(false) },
        { name: 'bare async chain, no log', fn: () => bare() },
      ],
    },
    {
      op: '3-step saga, third refused, 2+1 compensations (15 transitions)',
      arkmesh: () => viaOrchestrator(failing, SagaStatus.COMPENSATED),
      peers: [{ name: 'hand-rolled durable loop', fn: () => handRolled(true) }],
    },
  ],
});
