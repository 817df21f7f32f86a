import { Disposable } from '../core/events/Disposable';
import { Listener } from '../core/events/EventEmitter';
import { ErrorCode } from '../core/errors/ErrorCode';
import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { MeshError } from '../core/errors/MeshError';
import { IdGenerator } from '../core/ids/IdGenerator';
import { JsonValue } from '../core/json/JsonValue';
import { MeshCallOptions } from '../mesh/MeshCallOptions';
import { MetricsPlugin } from '../mesh/plugins/MetricsPlugin';
import { TracingPlugin } from '../mesh/plugins/TracingPlugin';
import { Clock } from '../platform/Clock';
import { Logger } from '../platform/logging/Logger';
import { NoopLogger } from '../platform/logging/NoopLogger';
import { Random } from '../platform/Random';
import { KeyValueStore } from '../platform/store/KeyValueStore';
import { MeshRequest } from '../transport/MeshRequest';
import { MeshResponse } from '../transport/MeshResponse';
import { TransportClosedEvent } from '../transport/Transport';
import { SagaDefinition } from './SagaDefinition';
import { SagaExecution } from './SagaExecution';
import {
  MAX_SAGA_EXECUTION_ID_LENGTH, MAX_SAGA_IDEMPOTENCY_KEY_LENGTH, SagaOrchestratorOptions, SagaStartOptions
} from './SagaOrchestratorOptions';
import { SagaRecoveryReport } from './SagaRecoveryReport';
import { DEFAULT_SAGA_STEP_TIMEOUT_MS } from './SagaRetryOptions';
import { isFinalSagaStatus, isSettledSagaStatus, SagaStatus, SagaStepStatus, SAGA_STATUSES } from './SagaStatus';
import { SagaCallFunction } from './SagaStepContext';
import { SagaErrorInfo, SagaTransition, SagaTransitionType } from './SagaTransition';
import { SagaDefinitionError } from './errors/SagaDefinitionError';
import { SagaInvalidStateError } from './errors/SagaInvalidStateError';
import { SagaNotFoundError } from './errors/SagaNotFoundError';
import { ExecutionJournal } from './internal/ExecutionJournal';
import { ExecutionRunner } from './internal/ExecutionRunner';
import { ExecutionState } from './internal/ExecutionState';
import { SagaEngine, SagaEngineParts } from './internal/SagaEngine';
import { SagaLog } from './internal/SagaLog';

/** Someone waiting for an execution to settle. */
class SagaWaiter {
  readonly resolve: (execution: SagaExecution) => void;
  readonly reject: (error: Error) => void;

  constructor(resolve: (execution: SagaExecution) => void, reject: (error: Error) => void) {
    this.resolve = resolve;
    this.reject = reject;
  }
}

const stepNames = (def: SagaDefinition): string[] => {
  const names: string[] = [];
  for (const s of def.steps) {
    names.push(s.name);
  }
  return names;
};

const checkId = (value: string, field: string, max: number): void => {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new InvalidArgumentError(field, `must be a string of 1-${max} characters`);
  }
};

/**
 * Runs sagas on one node with the guarantees of a durable workflow engine. Every transition is
 * written to the saga log in the node's KeyValueStore before the orchestrator does what it
 * announces (run an attempt, compensate, finish), and each step gets an idempotency key
 * (`<executionId>/<step>`) that stays the same across retries, restarts and its compensation.
 * After a restart, `recover()` resumes unfinished executions: forward (re-running the interrupted
 * step) or compensation in reverse. A compensation that still fails after its retries leaves the
 * execution STUCK with an event, for an operator to `retry` or `resolve`: never silently half-done.
 *
 * @example
 * const sagas = new SagaOrchestrator({ node, definitions: [orderSaga], tracer });
 * await node.start();
 * await sagas.recover();                                   // resume what a crash interrupted
 * const id = await sagas.start(orderSaga, { 'sku': 'tv-55', 'qty': 1 } as Record<string, JsonValue>,
 *   { idempotencyKey: 'order-1042' });
 * const done = await sagas.wait(id);                       // COMPLETED, COMPENSATED or STUCK
 */
