// Saga steps backed by SagaParticipant ledgers: each step increments its own counter in a
// participant store (its action) and decrements it (its compensation), exactly once per
// idempotency key. Counters and ledgers survive orchestrator crashes, as a remote device's would.
import { ErrorCode, MeshError, type JsonValue } from '../../sdk/src/main/ets/core/index';
import { MemoryStore, WriteOp, type VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  SagaAction, SagaLedgerState, SagaParticipant, SagaParticipantEffect, SagaStepRejectedError, type SagaStepContext,
} from '../../sdk/src/main/ets/saga/index';

/** What an action or compensation does on a given attempt (1-based); the last entry repeats. */
export type Script = ('ok' | 'fail' | 'reject' | 'hang' | 'slow')[];

export class LedgerWorld {
  readonly store = new MemoryStore();
  readonly participant: SagaParticipant;
  /** step -> attempts seen (actions), for scripts that depend on the attempt across restarts. */
  readonly seen = new Map<string, number>();
  readonly undoSeen = new Map<string, number>();

  constructor(readonly clock: VirtualClock) {
    this.participant = new SagaParticipant(this.store, 'world', clock);
  }

  async counter(step: string): Promise<number> {
    return Number((await this.store.get(`count/${step}`)) ?? '0');
  }

  async ledger(key: string): Promise<SagaLedgerState | undefined> {
    return (await this.participant.entry(key))?.state;
  }

  private async behave(script: Script, n: number, ctx: SagaStepContext): Promise<void> {
    const b = script[Math.min(n, script.length) - 1] ?? 'ok';
    if (b === 'fail') throw new MeshError(ErrorCode.UPSTREAM, `${ctx.step} failed`);
    if (b === 'reject') throw new SagaStepRejectedError(`${ctx.step} refused`);
    if (b === 'hang') await new Promise<void>(() => {});
    if (b === 'slow') await new Promise<void>((r) => this.clock.setTimer(400, r));
  }

  action(step: string, script: Script): SagaAction {
    return SagaAction.local(async (ctx): Promise<JsonValue> => {
      const n = (this.seen.get(step) ?? 0) + 1;
      this.seen.set(step, n);
      return this.participant.action(ctx.idempotencyKey, async () => {
        await this.behave(script, n, ctx);
        const v = await this.counter(step);
        return new SagaParticipantEffect({ step, value: v + 1 }, [WriteOp.set(`count/${step}`, String(v + 1))]);
      });
    });
  }

  compensation(step: string, script: Script = ['ok']): SagaAction {
    return SagaAction.local(async (ctx): Promise<JsonValue> => {
      const n = (this.undoSeen.get(step) ?? 0) + 1;
      this.undoSeen.set(step, n);
      const b = script[Math.min(n, script.length) - 1] ?? 'ok';
      if (b === 'fail') throw new MeshError(ErrorCode.UPSTREAM, `undo ${step} failed`);
      return this.participant.compensate(ctx.idempotencyKey, async () => {
        const v = await this.counter(step);
        return new SagaParticipantEffect({ step, value: v - 1 }, [WriteOp.set(`count/${step}`, String(v - 1))]);
      });
    });
  }
}
