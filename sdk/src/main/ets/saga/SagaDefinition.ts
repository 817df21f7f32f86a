import { SagaStepKind } from './SagaStatus';
import { SagaStage, SagaStep } from './SagaStep';

/**
 * A named, versioned saga: ordered stages (single steps or parallel groups) of compensable steps,
 * at most one pivot, then retriable steps. Immutable; built and validated by
 * {@link SagaDefinitionBuilder}. Executions record the name and version, so a restarted node must
 * register the same version to recover them (keep old versions registered while executions of
 * them are open).
 */
export class SagaDefinition {
  readonly name: string;
  readonly version: number;
  readonly description: string;
  /** Whole-saga time limit in ms (from start to the commit point); undefined for none. */
  readonly timeoutMs: number | undefined;
  readonly stages: SagaStage[];
  /** Every step, in declaration order. */
  readonly steps: SagaStep[];
  /**
   * Index of the first stage that only goes forward (the one after the pivot, or the first
   * RETRIABLE stage); `stages.length` when every stage is compensable. Once the stages before it
   * have succeeded the saga is committed: no deadline, no cancellation, no compensation any more.
   */
  readonly commitStage: number;
  private readonly _byName: Map<string, SagaStep>;

  constructor(name: string, version: number, description: string, timeoutMs: number | undefined, stages: SagaStage[]) {
    this.name = name;
    this.version = version;
    this.description = description;
    this.timeoutMs = timeoutMs;
    this.stages = stages;
    const steps: SagaStep[] = [];
    const byName = new Map<string, SagaStep>();
    let commit = stages.length;
    for (const stage of stages) {
      for (const step of stage.steps) {
        steps.push(step);
        byName.set(step.name, step);
      }
      if (commit === stages.length) {
        if (stage.kind === SagaStepKind.PIVOT) {
          commit = stage.index + 1;
        } else if (stage.kind === SagaStepKind.RETRIABLE) {
          commit = stage.index;
        }
      }
    }
    this.steps = steps;
    this.commitStage = commit;
    this._byName = byName;
  }

  /** `<name>@<version>`: how executions refer to the definition. */
  get key(): string {
    return SagaDefinition.keyOf(this.name, this.version);
  }

  /** The pivot step, if the saga has one. */
  get pivot(): SagaStep | undefined {
    for (const s of this.steps) {
      if (s.kind === SagaStepKind.PIVOT) {
        return s;
      }
    }
    return undefined;
  }

  /** The step named `name`, or undefined. */
  step(name: string): SagaStep | undefined {
    return this._byName.get(name);
  }

  /** `<name>@<version>`. */
  static keyOf(name: string, version: number): string {
    return `${name}@${version}`;
  }
}