export class SagaOrchestrator {
  readonly clock: Clock;
  readonly store: KeyValueStore;
  readonly logger: Logger;
  private readonly _engine: SagaEngine;
  private readonly _log: SagaLog;
  private readonly _ids: IdGenerator;
  private readonly _definitions: Map<string, SagaDefinition> = new Map<string, SagaDefinition>();
  private readonly _runners: Map<string, ExecutionRunner> = new Map<string, ExecutionRunner>();
  private readonly _waiters: Map<string, SagaWaiter[]> = new Map<string, SagaWaiter[]>();
  private readonly _links: Map<string, Disposable> = new Map<string, Disposable>();
  private readonly _starting: Map<string, Promise<string>> = new Map<string, Promise<string>>();
  private _exclusive: Promise<void> = Promise.resolve();
  private _nodeLink: Disposable | undefined = undefined;

  /** Throws InvalidArgumentError naming the field when a required part is missing. */
  constructor(options: SagaOrchestratorOptions) {
    if (options === undefined || options === null) {
      throw new InvalidArgumentError('options', 'required');
    }
    const node = options.node;
    const clock: Clock | undefined = options.clock ?? node?.clock;
    const random: Random | undefined = options.random ?? node?.random;
    const store: KeyValueStore | undefined = options.store ?? node?.store;
    if (clock === undefined || clock === null) {
      throw new InvalidArgumentError('options.clock', 'required (or options.node)');
    }
    if (random === undefined || random === null) {
      throw new InvalidArgumentError('options.random', 'required (or options.node)');
    }
    if (store === undefined || store === null) {
      throw new InvalidArgumentError('options.store', 'required (or options.node)');
    }
    const timeout = options.stepTimeoutMs ?? DEFAULT_SAGA_STEP_TIMEOUT_MS;
    if (!Number.isFinite(timeout) || timeout <= 0) {
      throw new InvalidArgumentError('options.stepTimeoutMs', 'must be a finite number > 0');
    }
    const prefix = options.keyPrefix;
    if (prefix !== undefined && (typeof prefix !== 'string' || prefix.length === 0 || prefix.length > 256)) {
      throw new InvalidArgumentError('options.keyPrefix', 'must be a string of 1-256 characters');
    }
    this.clock = clock;
    this.store = store;
    this.logger = options.logger ?? node?.logger ?? new NoopLogger();
    this._log = new SagaLog(store, prefix);
    this._ids = new IdGenerator(random);
    const parts = new SagaEngineParts(clock, random, this._log, this.logger, timeout);
    let call: SagaCallFunction | undefined = options.call;
    if (call === undefined && node !== undefined) {
      call = (service: string, request: MeshRequest, o?: MeshCallOptions): Promise<MeshResponse> => node.call(service, request, o);
    }
    parts.call = call;
    parts.tracer = options.tracer;
    parts.metrics = options.metrics;
    if (node !== undefined) {
      // The node's standard plugins, when installed, give the tracer and the RED metrics.
      const tracing = node.plugin('tracing');
      if (parts.tracer === undefined && tracing instanceof TracingPlugin) {
        parts.tracer = tracing.tracer;
      }
      const metrics = node.plugin('metrics');
      if (parts.metrics === undefined && metrics instanceof MetricsPlugin) {
        parts.metrics = metrics.red;
      }
    }
    parts.stepRetry = options.stepRetry;
    parts.compensationRetry = options.compensationRetry;
    this._engine = new SagaEngine(parts);
    this._engine.onRunnerDone = (journal: ExecutionJournal, error: Error | undefined): void => {
      this.runnerDone(journal, error);
    };
    if (options.definitions !== undefined) {
      for (const d of options.definitions) {
        this.register(d);
      }
    }
    if (node !== undefined) {
      this._nodeLink = node.transport.onClosed((e: TransportClosedEvent): void => {
        this.halt();
      });
    }
  }

  /** True once halted (a crash of the node, its `stop()`, or `halt()`): nothing runs any more. */
  get halted(): boolean {
    return this._engine.halted;
  }

  /** Executions this orchestrator is driving right now. */
  get running(): number {
    return this._runners.size;
  }

  /** Ids of the executions this orchestrator is driving right now. */
  runningIds(): string[] {
    return Array.from(this._runners.keys());
  }

