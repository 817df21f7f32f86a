import { SagaOrchestrator, SagaStatus } from '../sdk';
import type { MeshNode, SagaExecution, SagaTransition } from '../sdk';
import { SAGA_LIBRARY } from '../scenario/sagaLibrary';
import type { SagaEvent } from '../events/SimEvent';
import type { SagaStreamSpec } from '../scenario/Scenario';
import type { SimDevice } from './SimDevice';
import type { StreamDef } from './Workload';
import type { WorldContext } from './WorldContext';

/** Sagas of a run by final status (and how many started and are not settled yet). */
export interface SagaCounts {
  started: number;
  completed: number;
  compensated: number;
  stuck: number;
  resolved: number;
  /** Started and not settled (running or compensating), at the time of the count. */
  unsettled: number;
}

/**
 * Sagas in a simulation: a SagaOrchestrator (the SDK's, on the node: its store is the saga log,
 * its tracer and metrics the node's plugins') on every device that starts sagas, rebuilt on each
 * life and recovering what a crash interrupted; saga streams start executions at their rate.
 * Every transition goes on the event stream; settled executions are counted by final status.
 */
export class SagaRuntime {
  private readonly _orchestrators = new Map<string, SagaOrchestrator>();
  /** Started, not settled yet. */
  private readonly _open = new Set<string>();
  /** Settled before their start() resolved here (a very short saga). */
  private readonly _early = new Set<string>();
  private readonly _byStatus = new Map<SagaStatus, number>();
  private _started = 0;

  constructor(private readonly _world: WorldContext, private readonly _devices: Map<string, SimDevice>, streams: SagaStreamSpec[]) {
    const byDevice = new Map<string, Set<string>>();
    for (const s of streams) byDevice.set(s.from, (byDevice.get(s.from) ?? new Set<string>()).add(s.saga));
    for (const [id, names] of byDevice) {
      const device = _devices.get(id);
      if (device === undefined) continue;
      device.lifeHooks.push((node: MeshNode): void => {
        const sagas = new SagaOrchestrator({ node, definitions: [...names].map((n) => SAGA_LIBRARY[n].definition()) });
        sagas.onTransition((t: SagaTransition): void => this.onTransition(id, t));
        sagas.onSettled((e: SagaExecution): void => this.onSettled(e));
        this._orchestrators.set(id, sagas);
      });
      // Resume (or compensate) what a crash of this device interrupted.
      device.startedHooks.push((): void => {
        this._orchestrators.get(id)?.recover().then(() => {}, () => {});
      });
    }
  }

  /** Saga streams for the workload. */
  streams(specs: SagaStreamSpec[]): StreamDef[] {
    return specs.map((s): StreamDef => {
      const recipe = SAGA_LIBRARY[s.saga];
      const random = this._world.random.fork(`saga-stream:${s.id}`);
      return {
        id: s.id, from: [s.from], rate: s.rate, pattern: { type: 'constant' }, arrival: 'uniform', startMs: s.startMs, stopMs: s.stopMs,
        limit: s.count,
        issue: (from: string, n: number): Promise<unknown> | undefined => {
          const sagas = this._devices.get(from)?.runningNode === undefined ? undefined : this._orchestrators.get(from);
          if (sagas === undefined || sagas.halted) return undefined;
          const definition = sagas.definition(s.saga);
          if (definition === undefined) return undefined;
          const key = `${s.id}-${n}`;
          return sagas.start(definition, recipe.input(n, random), { idempotencyKey: key }).then((id: string): void => {
            this._started++;
            if (!this._early.delete(id)) this._open.add(id);
          });
        },
      };
    });
  }

  counts(): SagaCounts {
    const n = (s: SagaStatus): number => this._byStatus.get(s) ?? 0;
    return {
      started: this._started, completed: n(SagaStatus.COMPLETED), compensated: n(SagaStatus.COMPENSATED), stuck: n(SagaStatus.STUCK),
      resolved: n(SagaStatus.RESOLVED), unsettled: this._open.size,
    };
  }

  private onTransition(device: string, t: SagaTransition): void {
    this._world.events.emit<SagaEvent>({
      type: 'saga', t: t.at - this._world.clock.now() + this._world.elapsed(), saga: t.sagaName, id: t.executionId, device,
      state: t.status, step: t.step,
    });
  }

  private onSettled(e: SagaExecution): void {
    this._byStatus.set(e.status, (this._byStatus.get(e.status) ?? 0) + 1);
    if (!this._open.delete(e.id)) this._early.add(e.id);
  }
}
