import { SagaAction } from './SagaAction';
import { SagaDefinition } from './SagaDefinition';
import { SagaRetryOptions } from './SagaRetryOptions';
import { SagaStepKind } from './SagaStatus';
import { SagaStage, SagaStep, SagaStepSpec } from './SagaStep';
import { SagaDefinitionError } from './errors/SagaDefinitionError';

/** Defaults for every step of a definition (a step's own settings win). */
export interface SagaStepDefaults {
  retry?: SagaRetryOptions;
  timeoutMs?: number;
  compensationRetry?: SagaRetryOptions;
  compensationTimeoutMs?: number;
}

/** Longest saga or step name. */
export const MAX_SAGA_NAME_LENGTH = 128;

class StageSpec {
  readonly specs: SagaStepSpec[];
  readonly parallel: boolean;
  readonly pivot: boolean;

  constructor(specs: SagaStepSpec[], parallel: boolean, pivot: boolean) {
    this.specs = specs;
    this.parallel = parallel;
    this.pivot = pivot;
  }
}

const checkName = (value: string, field: string): void => {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SAGA_NAME_LENGTH) {
    throw new SagaDefinitionError(field, `must be a string of 1-${MAX_SAGA_NAME_LENGTH} characters`);
  }
};

const checkTimeout = (value: number | undefined, field: string): void => {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)) {
    throw new SagaDefinitionError(field, 'must be a finite number of ms > 0');
  }
};

const checkRetry = (retry: SagaRetryOptions | undefined, field: string): void => {
  if (retry === undefined) {
    return;
  }
  const n = retry.maxAttempts;
  if (n !== undefined && (!Number.isSafeInteger(n) || n < 1)) {
    throw new SagaDefinitionError(`${field}.maxAttempts`, 'must be an integer >= 1');
  }
  if (retry.retryOn !== undefined && typeof retry.retryOn !== 'function') {
    throw new SagaDefinitionError(`${field}.retryOn`, 'must be a function');
  }
};

const checkAction = (action: SagaAction | undefined, field: string, required: boolean): void => {
  if (action === undefined || action === null) {
    if (required) {
      throw new SagaDefinitionError(field, 'is required');
    }
    return;
  }
  if (!(action instanceof SagaAction)) {
    throw new SagaDefinitionError(field, 'must be a SagaAction (SagaAction.local or SagaAction.call)');
  }
};

/**
 * Builds a {@link SagaDefinition}: steps run in declaration order; `parallel` declares a group
 * whose steps run together; `pivot` marks the point of no return, and steps declared after it
 * are RETRIABLE (forward only). `build()` validates everything and throws
 * {@link SagaDefinitionError} (`ERR_SAGA_DEFINITION`) naming the field.
 *
 * @example
 * const order = new SagaDefinitionBuilder('order', 1)
 *   .step({ name: 'reserve-stock', action: SagaAction.call('inventory', { path: '/reserve' }),
 *     compensation: SagaAction.call('inventory', { path: '/release' }) })
 *   .pivot({ name: 'charge-card', action: SagaAction.call('payment', { path: '/charge' }),
 *     compensation: SagaAction.call('payment', { path: '/refund' }) })
 *   .step({ name: 'ship', action: SagaAction.call('shipping', { path: '/ship' }) })
 *   .timeout(60000)
 *   .build();
 */
export class SagaDefinitionBuilder {
  private readonly _name: string;
  private readonly _version: number;
  private _description: string = '';
  private _timeoutMs: number | undefined = undefined;
  private _defaults: SagaStepDefaults | undefined = undefined;
  private readonly _stages: StageSpec[] = [];

  /** A builder for saga `name`, version `version` (a positive integer, default 1). */
  constructor(name: string, version?: number) {
    this._name = name;
    this._version = version ?? 1;
  }

  /** Adds a step that runs after the previous ones. */
  step(spec: SagaStepSpec): SagaDefinitionBuilder {
    this._stages.push(new StageSpec([spec], false, false));
    return this;
  }

  /** Adds the pivot: once it succeeds the saga is committed and only goes forward. */
  pivot(spec: SagaStepSpec): SagaDefinitionBuilder {
    this._stages.push(new StageSpec([spec], false, true));
    return this;
  }

  /** Adds a group of steps that run in parallel (all compensable, or all after the pivot). */
  parallel(specs: SagaStepSpec[]): SagaDefinitionBuilder {
    this._stages.push(new StageSpec(Array.isArray(specs) ? specs.slice() : [], true, false));
    return this;
  }

  /** Whole-saga time limit in ms: past it an uncommitted execution compensates. Default: none. */
  timeout(ms: number): SagaDefinitionBuilder {
    this._timeoutMs = ms;
    return this;
  }

  /** Defaults for every step. */
  defaults(defaults: SagaStepDefaults): SagaDefinitionBuilder {
    this._defaults = defaults;
    return this;
  }

  /** Free text for logs and the simulator. */
  describe(text: string): SagaDefinitionBuilder {
    this._description = text;
    return this;
  }