  /**
   * Registers a definition (by name and version). Registering the same object again is a no-op;
   * another object with the same name and version throws InvalidArgumentError.
   */
  register(definition: SagaDefinition): void {
    if (!(definition instanceof SagaDefinition)) {
      throw new InvalidArgumentError('definition', 'must be a SagaDefinition (built by SagaDefinitionBuilder)');
    }
    const existing = this._definitions.get(definition.key);
    if (existing !== undefined && existing !== definition) {
      throw new InvalidArgumentError('definition', `another definition ${definition.key} is registered`);
    }
    this._definitions.set(definition.key, definition);
  }

  /** The registered definition `name` (the highest version when `version` is omitted), or undefined. */
  definition(name: string, version?: number): SagaDefinition | undefined {
    if (version !== undefined) {
      return this._definitions.get(SagaDefinition.keyOf(name, version));
    }
    let best: SagaDefinition | undefined = undefined;
    for (const d of Array.from(this._definitions.values())) {
      if (d.name === name && (best === undefined || d.version > best.version)) {
        best = d;
      }
    }
    return best;
  }

  /** Every registered definition. */
  definitions(): SagaDefinition[] {
    return Array.from(this._definitions.values());
  }

  /** Every transition of every execution, once it is durable (the simulator's saga view, tests). */
  onTransition(listener: Listener<SagaTransition>): Disposable {
    return this._engine.transitions.on(listener);
  }

  /**
   * Executions becoming STUCK (their SAGA_STUCK transition): alert an operator. `recover()` tells
   * it again about every execution it finds STUCK, since an alert may have died with the process.
   */
  onStuck(listener: Listener<SagaTransition>): Disposable {
    return this._engine.stuck.on(listener);
  }

  /** Executions settling: COMPLETED, COMPENSATED, STUCK, or RESOLVED by an operator. */
  onSettled(listener: Listener<SagaExecution>): Disposable {
    return this._engine.settled.on(listener);
  }

  /**
   * Starts an execution of `definition` (registering it) with `input` and resolves with its id
   * once the start is durable; the execution then runs in the background (see `wait`).
   *
   * @throws InvalidArgumentError for an input that is not JSON, a bad option, or an idempotency
   *   key already used by another saga; MeshError `ERR_STOPPED` when halted; `ERR_STORE` when the
   *   log cannot be written.
   */
  async start(definition: SagaDefinition, input: JsonValue, options?: SagaStartOptions): Promise<string> {
    this.checkUsable();
    this.register(definition);
    const normalized = this.normalizeInput(input);
    const key = options?.idempotencyKey;
    if (key === undefined) {
      return this.create(definition, normalized, undefined, options);
    }
    checkId(key, 'options.idempotencyKey', MAX_SAGA_IDEMPOTENCY_KEY_LENGTH);
    const pending = this._starting.get(key);
    if (pending !== undefined) {
      return pending;
    }
    const started = this.startOnce(definition, normalized, key, options);
    this._starting.set(key, started);
    try {
      return await started;
    } finally {
      this._starting.delete(key);
    }
  }

  /**
   * `start`, then `wait`: resolves with the settled execution.
   *
   * @throws the errors of `start` and `wait`.
   */
  async run(definition: SagaDefinition, input: JsonValue, options?: SagaStartOptions): Promise<SagaExecution> {
    const id = await this.start(definition, input, options);
    return this.wait(id);
  }

  /**
   * Resolves with the execution (and its history) once it is settled: COMPLETED, COMPENSATED,
   * STUCK or RESOLVED (at once when it already is). Rejects with `ERR_SAGA_NOT_FOUND` for an
   * unknown id, and with `ERR_STOPPED`/`ERR_STORE` when the orchestrator halts or cannot write the
   * log before it settles (and at once when already halted). An open execution that is not
   * running (before `recover()`) settles when it is recovered.
   *
   * @throws MeshError `ERR_STOPPED` when halted.
   */
  async wait(id: string): Promise<SagaExecution> {
    this.checkUsable();
    const pending = new Promise<SagaExecution>((resolve: (e: SagaExecution) => void, reject: (e: Error) => void): void => {
      let list = this._waiters.get(id);
      if (list === undefined) {
        list = [];
        this._waiters.set(id, list);
      }
      list.push(new SagaWaiter(resolve, reject));
    });
    if (!this._runners.has(id)) {
      const state = await this.loadOrThrow(id).catch((e: Error): ExecutionState | undefined => {
        this.settleWaiters(id, undefined, e);
        return undefined;
      });
      if (state !== undefined && isSettledSagaStatus(state.status) && !this._runners.has(id)) {
        this.settleWaiters(id, state, undefined);
      }
    }
    return pending;
  }

