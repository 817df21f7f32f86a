import { SagaAction } from './SagaAction';
import { SagaRetryOptions } from './SagaRetryOptions';
import { SagaStepKind } from './SagaStatus';

/** One step as a definition declares it. */
export interface SagaStepSpec {
  /** Unique within the saga (1-128 characters); names the step's output in the context. */
  name: string;
  /** What the step does. */
  action: SagaAction;
  /**
   * How to undo it. Compensable steps without one have nothing to undo (a read, a validation).
   * A pivot's compensation only runs when the pivot itself failed (its outcome may be unknown);
   * steps after the pivot cannot have one.
   */
  compensation?: SagaAction;
  /** Default: COMPENSABLE before the pivot, RETRIABLE after it ({@link SagaDefinitionBuilder.pivot} sets PIVOT). */
  kind?: SagaStepKind;
  /** Retries of the action (defaults: {@link SagaRetryOptions}). */
  retry?: SagaRetryOptions;
  /** Time limit of one attempt in ms. Default: the definition's, else {@link DEFAULT_SAGA_STEP_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Retries of the compensation (defaults: {@link SagaRetryOptions}). */
  compensationRetry?: SagaRetryOptions;
  /** Time limit of one compensation attempt in ms. Default: like `timeoutMs`. */
  compensationTimeoutMs?: number;
  /** Free text for logs and the simulator. */
  description?: string;
}

/** A step of a built {@link SagaDefinition}: the spec with its kind and position resolved. */
export class SagaStep {
  readonly name: string;
  readonly kind: SagaStepKind;
  readonly action: SagaAction;
  readonly compensation: SagaAction | undefined;
  readonly retry: SagaRetryOptions | undefined;
  readonly timeoutMs: number | undefined;
  readonly compensationRetry: SagaRetryOptions | undefined;
  readonly compensationTimeoutMs: number | undefined;
  readonly description: string;
  /** Index of the stage (sequential step or parallel group) the step belongs to. */
  readonly stage: number;
  /** Position among all steps of the definition, from 0. */
  readonly index: number;

  constructor(spec: SagaStepSpec, kind: SagaStepKind, stage: number, index: number, retry: SagaRetryOptions | undefined,
    timeoutMs: number | undefined, compensationRetry: SagaRetryOptions | undefined, compensationTimeoutMs: number | undefined) {
    this.name = spec.name;
    this.kind = kind;
    this.action = spec.action;
    this.compensation = spec.compensation;
    this.retry = retry;
    this.timeoutMs = timeoutMs;
    this.compensationRetry = compensationRetry;
    this.compensationTimeoutMs = compensationTimeoutMs;
    this.description = spec.description ?? spec.action.description;
    this.stage = stage;
    this.index = index;
  }

  /** True when the step has a compensation. */
  get compensable(): boolean {
    return this.compensation !== undefined;
  }
}

/** A stage of a definition: one step, or a group of steps that run in parallel. */
export class SagaStage {
  readonly index: number;
  readonly steps: SagaStep[];
  /** True for a parallel group (declared with `parallel`, even of one step). */
  readonly parallel: boolean;
  /** The kind shared by every step of the stage. */
  readonly kind: SagaStepKind;

  constructor(index: number, steps: SagaStep[], parallel: boolean, kind: SagaStepKind) {
    this.index = index;
    this.steps = steps;
    this.parallel = parallel;
    this.kind = kind;
  }
}