  /** Validates and builds the definition. */
  build(): SagaDefinition {
    checkName(this._name, 'name');
    if (!Number.isSafeInteger(this._version) || this._version < 1) {
      throw new SagaDefinitionError('version', 'must be an integer >= 1');
    }
    checkTimeout(this._timeoutMs, 'timeoutMs');
    const d = this._defaults;
    if (d !== undefined) {
      checkRetry(d.retry, 'defaults.retry');
      checkRetry(d.compensationRetry, 'defaults.compensationRetry');
      checkTimeout(d.timeoutMs, 'defaults.timeoutMs');
      checkTimeout(d.compensationTimeoutMs, 'defaults.compensationTimeoutMs');
    }
    if (this._stages.length === 0) {
      throw new SagaDefinitionError('steps', 'a saga needs at least one step');
    }
    const names = new Set<string>();
    const stages: SagaStage[] = [];
    let index = 0;
    let phase = SagaStepKind.COMPENSABLE;
    for (let si = 0; si < this._stages.length; si++) {
      const stage = this._stages[si];
      if (stage.specs.length === 0) {
        throw new SagaDefinitionError(`steps[${index}]`, 'a parallel group needs at least one step');
      }
      const steps: SagaStep[] = [];
      let stageKind: SagaStepKind | undefined = undefined;
      for (const spec of stage.specs) {
        const field = `steps[${index}]`;
        const kind = this.kindOf(spec, stage, phase, field);
        if (stageKind !== undefined && stageKind !== kind) {
          throw new SagaDefinitionError(`${field}.kind`, 'the steps of a parallel group must all be compensable or all retriable');
        }
        stageKind = kind;
        steps.push(this.resolve(spec, kind, si, index, field, names));
        index++;
      }
      const resolvedKind = stageKind as SagaStepKind;
      phase = resolvedKind === SagaStepKind.COMPENSABLE ? SagaStepKind.COMPENSABLE : SagaStepKind.RETRIABLE;
      stages.push(new SagaStage(si, steps, stage.parallel, resolvedKind));
    }
    return new SagaDefinition(this._name, this._version, this._description, this._timeoutMs, stages);
  }

  private kindOf(spec: SagaStepSpec, stage: StageSpec, phase: SagaStepKind, field: string): SagaStepKind {
    if (spec === undefined || spec === null) {
      throw new SagaDefinitionError(field, 'is required');
    }
    let kind = spec.kind;
    if (stage.pivot) {
      if (kind !== undefined && kind !== SagaStepKind.PIVOT) {
        throw new SagaDefinitionError(`${field}.kind`, 'pivot() declares a PIVOT step');
      }
      kind = SagaStepKind.PIVOT;
    }
    if (kind === undefined) {
      kind = phase;
    }
    if (kind === SagaStepKind.PIVOT) {
      if (stage.parallel) {
        throw new SagaDefinitionError(`${field}.kind`, 'the pivot cannot be part of a parallel group');
      }
      if (phase !== SagaStepKind.COMPENSABLE) {
        throw new SagaDefinitionError(`${field}.kind`, 'a saga has at most one pivot, before every retriable step');
      }
    } else if (kind === SagaStepKind.COMPENSABLE && phase !== SagaStepKind.COMPENSABLE) {
      throw new SagaDefinitionError(`${field}.kind`, 'a compensable step cannot follow the pivot or a retriable step');
    } else if (kind !== SagaStepKind.COMPENSABLE && kind !== SagaStepKind.RETRIABLE) {
      throw new SagaDefinitionError(`${field}.kind`, `unknown kind ${String(kind)}`);
    }
    return kind;
  }

  private resolve(spec: SagaStepSpec, kind: SagaStepKind, stage: number, index: number, field: string,
    names: Set<string>): SagaStep {
    checkName(spec.name, `${field}.name`);
    if (names.has(spec.name)) {
      throw new SagaDefinitionError(`${field}.name`, `duplicate step name "${spec.name}"`);
    }
    names.add(spec.name);
    checkAction(spec.action, `${field}.action`, true);
    checkAction(spec.compensation, `${field}.compensation`, false);
    if (kind === SagaStepKind.RETRIABLE && spec.compensation !== undefined) {
      throw new SagaDefinitionError(`${field}.compensation`, 'a step after the pivot is never compensated');
    }
    checkRetry(spec.retry, `${field}.retry`);
    checkRetry(spec.compensationRetry, `${field}.compensationRetry`);
    checkTimeout(spec.timeoutMs, `${field}.timeoutMs`);
    checkTimeout(spec.compensationTimeoutMs, `${field}.compensationTimeoutMs`);
    const d = this._defaults;
    const timeoutMs = spec.timeoutMs ?? d?.timeoutMs;
    return new SagaStep(spec, kind, stage, index, spec.retry ?? d?.retry, timeoutMs, spec.compensationRetry ?? d?.compensationRetry,
      spec.compensationTimeoutMs ?? d?.compensationTimeoutMs ?? timeoutMs);
  }
}