  /**
   * Resumes every unfinished execution in the log: RUNNING ones forward (the interrupted step is
   * run again with its idempotency key), COMPENSATING ones in reverse. Call it after `node.start()`
   * and after registering the definitions. Executions of unregistered definition versions become
   * STUCK (`ERR_SAGA_DEFINITION`); STUCK ones are left for an operator. Safe to call again (after
   * a store failure): executions already running are skipped.
   */
  recover(): Promise<SagaRecoveryReport> {
    return this.exclusive<SagaRecoveryReport>((): Promise<SagaRecoveryReport> => this.recoverAll());
  }

  /** The execution with its step states and full history, or undefined. Throws `ERR_STORE` when its record is corrupt. */
  async get(id: string): Promise<SagaExecution | undefined> {
    const state = await this._log.load(id);
    if (state === undefined) {
      return undefined;
    }
    const history = await this._log.history(id, state.sagaName, state.sagaVersion);
    return new SagaExecution(state, history);
  }

  /** The execution's history, oldest first; throws `ERR_SAGA_NOT_FOUND` for an unknown id. */
  async history(id: string): Promise<SagaTransition[]> {
    const state = await this.loadOrThrow(id);
    return this._log.history(id, state.sagaName, state.sagaVersion);
  }

  /**
   * Executions with `status` (every execution when omitted), in id order, at most `limit`,
   * without their history. Corrupt records are skipped (and logged).
   */
  async list(status?: SagaStatus, limit?: number): Promise<SagaExecution[]> {
    if (status !== undefined && SAGA_STATUSES.indexOf(status) < 0) {
      throw new InvalidArgumentError('status', `unknown saga status ${String(status)}`);
    }
    const ids = status === undefined ? await this._log.allIds() : await this._log.idsByStatus(status);
    const max = limit ?? Number.POSITIVE_INFINITY;
    const out: SagaExecution[] = [];
    for (const id of ids) {
      if (out.length >= max) {
        break;
      }
      try {
        const state = await this._log.load(id);
        if (state !== undefined) {
          out.push(new SagaExecution(state, []));
        }
      } catch (e) {
        this.logger.warn('unreadable saga record skipped', { 'execution': id, 'error': (e as Error).message });
      }
    }
    return out;
  }

