// Test helpers for sagas: an orchestrator on a VirtualClock with a MemoryStore, local actions that
// record what they did (and can be told to fail, refuse, hang or take time), and a driver that
// advances virtual time until a promise settles.
import { type JsonValue, MeshError, ErrorCode } from '../../sdk/src/main/ets/core/index';
import { MemoryStore, SeededRandom, VirtualClock, type KeyValueStore, type KeyValueEntry, WriteOp } from '../../sdk/src/main/ets/platform/index';
import { ConstantBackoff } from '../../sdk/src/main/ets/resilience/index';
import {
  SagaAction, SagaOrchestrator, SagaStepRejectedError, type SagaOrchestratorOptions, type SagaStepContext, SagaTransition,
  SagaExecution,
} from '../../sdk/src/main/ets/saga/index';

/** What a scripted local step does on each attempt (index = attempt - 1; the last entry repeats). */
export type Behaviour = 'ok' | 'fail' | 'reject' | 'hang' | { delayMs: number; then?: 'ok' | 'fail' };

/** Records every action and compensation attempt, in order: `do:<step>#<attempt>`, `undo:<step>#<attempt>`. */
export class Recorder {
  readonly calls: string[] = [];
  /** Applied effects: step -> net count (do +1, undo -1 when it succeeded). */
  readonly applied = new Map<string, number>();
  readonly keys: string[] = [];
  readonly contexts: SagaStepContext[] = [];

  did(step: string): string[] {
    return this.calls.filter((c) => c.startsWith(`do:${step}#`));
  }

  undid(step: string): string[] {
    return this.calls.filter((c) => c.startsWith(`undo:${step}#`));
  }

  /** Step names in the order their (first) compensation attempt ran. */
  undoOrder(): string[] {
    const out: string[] = [];
    for (const c of this.calls) {
      if (c.startsWith('undo:')) {
        const step = c.slice(5, c.indexOf('#'));
        if (!out.includes(step)) out.push(step);
      }
    }
    return out;
  }
}

const pick = (script: Behaviour[], attempt: number): Behaviour => script[Math.min(attempt, script.length) - 1] ?? 'ok';

/** A local action driven by a script of behaviours per attempt. */
export function scripted(rec: Recorder, clock: VirtualClock, step: string, script: Behaviour[] = ['ok'], undo = false,
  output?: (ctx: SagaStepContext) => JsonValue): SagaAction {
  return SagaAction.local(async (ctx: SagaStepContext): Promise<JsonValue> => {
    rec.calls.push(`${undo ? 'undo' : 'do'}:${step}#${ctx.attempt}`);
    rec.keys.push(ctx.idempotencyKey);
    rec.contexts.push(ctx);
    let b = pick(script, ctx.attempt);
    if (typeof b === 'object') {
      const delay = b.delayMs;
      await new Promise<void>((resolve, reject) => {
        const t = clock.setTimer(delay, () => resolve());
        ctx.token.onCancelled((reason) => { clock.clearTimer(t); reject(reason); });
      });
      b = b.then ?? 'ok';
    }
    if (b === 'fail') throw new MeshError(ErrorCode.UPSTREAM, `${step} failed (attempt ${ctx.attempt})`);
    if (b === 'reject') throw new SagaStepRejectedError(`${step} refused`);
    if (b === 'hang') return new Promise<JsonValue>(() => {});
    rec.applied.set(step, (rec.applied.get(step) ?? 0) + (undo ? -1 : 1));
    return output ? output(ctx) : ({ step, attempt: ctx.attempt } as Record<string, JsonValue>);
  });
}

export interface Rig {
  clock: VirtualClock;
  random: SeededRandom;
  store: MemoryStore;
  rec: Recorder;
  orch: SagaOrchestrator;
  transitions: SagaTransition[];
  /** A new orchestrator on the same store (after `orch.halt()`): a restarted node. */
  restart(extra?: Partial<SagaOrchestratorOptions>): SagaOrchestrator;
}

/** An orchestrator with fast, deterministic retries (constant 100 ms backoff) unless overridden. */
export function rig(extra: Partial<SagaOrchestratorOptions> = {}, seed = 'saga'): Rig {
  const clock = new VirtualClock({ startTime: 0 });
  const random = new SeededRandom(seed);
  const store = new MemoryStore();
  const transitions: SagaTransition[] = [];
  const make = (more: Partial<SagaOrchestratorOptions>): SagaOrchestrator => {
    const o = new SagaOrchestrator({
      clock, random, store,
      stepRetry: { backoff: new ConstantBackoff(100) },
      compensationRetry: { backoff: new ConstantBackoff(100), maxAttempts: 3 },
      ...extra, ...more,
    });
    o.onTransition((t) => transitions.push(t));
    return o;
  };
  const r: Rig = {
    clock, random, store, rec: new Recorder(), orch: make({}), transitions,
    restart: (more = {}) => {
      r.orch.halt();
      r.orch = make(more);
      return r.orch;
    },
  };
  return r;
}

/** Advances virtual time in steps until `p` settles (or `maxMs` pass); returns its outcome. */
export async function drive<T>(clock: VirtualClock, p: Promise<T>, maxMs = 600000, stepMs = 10): Promise<T> {
  let done = false;
  const guarded = p.finally(() => { done = true; });
  guarded.catch(() => {});
  const start = clock.now();
  await clock.advance(0);
  while (!done && clock.now() - start < maxMs) await clock.advance(stepMs);
  return guarded;
}

/** Starts and waits, driving virtual time. */
export async function runSaga(r: Rig, id: Promise<string>): Promise<SagaExecution> {
  const executionId = await drive(r.clock, id);
  return drive(r.clock, r.orch.wait(executionId));
}

/** The transition types of an execution's history. */
export const types = (e: SagaExecution): string[] => e.history.map((t) => (t.step ? `${t.type}:${t.step}` : t.type));

/** A store wrapper that fails (or runs a hook) on the n-th batch: a crash or a disk error at a precise transition. */
export class FaultyStore implements KeyValueStore {
  batches = 0;
  /** Called before batch number `at` (1-based) is applied; return 'fail' to reject it, 'drop' to lose it silently. */
  onBatch: ((n: number, ops: WriteOp[]) => 'apply' | 'fail' | 'drop' | 'apply-then-crash') | undefined;
  onCrash: (() => void) | undefined;

  constructor(readonly inner: KeyValueStore) {}

  get(key: string): Promise<string | undefined> { return this.inner.get(key); }
  set(key: string, value: string): Promise<void> { return this.inner.set(key, value); }
  delete(key: string): Promise<boolean> { return this.inner.delete(key); }
  keys(prefix?: string): Promise<string[]> { return this.inner.keys(prefix); }
  entries(prefix?: string): Promise<KeyValueEntry[]> { return this.inner.entries(prefix); }
  async batch(ops: WriteOp[]): Promise<void> {
    this.batches++;
    const what = this.onBatch ? this.onBatch(this.batches, ops) : 'apply';
    if (what === 'fail') throw new MeshError(ErrorCode.STORE, 'disk full');
    if (what === 'drop') { this.onCrash?.(); return; }
    await this.inner.batch(ops);
    if (what === 'apply-then-crash') this.onCrash?.();
  }
}

/** Advances `ms` of virtual time in 10 ms steps, letting long promise chains settle between them. */
export async function pass(clock: VirtualClock, ms: number, stepMs = 10): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) await clock.advance(stepMs);
}