  /** How many executions have each status (from the log's status index). */
  async counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const s of SAGA_STATUSES) {
      out[s] = (await this._log.idsByStatus(s)).length;
    }
    return out;
  }

  /**
   * Cancels an execution: it compensates what it did (`ERR_SAGA_CANCELLED`). Resolves true when
   * the request was recorded; false when the execution is not running forward or has reached its
   * commit point (the pivot succeeded), or was cancelled already. A request recorded just before
   * the pivot succeeds loses the race: the saga completes. Cancelling an execution this
   * orchestrator is not running (before `recover()`) records the request; recovery compensates.
   */
  async cancel(id: string, reason?: string): Promise<boolean> {
    this.checkUsable();
    const why = reason ?? 'cancelled by the caller';
    const runner = this._runners.get(id);
    if (runner !== undefined) {
      return runner.requestCancel(why);
    }
    return this.exclusive<boolean>(async (): Promise<boolean> => {
      const active = this._runners.get(id);
      if (active !== undefined) {
        return active.requestCancel(why);
      }
      const state = await this.loadOrThrow(id);
      if (state.status !== SagaStatus.RUNNING || state.committed || state.cancelRequested) {
        return false;
      }
      state.cancelRequested = true;
      state.cancelReason = why;
      await new ExecutionJournal(this._engine, state, state.status).record(SagaTransitionType.CANCEL_REQUESTED, undefined,
        undefined, undefined, undefined, why);
      return true;
    });
  }

  /**
   * Operator: resumes a STUCK execution where it got stuck: compensation in reverse (failed
   * compensations run again with fresh retries) or, after the commit point, forward (the failed
   * step runs again). `note` is kept in the history.
   *
   * @throws SagaNotFoundError; SagaInvalidStateError when it is not STUCK; SagaDefinitionError when
   *   its definition version is not registered (register it, then retry).
   */
  async retry(id: string, note?: string): Promise<void> {
    this.checkUsable();
    return this.exclusive<void>(async (): Promise<void> => {
      const state = await this.stuckState(id);
      const def = this.definitionFor(state);
      if (def === undefined) {
        throw new SagaDefinitionError('definition', `${SagaDefinition.keyOf(state.sagaName, state.sagaVersion)} is not registered or has other steps`);
      }
      const phase = state.stuckPhase === SagaStatus.RUNNING ? SagaStatus.RUNNING : SagaStatus.COMPENSATING;
      if (phase === SagaStatus.RUNNING) {
        for (const r of state.steps) {
          if (r.status === SagaStepStatus.FAILED) {
            r.status = SagaStepStatus.PENDING;
          }
        }
      }
      state.status = phase;
      state.finishedAt = undefined;
      state.stuckError = undefined;
      state.stuckStep = undefined;
      state.stuckPhase = undefined;
      state.note = note;
      const journal = new ExecutionJournal(this._engine, state, SagaStatus.STUCK,
        await this._log.history(id, state.sagaName, state.sagaVersion));
      const runner = new ExecutionRunner(this._engine, def, journal);
      runner.openSpan(undefined, true);
      this._runners.set(id, runner);
      try {
        await journal.record(SagaTransitionType.SAGA_RETRIED, undefined, undefined, undefined, undefined, note);
      } catch (e) {
        this._runners.delete(id);
        throw e as Error;
      }
      runner.start();
    });
  }

  /**
   * Operator: marks a STUCK execution RESOLVED (handled by hand). `note` says what was done.
   *
   * @throws SagaNotFoundError; SagaInvalidStateError when it is not STUCK; InvalidArgumentError for an empty note.
   */
  async resolve(id: string, note: string): Promise<void> {
    this.checkUsable();
    if (typeof note !== 'string' || note.length === 0 || note.length > 4096) {
      throw new InvalidArgumentError('note', 'must say what was done (1-4096 characters)');
    }
    return this.exclusive<void>(async (): Promise<void> => {
      const state = await this.stuckState(id);
      state.status = SagaStatus.RESOLVED;
      state.note = note;
      state.finishedAt = this.clock.now();
      const journal = new ExecutionJournal(this._engine, state, SagaStatus.STUCK,
        await this._log.history(id, state.sagaName, state.sagaVersion));
      await journal.record(SagaTransitionType.SAGA_RESOLVED, state.stuckStep, undefined, undefined, undefined, note);
      this.settled(state, journal.history);
    });
  }

  /** Deletes a final execution (COMPLETED, COMPENSATED, RESOLVED) from the log; false when absent or not final. */
  forget(id: string): Promise<boolean> {
    return this.exclusive<boolean>((): Promise<boolean> => this._log.remove(id));
  }

  /**
   * Stops everything now, as a crash would: nothing more is logged, attempts and retry sleeps are
   * cancelled, waiters reject with `ERR_STOPPED`. The log keeps the executions; a new
   * orchestrator's `recover()` resumes them. Called automatically when the node's transport closes.
   */
  halt(): void {
    if (this._engine.halted) {
      return;
    }
    this._engine.halt();
    const link = this._nodeLink;
    if (link !== undefined) {
      this._nodeLink = undefined;
      link.dispose();
    }
    this._links.forEach((d: Disposable): void => d.dispose());
    this._links.clear();
    const stopped = new MeshError(ErrorCode.STOPPED, 'saga orchestrator stopped') as Error;
    const ids = Array.from(this._waiters.keys());
    for (const id of ids) {
      this.settleWaiters(id, undefined, stopped);
    }
  }

  private async startOnce(def: SagaDefinition, input: JsonValue, key: string, options?: SagaStartOptions): Promise<string> {
    const existing = await this._log.findByIdempotencyKey(key);
    if (existing !== undefined) {
      const state = await this._log.load(existing);
      if (state !== undefined && state.sagaName !== def.name) {
        throw new InvalidArgumentError('options.idempotencyKey', `already used by saga ${state.sagaName}`);
      }
      return existing;
    }
    return this.create(def, input, key, options);
  }

  private async create(def: SagaDefinition, input: JsonValue, key: string | undefined, options?: SagaStartOptions): Promise<string> {
    let id = options?.executionId;
    if (id !== undefined) {
      checkId(id, 'options.executionId', MAX_SAGA_EXECUTION_ID_LENGTH);
      if (id.indexOf('/') >= 0) {
        throw new InvalidArgumentError('options.executionId', 'must not contain /');
      }
      if (this._runners.has(id) || (await this._log.load(id)) !== undefined) {
        throw new InvalidArgumentError('options.executionId', `execution ${id} already exists`);
      }
    } else {
      id = this._ids.uuid();
    }
    const timeout = options?.timeoutMs ?? def.timeoutMs;
    if (timeout !== undefined && (!Number.isFinite(timeout) || timeout <= 0)) {
      throw new InvalidArgumentError('options.timeoutMs', 'must be a finite number > 0');
    }
    const now = this.clock.now();
    const state = new ExecutionState(id, def.name, def.version, input, key, now, stepNames(def));
    state.deadline = timeout === undefined ? undefined : now + timeout;
    const journal = new ExecutionJournal(this._engine, state, undefined, []);
    const runner = new ExecutionRunner(this._engine, def, journal);
    runner.openSpan(options?.parent, false);
    this._runners.set(id, runner);
    try {
      await journal.record(SagaTransitionType.SAGA_STARTED);
    } catch (e) {
      this._runners.delete(id);
      throw e as Error;
    }
    const token = options?.token;
    if (token !== undefined) {
      const executionId = id;
      this._links.set(id, token.onCancelled((reason: Error): void => {
        this.cancel(executionId, reason.message).catch((err: Error): void => {
          this.logger.warn('saga cancellation not recorded', { 'execution': executionId, 'error': err.message });
        });
      }));
    }
    runner.start();
    return id;
  }

  private async recoverAll(): Promise<SagaRecoveryReport> {
    this.checkUsable();
    const report = new SagaRecoveryReport();
    for (const id of await this._log.openIds()) {
      if (this._runners.has(id)) {
        report.running.push(id);
        continue;
      }
      let state: ExecutionState | undefined = undefined;
      try {
        state = await this._log.load(id);
      } catch (e) {
        this.logger.error('corrupt saga record left untouched', { 'execution': id, 'error': (e as Error).message });
      }
      if (state === undefined || isFinalSagaStatus(state.status)) {
        report.corrupt.push(id);
        continue;
      }
      if (state.status === SagaStatus.STUCK) {
        report.stuck.push(id);
        await this.announceStuck(state);
        continue;
      }
      const journal = new ExecutionJournal(this._engine, state, state.status,
        await this._log.history(id, state.sagaName, state.sagaVersion));
      const def = this.definitionFor(state);
      if (def === undefined) {
        const error = new SagaDefinitionError('definition',
          `${SagaDefinition.keyOf(state.sagaName, state.sagaVersion)} is not registered (or has other steps); register it and retry`);
        state.stuckPhase = state.status;
        state.status = SagaStatus.STUCK;
        state.stuckError = SagaErrorInfo.of(error as Error);
        state.finishedAt = this.clock.now();
        await journal.record(SagaTransitionType.SAGA_STUCK, undefined, undefined, state.stuckError);
        report.unknownDefinition.push(id);
        this.settled(state, journal.history);
        continue;
      }
      const runner = new ExecutionRunner(this._engine, def, journal);
      runner.openSpan(undefined, true);
      this._runners.set(id, runner);
      const resumed = state.status;
      try {
        await journal.record(SagaTransitionType.SAGA_RECOVERED, undefined, undefined, undefined, undefined, `resumed ${resumed}`);
      } catch (e) {
        this._runners.delete(id);
        throw e as Error;
      }
      if (resumed === SagaStatus.RUNNING) {
        report.resumed.push(id);
      } else {
        report.compensating.push(id);
      }
      runner.start();
    }
    return report;
  }

  /** Tells `onStuck` listeners again about an execution found STUCK (the alert may have died with the last process). */
  private async announceStuck(state: ExecutionState): Promise<void> {
    if (this._engine.stuck.size === 0) {
      return;
    }
    const history = await this._log.history(state.id, state.sagaName, state.sagaVersion);
    for (let i = history.length - 1; i >= 0; i--) {
      if (history[i].type === SagaTransitionType.SAGA_STUCK) {
        this._engine.stuck.emit(history[i]);
        return;
      }
    }
  }

  private definitionFor(state: ExecutionState): SagaDefinition | undefined {
    const def = this._definitions.get(SagaDefinition.keyOf(state.sagaName, state.sagaVersion));
    return def !== undefined && state.hasSteps(stepNames(def)) ? def : undefined;
  }

  private async stuckState(id: string): Promise<ExecutionState> {
    const state = await this.loadOrThrow(id);
    if (this._runners.has(id) || state.status !== SagaStatus.STUCK) {
      throw new SagaInvalidStateError(id, state.status, 'only a STUCK execution can be retried or resolved');
    }
    return state;
  }

  private async loadOrThrow(id: string): Promise<ExecutionState> {
    const state = await this._log.load(id);
    if (state === undefined) {
      throw new SagaNotFoundError(id);
    }
    return state;
  }

  private runnerDone(journal: ExecutionJournal, error: Error | undefined): void {
    const state = journal.state;
    this._runners.delete(state.id);
    const link = this._links.get(state.id);
    if (link !== undefined && (error !== undefined || isSettledSagaStatus(state.status))) {
      this._links.delete(state.id);
      link.dispose();
    }
    if (error !== undefined) {
      this.settleWaiters(state.id, undefined, error);
      return;
    }
    this.settled(state, journal.history);
  }

  /** Telemetry, the settled event and the waiters of a settled execution. */
  private settled(state: ExecutionState, history: SagaTransition[] | undefined): void {
    const metrics = this._engine.metrics;
    if (metrics !== undefined) {
      metrics.recordSaga({ saga: state.sagaName, outcome: state.status, durationMs: (state.finishedAt ?? this.clock.now()) - state.createdAt });
    }
    if (this._engine.settled.size > 0) {
      this._engine.settled.emit(new SagaExecution(state, []));
    }
    this.settleWaiters(state.id, state, undefined, history);
  }

  private settleWaiters(id: string, state: ExecutionState | undefined, error: Error | undefined,
    history?: SagaTransition[]): void {
    const list = this._waiters.get(id);
    if (list === undefined) {
      return;
    }
    this._waiters.delete(id);
    if (error !== undefined || state === undefined) {
      const e = error ?? new SagaNotFoundError(id);
      for (const w of list) {
        w.reject(e);
      }
      return;
    }
    if (history !== undefined) {
      const execution = new SagaExecution(state, history.slice());
      for (const w of list) {
        w.resolve(execution);
      }
      return;
    }
    // Waiters get the history too: read it back from the log (it is durable by now).
    this._log.history(id, state.sagaName, state.sagaVersion).then((history: SagaTransition[]): void => {
      const execution = new SagaExecution(state, history);
      for (const w of list) {
        w.resolve(execution);
      }
    }, (e: Error): void => {
      const execution = new SagaExecution(state, []);
      for (const w of list) {
        w.resolve(execution);
      }
    });
  }

  private normalizeInput(input: JsonValue): JsonValue {
    if (input === undefined) {
      return null;
    }
    let text: string | undefined;
    try {
      text = JSON.stringify(input);
    } catch (e) {
      throw new InvalidArgumentError('input', 'must be JSON-serializable');
    }
    return text === undefined ? null : JSON.parse(text) as JsonValue;
  }

  private checkUsable(): void {
    if (this._engine.halted) {
      throw new MeshError(ErrorCode.STOPPED, 'saga orchestrator stopped');
    }
  }

  /** Runs operations that touch executions nobody is driving one at a time (recover, retry, resolve, ...). */
  private exclusive<T>(op: () => Promise<T>): Promise<T> {
    const run = this._exclusive.then((): Promise<T> => op());
    this._exclusive = run.then((v: T): void => {}, (e: Error): void => {});
    return run;
  }
}
